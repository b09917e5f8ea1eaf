import { redirect, type AppLoadContext } from "@remix-run/node";
import { languageFor } from "#app/i18n/i18n.server";
import { codeRefusedMessage, emailForm } from "#app/services/sign-in-forms.server";
import type { CodeRequest, CodeRequested } from "#app/services/sign-in.server";
import { invalid, readForm, validateForm } from "./form.server";
import type { SessionEnded } from "./session.server";

/** Why someone is back at a sign-in page, as the address a sign-out or a time-out sends them to says. */
export function sessionEnded(url: URL): SessionEnded | null {
  if (url.searchParams.get("signedOut") === "1") return "signedOut";
  return url.searchParams.get("timedOut") === "1" ? "timedOut" : null;
}

/** How one area (the residents', the staff's) sends a code and remembers whom it sent it for. */
export type CodeSender = {
  send: (request: CodeRequest) => Promise<CodeRequested>;
  /** The sign-in this browser began before, which a new code replaces. */
  replacing: string | null;
  cookie: (token: string) => string;
  /** The page that asks for the code. */
  next: string;
};

/**
 * The answer to an email address posted to a sign-in page: on to the page that
 * asks for the code sent, or the page again saying why no code was sent.
 */
export async function askForCode(request: Request, context: AppLoadContext, { send, replacing, cookie, next }: CodeSender) {
  const result = validateForm(emailForm, await readForm(request));
  if (!result.ok) return invalid(context, result);
  const sent = await send({
    email: result.data.email,
    ip: context.clientIp,
    language: languageFor(request),
    returnTo: new URL(request.url).searchParams.get("returnTo"),
    replacing,
  });
  if (!sent.ok) return invalid(context, { errors: [{ field: "email", message: codeRefusedMessage(sent.reason) }], values: result.values }, 429);
  return redirect(next, { headers: { "Set-Cookie": cookie(sent.token) } });
}
