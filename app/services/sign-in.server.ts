import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import type { Language } from "#app/i18n/i18n";
import { recordAuditEvent, recordAuditEventOncePerWindow } from "#app/models/audit.server";
import { queueEmail } from "#app/services/mail/templates.server";
import { connectionOf, limits, takeFromLimit, type Limit } from "#app/models/rate-limit.server";
import { findOrCreateResident } from "#app/models/resident.server";
import { createSession, markSessionSignedOut, newToken } from "#app/models/session.server";
import { countWrongAttempt, findSignInCode, insertSignInCode, markSignInCodeUsed, retireUnusedCodes, type SignInCode } from "#app/models/sign-in-code.server";
import { env } from "#app/config/env.server";
import { safeReturnTo } from "#app/web/session.server";
import { db, type Tx } from "#db/client.server";
import { sha256 } from "#app/lib/sha256.server";

export const CODE_MINUTES = 15;
const MAX_WRONG_ATTEMPTS = 5;

/** Lower-cased and trimmed, so "Sam@Example.org " and "sam@example.org" are one account. */
export function normaliseEmail(email: string): string {
  return email.normalize("NFC").trim().toLowerCase();
}

function newCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, "0");
}

/**
 * Keyed with SESSION_SECRET, so a copy of the database alone cannot be used to
 * work out what was hashed: six digits, or an address from a list of them.
 */
function keyedHash(value: string): string {
  return createHmac("sha256", env.SESSION_SECRET).update(value).digest("hex");
}

const hashCode = (signInId: string, code: string) => keyedHash(`${signInId}:${code}`);

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** Rate-limit keys never hold the address itself. */
const addressKey = (email: string, connection: string) => keyedHash(`address:${email}\n${connection}`);

/** Counts a use of `limit`; a refusal is audited once per window, as anyone can send more. */
export async function withinLimit(tx: Tx, limit: Limit, subject: string, now: Date): Promise<boolean> {
  if ((await takeFromLimit(tx, limit, subject, now)) === "allowed") return true;
  await recordAuditEventOncePerWindow("sign_in_rate_limited", `${limit.name}:${subject}`, { limit: limit.name }, tx, now);
  return false;
}

export type CodeRefusal = "too-many-for-address" | "too-many-from-ip";

/**
 * Makes a code for `email` within the rate limits, in the caller's
 * transaction, retiring the same browser's earlier unused code. The one way a
 * code is made, for a resident signing in (`replacing`: the id of the code the
 * browser's sign-in cookie names, if any), for a professional proving a work
 * address (`shareAccessId`) and for the council's staff (`forStaff`). Returns
 * the code to email and the token naming this row.
 *
 * Each code belongs to the browser that asked and has its own tries, and the
 * per-address limit is counted per connection, so nobody else can spoil or use
 * up the code sent to the person who owns the address. The README works out
 * the bound this leaves on guessing.
 */
export async function issueCode(
  tx: Tx,
  input: {
    email: string;
    ip: string;
    language: Language;
    returnTo: string | null;
    shareAccessId: string | null;
    /** For a code that confirms a new address for this account, rather than signing in. */
    changesEmailOf?: string;
    replacing?: string | null;
    /** For a code that signs a member of the council's staff in to the staff area. */
    forStaff?: boolean;
    now: Date;
  },
): Promise<{ ok: true; token: string; id: string; code: string } | { ok: false; reason: CodeRefusal }> {
  const { email, now } = input;
  const connection = connectionOf(input.ip);
  if (!(await withinLimit(tx, limits.codesPerIp, connection, now))) return { ok: false, reason: "too-many-from-ip" };
  if (!(await withinLimit(tx, limits.codesPerAddress, addressKey(email, connection), now))) return { ok: false, reason: "too-many-for-address" };
  if (input.shareAccessId) await retireUnusedCodes(tx, { shareAccessId: input.shareAccessId }, now);
  else if (input.replacing) await retireUnusedCodes(tx, { signInId: input.replacing }, now);
  const { token, hash: id } = newToken();
  const code = newCode();
  await insertSignInCode(tx, {
    id,
    email,
    codeHash: hashCode(id, code),
    language: input.language,
    returnTo: input.returnTo,
    shareAccessId: input.shareAccessId,
    changesEmailOf: input.changesEmailOf ?? null,
    forStaff: input.forStaff ?? false,
    expiresAt: new Date(now.getTime() + CODE_MINUTES * 60 * 1000),
    createdAt: now,
  });
  return { ok: true, token, id, code };
}

export type CodeFailure = "no-sign-in" | "expired" | "wrong" | "too-many-tries" | "too-many-from-ip";

/**
 * Checks a typed code against its row within the attempts limit, counting a
 * wrong try and using the code up when it is right. The one rule for every code.
 */
