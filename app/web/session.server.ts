import { deleteSession, findSession, sessionIsLive, touchSession, ABSOLUTE_HOURS } from "#app/models/session.server";
import { db } from "#db/client.server";
import { env } from "#app/config/env.server";
import { sha256 } from "#app/lib/sha256.server";

const https = env.PUBLIC_URL.startsWith("https:");
// __Host- binds the cookie to this exact origin over https; browsers refuse the prefix over http.
const prefix = https ? "__Host-" : "";
const SESSION = `${prefix}session`;
const SIGN_IN = `${prefix}signin`;

function cookie(name: string, value: string, maxAgeSeconds: number): string {
  return `${name}=${value}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${https ? "; Secure" : ""}`;
}

function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=") || null;
  }
  return null;
}

/*
 * A professional's access to one share lives in a cookie of its own, named
 * after the share and sent only under /shared/, so several shares can be open
 * in one browser. `__Host-` needs Path=/, so over https these take `__Secure-`.
 */
const shareAccessName = (shareId: string) => `${https ? "__Secure-" : ""}share-${shareId}`;

function pathCookie(name: string, value: string, maxAgeSeconds: number, path: string): string {
  return `${name}=${value}; Path=${path}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${https ? "; Secure" : ""}`;
}

export const shareAccessCookie = (shareId: string, token: string, expiresAt: Date, now = new Date()) =>
  pathCookie(shareAccessName(shareId), token, Math.max(0, Math.round((expiresAt.getTime() - now.getTime()) / 1000)), "/shared/");
export const clearShareAccessCookie = (shareId: string) => pathCookie(shareAccessName(shareId), "", 0, "/shared/");
export const shareAccessToken = (request: Request, shareId: string) => readCookie(request, shareAccessName(shareId));

export const sessionCookie = (token: string) => cookie(SESSION, token, ABSOLUTE_HOURS * 60 * 60);
export const clearSessionCookie = () => cookie(SESSION, "", 0);
/**
 * After signing out, the browser keeps its session cookie, worthless now, for
 * exactly as long as the server keeps the signed-out session: a tab that sends
 * it meanwhile is told the person signed out, and after that nothing is said.
 */
export const signedOutSessionCookie = (request: Request, until: Date, now = new Date()) =>
  cookie(SESSION, readCookie(request, SESSION) ?? "", Math.max(0, Math.floor((until.getTime() - now.getTime()) / 1000)));
export const signInCookie = (token: string) => cookie(SIGN_IN, token, 15 * 60);
export const clearSignInCookie = () => cookie(SIGN_IN, "", 0);
export const signInToken = (request: Request) => readCookie(request, SIGN_IN);

/*
 * A change of address waiting for its code: a cookie of its own, sent only
 * under /account/, so it can never stand in for a sign-in. `__Host-` needs
 * Path=/, so over https it takes `__Secure-`.
 */
const EMAIL_CHANGE = `${https ? "__Secure-" : ""}newemail`;
export const emailChangeCookie = (token: string) => pathCookie(EMAIL_CHANGE, token, 15 * 60, "/account/");
export const clearEmailChangeCookie = () => pathCookie(EMAIL_CHANGE, "", 0, "/account/");
export const emailChangeToken = (request: Request) => readCookie(request, EMAIL_CHANGE);

/** A signed-in resident: their account (with the One Login it holds, if any) and the session. */
export type SignedIn = { resident: { id: string; email: string; language: "en" | "cy"; oneLoginSub: string | null }; sessionHash: string };
/** Why a browser that had a session has one no longer: the sign-in page says which. */
export type SessionEnded = "timedOut" | "signedOut";
type SessionState = SignedIn | { ended: SessionEnded } | null;

// Several loaders of one request ask at the same time, each with its own copy of the request:
// a browser's session is looked up once while a look-up is under way.
const underWay = new Map<string, Promise<SessionState>>();

// Writing last-seen on every request would make every page view a write; a minute's precision is plenty for a 60-minute timeout.
const TOUCH_AFTER_MS = 60 * 1000;

