import { createHmac } from "node:crypto";
import { env } from "#app/config/env.server";
import { sha256 } from "#app/lib/sha256.server";
import { recordAuditEvent, recordAuditEventOncePerWindow } from "#app/models/audit.server";
import { connectionOf } from "#app/models/rate-limit.server";
import { findStaffSignInCode } from "#app/models/sign-in-code.server";
import { createStaffSession, markStaffSessionSignedOut, STAFF_ABSOLUTE_HOURS } from "#app/models/staff-session.server";
import { queueEmail } from "#app/services/mail/templates.server";
import { checkCode, issueCode, normaliseEmail, type CodeFailure, type CodeRequest, type CodeRequested } from "#app/services/sign-in.server";
import { safeReturnTo } from "#app/web/session.server";
import { db } from "#db/client.server";

/*
 * Signing in to the staff area: an emailed code, as for residents, but on
 * pages of its own, with codes and sessions of its own (a resident's code or
 * session never opens the staff area, nor a staff code or session a
 * resident's pages), and only for the addresses in ADMIN_EMAILS. Anyone else
 * who asks is answered exactly as a listed address is, and sent nothing, so
 * the pages never tell who is on the list.
 */

/** How long a staff session's cookie lasts: as long as the session can. */
export const STAFF_COOKIE_SECONDS = STAFF_ABSOLUTE_HOURS * 60 * 60;

/** Whether an address may sign in to the staff area with an emailed code now: it is in ADMIN_EMAILS, and the council's identity provider is not configured (it replaces codes). */
export function isStaffAddress(email: string): boolean {
  return !env.staffProvider && env.ADMIN_EMAILS.includes(normaliseEmail(email));
}

/**
 * Whether a staff session may still be used: made the way the staff area is
 * signed in to now, with a code to an address still in ADMIN_EMAILS, or
 * through the council's identity provider.
 */
export function staffSessionAllowed(session: { email: string; signedInWith: "code" | "provider" }): boolean {
  return session.signedInWith === "provider" ? env.staffProvider !== null : isStaffAddress(session.email);
}

/**
 * How the audit log names a member of staff: a keyed hash of their address
 * (HMAC-SHA-256 under SESSION_SECRET), 12 hex digits. The log is append-only
 * and kept for years, so it never holds an address; whoever holds the secret
 * and the list can tell whose reference it is, and the staff area shows each
 * member their own.
 */
export function staffReference(email: string): string {
  return createHmac("sha256", env.SESSION_SECRET)
    .update(`staff:${normaliseEmail(email)}`)
    .digest("hex")
    .slice(0, 12);
}

/** Where to go after signing in: a page of the staff area, or its home page. */
export function staffReturnTo(value: string | null | undefined): string | null {
  const path = safeReturnTo(value);
  return path && (path === "/staff" || path.startsWith("/staff/") || path.startsWith("/staff?")) ? path : null;
}

/**
 * Makes a staff sign-in code for `email` within the same rate limits as every
 * code, and emails it only if the address is in ADMIN_EMAILS. Anyone else gets
 * the same answer (a code row to check, which no code they can know matches,
 * and the same cookie), so the page cannot be used to learn the list.
 */
export async function requestStaffCode(input: CodeRequest): Promise<CodeRequested> {
  const now = input.now ?? new Date();
  const email = normaliseEmail(input.email);
  return db.transaction(async (tx): Promise<CodeRequested> => {
    const issued = await issueCode(tx, {
      email,
      ip: input.ip,
      language: input.language,
      returnTo: staffReturnTo(input.returnTo),
      shareAccessId: null,
      replacing: input.replacing ? sha256(input.replacing) : null,
      forStaff: true,
      now,
    });
    if (!issued.ok) return issued;
    if (isStaffAddress(email)) {
      await queueEmail(tx, { to: email, template: "staff-sign-in-code", language: input.language, personalisation: { code: issued.code } });
      await recordAuditEvent("staff_sign_in_code_sent", { staff: staffReference(email) }, tx);
    } else {
      // Anyone can ask, again and again: recorded once per connection per window, and never with the address.
      await recordAuditEventOncePerWindow("staff_sign_in_not_listed", connectionOf(input.ip), {}, tx, now);
    }
    return { ok: true, token: issued.token };
  });
}

/** The address a pending staff sign-in sent its code to, for "Check your email". */
export async function pendingStaffSignIn(token: string | null): Promise<{ email: string; returnTo: string | null } | null> {
  if (!token) return null;
  const row = await findStaffSignInCode(db, sha256(token));
  // An expired code can still be replaced by "Send a new code"; a used one cannot.
  if (!row || row.usedAt) return null;
  return { email: row.email, returnTo: row.returnTo };
}

type VerifyOutcome = { ok: true; sessionToken: string; returnTo: string } | { ok: false; reason: CodeFailure };

/**
 * The right code for a listed address starts a staff session. An address not
 * (or no longer) in ADMIN_EMAILS is told the code is wrong, as it would be:
 * none was sent to it.
 */
export async function verifyStaffCode(input: { token: string | null; code: string; ip: string; now?: Date }): Promise<VerifyOutcome> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx): Promise<VerifyOutcome> => {
    const row = input.token ? await findStaffSignInCode(tx, sha256(input.token)) : undefined;
    const checked = await checkCode(tx, row, input.code, input.ip, now);
    if (!checked.ok) return checked;
    if (!isStaffAddress(checked.row.email)) return { ok: false, reason: "wrong" };
    const sessionToken = await createStaffSession(tx, checked.row.email, now);
    await recordAuditEvent("staff_signed_in", { staff: staffReference(checked.row.email) }, tx);
    return { ok: true, sessionToken, returnTo: staffReturnTo(checked.row.returnTo) ?? "/staff" };
  });
}

/** Ends a staff session on the server: its cookie is worthless from now on. Returns when its row goes. */
export async function staffSignOut(signedIn: { sessionHash: string; staff: { reference: string } }, now = new Date()): Promise<Date> {
  return db.transaction(async (tx) => {
    const keptUntil = await markStaffSessionSignedOut(tx, signedIn.sessionHash, now);
    await recordAuditEvent("staff_signed_out", { staff: signedIn.staff.reference }, tx);
    return keptUntil;
  });
}
