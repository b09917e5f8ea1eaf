import { describe, expect, test } from "vitest";
import { isCrossSiteRequest, securityHeaders } from "./security.server";

describe("security headers", () => {
  test("the content security policy allows only our own scripts with this response's nonce", () => {
    const headers = securityHeaders({ nonce: "abc123", https: false });
    const csp = headers["Content-Security-Policy"];
    expect(csp).toContain("script-src 'self' 'nonce-abc123'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(headers["Referrer-Policy"]).toBe("no-referrer");
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Permissions-Policy"]).toContain("camera=()");
    expect(headers).not.toHaveProperty("Strict-Transport-Security");
  });

  test("HSTS is sent only when the service is public over https", () => {
    expect(securityHeaders({ nonce: "n", https: true })["Strict-Transport-Security"]).toMatch(/max-age=\d+/);
  });
});

describe("cross-site requests", () => {
  const publicUrl = "https://tellitonce.example.gov.uk";

  test("reading is never refused", () => {
    expect(isCrossSiteRequest({ method: "GET", secFetchSite: "cross-site", publicUrl })).toBe(false);
  });

  test("a form posted from another site is refused", () => {
    expect(isCrossSiteRequest({ method: "POST", secFetchSite: "cross-site", publicUrl })).toBe(true);
    expect(isCrossSiteRequest({ method: "POST", secFetchSite: "same-site", publicUrl })).toBe(true);
    expect(isCrossSiteRequest({ method: "POST", origin: "https://evil.example", publicUrl })).toBe(true);
    expect(isCrossSiteRequest({ method: "DELETE", origin: "null", publicUrl })).toBe(true);
  });

  test("our own pages may post", () => {
    expect(isCrossSiteRequest({ method: "POST", secFetchSite: "same-origin", publicUrl })).toBe(false);
    expect(isCrossSiteRequest({ method: "POST", origin: publicUrl, publicUrl })).toBe(false);
    expect(isCrossSiteRequest({ method: "POST", origin: "http://127.0.0.1:4000", host: "127.0.0.1:4000", publicUrl })).toBe(false);
  });

  test("a client that sends neither header carries no browser cookies and is allowed", () => {
    expect(isCrossSiteRequest({ method: "POST", publicUrl })).toBe(false);
  });
});
