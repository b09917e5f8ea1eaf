/**
 * The staff area signed in to with the council's own identity provider over
 * HTTP, against a real OpenID provider on 127.0.0.1 set up as a council's staff
 * directory (tests/support/identity-providers.ts): it replaces emailed codes,
 * lets in only whom STAFF_OIDC_ALLOWED names, gives sessions of an hour at
 * most, and every failure ends on a page that signs nobody in.
 */
import { describe, expect, test } from "vitest";
import { attr, expectRedirect, HttpClient, text, type Browser, type Page } from "#tests/support/http-client";
import { startServerWithProviders, type TestAccount } from "#tests/support/identity-providers";
import { serverForThisFile } from "#tests/support/server-for-file";
import { STAFF_COOKIE } from "#tests/support/staff";
import { auditedDetails, auditRows } from "./helpers";

const server = serverForThisFile(() =>
  startServerWithProviders({
    staffAllowed: "@council.example.org, partner@charity.example.org, group:tell-it-once-staff",
    env: { ADMIN_EMAILS: "admin@council.example.org" },
  }),
);
const http = new HttpClient(() => server.url);

let people = 0;
function member(email: string, overrides: Partial<TestAccount> = {}): TestAccount {
  people += 1;
  return { sub: `staff-${people}`, email, ...overrides };
}

/** Presses "Sign in with your council account" and goes through the council's provider: the portal's answer at its callback. */
async function throughCouncil(browser: Browser, start = "/staff/sign-in/provider"): Promise<Page> {
  const leaving = await browser.get(start);
  expect(leaving.status).toBe(302);
  const back = await server.staffDirectory.through(browser, leaving.headers.get("location")!);
  return await browser.get(back);
}

async function expectNotSignedIn(browser: Browser) {
  expect(browser.jar.get(STAFF_COOKIE)).toBeUndefined();
  expectRedirect(await browser.get("/staff"), "/staff/sign-in?returnTo=%2Fstaff");
}

describe("the staff sign-in page", () => {
  test("offers the council's account instead of an emailed code, and says how long a session lasts", async () => {
    const page = await http.get("/staff/sign-in?returnTo=%2Fstaff%2Ffigures");
    expect(page.doc.h1).toBe("Sign in");
    expect(text(page.doc.one("main"))).toContain("You will be asked to sign in again after 60 minutes.");
    const button = page.doc.tag("a", page.doc.one("main")).find((a) => text(a) === "Sign in with your council account");
    expect(attr(button!, "href")).toBe("/staff/sign-in/provider?returnTo=%2Fstaff%2Ffigures");
    expect(page.doc.tag("form", page.doc.one("main"))).toEqual([]);
    const welsh = await http.get("/staff/sign-in", { lang: "cy" });
    expect(text(welsh.doc.one("main"))).toContain("Mewngofnodi gyda’ch cyfrif cyngor");
  });

  test("no code is sent, even to an address in ADMIN_EMAILS", async () => {
    expect((await http.post("/staff/sign-in", { email: "admin@council.example.org" })).status).toBe(405);
    expect(server.mail.received).toEqual([]);
  });
});

