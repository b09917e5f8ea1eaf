/**
 * Signing in to the staff area over HTTP: only the addresses in ADMIN_EMAILS
 * are sent a code, everyone else is answered exactly alike; staff sessions and
 * residents' are kept apart both ways; sessions end on signing out, after 30
 * minutes idle or 8 hours in all, and when an address leaves the list.
 */
import { afterEach, describe, expect, test } from "vitest";
import { attr, expectRedirect, HttpClient, text, type Page } from "#tests/support/http-client";
import { serverForThisFile } from "#tests/support/server-for-file";
import { bodyOf, emailsSentTo, signedIn, signInCodeFrom, startServerWithMail } from "#tests/support/sign-in";
import { STAFF_COOKIE, STAFF_SIGN_IN_COOKIE, staffSignedIn } from "#tests/support/staff";
import { subjectOf } from "#tests/support/professional";
import { auditRows } from "./helpers";

const ADMIN = "admin@council.example.org";
const SECOND = "second.admin@council.example.org";
const server = serverForThisFile(() => startServerWithMail({ ADMIN_EMAILS: `${ADMIN}, Second.Admin@Council.example.org` }));
const http = new HttpClient(() => server.url);

// Every test waits for its emails to reach the sink, so that none arrives during the next and is taken for one of its own.
afterEach(async () => {
  await emailsSentTo(server, ADMIN, 0);
});

/** Each test speaks from a connection of its own, so the rate limits of one never touch another. */
const from = (n: number) => ({ headers: { "X-Forwarded-For": `203.0.113.${n}` } });

/** What a page says, without what differs between any two requests or addresses: the nonce, the address itself. */
const sameness = (page: Page, email: string) => page.html.replace(/ nonce="[^"]*"/g, "").replaceAll(email, "ADDRESS");

const STAFF_PAGES = [
  "/staff",
  "/staff/agencies",
  "/staff/agencies/new",
  "/staff/agencies/import",
  "/staff/agencies/00000000-0000-4000-8000-000000000000",
  "/staff/figures",
  "/staff/audit",
];

