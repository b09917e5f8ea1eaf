import { log } from "#app/lib/log.server";

/** An error as the log keeps it. */
type LoggedError = { type: string; message: string; code?: string; stack?: string; cause?: LoggedError };

/**
 * Logs what went wrong on the server, with the id of the request it happened
 * in when that is known (`context`: a loader's or action's, or app/server.js's
 * `res.locals`). A failed database statement is logged as its SQL and the
 * database's reason, never with the values it carried (addresses, codes, what
 * someone wrote), which drizzle puts in its message; a stack is kept as its
 * frames only, as its first line repeats the message.
 */
export function logServerError(error: unknown, context: { requestId?: string } = {}): void {
  const logged = loggedError(error);
  // Not under pino's `err`, whose serializer would add each cause's message and stack back.
  log.error({ requestId: context.requestId, error: logged }, `${logged.type}: ${logged.message}`);
}

function loggedError(error: unknown, depth = 0): LoggedError {
  if (!(error instanceof Error)) {
    // Whatever it holds could be anything someone sent.
    return { type: error === null ? "null" : typeof error, message: "something that is not an Error was thrown" };
  }
  const reason = error.message.startsWith("Failed query:") && error.cause instanceof Error ? error.cause : undefined;
  const message = reason ? `${error.message.split("\n")[0]} (${reason.name}: ${reason.message})` : error.message;
  const code = (error as { code?: unknown }).code;
  const frames = error.stack
    ?.split("\n")
    .filter((line) => /^\s+at /.test(line))
    .join("\n");
  return {
    type: error.name,
    message,
    ...(typeof code === "string" ? { code } : {}),
    ...(frames ? { stack: frames } : {}),
    ...(!reason && error.cause !== undefined && depth < 3 ? { cause: loggedError(error.cause, depth + 1) } : {}),
  };
}
