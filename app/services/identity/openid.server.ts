import { createPrivateKey } from "node:crypto";
import { createRemoteJWKSet, importJWK, jwtVerify, type JWK } from "jose";
import * as openid from "openid-client";
import { httpOnThisMachine } from "#app/lib/on-this-machine";
import { env } from "#app/config/env.server";
import type { ProviderName } from "#app/models/provider-sign-in.server";

/*
 * The OpenID Connect protocol, for both providers, through openid-client: a
 * certified relying party, so no part of the protocol is written here. What
 * this file adds is each provider's settings and what the portal asks of it.
 */

/** How long the portal waits for a provider before it says it could not be reached. */
const PROVIDER_TIMEOUT_SECONDS = 5;

/** Where each provider sends the person back to, under PUBLIC_URL. */
const callbackPaths: Record<ProviderName, string> = {
  "one-login": "/sign-in/one-login/callback",
  staff: "/staff/sign-in/callback",
};

const callbackUrl = (provider: ProviderName) => `${env.PUBLIC_URL}${callbackPaths[provider]}`;

/** The signing algorithm of the key One Login holds the public half of: ES256 for an EC key, RS256 for RSA. */
async function oneLoginClientAuth(pem: string): Promise<openid.ClientAuth> {
  const keyObject = createPrivateKey(pem);
  const alg = keyObject.asymmetricKeyType === "ec" ? "ES256" : "RS256";
  const key = (await importJWK(keyObject.export({ format: "jwk" }) as JWK, alg)) as CryptoKey;
  return openid.PrivateKeyJwt(key, {
    // One Login wants its token endpoint as the assertion's audience, where openid-client puts the issuer.
    [openid.modifyAssertion]: (_header, payload) => {
      payload.aud = configured.get("one-login")?.tokenEndpoint ?? payload.aud;
    },
  });
}

type Discovered = { config: openid.Configuration; tokenEndpoint?: string };
const configured = new Map<ProviderName, Discovered>();
const discovering = new Map<ProviderName, Promise<Discovered>>();

async function discover(provider: ProviderName): Promise<Discovered> {
  const settings = provider === "one-login" ? env.oneLogin : env.staffProvider;
  if (!settings) throw new Error(`${provider} is not configured`);
  const issuer = new URL(settings.issuer);
  const auth = "privateKey" in settings ? await oneLoginClientAuth(settings.privateKey) : openid.ClientSecretPost(settings.clientSecret);
  const config = await openid.discovery(issuer, settings.clientId, undefined, auth, {
    // Plain http only to a provider on this machine (env.server.ts refuses any other).
    execute: httpOnThisMachine(issuer) ? [openid.allowInsecureRequests] : [],
    timeout: PROVIDER_TIMEOUT_SECONDS,
  });
  // openid-client checks an ID token's claims by default; this makes it check the signature against the provider's keys too.
  openid.enableNonRepudiationChecks(config);
  const discovered = { config, tokenEndpoint: config.serverMetadata().token_endpoint };
  configured.set(provider, discovered);
  return discovered;
}

/**
 * The provider's settings, discovered once per process (its discovery
 * document, as One Login asks, is cached); a failed discovery is tried again
 * on the next sign-in.
 */
async function providerConfiguration(provider: ProviderName): Promise<openid.Configuration> {
  const known = configured.get(provider);
  if (known) return known.config;
  let underWay = discovering.get(provider);
  if (!underWay) {
    underWay = discover(provider).finally(() => discovering.delete(provider));
    discovering.set(provider, underWay);
  }
  return (await underWay).config;
}

/** What a sign-in sends the person to the provider with, and must find again when they come back. */
export type Checks = { state: string; nonce: string; codeVerifier: string };

export function newChecks(): Checks {
  return { state: openid.randomState(), nonce: openid.randomNonce(), codeVerifier: openid.randomPKCECodeVerifier() };
}