describe("signing in", () => {
  test("a listed address is emailed a code and signed in to the staff area, which names them by reference, never by address", async () => {
    const staff = http.browser();
    const since = server.mail.received.length;
    const asked = await staff.post("/staff/sign-in", { email: "Admin@Council.example.org " }, from(1));
    expectRedirect(asked, "/staff/sign-in/check-email");
    const check = await staff.get("/staff/sign-in/check-email", from(1));
    expect(check.doc.h1).toBe("Check your email");
    expect(text(check.doc.one("main"))).toContain(`We have sent a code to ${ADMIN}.`);
    const email = await server.mail.nextEmailTo(ADMIN, since);
    expect(subjectOf(email)).toBe("Your code to sign in to the staff area of Tell it once");

    const signed = await staff.post("/staff/sign-in/check-email", { code: signInCodeFrom(email) }, from(1));
    expectRedirect(signed, "/staff");
    expect(staff.jar.get(STAFF_COOKIE)).toBeDefined();
    expect(staff.jar.get(STAFF_SIGN_IN_COOKIE)).toBeUndefined();
    const cookie = signed.headers.getSetCookie().find((c) => c.startsWith(`${STAFF_COOKIE}=`)) ?? "";
    expect(cookie).toMatch(/; Path=\/; Max-Age=28800; HttpOnly; SameSite=Lax$/);

    const home = await staff.get("/staff", from(1));
    expect(home.status).toBe(200);
    expect(home.doc.h1).toBe("Staff area");
    const reference = text(home.doc.one("main")).match(/this reference: ([0-9a-f]{12})\./)?.[1];
    expect(reference).toBeDefined();
    expect(home.html).not.toContain(ADMIN);

    const events = (await auditRows(server)).filter((row) => row.event.startsWith("staff_"));
    expect(events.map((row) => [row.event, JSON.parse(row.detail ?? "{}")])).toEqual([
      ["staff_sign_in_code_sent", { staff: reference }],
      ["staff_signed_in", { staff: reference }],
    ]);
  });

  test("an address not listed is answered exactly as a listed one, and sent nothing; no code it types works", async () => {
    const outsider = "someone@council.example.org";
    const pages = [];
    for (const [n, email] of [
      [2, SECOND],
      [3, outsider],
    ] as const) {
      const browser = http.browser();
      const asked = await browser.post("/staff/sign-in", { email }, from(n));
      expectRedirect(asked, "/staff/sign-in/check-email");
      expect(browser.jar.get(STAFF_SIGN_IN_COOKIE)).toBeDefined();
      pages.push({ email, browser, check: await browser.get("/staff/sign-in/check-email", from(n)) });
    }
    expect(pages[1].check.status).toBe(pages[0].check.status);
    expect(sameness(pages[1].check, outsider)).toBe(sameness(pages[0].check, SECOND));
    expect(await emailsSentTo(server, outsider, 0)).toEqual([]);
    expect(await emailsSentTo(server, SECOND, 0)).toHaveLength(1);

    // Whatever they type, the code is not right, as for a listed address that types the wrong one.
    for (const code of ["000000", "123456"]) {
      const tried = await pages[1].browser.post("/staff/sign-in/check-email", { code }, from(3));
      expect(tried.status).toBe(400);
      expect(text(tried.doc.byClass("govuk-error-summary")[0])).toContain("The code is not right");
    }
    expect(pages[1].browser.jar.get(STAFF_COOKIE)).toBeUndefined();
    // The log says someone not listed asked, never who.
    const asked = (await auditRows(server)).filter((row) => row.event === "staff_sign_in_not_listed");
    expect(asked).toHaveLength(1);
    expect(asked[0].detail).not.toContain("@");
  });

  test("the limits on codes are the same for a listed address and any other, so they tell nothing either", async () => {
    const answers = [];
    for (const [n, email] of [
      [4, ADMIN],
      [5, "nobody@council.example.org"],
    ] as const) {
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await http.post("/staff/sign-in", { email }, from(n))).status);
      answers.push(statuses);
    }
    expect(answers[0]).toEqual([302, 302, 302, 302, 302, 429]);
    expect(answers[1]).toEqual(answers[0]);
  });

  test("a staff page asked for while signed out is where signing in leads; a returnTo outside the staff area leads home", async () => {
    const browser = http.browser();
    expectRedirect(await browser.get("/staff/figures?lang=en", from(6)), "/staff/sign-in?returnTo=%2Fstaff%2Ffigures%3Flang%3Den");
    for (const [returnTo, to] of [
      ["/staff/figures", "/staff/figures"],
      ["/stories", "/staff"],
      ["//evil.example/staff", "/staff"],
    ]) {
      const since = server.mail.received.length;
      const asked = await browser.post(`/staff/sign-in?returnTo=${encodeURIComponent(returnTo)}`, { email: ADMIN }, from(6));
      expect(asked.status).toBe(302);
      const code = signInCodeFrom(await server.mail.nextEmailTo(ADMIN, since));
      expectRedirect(await browser.post("/staff/sign-in/check-email", { code }, from(6)), to);
      await browser.post("/staff/sign-out", {}, from(6));
    }
  });

  test("the code is emailed in Welsh to someone signing in in Welsh, and the pages are in Welsh", async () => {
    const staff = http.browser({ lang: "cy" });
    const since = server.mail.received.length;
    const page = await staff.get("/staff/sign-in", from(7));
    expect(page.doc.h1).toBe("Rhowch eich cyfeiriad e-bost gwaith");
    expect(page.doc.lang).toBe("cy");
    await staff.post("/staff/sign-in", { email: ADMIN }, from(7));
    const email = await server.mail.nextEmailTo(ADMIN, since);
    expect(subjectOf(email)).toBe("Eich cod i fewngofnodi i ardal staff Dweud unwaith");
    expect(bodyOf(email)).toContain("Rhowch y cod hwn i fewngofnodi i ardal staff Dweud unwaith:");
    expectRedirect(await staff.post("/staff/sign-in/check-email", { code: signInCodeFrom(email) }, from(7)), "/staff");
    const home = await staff.get("/staff", from(7));
    expect(home.doc.h1).toBe("Ardal staff");
  });
});