export async function sessionState(request: Request, now = new Date()): Promise<SessionState> {
  const token = readCookie(request, SESSION);
  if (!token) return null;
  const hash = sha256(token);
  let state = underWay.get(hash);
  if (!state) {
    state = lookUpSession(hash, now).finally(() => underWay.delete(hash));
    underWay.set(hash, state);
  }
  return await state;
}

async function lookUpSession(hash: string, now: Date): Promise<SessionState> {
  const session = await findSession(hash);
  if (session?.signedOutAt) return { ended: "signedOut" };
  if (session && sessionIsLive(session, now)) {
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_AFTER_MS) await touchSession(hash, now);
    return { resident: session.resident, sessionHash: hash };
  }
  if (session) await deleteSession(db, hash);
  return { ended: "timedOut" };
}

export async function signedIn(request: Request): Promise<SignedIn | null> {
  const state = await sessionState(request);
  return state && "resident" in state ? state : null;
}

/*
 * A path on this site and nothing else: "/" then printable ASCII with no
 * backslash, not "//". Browsers drop tabs and line breaks and read a backslash
 * as "/" before they resolve an address, so "/<TAB>/evil.example" or
 * "/<backslash>evil.example" would leave the site; anything outside printable
 * ASCII cannot go in a Location header at all. Every page of ours has such an
 * address.
 */
const PLAIN_PATH = /^\/(?!\/)[\x21-\x5b\x5d-\x7e]*$/;

/**
 * Where to go after signing in, if `value` (a decoded returnTo) is a plain
 * path on this service, or null. It must be one both as given and once
 * percent-decoded, and resolve to this service's origin, so what it returns
 * can always be put in a Location header and never leads elsewhere.
 */
export function safeReturnTo(value: string | null | undefined): string | null {
  if (!value || value.length > 200 || !PLAIN_PATH.test(value)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return null;
  }
  if (!PLAIN_PATH.test(decoded)) return null;
  const origin = new URL(env.PUBLIC_URL).origin;
  return new URL(value, origin).origin === origin ? value : null;
}

/*
 * The staff area's cookies, apart from every resident's: a staff session and a
 * staff sign-in waiting for its code. Path=/ (the prefix `__Host-` needs it,
 * and the staff area's own data requests, such as /staff.data, fall outside
 * Path=/staff), but only the staff area's guard ever reads them.
 */
const STAFF_SESSION = `${prefix}staff`;
const STAFF_SIGN_IN = `${prefix}staff-signin`;
export const staffSessionCookie = (token: string, maxAgeSeconds: number) => cookie(STAFF_SESSION, token, maxAgeSeconds);
export const clearStaffSessionCookie = () => cookie(STAFF_SESSION, "", 0);
/** As signedOutSessionCookie, for a staff session. */
export const signedOutStaffSessionCookie = (request: Request, until: Date, now = new Date()) =>
  cookie(STAFF_SESSION, readCookie(request, STAFF_SESSION) ?? "", Math.max(0, Math.floor((until.getTime() - now.getTime()) / 1000)));
export const staffSessionToken = (request: Request) => readCookie(request, STAFF_SESSION);
export const staffSignInCookie = (token: string) => cookie(STAFF_SIGN_IN, token, 15 * 60);
export const clearStaffSignInCookie = () => cookie(STAFF_SIGN_IN, "", 0);
export const staffSignInToken = (request: Request) => readCookie(request, STAFF_SIGN_IN);

/*
 * A sign-in gone to an identity provider and not yet back: one cookie for GOV.UK
 * One Login, another for the staff area's provider, so neither spoils the
 * other. SameSite=Lax: the provider sends the person back by a top-level GET.
 */
const PROVIDER_SIGN_IN = { "one-login": `${prefix}onelogin`, staff: `${prefix}staff-provider` } as const;
export const providerSignInCookie = (provider: keyof typeof PROVIDER_SIGN_IN, token: string, minutes: number) =>
  cookie(PROVIDER_SIGN_IN[provider], token, minutes * 60);
export const clearProviderSignInCookie = (provider: keyof typeof PROVIDER_SIGN_IN) => cookie(PROVIDER_SIGN_IN[provider], "", 0);
export const providerSignInToken = (request: Request, provider: keyof typeof PROVIDER_SIGN_IN) => readCookie(request, PROVIDER_SIGN_IN[provider]);