export async function checkCode(
  tx: Tx,
  row: SignInCode | undefined,
  code: string,
  ip: string,
  now: Date,
): Promise<{ ok: true; row: SignInCode } | { ok: false; reason: CodeFailure }> {
  if (!(await withinLimit(tx, limits.codeAttemptsPerIp, connectionOf(ip), now))) return { ok: false, reason: "too-many-from-ip" };
  if (!row) return { ok: false, reason: "no-sign-in" };
  if (row.usedAt || row.expiresAt <= now) return { ok: false, reason: "expired" };
  if (row.wrongAttempts >= MAX_WRONG_ATTEMPTS) return { ok: false, reason: "too-many-tries" };
  if (!sameHash(row.codeHash, hashCode(row.id, code))) {
    const wrongAttempts = await countWrongAttempt(tx, row.id, MAX_WRONG_ATTEMPTS);
    if (wrongAttempts === undefined) return { ok: false, reason: "too-many-tries" };
    await recordAuditEvent("sign_in_code_wrong", { attempt: wrongAttempts }, tx);
    return { ok: false, reason: wrongAttempts >= MAX_WRONG_ATTEMPTS ? "too-many-tries" : "wrong" };
  }
  // Used up, or out of tries, by a request that came at the same moment: as good as expired.
  if (!(await markSignInCodeUsed(tx, row.id, now, MAX_WRONG_ATTEMPTS))) return { ok: false, reason: "expired" };
  return { ok: true, row };
}

/** A code asked for on a sign-in page (a resident's or the staff area's), from `ip`; `replacing`, the token the browser already holds. */
export type CodeRequest = { email: string; ip: string; language: Language; returnTo: string | null; replacing: string | null; now?: Date };
/** The token the browser keeps to say which sign-in it is, or why no code was made. */
export type CodeRequested = { ok: true; token: string } | { ok: false; reason: CodeRefusal };

/**
 * Emails a new code to `email` and returns the token the browser keeps to say
 * which sign-in it is. `replacing` is the token the browser already holds, if
 * any: the code it names is the one this replaces.
 */
export async function requestCode(input: CodeRequest): Promise<CodeRequested> {
  const now = input.now ?? new Date();
  const email = normaliseEmail(input.email);
  return db.transaction(async (tx): Promise<CodeRequested> => {
    // Checked here, as it is stored, so a sign-in can always end in a redirect that a browser keeps on this site.
    const issued = await issueCode(tx, {
      ...input,
      email,
      returnTo: safeReturnTo(input.returnTo),
      shareAccessId: null,
      replacing: input.replacing ? sha256(input.replacing) : null,
      now,
    });
    if (!issued.ok) return issued;
    await queueEmail(tx, { to: email, template: "sign-in-code", language: input.language, personalisation: { code: issued.code } });
    await recordAuditEvent("sign_in_code_sent", {}, tx);
    return { ok: true, token: issued.token };
  });
}

/** The address a pending sign-in sent its code to, to show on "Check your email". */
export async function pendingSignIn(token: string | null, { evenIfExpired = false, now = new Date() } = {}) {
  if (!token) return null;
  const row = await findSignInCode(db, sha256(token));
  // An expired code can still be replaced by "Send a new code"; a used one cannot.
  if (!row || row.usedAt || (!evenIfExpired && row.expiresAt <= now)) return null;
  return { email: row.email, returnTo: row.returnTo, language: row.language };
}

type VerifyCodeResult =
  { ok: true; sessionToken: string; returnTo: string | null; residentId: string; language: Language } | { ok: false; reason: CodeFailure };

export async function verifyCode(input: { token: string | null; code: string; ip: string; language: Language; now?: Date }): Promise<VerifyCodeResult> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx): Promise<VerifyCodeResult> => {
    const checked = await checkCode(tx, input.token ? await findSignInCode(tx, sha256(input.token)) : undefined, input.code, input.ip, now);
    if (!checked.ok) return checked;
    const resident = await findOrCreateResident(tx, checked.row.email, input.language, now);
    const sessionToken = await createSession(tx, resident.id, now);
    await recordAuditEvent("signed_in", { resident: resident.id }, tx);
    // Checked again before anything is committed: a row stored before the rule tightened must not make the redirect fail after the code is used.
    return { ok: true, sessionToken, returnTo: safeReturnTo(checked.row.returnTo), residentId: resident.id, language: resident.language };
  });
}

/**
 * Ends the session on the server, so the cookie is worthless even if it was
 * copied. Returns when its signed-out row goes (when it would have expired),
 * and the ID token of a session begun with GOV.UK One Login, to end the
 * person's session there too.
 */
export async function signOut(
  signedIn: { sessionHash: string; resident: { id: string } },
  now = new Date(),
): Promise<{ keptUntil: Date; oneLoginIdToken: string | null }> {
  return db.transaction(async (tx) => {
    const ended = await markSessionSignedOut(tx, signedIn.sessionHash, now);
    await recordAuditEvent("signed_out", { resident: signedIn.resident.id }, tx);
    return ended;
  });
}