describe("staff and residents are kept apart", () => {
  test("every staff page sends someone not signed in to the staff sign-in, and every staff form does", async () => {
    for (const path of STAFF_PAGES) expectRedirect(await http.get(path, from(8)), `/staff/sign-in?returnTo=${encodeURIComponent(path)}`);
    for (const path of STAFF_PAGES.filter((page) => page.startsWith("/staff/agencies/"))) {
      expectRedirect(await http.post(path, {}, from(8)), `/staff/sign-in?returnTo=${encodeURIComponent(path)}`);
    }
    expectRedirect(await http.post("/staff/figures.csv", {}, from(8)), "/staff/sign-in?returnTo=%2Fstaff%2Ffigures.csv");
  });

  test("a resident's session never opens the staff area, even a resident whose address is in ADMIN_EMAILS", async () => {
    const resident = await signedIn(server, ADMIN);
    for (const path of STAFF_PAGES) {
      expectRedirect(await resident.get(path, from(9)), `/staff/sign-in?returnTo=${encodeURIComponent(path)}`);
    }
    const before = await server.rowCounts();
    expectRedirect(await resident.post("/staff/agencies/new", { key: "x", name: "X" }, from(9)), "/staff/sign-in?returnTo=%2Fstaff%2Fagencies%2Fnew");
    expect((await server.rowCounts()).agencies).toBe(before.agencies);
  });

  test("a staff session never acts as a resident: resident pages ask it to sign in, and no account is made", async () => {
    const staff = await staffSignedIn(server, SECOND);
    const residents = async () => (await server.query<{ n: number }>("select count(*) as n from residents where email = ?", SECOND))[0].n;
    expect(await residents()).toBe(0);
    expectRedirect(await staff.get("/stories", from(10)), "/sign-in?returnTo=%2Fstories");
    expectRedirect(await staff.post("/stories/new/about", { name: "Sam", intent: "save" }, from(10)), "/sign-in?returnTo=%2Fstories%2Fnew%2Fabout");
    expect(await residents()).toBe(0);
    // The resident's sign-in page does not take the staff session for a resident's either.
    expect((await staff.get("/sign-in", from(10))).status).toBe(200);
  });

  test("a staff code never signs a resident in, nor a resident's code anyone in to the staff area", async () => {
    // A staff code, and its browser's token, offered to the resident's page as a resident's sign-in.
    const staff = http.browser();
    let since = server.mail.received.length;
    await staff.post("/staff/sign-in", { email: ADMIN }, from(11));
    const staffCode = signInCodeFrom(await server.mail.nextEmailTo(ADMIN, since));
    const token = staff.jar.get(STAFF_SIGN_IN_COOKIE)!.split("=")[1];
    const asResident = await http.post("/sign-in/check-email", { code: staffCode }, { cookie: `signin=${token}`, ...from(11) });
    // No resident's sign-in waits under that token, so the page sends the browser to sign in, with no session.
    expectRedirect(asResident, "/sign-in");
    expect(asResident.headers.getSetCookie().some((c) => c.startsWith("session="))).toBe(false);

    // A resident's code, and its token, offered to the staff page.
    const resident = http.browser();
    since = server.mail.received.length;
    await resident.post("/sign-in", { email: ADMIN }, from(12));
    const residentCode = signInCodeFrom(await server.mail.nextEmailTo(ADMIN, since));
    const residentToken = resident.jar.get("signin")!.split("=")[1];
    const asStaff = await http.post("/staff/sign-in/check-email", { code: residentCode }, { cookie: `${STAFF_SIGN_IN_COOKIE}=${residentToken}`, ...from(12) });
    expectRedirect(asStaff, "/staff/sign-in");
    expect(asStaff.headers.getSetCookie().some((c) => c.startsWith(`${STAFF_COOKIE}=`))).toBe(false);
    // Both codes still work where they belong.
    expectRedirect(await staff.post("/staff/sign-in/check-email", { code: staffCode }, from(11)), "/staff");
    expectRedirect(await resident.post("/sign-in/check-email", { code: residentCode }, from(12)), "/stories");
  });
});

