import { env } from "#app/config/env.server";
import type { Language } from "#app/i18n/i18n";
import { log } from "#app/lib/log.server";
import { recordAuditEvent, recordAuditEventOncePerWindow } from "#app/models/audit.server";
import { connectionOf } from "#app/models/rate-limit.server";
import { findOrCreateResident, findResidentByEmail, findResidentByOneLoginSub, residentSignedIn } from "#app/models/resident.server";
import { createSession, markResidentSessionsSignedOut } from "#app/models/session.server";
import { accountForOneLogin } from "#app/services/identity/account-linking";
import { endSessionUrl, failureOf, userInfo, verifyLogoutToken } from "#app/services/identity/openid.server";
import { beginProviderSignIn, finishProviderSignIn, recordProviderFailure } from "#app/services/identity/provider-sign-in.server";
import type { ProviderAnswer, ProviderFailure } from "#app/services/identity/provider-sign-in.server";
import { normaliseEmail } from "#app/services/sign-in.server";
import { safeReturnTo } from "#app/web/session.server";
import { db } from "#db/client.server";

/*
 * Signing in with GOV.UK One Login, beside the emailed code, as One Login's
 * technical documentation asks: the authorisation code flow with
 * private_key_jwt, state, nonce and PKCE; medium confidence in the sign-in
 * (two factors); the address from the userinfo endpoint.
 */

/** Medium confidence in the sign-in: a password and a second factor. What is asked for (`vtr`) and what the ID token must say it got (`vot`). */
const CONFIDENCE = "Cl.Cm";

export const oneLoginOffered = () => env.oneLogin !== null;

/** Where One Login sends the person after signing out there. */
const signedOutUrl = () => `${env.PUBLIC_URL}/signed-out`;

export async function beginOneLogin(input: { returnTo: string | null; language: Language; ip: string }) {
  return await beginProviderSignIn("one-login", {
    returnTo: safeReturnTo(input.returnTo),
    language: input.language,
    ip: input.ip,
    parameters: { scope: "openid email", vtr: JSON.stringify([CONFIDENCE]), ui_locales: input.language },
  });
}

type Outcome = { ok: true; sessionToken: string; returnTo: string | null } | ProviderFailure;

/**
 * The person back from One Login: the answer and ID token checked
 * (finishProviderSignIn), the confidence One Login reached, the address and
 * whether it is verified from the userinfo endpoint, then the account the
 * linking rules choose (account-linking.ts) signed in.
 */
export async function finishOneLogin(input: ProviderAnswer): Promise<Outcome> {
  const now = input.now ?? new Date();
  const answer = await finishProviderSignIn("one-login", input);
  if (!answer.ok) return answer;
  if (answer.claims.vot !== CONFIDENCE) return await recordProviderFailure("one-login", "low-confidence", "vot");
  let email: string | undefined;
  let emailVerified: boolean;
  try {
    const info = await userInfo("one-login", answer.accessToken, answer.claims.sub);
    email = typeof info.email === "string" ? normaliseEmail(info.email) : undefined;
    emailVerified = info.email_verified === true && email !== undefined;
  } catch (error) {
    const failure = failureOf(error);
    return await recordProviderFailure("one-login", failure.reason, failure.code);
  }
  const sub = answer.claims.sub;
  const outcome = await db.transaction(async (tx): Promise<Outcome | null> => {
    const found = { bySub: await findResidentByOneLoginSub(tx, sub), byEmail: email ? await findResidentByEmail(tx, email) : undefined };
    const account = accountForOneLogin(found, { emailVerified });
    if (account.kind === "unverified") return null;
    const resident =
      account.kind === "new"
        ? await findOrCreateResident(tx, email!, answer.language, now, sub)
        : await residentSignedIn(tx, account.residentId, answer.language, now, account.kind === "link" ? sub : undefined);
    if (account.kind === "link") await recordAuditEvent("one_login_linked", { resident: resident.id }, tx);
    const sessionToken = await createSession(tx, resident.id, now, answer.idToken);
    await recordAuditEvent("signed_in", { resident: resident.id, with: "one-login" }, tx);
    return { ok: true, sessionToken, returnTo: safeReturnTo(answer.returnTo) };
  });
  return outcome ?? (await recordProviderFailure("one-login", "unverified-email", "email_verified"));
}

/**
 * One Login's end-session address for a session begun there, back to the
 * signed-out page; null if One Login cannot be reached to find it, which is
 * logged: the person's session there then lasts until One Login ends it.
 */
export async function oneLoginSignOutUrl(idToken: string): Promise<string | null> {
  try {
    return (await endSessionUrl("one-login", idToken, signedOutUrl())).href;
  } catch (error) {
    log.warn({ provider: "one-login", code: failureOf(error).code }, "GOV.UK One Login could not be reached to end its session");
    return null;
  }
}

/**
 * A back-channel logout from One Login: once the logout token passes its
 * checks (verifyLogoutToken), every session here of the account holding that
 * One Login ends. False when the token fails them.
 */
export async function backChannelLogout(logoutToken: string, ip: string, now = new Date()): Promise<boolean> {
  let sub: string;
  try {
    sub = await verifyLogoutToken(logoutToken);
  } catch (error) {
    // Anyone can post a made-up token, as often as they like: audited once per window for each connection.
    await recordAuditEventOncePerWindow("back_channel_logout_refused", connectionOf(ip), { code: failureOf(error).code }, db, now);
    return false;
  }
  await db.transaction(async (tx) => {
    const resident = await findResidentByOneLoginSub(tx, sub);
    const ended = resident ? await markResidentSessionsSignedOut(tx, resident.id, now) : 0;
    await recordAuditEvent("back_channel_logout", { resident: resident?.id ?? null, sessions: ended }, tx);
  });
  return true;
}
