/**
 * Signing a member of the council's staff in to the staff area the way they
 * do: the staff sign-in page, the code from the email, and the staff session
 * cookie the server then sets.
 */
import { HttpClient, type Browser, type Language } from "#tests/support/http-client";
import { signInCodeFrom, type ServerWithMail } from "#tests/support/sign-in";

/** The staff area's cookies, as the demo (http) names them. */
export const STAFF_COOKIE = "staff";
export const STAFF_SIGN_IN_COOKIE = "staff-signin";

/**
 * A browser of its own signed in to the staff area as `email` (which must be
 * in the server's ADMIN_EMAILS), through POST /staff/sign-in and POST
 * /staff/sign-in/check-email; `lang` its language if given.
 */
export async function staffSignedIn(server: ServerWithMail, email: string, lang?: Language): Promise<Browser> {
  const staff = new HttpClient(server.url).browser({ lang });
  const since = server.mail.received.length;
  const asked = await staff.post("/staff/sign-in", { email });
  if (asked.status !== 302 || !staff.jar.get(STAFF_SIGN_IN_COOKIE))
    throw new Error(`POST /staff/sign-in answered ${asked.status} without a staff sign-in cookie`);
  const code = signInCodeFrom(await server.mail.nextEmailTo(email, since));
  const checked = await staff.post("/staff/sign-in/check-email", { code });
  if (checked.status !== 302 || !staff.jar.get(STAFF_COOKIE))
    throw new Error(`POST /staff/sign-in/check-email answered ${checked.status} without a staff session cookie`);
  return staff;
}

/** As staffSignedIn, for a browser suite: the `name=value` cookie that carries the staff session. */
export async function staffSignIn(server: ServerWithMail, email: string): Promise<string> {
  return (await staffSignedIn(server, email)).jar.get(STAFF_COOKIE)!;
}