describe("signing in", () => {
  test("someone at the council's domain is let in for an hour at most, and goes where they were going", async () => {
    server.staffDirectory.signInAs(member("Duty.Desk@Council.example.org"));
    const browser = http.browser();
    const back = await throughCouncil(browser, "/staff/sign-in/provider?returnTo=%2Fstaff%2Ffigures");
    expectRedirect(back, "/staff/figures");
    const cookie = back.headers.getSetCookie().find((c) => c.startsWith(`${STAFF_COOKIE}=`)) ?? "";
    expect(cookie).toMatch(/; Path=\/; Max-Age=3600; HttpOnly; SameSite=Lax$/);
    expect((await browser.get("/staff")).doc.h1).toBe("Staff area");
    const [session] = await server.query<{ signed_in_with: string; email: string; created_at: unknown; expires_at: unknown }>(
      "select signed_in_with, email, created_at, expires_at from staff_sessions order by created_at desc limit 1",
    );
    expect(session.signed_in_with).toBe("provider");
    expect(session.email).toBe("duty.desk@council.example.org");
    expect(new Date(session.expires_at as string).getTime() - new Date(session.created_at as string).getTime()).toBe(60 * 60 * 1000);
    expect((await auditedDetails(server, "staff_signed_in")).at(-1)).toEqual({ staff: expect.stringMatching(/^[0-9a-f]{12}$/), with: "provider" });
  });

  test("an address named in STAFF_OIDC_ALLOWED, and anyone in its group, are let in", async () => {
    for (const account of [member("partner@charity.example.org"), member("someone@elsewhere.example.org", { groups: ["tell-it-once-staff"] })]) {
      server.staffDirectory.signInAs(account);
      expectRedirect(await throughCouncil(http.browser()), "/staff");
    }
  });

  test("a session ends an hour after it began, however busy: a leaver disabled at the council loses access within the hour", async () => {
    const email = "leaver@council.example.org";
    server.staffDirectory.signInAs(member(email));
    const browser = http.browser();
    await throughCouncil(browser);
    type Row = { created_at: number; last_seen_at: number; expires_at: number };
    const session = async () =>
      (await server.query<Row>("select created_at, last_seen_at, expires_at from staff_sessions where email = ?", email)).map((row) => ({
        begun: Number(row.created_at),
        seen: Number(row.last_seen_at),
        ends: Number(row.expires_at),
      }))[0];
    const first = await session();
    expect(first.ends - first.begun).toBe(60 * 60 * 1000);
    // Busy: each page seen moves "last seen" on, never the end.
    await server.write("update staff_sessions set last_seen_at = ? where email = ?", new Date(Date.now() - 2 * 60 * 1000), email);
    expect((await browser.get("/staff")).status).toBe(200);
    const later = await session();
    expect(later.seen).toBeGreaterThan(first.seen - 2 * 60 * 1000);
    expect(later.ends).toBe(first.ends);
    // The same session an hour and a minute on, seen a minute ago.
    const shift = (at: number) => new Date(at - 61 * 60 * 1000);
    await server.write(
      "update staff_sessions set created_at = ?, last_seen_at = ?, expires_at = ? where email = ?",
      shift(first.begun),
      new Date(Date.now() - 60 * 1000),
      shift(first.ends),
      email,
    );
    expectRedirect(await browser.get("/staff"), "/staff/sign-in?returnTo=%2Fstaff&timedOut=1");
  });

  test("residents beginning sign-ins from a council office never use up its staff's allowance", async () => {
    const office = { headers: { "X-Forwarded-For": "203.0.113.90" } };
    for (let i = 0; i < 60; i++) expect((await http.get("/sign-in/one-login", office)).status).toBe(302);
    expect((await http.get("/sign-in/one-login", office)).status).toBe(429);
    expect((await http.get("/staff/sign-in/provider", office)).status).toBe(302);
  });
});

describe("every way it can go wrong ends on a page that signs nobody in", () => {
  test("someone at another domain, in no allowed group", async () => {
    server.staffDirectory.signInAs(member("someone@elsewhere.example.org", { groups: ["another-group"] }));
    const browser = http.browser();
    const page = await throughCouncil(browser);
    expect(page.status).toBe(403);
    expect(page.doc.h1).toBe("Your account cannot use the staff area");
    await expectNotSignedIn(browser);
    expect((await auditedDetails(server, "provider_sign_in_failed")).at(-1)).toEqual({ provider: "staff", reason: "not-allowed", code: "not_allowed" });
    expect(JSON.stringify(await auditRows(server))).not.toContain("elsewhere.example.org");
  });

  test("an address at the domain the provider says is not verified", async () => {
    server.staffDirectory.signInAs(member("unverified@council.example.org", { emailVerified: false }));
    const browser = http.browser();
    expect((await throughCouncil(browser)).status).toBe(403);
    await expectNotSignedIn(browser);
  });

  test("the person presses cancel", async () => {
    server.staffDirectory.signInAs(member("cancels@council.example.org"));
    server.staffDirectory.cancelNext();
    const browser = http.browser();
    const page = await throughCouncil(browser);
    expect(page.status).toBe(200);
    expect(page.doc.h1).toBe("You did not sign in");
    await expectNotSignedIn(browser);
  });

  test("an ID token with a wrong nonce, or signed with the wrong key", async () => {
    for (const tampering of ["nonce", "key"] as const) {
      server.staffDirectory.signInAs(member("tampered@council.example.org"));
      server.staffDirectory.tamperNext(tampering);
      const browser = http.browser();
      const page = await throughCouncil(browser);
      expect(page.status).toBe(400);
      expect(page.doc.h1).toBe("Sorry, there was a problem signing you in");
      await expectNotSignedIn(browser);
    }
  });

  test("the provider unreachable, in Welsh", async () => {
    server.staffDirectory.signInAs(member("down@council.example.org"));
    const browser = http.browser({ lang: "cy" });
    const leaving = await browser.get("/staff/sign-in/provider");
    const back = await server.staffDirectory.through(browser, leaving.headers.get("location")!);
    server.staffDirectory.down(true);
    try {
      const page = await browser.get(back);
      expect(page.status).toBe(503);
      expect(page.doc.h1).toBe("Mae’n ddrwg gennym, nid yw gwasanaeth mewngofnodi eich cyngor yn gweithio ar hyn o bryd");
    } finally {
      server.staffDirectory.down(false);
    }
    await expectNotSignedIn(browser);
  });

  test("a resident's GOV.UK One Login never opens the staff area", async () => {
    server.oneLogin.signInAs({ sub: "resident-1", email: "resident@council.example.org" });
    const browser = http.browser();
    const leaving = await browser.get("/sign-in/one-login");
    expectRedirect(await browser.get(await server.oneLogin.through(browser, leaving.headers.get("location")!)), "/stories");
    await expectNotSignedIn(browser);
  });
});
