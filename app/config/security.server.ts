/**
 * The HTTP-level rules every response and request passes through. Kept free of
 * framework types so the server entry and the unit tests share them.
 */
import { env } from "./env.server";

/*
 * Where a form may lead. Signing out of a session begun with GOV.UK One Login
 * is a form whose answer redirects to One Login's end-session endpoint, and
 * browsers hold a form's redirects to form-action too, so One Login's origin
 * is there when it is configured. Signing in goes by a link, which form-action
 * does not cover.
 */
const formActions = ["'self'", ...(env.oneLogin ? [new URL(env.oneLogin.issuer).origin] : [])].join(" ");

export function securityHeaders({ nonce, https }: { nonce: string; https: boolean }): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    `form-action ${formActions}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "Referrer-Policy": "no-referrer",
    // Every page is private or about a private service; the start page is the only one robots.txt lets crawlers fetch.
    "X-Robots-Tag": "noindex, nofollow",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), browsing-topics=()",
    ...(https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * True when a state-changing request was sent by another site's page: the
 * browser says so in Sec-Fetch-Site, or (older browsers) the Origin is not ours.
 * Requests with neither header come from non-browser clients, which carry no
 * victim's cookies, so they are allowed.
 */
export function isCrossSiteRequest(request: {
  method: string;
  origin?: string | null;
  secFetchSite?: string | null;
  host?: string | null;
  publicUrl: string;
}): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false;
  if (request.secFetchSite) {
    return request.secFetchSite !== "same-origin" && request.secFetchSite !== "none";
  }
  if (!request.origin) return false;
  if (request.origin === "null") return true;
  const allowed = new Set([new URL(request.publicUrl).origin]);
  if (request.host) {
    allowed.add(`http://${request.host}`);
    allowed.add(`https://${request.host}`);
  }
  return !allowed.has(request.origin);
}

/** The most a request body may be; anything larger is refused before it is read. */
export const MAX_BODY_BYTES = 256 * 1024;
