import type { Language } from "#app/i18n/i18n";
import { sha256 } from "#app/lib/sha256.server";
import { recordAuditEvent, recordAuditEventOncePerWindow } from "#app/models/audit.server";
import { insertProviderSignIn, takeProviderSignIn, type ProviderName } from "#app/models/provider-sign-in.server";
import { connectionOf, limits } from "#app/models/rate-limit.server";
import { newToken } from "#app/models/session.server";
import { withinLimit } from "#app/services/sign-in.server";
import { db } from "#db/client.server";
import { authorisationUrl, exchangeCode, failureOf, newChecks, type FailureReason } from "./openid.server";

/*
 * A sign-in through a provider, either one, from leaving to coming back. What
 * it must find again on the way back (state, nonce, PKCE code verifier, where
 * to go, the language) is kept in a row named by the hash of a random token in
 * an HTTP-only cookie, so the answer is taken only in the browser that asked,
 * and only once.
 */

/** What a provider sent a person back with: the sign-in cookie's token, the callback's query, and where the request came from. */
export type ProviderAnswer = { token: string | null; search: string; ip: string; now?: Date };

/** How long a person has at the provider before the sign-in they began runs out. */
export const PROVIDER_SIGN_IN_MINUTES = 10;

export type ProviderFailure = { ok: false; reason: FailureReason };

/**
 * Audits a sign-in that failed, by provider, reason and the protocol's error
 * code: nothing about the person, whom the portal does not know yet. A failure
 * anyone can cause as often as they like is given `from`, the request's
 * address, and audited once per window for each connection.
 */
export async function recordProviderFailure(
  provider: ProviderName,
  reason: FailureReason,
  code: string,
  from?: { ip: string; now: Date },
): Promise<ProviderFailure> {
  const detail = { provider, reason, code };
  if (from) await recordAuditEventOncePerWindow("provider_sign_in_failed", `${provider} ${connectionOf(from.ip)}`, detail, db, from.now);
  else await recordAuditEvent("provider_sign_in_failed", detail);
  return { ok: false, reason };
}

/** The provider's address to send the person to, and the token for the cookie that names this sign-in. */
export async function beginProviderSignIn(
  provider: ProviderName,
  input: { returnTo: string | null; language: Language; ip: string; parameters: Record<string, string>; now?: Date },
): Promise<{ ok: true; token: string; url: string } | ProviderFailure> {
  const now = input.now ?? new Date();
  // Within the limit before anything is asked of the provider: a refusal is audited (once per window) by withinLimit.
  // Counted for each provider apart, so residents signing in from a council office never use up its staff's allowance.
  if (!(await db.transaction((tx) => withinLimit(tx, limits.providerSignInsPerIp, `${provider} ${connectionOf(input.ip)}`, now))))
    return { ok: false, reason: "too-many-from-ip" };
  const checks = newChecks();
  let url: URL;
  try {
    url = await authorisationUrl(provider, checks, input.parameters);
  } catch (error) {
    const failure = failureOf(error);
    return await recordProviderFailure(provider, failure.reason, failure.code);
  }
  const { token, hash } = newToken();
  await db.transaction((tx) =>
    insertProviderSignIn(
      tx,
      {
        id: hash,
        provider,
        ...checks,
        returnTo: input.returnTo,
        language: input.language,
        createdAt: now,
        expiresAt: new Date(now.getTime() + PROVIDER_SIGN_IN_MINUTES * 60 * 1000),
      },
      now,
    ),
  );
  return { ok: true, token, url: url.href };
}

/**
 * The provider's answer at the callback (`search`, its query), checked: the
 * cookie must name a sign-in begun here and not yet answered (else a bad or
 * replayed state), then openid-client checks state, PKCE and the ID token.
 * Every failure is audited.
 */
export async function finishProviderSignIn(provider: ProviderName, input: ProviderAnswer) {
  const now = input.now ?? new Date();
  const row = input.token ? await db.transaction((tx) => takeProviderSignIn(tx, sha256(input.token!), provider, now)) : undefined;
  // Anyone can ask for the callback with no sign-in begun.
  if (!row) return await recordProviderFailure(provider, "no-sign-in", "no_sign_in", { ip: input.ip, now });
  try {
    const tokens = await exchangeCode(provider, input.search, row);
    return { ok: true as const, ...tokens, returnTo: row.returnTo, language: row.language };
  } catch (error) {
    const failure = failureOf(error);
    return await recordProviderFailure(provider, failure.reason, failure.code);
  }
}
