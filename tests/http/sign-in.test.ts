import { existsSync, readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { signIn, signInCodeFrom, startServerWithMail } from "#tests/support/sign-in";
import { attr, HttpClient, text, type Page } from "#tests/support/http-client";
import { serverForThisFile } from "#tests/support/server-for-file";
import { until } from "#tests/support/until";

const server = serverForThisFile(startServerWithMail);
const http = new HttpClient(() => server.url);

/** Where a Location header sends a browser, resolved the way a browser resolves it. */
const destination = (page: Page) => new URL(page.headers.get("location") ?? "", server.url);

/**
 * returnTo values as they appear in a link's query string: each is, or
 * percent-decodes to, a way of leaving the site (TAB, CR and LF are dropped by
 * browsers; a backslash is read as a slash), or cannot go in a Location header.
 */
const crafted = [
  "/%09/evil.example/x",
  "/%0A/evil.example/x",
  "/%0D/evil.example/x",
  "/%0D%0A/evil.example/x",
  "%0A",
  "%0D%0A",
  "/%00/evil.example",
  "//evil.example/x",
  "%2F%2Fevil.example/x",
  "/%5Cevil.example/x",
  "/%5cevil.example/x",
  "%5C/evil.example/x",
  "https:evil.example",
  "https://evil.example/x",
  "%20//evil.example/x",
  "+//evil.example/x",
  "%09//evil.example/x",
  "/%E3%80%82",
  "/%E3%80%82evil.example",
  "/stories%0D%0ASet-Cookie:%20session=planted",
];

describe("after signing in, a crafted returnTo never leads off the site or breaks the sign-in", () => {
  test.each(crafted.map((query, i) => ({ query, i })))("returnTo=$query", async ({ query, i }) => {
    const email = `return-${i}@example.org`;
    const from = { "X-Forwarded-For": `198.51.100.${i + 1}` };

    const browser = http.browser();
    const page = await browser.get(`/sign-in?returnTo=${query}`, { headers: from });
    expect(page.status).toBe(200);
    const action = attr(page.doc.one("form"), "action") ?? "";
    expect(new URL(action, server.url).origin).toBe(server.url);

    const since = server.mail.received.length;
    const asked = await browser.post(`/sign-in?returnTo=${query}`, { email }, { headers: from });
    expect(asked.status).toBe(302);
    expect(browser.jar.get("signin")).toBeDefined();
    const code = signInCodeFrom(await server.mail.nextEmailTo(email, since));

    const signedIn = await browser.post("/sign-in/check-email", { code }, { headers: from });
    expect(signedIn.status).toBe(302);
    expect(destination(signedIn).href).toBe(`${server.url}/stories`);
    expect(browser.jar.get("session")).toBeDefined();
    // One sign-in, one session, and its cookie is the one the browser was given.
    const sessions = await server.query<{ n: number }>(
      "select count(*) as n from sessions join residents on residents.id = sessions.resident_id where residents.email = ?",
      email,
    );
    expect(sessions[0].n).toBe(1);

    // Someone already signed in who follows such a link is kept on the site too.
    const again = await browser.get(`/sign-in?returnTo=${query}`, { headers: from });
    expect(again.status).toBe(302);
    expect(destination(again).origin).toBe(server.url);
  });

  test("a plain path on the site is where the person is taken", async () => {
    const email = "return-plain@example.org";
    const from = { "X-Forwarded-For": "198.51.100.200" };
    const since = server.mail.received.length;
    const browser = http.browser();
    await browser.post(`/sign-in?returnTo=${encodeURIComponent("/stories/abc/goals")}`, { email }, { headers: from });
    const code = signInCodeFrom(await server.mail.nextEmailTo(email, since));
    const signedIn = await browser.post("/sign-in/check-email", { code }, { headers: from });
    expect(signedIn.headers.get("location")).toBe("/stories/abc/goals");
  });
});

describe("signing out in one tab, then using another", () => {
  test("the other tab is asked to sign in again because they signed out, in English and Welsh, and can do nothing", async () => {
    const session = await signIn(server, "two-tabs@example.org");
    const signedOut = await http.post("/sign-out", {}, { cookie: session });
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get("location")).toBe("/signed-out");
    // The browser keeps the worthless cookie only while the server keeps the signed-out session (at most 60 minutes).
    const kept = signedOut.headers.getSetCookie().find((c) => c.startsWith(`${session};`)) ?? "";
    const maxAge = Number(kept.match(/Max-Age=(\d+)/)?.[1]);
    expect(maxAge).toBeGreaterThan(55 * 60);
    expect(maxAge).toBeLessThanOrEqual(60 * 60);

    // The other tab still sends the cookie it had.
    const other = await http.get("/stories", { cookie: session });
    expect(other.status).toBe(302);
    const signInPage = other.headers.get("location") ?? "";
    expect(signInPage).toBe("/sign-in?returnTo=%2Fstories&signedOut=1");

    const english = await http.get(signInPage, { cookie: session, lang: "en" });
    const banner = text(english.doc.byClass("govuk-notification-banner")[0]);
    expect(banner).toContain("You have signed out");
    expect(banner).not.toContain("60 minutes");
    const welsh = await http.get(signInPage, { cookie: session, lang: "cy" });
    const baner = text(welsh.doc.byClass("govuk-notification-banner")[0]);
    expect(baner).toContain("Rydych wedi allgofnodi");
    expect(baner).not.toContain("60 munud");

    // The session ended at once: a form sent from that tab changes nothing.
    const before = await server.rowCounts();
    const started = await http.post("/stories", {}, { cookie: session });
    expect(started.status).toBe(302);
    expect(started.headers.get("location")).toBe("/sign-in?returnTo=%2Fstories&signedOut=1");
    expect(await server.rowCounts()).toEqual(before);
  });
});