/** The provider's authorisation address for a sign-in with `checks`, asking for `parameters` besides. */
export async function authorisationUrl(provider: ProviderName, checks: Checks, parameters: Record<string, string>): Promise<URL> {
  const config = await providerConfiguration(provider);
  return openid.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(provider),
    response_type: "code",
    state: checks.state,
    nonce: checks.nonce,
    code_challenge: await openid.calculatePKCECodeChallenge(checks.codeVerifier),
    code_challenge_method: "S256",
    ...parameters,
  });
}

/**
 * The answer at the callback (`search`: its query) exchanged for tokens, with
 * every check openid-client makes: the state, the code verifier (PKCE), and
 * the ID token's signature, issuer, audience, expiry and nonce. Throws what
 * openid-client throws.
 */
export async function exchangeCode(provider: ProviderName, search: string, checks: Checks) {
  const config = await providerConfiguration(provider);
  const tokens = await openid.authorizationCodeGrant(config, new URL(`${callbackUrl(provider)}${search}`), {
    expectedState: checks.state,
    expectedNonce: checks.nonce,
    pkceCodeVerifier: checks.codeVerifier,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims || !tokens.id_token) throw new Error("no ID token");
  return { claims, idToken: tokens.id_token, accessToken: tokens.access_token };
}

/** The userinfo endpoint's answer for the person the ID token names (openid-client checks it is the same `sub`). */
export async function userInfo(provider: ProviderName, accessToken: string, sub: string) {
  return await openid.fetchUserInfo(await providerConfiguration(provider), accessToken, sub);
}

/** The provider's end-session address for a session begun with `idToken`, coming back to `postLogoutRedirectUri`. */
export async function endSessionUrl(provider: ProviderName, idToken: string, postLogoutRedirectUri: string): Promise<URL> {
  return openid.buildEndSessionUrl(await providerConfiguration(provider), {
    id_token_hint: idToken,
    post_logout_redirect_uri: postLogoutRedirectUri,
    state: openid.randomState(),
  });
}

export type FailureReason = "cancelled" | "no-sign-in" | "refused" | "unreachable" | "low-confidence" | "unverified-email" | "not-allowed" | "too-many-from-ip";

/** What went wrong, from what openid-client (or fetch) threw: the person cancelling, the provider out of reach, or an answer that failed a check. */
export function failureOf(error: unknown): { reason: FailureReason; code: string } {
  if (error instanceof openid.AuthorizationResponseError) {
    return { reason: error.error === "access_denied" ? "cancelled" : "refused", code: error.error };
  }
  const code = error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : "unknown";
  // fetch throws a TypeError when nothing answers; openid-client names a timeout OAUTH_TIMEOUT.
  if (error instanceof TypeError || code === "OAUTH_TIMEOUT" || code === "OAUTH_ABORT") return { reason: "unreachable", code };
  if (error instanceof openid.ResponseBodyError) return { reason: "refused", code: error.error };
  return { reason: "refused", code };
}

const BACK_CHANNEL_LOGOUT = "http://schemas.openid.net/event/backchannel-logout";
let oneLoginKeys: ReturnType<typeof createRemoteJWKSet> | undefined;

/**
 * The `sub` a back-channel logout token from One Login is about, once it is
 * checked: signed with One Login's published keys, from its issuer, for this
 * client, not expired, carrying the back-channel logout event and no nonce.
 * Throws otherwise.
 */
export async function verifyLogoutToken(token: string): Promise<string> {
  const config = await providerConfiguration("one-login");
  const metadata = config.serverMetadata();
  if (!metadata.jwks_uri) throw new Error("One Login publishes no keys");
  oneLoginKeys ??= createRemoteJWKSet(new URL(metadata.jwks_uri), { timeoutDuration: PROVIDER_TIMEOUT_SECONDS * 1000 });
  const { payload } = await jwtVerify(token, oneLoginKeys, {
    issuer: metadata.issuer,
    audience: config.clientMetadata().client_id,
    requiredClaims: ["exp", "iat", "jti", "sub"],
  });
  const events = payload.events as Record<string, unknown> | undefined;
  if (typeof events?.[BACK_CHANNEL_LOGOUT] !== "object" || "nonce" in payload || !payload.sub) throw new Error("not a logout token");
  return payload.sub;
}
