import { describe, expect, test } from "vitest";
import { signInCodeFrom, startServerWithMail } from "#tests/support/sign-in";
import { HttpClient, setCookie, text, type Page } from "#tests/support/http-client";
import { serverForThisFile } from "#tests/support/server-for-file";
import { auditRows, expectOncePerWindow } from "./helpers";

const server = serverForThisFile(startServerWithMail);
const http = new HttpClient(() => server.url);

describe("rate limits answer with a GOV.UK page, never an error", () => {
  test("a sixth code for one address from one connection within the hour: 429, the message in the error summary, no email queued", async () => {
    for (let i = 0; i < 5; i++) {
      const sent = await http.post("/sign-in", { email: "limit@example.org" });
      expect(sent.status).toBe(302);
    }
    const before = await server.rowCounts();
    const page = await http.post("/sign-in", { email: "Limit@example.org" });
    expect(page.status).toBe(429);
    expect(page.doc.title).toMatch(/^Error: Enter your email address – /);
    expect(text(page.doc.byClass("govuk-error-summary")[0])).toContain("You have asked for too many codes for this email address");
    expect(text(page.doc.byClass("govuk-error-message")[0])).toContain("You have asked for too many codes for this email address");
    const after = await server.rowCounts();
    expect(after.outbox).toBe(before.outbox);
    expect(after.sign_in_codes).toBe(before.sign_in_codes);
  });

  test("too many attempts at a code from one connection: 429 with the message, in Welsh too", async () => {
    const browser = http.browser({ lang: "cy" });
    await browser.post("/sign-in", { email: "tries@example.org" });
    let last: Page | undefined;
    for (let i = 0; i < 31; i++) last = await browser.post("/sign-in/check-email", { code: "000000" });
    expect(last?.status).toBe(429);
    expect(last?.doc.title).toMatch(/^Gwall: /);
    expect(text(last!.doc.byClass("govuk-error-summary")[0])).toContain("Bu gormod o ymdrechion i fewngofnodi o’ch cysylltiad rhyngrwyd");
  });
});

/** The server believes X-Forwarded-For from a proxy on this machine, so each test can speak from its own connection. */
const from = (ip: string) => ({ headers: { "X-Forwarded-For": ip } });

/** The sign-in cookie a page gave, unless it cleared it. */
const signInCookieOf = (page: Page) => (setCookie(page, "signin") === "signin=" ? undefined : setCookie(page, "signin"));

async function askForCode(email: string, ip: string): Promise<{ status: number; cookie: string | undefined }> {
  const page = await http.post("/sign-in", { email }, from(ip));
  return { status: page.status, cookie: signInCookieOf(page) };
}

const enterCode = (cookie: string, code: string, ip: string) => http.post("/sign-in/check-email", { code }, { cookie, ...from(ip) });

/** Waits for `count` more emails to `email` after `since`, and returns how many the sink then holds. */
async function waitForEmails(email: string, since: number, count: number): Promise<number> {
  let seen = since;
  for (let i = 0; i < count; i++) seen = server.mail.received.indexOf(await server.mail.nextEmailTo(email, seen)) + 1;
  return seen;
}

const signsIn = (response: Page) => {
  expect(response.status).toBe(302);
  expect(response.headers.get("location")).toBe("/stories");
  expect(response.headers.getSetCookie().some((c) => c.startsWith("session=") && !c.startsWith("session=;"))).toBe(true);
};

describe("someone who knows a person's email address cannot stop them signing in", () => {
  const person = "203.0.113.10";
  const stranger = "192.0.2.66";

  test("the person asks for a code, then a stranger elsewhere asks for codes for the address again and again and guesses at them", async () => {
    const email = "asked-first@example.org";
    const since = server.mail.received.length;
    const asked = await askForCode(email, person);
    expect(asked.status).toBe(302);
    const code = signInCodeFrom(await server.mail.nextEmailTo(email, since));

    const refusals = async () => (await auditRows(server)).filter((row) => row.event === "sign_in_rate_limited");
    const refusalsBefore = (await refusals()).length;
    const refusingSince = Date.now();
    const strangers = [];
    for (let i = 0; i < 12; i++) strangers.push(await askForCode(email, stranger));
    const wrong = code === "000000" ? "111111" : "000000";
    for (const { cookie } of strangers.filter((s) => s.cookie)) for (let i = 0; i < 5; i++) await enterCode(cookie!, wrong, stranger);

    signsIn(await enterCode(asked.cookie!, code, person));
    expect((await askForCode(email, person)).status).toBe(302);
    // The stranger has an allowance of their own for the address, and used it up.
    expect(strangers.map((s) => s.status)).toEqual([...Array(5).fill(302), ...Array(7).fill(429)]);
    // Seven refusals, one line in the audit log (one in each 15-minute window, should they cross into another).
    expectOncePerWindow((await refusals()).slice(refusalsBefore), refusingSince);
  });

  test("a stranger elsewhere asks for codes for the address first; the person can still get one, a new one, and sign in", async () => {
    const email = "stranger-first@example.org";
    const since = server.mail.received.length;
    const strangers = [];
    for (let i = 0; i < 12; i++) strangers.push((await askForCode(email, stranger)).status);
    expect(strangers.filter((status) => status === 302)).toHaveLength(5);
    const afterStranger = await waitForEmails(email, since, 5);

    const asked = await askForCode(email, person);
    expect(asked.status).toBe(302);
    const first = signInCodeFrom(await server.mail.nextEmailTo(email, afterStranger));

    // "Send a new code" on the check-your-email page, with JavaScript off: the page comes back saying so.
    const beforeResend = server.mail.received.length;
    const resent = await http.post("/sign-in/check-email", { intent: "resend" }, { cookie: asked.cookie!, ...from(person) });
    const newCookie = signInCookieOf(resent)!;
    expect(resent.status).toBe(302);
    const page = await http.get(resent.headers.get("location")!, { cookie: newCookie });
    expect(page.status).toBe(200);
    expect(text(page.doc.one("main"))).toContain(`We have sent a new code to ${email}`);
    const second = signInCodeFrom(await server.mail.nextEmailTo(email, beforeResend));

    // The browser's earlier code is worthless now; the new one works.
    if (first !== second) expect((await enterCode(newCookie, first, person)).status).toBe(400);
    signsIn(await enterCode(newCookie, second, person));
  });
});