describe("a sign-in code once emailed", () => {
  /**
   * Every place the code's digits sit in the SQLite database's files on disk, as JSON keeps them in the outbox.
   * (PostgreSQL keeps its files to itself: there the outbox row is what the test can see.)
   */
  const onDisk = (code: string) =>
    server.databaseUrl
      ? []
      : [server.databasePath, `${server.databasePath}-wal`]
          .filter((file) => existsSync(file))
          .filter((file) => readFileSync(file).includes(`"code":"${code}"`));

  test("is blanked in the outbox and is in neither the database file nor its write-ahead log", async () => {
    const email = "on-disk@example.org";
    const since = server.mail.received.length;
    const asked = await http.post("/sign-in", { email }, { headers: { "X-Forwarded-For": "198.51.100.201" } });
    expect(asked.status).toBe(302);
    const code = signInCodeFrom(await server.mail.nextEmailTo(email, since));

    // The worker blanks the code once the sink has taken the email and it has recorded the send; wait for that to reach the disk.
    const outboxRow = async () =>
      (
        await server.query<{ status: string; personalisation: string }>(
          "select status, personalisation from outbox where recipient = ? and template = 'sign-in-code'",
          email,
        )
      )[0];
    await until(async () => (await outboxRow())?.status === "sent" && onDisk(code).length === 0, "the code is sent and gone from the disk", 10_000);
    expect(onDisk(code)).toEqual([]);
    expect(await outboxRow()).toEqual({ status: "sent", personalisation: '{"code":""}' });
  });
});

describe("with no identity provider configured, as in the demo", () => {
  test("residents and staff are offered emailed codes only, and the providers' addresses are not there", async () => {
    const page = await http.get("/sign-in");
    expect(page.doc.h1).toBe("Enter your email address");
    expect(page.html).not.toContain("One Login");
    expect((await http.get("/staff/sign-in")).doc.h1).toBe("Enter your work email address");
    for (const path of [
      "/sign-in/one-login",
      "/sign-in/one-login/callback?code=x&state=y",
      "/staff/sign-in/provider",
      "/staff/sign-in/callback?code=x&state=y",
    ]) {
      expect((await http.get(path)).status, path).toBe(404);
    }
    expect((await http.post("/sign-out/back-channel", { logout_token: "x" })).status).toBe(404);
    expect((await http.get("/sign-in")).headers.get("content-security-policy")).toContain("form-action 'self';");
  });
});
