/**
 * Logs what went wrong on the server. A failed database statement is logged as
 * its SQL and the database's reason, never with the values it carried
 * (addresses, codes, what someone wrote), which drizzle puts in its message.
 */
export function logServerError(error: unknown): void {
  if (error instanceof Error && error.message.startsWith("Failed query:") && error.cause instanceof Error) {
    console.error(`${error.name}: ${error.message.split("\n")[0]} (${error.cause.name}: ${error.cause.message})`);
    return;
  }
  console.error(error);
}