describe("how a staff session ends", () => {
  const sessionOf = (browser: { jar: { get: (name: string) => string | undefined } }) => browser.jar.get(STAFF_COOKIE)!;

  test("signing out ends it at once; another tab is told so, and the signed-out page offers signing in again", async () => {
    const staff = await staffSignedIn(server, ADMIN);
    const cookie = sessionOf(staff);
    const form = (await staff.get("/staff", from(13))).doc.all((el) => el.tagName === "form" && attr(el, "action") === "/staff/sign-out");
    expect(form).toHaveLength(1);
    const out = await http.post("/staff/sign-out", {}, { cookie, ...from(13) });
    expectRedirect(out, "/staff/signed-out");
    const signedOut = await http.get("/staff/signed-out", from(13));
    expect(signedOut.doc.h1).toBe("You have signed out of the staff area");

    const other = await http.get("/staff/agencies", { cookie, ...from(13) });
    expectRedirect(other, "/staff/sign-in?returnTo=%2Fstaff%2Fagencies&signedOut=1");
    const told = await http.get(other.headers.get("location")!, from(13));
    expect(text(told.doc.byClass("govuk-notification-banner")[0])).toContain("You signed out of the staff area");
    expect((await auditRows(server)).at(-1)?.event).toBe("staff_signed_out");
  });

  test("after 30 minutes without activity, and 8 hours after signing in, the next page says it timed out", async () => {
    for (const [column, value] of [
      ["last_seen_at", new Date(Date.now() - 31 * 60 * 1000)],
      ["expires_at", new Date(Date.now() - 1000)],
    ] as const) {
      const staff = await staffSignedIn(server, ADMIN);
      expect((await staff.get("/staff/audit", from(14))).status).toBe(200);
      await server.write(`update staff_sessions set ${column} = ? where signed_out_at is null`, value);
      expectRedirect(await staff.get("/staff/audit", from(14)), "/staff/sign-in?returnTo=%2Fstaff%2Faudit&timedOut=1");
    }
  });

  test("taking an address off ADMIN_EMAILS ends its sessions at the next request, and it is sent no more codes", async () => {
    const staff = await staffSignedIn(server, SECOND);
    // Another instance on the same database, started with SECOND no longer listed.
    const shared: Record<string, string> = server.databaseUrl ? { DATABASE_URL: server.databaseUrl } : { DATABASE_PATH: server.databasePath };
    const changed = await startServerWithMail({ ADMIN_EMAILS: ADMIN, SESSION_SECRET: "a-test-secret-every-instance-of-one-run-shares", ...shared });
    try {
      const there = new HttpClient(changed.url);
      expectRedirect(await there.get("/staff", { cookie: sessionOf(staff) }), "/staff/sign-in?returnTo=%2Fstaff");
      // Either instance's mail worker may send what either queues: the outbox says whether anything was.
      const queued = async () => (await server.query<{ n: number }>("select count(*) as n from outbox where recipient = ?", SECOND))[0].n;
      const before = await queued();
      expectRedirect(await there.post("/staff/sign-in", { email: SECOND }), "/staff/sign-in/check-email");
      expect(await queued()).toBe(before);
    } finally {
      await changed.stop();
    }
  });
});
