import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { codeFrom, linkSentTo, openAsProfessional, openLink, subjectOf } from "#tests/support/professional";
import { publishedStory, shareThroughTheJourney } from "#tests/support/share-journey";
import { bodyOf, emailsSentTo, signedIn, startServerWithMail, type ServerWithMail } from "#tests/support/sign-in";
import { attr, load, type Page, text, HttpClient, type Browser, errorSummary, expectRedirect } from "#tests/support/http-client";
import { serverForThisFile } from "#tests/support/server-for-file";
import { auditRows, auditWindowsSince, expectOncePerWindow } from "./helpers";
import { rawKey } from "#tests/support/raw-keys";

const server = serverForThisFile(startServerWithMail);
const http = new HttpClient(() => server.url);
let alice: Browser;
let storyId: string;
/** Each agency's share of Alice's story ("About you" and "What matters"): its id and the link its inbox was sent. */
const shares: Record<string, { id: string; link: string }> = {};

const GP = "Riverside Medical Practice"; // nhs.example.net; kept up to date
const HOUSING = "Demo Council Housing Options"; // two domains; sees the version agreed
const CARE = "Demo Council Adult Social Care"; // stopped before anyone opens it
const POLICE = "Demo Neighbourhood Policing Team"; // ends while a browser can read it
const JOBCENTRE = "Demo Jobcentre Plus"; // stopped while a browser can read it
const ADVICE = "Citizens Advice Demo"; // a browser's 8 hours run out

const DR_ADA = "dr.ada@nhs.example.net";
const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

const query = <T>(sql: string, ...params: unknown[]) => server.query<T>(sql, ...params);

/** A fixture written straight into the server's database (a clock moved on, say); the app itself is never changed. */
const write = (sql: string, ...params: unknown[]) => server.write(sql, ...params);

/** The pages behind a share's link. */
const sharedPath = (agency: string, page: "email" | "code" | "summary" | "received") => `/shared/${shares[agency].id}/${page}`;
const tokenOf = (cookie: string) => cookie.slice(cookie.indexOf("=") + 1);
type AccessRow = { id_hash: string; share_id: string; email: string | null; verified_at: number | null; expires_at: number; created_at: number };
const accessOf = async (cookie: string) => (await query<AccessRow>("select * from share_access where id_hash = ?", sha256(tokenOf(cookie))))[0];
const shareCookies = (page: Page) => page.headers.getSetCookie().filter((header) => header.startsWith("share-"));
const auditCount = async (event: string) => (await auditRows(server)).filter((row) => row.event === event).length;

/** A whole page in the layout, with the title GOV.UK asks for. */
function expectPage(page: Page, status: number, title: string, service = "Tell it once – Demo Council") {
  expect(page.status).toBe(status);
  expect(page.doc.title).toBe(`${title} – ${service}`);
  expect(page.doc.byClass("govuk-template__header")).toHaveLength(1);
  expect(page.doc.byClass("govuk-footer")).toHaveLength(1);
  expect(text(page.doc.one("main"))).not.toMatch(rawKey);
}

function expectNotFound(page: Page) {
  expectPage(page, 404, "Page not found");
  expect(page.doc.h1).toBe("Page not found");
  expect(shareCookies(page)).toEqual([]);
}

const NOT_OPEN = { en: "This story is not open on this device", cy: "Dydy’r stori hon ddim ar agor ar y ddyfais hon" };

/**
 * A page under /shared/<shareId>/ in a browser without access to it: the same
 * words whether reading was finished here, the link was never opened here, the
 * cookies were cleared or the id is made up, so nothing says whether the share
 * exists; and how to open it again.
 */
function expectNotOpenHere(page: Page, lang: "en" | "cy" = "en") {
  expectPage(page, 404, NOT_OPEN[lang], lang === "cy" ? "Dweud unwaith – Cyngor Demo" : undefined);
  expect(page.doc.h1).toBe(NOT_OPEN[lang]);
  const main = text(page.doc.one("main"));
  if (lang === "en") {
    expect(main).toContain("Someone may have selected ‘Finish reading on this device’, or the browser’s cookies may have been cleared.");
    expect(main).toContain(
      "To read it, open the link in the email sent to your organisation’s inbox, then enter your work email address and the code we send to it.",
    );
  } else {
    expect(main).toContain("Efallai bod rhywun wedi dewis ‘Gorffen darllen ar y ddyfais hon’");
  }
  expect(main).not.toMatch(/Page not found|entire address|Sam|Bess/);
  expect(shareCookies(page)).toEqual([]);
}

/** 410: stopped by the person (no date), or ended on `endedOn`. Never anything of the story. */
function expectGone(page: Page, endedOn?: string) {
  expectPage(page, 410, "This story is no longer shared with you");
  const main = text(page.doc.one("main"));
  if (endedOn) {
    expect(main).toContain(`Sharing ended on ${endedOn}, the date the person chose.`);
    expect(main).not.toContain("stopped sharing");
  } else {
    expect(main).toContain("The person who shared it has stopped sharing it with your organisation.");
    expect(main).not.toContain("Sharing ended");
  }
  expect(main).not.toMatch(/Sam|Bess/);
  expect(shareCookies(page)).toEqual([]);
}

function expectTimedOut(page: Page) {
  expectPage(page, 401, "Your access to this story has timed out");
  expect(text(page.doc.one("main"))).toContain("Open the link in the email again to carry on.");
  expect(text(page.doc.one("main"))).not.toMatch(/Sam|Bess/);
}

/** A refused form: 400 (or `status`), "Error:" in the title, the summary linking to each field in order. */
function expectErrors(page: Page, errors: { href: string; text: string }[], status = 400) {
  expect(page.status).toBe(status);
  expect(page.doc.title).toMatch(/^Error: /);
  expect(errorSummary(page)).toEqual(errors);
}

const inputValue = (page: Page, id: string) => attr(page.doc.all((el) => attr(el, "id") === id)[0], "value");

/** The ids of the summary's sections tagged "Changed since you last viewed". */
const changedSections = (page: Page) =>
  page.doc
    .byClass("app-story-section")
    .filter((section) => page.doc.byClass("govuk-tag", section).some((tag) => text(tag) === "Changed since you last viewed"))
    .map((section) => (attr(section, "aria-labelledby") ?? "").replace(/^summary-/, ""));

/** The "Changed since you last viewed" banner at the top of the summary, if any: its heading and its links. */
function changesSinceLastView(page: Page) {
  const [banner, ...more] = page.doc.byClass("app-changes-since-last-view");
  expect(more).toEqual([]);
  if (!banner) return null;
  // At the top: before the page's heading.
  expect(page.html.indexOf("app-changes-since-last-view")).toBeLessThan(page.html.indexOf("<h1"));
  return {
    title: text(page.doc.byClass("govuk-notification-banner__title", banner)[0]),
    heading: text(page.doc.byClass("govuk-notification-banner__heading", banner)[0]),
    links: page.doc.tag("a", banner).map((a) => [text(a), attr(a, "href")]),
  };
}

/** "3 March 2027", as the 410 page writes a day sharing ended (in UTC, as shares end at the end of a UTC day). */
const longDate = (date: Date, lang: "en" | "cy") =>
  date.toLocaleDateString(lang === "cy" ? "cy-GB" : "en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

beforeAll(async () => {
  alice = await signedIn(server, "alice@example.org", "en");
  storyId = await publishedStory(server, alice.cookie);
  const agencies = await query<{ id: string; name: string; contact_email: string }>("select id, name, contact_email from agencies");
  const agency = (name: string) => agencies.find((row) => row.name === name)!;
  const since = server.mail.received.length;
  await shareThroughTheJourney(server, alice.cookie, storyId, [agency(GP).id], "yes");
  await shareThroughTheJourney(
    server,
    alice.cookie,
    storyId,
    [HOUSING, CARE, POLICE, JOBCENTRE, ADVICE].map((name) => agency(name).id),
    "no",
  );
  for (const name of [GP, HOUSING, CARE, POLICE, JOBCENTRE, ADVICE]) {
    const [share] = await query<{ id: string }>("select id from shares where story_id = ? and agency_id = ?", storyId, agency(name).id);
    shares[name] = { id: share.id, link: await linkSentTo(server, agency(name).contact_email, since) };
  }
});

/** Dr Ada's browser at the GP: opened the link in "opening the link", proves her address in "proving a work address". */
let gp: string;
/** A housing officer's browser, verified at the second of the agency's two domains. */
let housing: string;

describe("opening the link", () => {
  test("an unknown or malformed token: Page not found, and no cookie or access given", async () => {
    const real = shares[GP].link.slice(-43);
    const before = (await server.rowCounts()).share_access;
    const tokens = [randomBytes(32).toString("base64url"), real.slice(0, 42), `${real}A`, `${real.slice(0, 42)}!`, shares[GP].id];
    for (const token of tokens) expectNotFound(await http.get(`/shared/${encodeURIComponent(token)}`, { lang: "en" }));
    expect((await server.rowCounts()).share_access).toBe(before);
  });

  test("a share stopped before anyone opened it: 410 saying the person stopped sharing, and no cookie", async () => {
    expect((await alice.post(`/stories/${storyId}/shares/${shares[CARE].id}/stop`)).status).toBe(302);
    expectGone(await http.get(new URL(shares[CARE].link).pathname, { lang: "en" }));
    expect(await query("select * from share_access where share_id = ?", shares[CARE].id)).toEqual([]);
  });

  test("an active link is swapped for a cookie for /shared/ only, and leads to an address without the token", async () => {
    const token = shares[GP].link.slice(-43);
    const page = await http.get(new URL(shares[GP].link).pathname, { lang: "en" });
    expectRedirect(page, `/shared/${shares[GP].id}/email`);
    expect(page.headers.get("location")).not.toContain(token);

    const [setCookie, ...more] = shareCookies(page);
    expect(more).toEqual([]);
    const match = setCookie.match(new RegExp(`^share-${shares[GP].id}=([A-Za-z0-9_-]{43}); Path=/shared/; Max-Age=3600; HttpOnly; SameSite=Lax$`));
    expect(match, setCookie).not.toBeNull();
    expect(match![1]).not.toBe(token);
    gp = setCookie.split(";")[0];

    const access = await accessOf(gp);
    expect(access).toMatchObject({ share_id: shares[GP].id, email: null, verified_at: null });
    expect(Math.abs(access.expires_at - Date.now() - 60 * 60 * 1000)).toBeLessThan(10_000);
    // The link's own token is kept nowhere: not as an access id, not in the audit log, not in the server's output.
    expect(await query("select * from share_access where id_hash = ?", sha256(token))).toEqual([]);
    expect(JSON.stringify(await auditRows(server))).not.toContain(token);
    expect(server.output()).not.toContain(token);
  });

  test("the same browser opening the link again keeps its access: no new cookie, no new access", async () => {
    const before = (await server.rowCounts()).share_access;
    const page = await http.get(new URL(shares[GP].link).pathname, { cookie: gp, lang: "en" });
    expectRedirect(page, `/shared/${shares[GP].id}/email`);
    expect(shareCookies(page)).toEqual([]);
    expect((await server.rowCounts()).share_access).toBe(before);
  });
});

describe("a link posted to from another site", () => {
  test("is refused with 403; the audit log names the route, never the token, once per connection per window", async () => {
    const token = shares[GP].link.slice(-43);
    const unknown = randomBytes(32).toString("base64url");
    const lastId = (await auditRows(server)).at(-1)?.id ?? 0;
    const before = await server.rowCounts();
    const since = Date.now();
    const crossSite = (path: string) =>
      load(server.url, path, {
        method: "POST",
        headers: { "X-Forwarded-For": "203.0.113.20", "Sec-Fetch-Site": "cross-site", "Content-Type": "application/x-www-form-urlencoded", Cookie: "lang=en" },
        body: "a=b",
      });
    for (let attempt = 0; attempt < 20; attempt++) {
      const page = await crossSite(`/shared/${attempt % 2 === 0 ? token : unknown}`);
      expect(page.status).toBe(403);
      expect(shareCookies(page)).toEqual([]);
    }
    const added = (await auditRows(server)).filter((row) => row.id > lastId).map((row) => [row.event, JSON.parse(row.detail ?? "null")]);
    expectOncePerWindow(added, since);
    expect(added).toEqual(Array(added.length).fill(["cross_site_request_refused", { path: "/shared/:token" }]));
    expect(JSON.stringify(await auditRows(server))).not.toContain(token);
    expect(JSON.stringify(await auditRows(server))).not.toContain(unknown);
    expect(await server.rowCounts()).toEqual({
      ...before,
      audit_events: before.audit_events + added.length,
      rate_limits: (await server.rowCounts()).rate_limits,
    });
  });
});

describe("kept out of search engines and caches", () => {
  test("robots.txt disallows /shared/", async () => {
    const robots = await fetch(`${server.url}/robots.txt`);
    expect(robots.status).toBe(200);
    expect((await robots.text()).split(/\r?\n/)).toContain("Disallow: /shared/");
  });

  test("every answer under /shared/ says noindex and no-store; every page has the robots meta tag", async () => {
    const answers = [
      await http.get(new URL(shares[GP].link).pathname, { cookie: gp, lang: "en" }),
      await http.get(new URL(shares[CARE].link).pathname, { lang: "en" }),
      await http.get(sharedPath(GP, "email"), { cookie: gp, lang: "en" }),
      await http.get(sharedPath(GP, "summary"), { lang: "en" }),
      await http.get(sharedPath(GP, "summary"), { cookie: gp, lang: "en" }),
    ];
    expect(answers.map((page) => page.status)).toEqual([302, 410, 200, 404, 302]);
    for (const page of answers) {
      expect(page.headers.get("x-robots-tag")).toBe("noindex, nofollow");
      expect(page.headers.get("cache-control")).toBe("no-store");
    }
    for (const page of answers.filter((p) => p.status !== 302)) {
      expect(page.doc.all((el) => el.tagName === "meta" && attr(el, "name") === "robots").map((el) => attr(el, "content"))).toEqual(["noindex"]);
    }
  });
});

describe("the pages behind the link need this browser's cookie for that share", () => {
  test("without one, with another share's, with a renamed one or under a made-up id: Page not found, GET and POST, and nothing changes", async () => {
    const token = tokenOf(gp);
    const madeUp = "00000000-0000-4000-8000-000000000000";
    const attempts = [
      { id: shares[GP].id, cookie: undefined },
      { id: shares[HOUSING].id, cookie: gp },
      { id: shares[HOUSING].id, cookie: `share-${shares[HOUSING].id}=${token}` },
      { id: madeUp, cookie: `share-${madeUp}=${token}` },
      { id: "not-a-share", cookie: `share-not-a-share=${token}` },
    ];
    const fields = { email: DR_ADA, code: "123456", name: "Someone", role: "Someone else" };
    const before = await server.rowCounts();
    const answers: string[] = [];
    const expected: string[] = [];
    for (const { id, cookie } of attempts) {
      for (const page of ["email", "code", "summary", "received"]) {
        const path = `/shared/${id}/${page}`;
        const got = await http.get(path, { cookie: cookie, lang: "en" });
        if (got.status === 404) expectNotOpenHere(got);
        answers.push(`GET ${path} ${got.status}`);
        expected.push(`GET ${path} 404`);
        // The summary has no form: see "the summary has no form" below.
        if (page === "summary") continue;
        answers.push(`POST ${path} ${(await http.post(path, fields, { cookie: cookie, lang: "en" })).status}`);
        expected.push(`POST ${path} 404`);
      }
    }
    expect(await server.rowCounts()).toEqual(before);
    expect(answers).toEqual(expected);
  });
});

describe("proving a work address", () => {
  test("until an address is proven, the summary, the reply page and the code page lead to the work email page, and nothing is kept", async () => {
    const before = await server.rowCounts();
    for (const page of ["summary", "received", "code"] as const)
      expectRedirect(await http.get(sharedPath(GP, page), { cookie: gp, lang: "en" }), sharedPath(GP, "email"));
    expectRedirect(await http.post(sharedPath(GP, "received"), { name: "Someone", role: "Someone else" }, { cookie: gp, lang: "en" }), sharedPath(GP, "email"));
    expect(await server.rowCounts()).toEqual(before);
  });

  test("the work email page names the agency and nothing of the person or the story", async () => {
    const page = await http.get(sharedPath(GP, "email"), { cookie: gp, lang: "en" });
    expectPage(page, 200, "Enter your work email address");
    expect(page.doc.h1).toBe("Enter your work email address");
    expect(text(page.doc.byClass("govuk-caption-l")[0])).toBe(`Story shared with ${GP}`);
    expect(text(page.doc.one("main"))).toContain(`We will email you a code to check that you work at ${GP}.`);
    expect(page.html).not.toMatch(/Sam|Jones|Bess/);
  });

  test("no address, or one not written as an address: 400 with the error linked to the field, nothing sent", async () => {
    const before = await server.rowCounts();
    expectErrors(await http.post(sharedPath(GP, "email"), { email: "" }, { cookie: gp, lang: "en" }), [
      { href: "#email", text: "Enter your work email address" },
    ]);
    const badFormat = await http.post(sharedPath(GP, "email"), { email: "dr.ada" }, { cookie: gp, lang: "en" });
    expectErrors(badFormat, [{ href: "#email", text: "Enter an email address in the correct format, like name@example.com" }]);
    expect(inputValue(badFormat, "email")).toBe("dr.ada");
    expect(await server.rowCounts()).toEqual(before);
  });

  test("an address anywhere but exactly at the agency's domain: 400 naming the agency and its domain, nothing sent", async () => {
    const before = await server.rowCounts();
    for (const email of ["dr.ada@gmail.com", "dr.ada@evil-nhs.example.net", "dr.ada@nhs.example.net.evil.org", "dr.ada@mail.nhs.example.net"]) {
      const page = await http.post(sharedPath(GP, "email"), { email }, { cookie: gp, lang: "en" });
      expectErrors(page, [{ href: "#email", text: `Enter your work email address at ${GP}, ending in @nhs.example.net` }]);
      expect(inputValue(page, "email")).toBe(email);
    }
    expect(await server.rowCounts()).toEqual(before);
  });

  test("an agency with two domains names both, and takes an address at the second", async () => {
    const opened = await openLink(shares[HOUSING].link);
    housing = opened.cookie;
    const wrong = await http.post(sharedPath(HOUSING, "email"), { email: "officer@example.org" }, { cookie: housing, lang: "en" });
    expectErrors(wrong, [
      { href: "#email", text: `Enter your work email address at ${HOUSING}, ending in @demo-council.example.org or @housing.demo-council.example.org` },
    ]);

    const officer = "officer@housing.demo-council.example.org";
    const since = server.mail.received.length;
    expectRedirect(await http.post(sharedPath(HOUSING, "email"), { email: officer }, { cookie: housing, lang: "en" }), sharedPath(HOUSING, "code"));
    const code = codeFrom(await server.mail.nextEmailTo(officer, since));
    const verified = await http.post(sharedPath(HOUSING, "code"), { code }, { cookie: housing, lang: "en" });
    expectRedirect(verified, sharedPath(HOUSING, "summary"));
    housing = shareCookies(verified)[0].split(";")[0];
    expect(await accessOf(housing)).toMatchObject({ email: officer });
  });

  let firstCode = "";
  test("the right domain: a code emailed to that address, naming the agency and nothing of the person or the story", async () => {
    const since = server.mail.received.length;
    expectRedirect(await http.post(sharedPath(GP, "email"), { email: " Dr.Ada@NHS.example.net " }, { cookie: gp, lang: "en" }), sharedPath(GP, "code"));
    const email = await server.mail.nextEmailTo(DR_ADA, since);
    expect(subjectOf(email)).toBe(`Your code to read a story shared with ${GP}`);
    const body = bodyOf(email);
    expect(body).toContain(`to read the story someone shared with ${GP}:`);
    expect(body).toContain("The code expires in 15 minutes.");
    expect(body).not.toMatch(/Sam|Jones|Bess|alice|\/shared\//);
    firstCode = codeFrom(email);

    const page = await http.get(sharedPath(GP, "code"), { cookie: gp, lang: "en" });
    expectPage(page, 200, "Check your email");
    expect(text(page.doc.one("main"))).toContain(`We have sent a code to ${DR_ADA}.`);
    expect(page.html).not.toMatch(/Sam|Jones|Bess/);
  });

  test("a code not written as one, a wrong code, then five wrong: refused, and then even the right code is", async () => {
    expectErrors(await http.post(sharedPath(GP, "code"), { code: "" }, { cookie: gp, lang: "en" }), [
      { href: "#code", text: "Enter the code from your email" },
    ]);
    expectErrors(await http.post(sharedPath(GP, "code"), { code: "12345" }, { cookie: gp, lang: "en" }), [
      { href: "#code", text: "The code must be 6 numbers" },
    ]);
    const wrong = firstCode === "000000" ? "111111" : "000000";
    for (let attempt = 1; attempt <= 4; attempt++) {
      expectErrors(await http.post(sharedPath(GP, "code"), { code: wrong }, { cookie: gp, lang: "en" }), [
        { href: "#code", text: "The code is not right. Check the email we sent and try again" },
      ]);
    }
    const tooMany = [{ href: "#code", text: "You have entered the wrong code too many times. Select ‘Send a new code’ to get another one" }];
    expectErrors(await http.post(sharedPath(GP, "code"), { code: wrong }, { cookie: gp, lang: "en" }), tooMany);
    expectErrors(await http.post(sharedPath(GP, "code"), { code: firstCode }, { cookie: gp, lang: "en" }), tooMany);
    expect(await accessOf(gp)).toMatchObject({ email: null, verified_at: null });
  });

  let freshCode = "";
  test("Send a new code: emailed again, said on the page; a code past its 15 minutes is refused", async () => {
    let since = server.mail.received.length;
    const resent = await http.post(sharedPath(GP, "code"), { intent: "resend" }, { cookie: gp, lang: "en" });
    expectPage(resent, 200, "Check your email");
    expect(text(resent.doc.byClass("govuk-notification-banner")[0])).toContain(`We have sent a new code to ${DR_ADA}.`);
    const second = codeFrom(await server.mail.nextEmailTo(DR_ADA, since));

    await write("update sign_in_codes set expires_at = ? where share_access_id = ? and used_at is null", new Date(Date.now() - 1000), sha256(tokenOf(gp)));
    expectErrors(await http.post(sharedPath(GP, "code"), { code: second }, { cookie: gp, lang: "en" }), [
      { href: "#code", text: "That code has expired. Select ‘Send a new code’ to get another one" },
    ]);

    since = server.mail.received.length;
    expect((await http.post(sharedPath(GP, "code"), { intent: "resend" }, { cookie: gp, lang: "en" })).status).toBe(200);
    freshCode = codeFrom(await server.mail.nextEmailTo(DR_ADA, since));
  });

  test("the right code: to the summary with a new cookie good for 8 hours, the address recorded; the old cookie reads nothing", async () => {
    const verifiedBefore = await auditCount("share_access_verified");
    // Someone who had this browser's cookie before the address was proven (planted it, or copied it) holds `before`.
    const before = gp;
    const page = await http.post(sharedPath(GP, "code"), { code: `${freshCode.slice(0, 3)} ${freshCode.slice(3)}` }, { cookie: gp, lang: "en" });
    expectRedirect(page, sharedPath(GP, "summary"));
    const [setCookie, ...more] = shareCookies(page);
    expect(more).toEqual([]);
    expect(setCookie).toMatch(new RegExp(`^share-${shares[GP].id}=[A-Za-z0-9_-]{43}; Path=/shared/; Max-Age=28800; HttpOnly; SameSite=Lax$`));
    gp = setCookie.split(";")[0];
    expect(gp).not.toBe(before);
    expect(await accessOf(before)).toBeUndefined();
    for (const path of [sharedPath(GP, "summary"), sharedPath(GP, "received"), sharedPath(GP, "email")])
      expect((await http.get(path, { cookie: before, lang: "en" })).status).toBe(404);
    expect(await query("select * from share_views where share_id = ?", shares[GP].id)).toEqual([]);
    const access = await accessOf(gp);
    expect(access).toMatchObject({ share_id: shares[GP].id, email: DR_ADA });
    expect(Math.abs(access.verified_at! - Date.now())).toBeLessThan(10_000);
    expect(access.expires_at - access.verified_at!).toBe(8 * 60 * 60 * 1000);
    expect(await auditCount("share_access_verified")).toBe(verifiedBefore + 1);
    // The codes sent for the access that ended went with it.
    expect(await query("select * from sign_in_codes where share_access_id in (?, ?)", sha256(tokenOf(before)), access.id_hash)).toEqual([]);
  });

  test("a used code proves nothing again: not in the same browser, nor in another", async () => {
    const access = await accessOf(gp);
    const verifiedBefore = await auditCount("share_access_verified");
    const again = await http.post(sharedPath(GP, "code"), { code: freshCode }, { cookie: gp, lang: "en" });
    expectRedirect(again, sharedPath(GP, "summary"));
    expect(shareCookies(again)).toEqual([]);
    expect(await accessOf(gp)).toEqual(access);

    const other = (await openLink(shares[GP].link)).cookie;
    const since = server.mail.received.length;
    expectRedirect(await http.post(sharedPath(GP, "email"), { email: DR_ADA }, { cookie: other, lang: "en" }), sharedPath(GP, "code"));
    await server.mail.nextEmailTo(DR_ADA, since);
    expectErrors(await http.post(sharedPath(GP, "code"), { code: freshCode }, { cookie: other, lang: "en" }), [
      { href: "#code", text: "The code is not right. Check the email we sent and try again" },
    ]);
    expect(await accessOf(other)).toMatchObject({ email: null, verified_at: null });
    expect(await auditCount("share_access_verified")).toBe(verifiedBefore);
  });

  test("a sixth code for one address within the hour: 429 with the message, nothing sent", async () => {
    const browser = (await openLink(shares[GP].link)).cookie;
    for (let i = 0; i < 5; i++)
      expectRedirect(await http.post(sharedPath(GP, "email"), { email: "busy@nhs.example.net" }, { cookie: browser, lang: "en" }), sharedPath(GP, "code"));
    const before = await server.rowCounts();
    const page = await http.post(sharedPath(GP, "email"), { email: "busy@nhs.example.net" }, { cookie: browser, lang: "en" });
    expectErrors(page, [{ href: "#email", text: "You have asked for too many codes for this email address. Wait an hour, then try again" }], 429);
    const after = await server.rowCounts();
    expect([after.outbox, after.sign_in_codes]).toEqual([before.outbox, before.sign_in_codes]);
  });
});

describe("reading the summary", () => {
  test("the person's name, the parts shared and what they agreed; nothing marked as changed on a first view", async () => {
    const page = await http.get(sharedPath(GP, "summary"), { cookie: gp, lang: "en" });
    expectPage(page, 200, "Sam Jones’s story");
    expect(page.doc.h1).toBe("Sam Jones’s story");
    expect(text(page.doc.byClass("govuk-caption-l")[0])).toBe(`Story shared with ${GP}`);
    expect(page.doc.headings("h2")).toEqual(["What Sam agreed to share", "About me", "What matters to me"]);
    const consent = page.doc.byClass("app-consent-panel")[0];
    expect(page.doc.tag("li", consent).map(text)).toEqual(["Their name", "About me", "What matters to me"]);
    expect(text(consent)).toContain("Version 1. They chose to keep you up to date");
    expect(text(page.doc.one("main"))).toContain("My dog, Bess.");
    expect(changedSections(page)).toEqual([]);
    expect(changesSinceLastView(page)).toBeNull();
    const links = page.doc.tag("a", page.doc.one("main")).map((a) => [text(a), attr(a, "href")]);
    expect(links).toContainEqual(["Let Sam know you’ve received this", sharedPath(GP, "received")]);

    const views = await query<{ agency_id: string; email: string; version: number; sections: string; viewed_at: number }>(
      "select * from share_views where share_id = ?",
      shares[GP].id,
    );
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ email: DR_ADA, version: 1, sections: JSON.stringify(["about", "matters"]) });
    expect(Math.abs(views[0].viewed_at - Date.now())).toBeLessThan(10_000);
    expect(await query("select id from agencies where id = ? and name = ?", views[0].agency_id, GP)).toHaveLength(1);
  });

  test("GETs change nothing but the access log: one line for each read of the summary", async () => {
    const before = await server.rowCounts();
    const answers = [
      (await http.get(sharedPath(GP, "summary"), { cookie: gp, lang: "en" })).status,
      (await http.get(`${sharedPath(GP, "summary")}.data`, { cookie: gp, lang: "en" })).status,
      (await http.get(sharedPath(GP, "received"), { cookie: gp, lang: "en" })).status,
    ];
    expect(answers).toEqual([200, 200, 200]);
    // The verified browser is sent on to the summary, from the link too, keeping its cookie.
    for (const path of [sharedPath(GP, "email"), sharedPath(GP, "code"), new URL(shares[GP].link).pathname]) {
      const page = await http.get(path, { cookie: gp, lang: "en" });
      expectRedirect(page, sharedPath(GP, "summary"));
      expect(shareCookies(page)).toEqual([]);
    }
    expect(await server.rowCounts()).toEqual({ ...before, share_views: before.share_views + 2 });
  });

  test("the person sees who opened it, when, and which version", async () => {
    expect((await http.get(sharedPath(HOUSING, "summary"), { cookie: housing, lang: "en" })).status).toBe(200);
    const page = await alice.get(`/stories/${storyId}/shares`);
    const opened = (agency: string) => {
      const card = page.doc.byClass("govuk-summary-card").find((c) => text(c).startsWith(agency))!;
      const row = page.doc.byClass("govuk-summary-list__row", card).find((r) => text(r).startsWith("Opened"))!;
      return page.doc.tag("li", row).map(text);
    };
    const when = "\\d{1,2} \\w+ \\d{4} at \\d{1,2}:\\d{2}(am|pm)";
    // Views in the same minute by the same address make one line that counts them; every view is counted once.
    const gpLines = opened(GP).map((line) => line.match(new RegExp(`^Viewed by ${DR_ADA} on ${when}, version 1(?: \\((\\d+) times\\))?$`)));
    expect(gpLines.every(Boolean)).toBe(true);
    const counted = gpLines.reduce((sum, match) => sum + Number(match![2] ?? 1), 0);
    expect(counted).toBe((await query("select id from share_views where share_id = ?", shares[GP].id)).length);
    expect(opened(HOUSING)).toEqual([expect.stringMatching(new RegExp(`^Viewed by officer@housing.demo-council.example.org on ${when}, version 1$`))]);
  });
});

describe("letting the person know it was received", () => {
  test("name and role are needed and each has a limit, as has the message: 400, errors in field order, nothing kept or sent", async () => {
    const page = await http.get(sharedPath(GP, "received"), { cookie: gp, lang: "en" });
    expectPage(page, 200, "Let Sam know you’ve received this");
    const before = await server.rowCounts();
    expectErrors(await http.post(sharedPath(GP, "received"), { name: " ", role: "", message: "" }, { cookie: gp, lang: "en" }), [
      { href: "#name", text: "Enter your name" },
      { href: "#role", text: "Enter your role" },
    ]);
    const long = await http.post(
      sharedPath(GP, "received"),
      { name: "N".repeat(101), role: "R".repeat(101), message: "M".repeat(501) },
      { cookie: gp, lang: "en" },
    );
    expectErrors(long, [
      { href: "#name", text: "Your name must be 100 characters or fewer" },
      { href: "#role", text: "Your role must be 100 characters or fewer" },
      { href: "#message", text: "Your message must be 500 characters or fewer" },
    ]);
    expect(inputValue(long, "name")).toBe("N".repeat(101));
    expect(await server.rowCounts()).toEqual(before);
  });

  test("a reply is kept, the person is emailed who replied but not the message, and the summary thanks the replier", async () => {
    const since = server.mail.received.length;
    const message = "REPLY-MESSAGE-7Q: we will call you on Tuesday.";
    const sent = await http.post(sharedPath(GP, "received"), { name: "Dr Siân O'Brien", role: "Duty GP", message }, { cookie: gp, lang: "en" });
    expectRedirect(sent, `${sharedPath(GP, "summary")}?received=1`);
    expect(await query("select email, name, role, message from share_replies where share_id = ?", shares[GP].id)).toEqual([
      { email: DR_ADA, name: "Dr Siân O'Brien", role: "Duty GP", message },
    ]);

    const email = await server.mail.nextEmailTo("alice@example.org", since);
    expect(await emailsSentTo(server, "alice@example.org", since)).toHaveLength(1);
    expect(subjectOf(email)).toBe(`${GP} has received your story`);
    const body = bodyOf(email);
    expect(body).toContain(`Dr Siân O'Brien (Duty GP) at ${GP} has let you know they received the story you shared using Tell it once.`);
    expect(body).toContain(`${server.url}/stories/${storyId}/shares`);
    expect(body).not.toMatch(/REPLY-MESSAGE|Tuesday/);
    expect(JSON.stringify(await auditRows(server))).not.toContain("REPLY-MESSAGE");

    const thanked = await http.get(sent.headers.get("location")!, { cookie: gp, lang: "en" });
    expect(text(thanked.doc.byClass("govuk-notification-banner")[0])).toContain("You have let Sam know you received their story.");
  });

  test("the person's page shows who replied, in what role, from which address, and the message", async () => {
    const page = await alice.get(`/stories/${storyId}/shares`);
    const card = page.doc.byClass("govuk-summary-card").find((c) => text(c).startsWith(GP))!;
    const [reply, ...more] = page.doc.tag("li", page.doc.byClass("app-replies", card)[0]);
    expect(more).toEqual([]);
    expect(text(reply)).toMatch(/^Dr Siân O'Brien \(Duty GP\) on \d{1,2} \w+ \d{4} at \d{1,2}:\d{2}(am|pm) from dr\.ada@nhs\.example\.net/);
    expect(text(page.doc.tag("blockquote", reply)[0])).toBe("REPLY-MESSAGE-7Q: we will call you on Tuesday.");
  });
});

describe("a reply's name and role, which go into the person's email word for word", () => {
  const hidden = "must not include hidden characters, such as ones that change the direction of text. We have taken them out – check it and try again";

  test("a text-direction override or a control character is refused: 400, a GOV.UK error, nothing kept or sent, and not written back", async () => {
    const before = await server.rowCounts();
    const since = server.mail.received.length;
    // U+202E shows what follows backwards: "Dr Jo Bloggs (Duty GP)" could be made to read as anything.
    const page = await http.post(sharedPath(GP, "received"), { name: "Dr Jo \u202Eevil", role: "Duty\u0007 GP", message: "Hello" }, { cookie: gp, lang: "en" });
    expectErrors(page, [
      { href: "#name", text: `Your name ${hidden}` },
      { href: "#role", text: `Your role ${hidden}` },
    ]);
    expect(inputValue(page, "name")).toBe("Dr Jo evil");
    expect(inputValue(page, "role")).toBe("Duty GP");
    // eslint-disable-next-line no-control-regex -- the test is that this control character was taken out
    expect(page.html).not.toMatch(/[\u202E\u0007]/);
    expect(await server.rowCounts()).toEqual(before);
    expect(await emailsSentTo(server, "alice@example.org", since)).toEqual([]);

    const welsh = await http.post(sharedPath(GP, "received"), { name: "\u2066Jo", role: "GP" }, { cookie: gp, lang: "cy" });
    expect(welsh.status).toBe(400);
    expect(errorSummary(welsh)).toEqual([
      {
        href: "#name",
        text: "Ni all eich enw gynnwys nodau cudd, fel rhai sy’n newid cyfeiriad testun. Rydym wedi’u tynnu allan – gwiriwch ef a rhowch gynnig arall arni",
      },
    ]);
    expect(await server.rowCounts()).toEqual(before);
  });

  test("line breaks typed or pasted into them become spaces: the reply is kept, and emailed, on one line", async () => {
    const since = server.mail.received.length;
    const sent = await http.post(
      sharedPath(GP, "received"),
      { name: "Dr Jo\r\nBloggs", role: "Duty\nGP\n", message: "Line one\r\nLine two" },
      { cookie: gp, lang: "en" },
    );
    expectRedirect(sent, `${sharedPath(GP, "summary")}?received=1`);
    const [reply] = await query<{ name: string; role: string; message: string }>(
      "select name, role, message from share_replies where share_id = ? and name like 'Dr Jo%'",
      shares[GP].id,
    );
    expect(reply).toEqual({ name: "Dr Jo Bloggs", role: "Duty GP", message: "Line one\nLine two" });
    const body = bodyOf(await server.mail.nextEmailTo("alice@example.org", since));
    expect(body).toContain(`Dr Jo Bloggs (Duty GP) at ${GP} has let you know`);
  });
});

describe("a new version of the story", () => {
  test("Changed since you last viewed marks what changed for someone who saw the old version, once, and for no one else", async () => {
    // A colleague who reads in Welsh saw version 1 too.
    const meddyg = (await openAsProfessional(server, shares[GP].link, "meddyg@nhs.example.net")).cookie;
    expect(changesSinceLastView(await http.get(sharedPath(GP, "summary"), { cookie: meddyg, lang: "cy" }))).toBeNull();
    expect((await alice.post(`/stories/${storyId}/matters`, { matters: "My dog, Bess, and the allotment.", intent: "continue" })).status).toBe(302);
    expectRedirect(await alice.post(`/stories/${storyId}/check`), `/stories/${storyId}/published/2`);

    const updated = await http.get(sharedPath(GP, "summary"), { cookie: gp, lang: "en" });
    expect(changedSections(updated)).toEqual(["matters"]);
    // Said at the top, with a link to each changed part's heading.
    const when = "\\d{1,2} \\w+ \\d{4} at \\d{1,2}:\\d{2}(am|pm)";
    expect(changesSinceLastView(updated)).toEqual({
      title: "Changed since you last viewed",
      heading: expect.stringMatching(new RegExp(`^You last looked at version 1 on ${when}\\. This is version 2\\.$`)),
      links: [["What matters to me", "#summary-matters"]],
    });
    expect(updated.doc.all((el) => attr(el, "id") === "summary-matters")).toHaveLength(1);
    const welsh = changesSinceLastView(await http.get(sharedPath(GP, "summary"), { cookie: meddyg, lang: "cy" }));
    expect(welsh).toMatchObject({ title: "Wedi newid ers i chi edrych ddiwethaf", links: [["Beth sy’n bwysig i mi", "#summary-matters"]] });
    expect(welsh!.heading).toMatch(/^Gwnaethoch chi edrych ddiwethaf ar fersiwn 1 ar .+\. Dyma fersiwn 2\.$/);
    expect(text(updated.doc.one("main"))).toContain("My dog, Bess, and the allotment.");
    expect(text(updated.doc.byClass("app-consent-panel")[0])).toContain("Version 2. They chose to keep you up to date");
    const again = await http.get(sharedPath(GP, "summary"), { cookie: gp, lang: "en" });
    expect([changedSections(again), changesSinceLastView(again)]).toEqual([[], null]);

    const colleague = (await openAsProfessional(server, shares[GP].link, "nurse@nhs.example.net")).cookie;
    const first = await http.get(sharedPath(GP, "summary"), { cookie: colleague, lang: "en" });
    expect([changedSections(first), changesSinceLastView(first)]).toEqual([[], null]);

    // Housing was shared version 1 only: it still sees that, and nothing has changed for it.
    const housingPage = await http.get(sharedPath(HOUSING, "summary"), { cookie: housing, lang: "en" });
    expect(text(housingPage.doc.one("main"))).toContain("My dog, Bess.");
    expect(text(housingPage.doc.one("main"))).not.toContain("allotment");
    expect([changedSections(housingPage), changesSinceLastView(housingPage)]).toEqual([[], null]);
  });
});

describe("access that runs out, is withdrawn or ends", () => {
  const pages = ["email", "code", "summary", "received"] as const;

  test("finishing reading on a device ends that browser's access at once, and nobody else's", async () => {
    const desk = (await openAsProfessional(server, shares[GP].link, "desk@nhs.example.net")).cookie;
    const colleague = (await openAsProfessional(server, shares[GP].link, "colleague@nhs.example.net")).cookie;
    const summary = await http.get(sharedPath(GP, "summary"), { cookie: desk, lang: "en" });
    expect(summary.doc.all((el) => el.tagName === "form" && attr(el, "action") === `/shared/${shares[GP].id}/finish`)).toHaveLength(1);
    const finishes = await auditCount("share_access_finished");

    const finished = await http.post(`/shared/${shares[GP].id}/finish`, {}, { cookie: desk, lang: "en" });
    expectRedirect(finished, "/shared/finished");
    expect(shareCookies(finished)).toEqual([`share-${shares[GP].id}=; Path=/shared/; Max-Age=0; HttpOnly; SameSite=Lax`]);
    expect(await accessOf(desk)).toBeUndefined();
    expect(await auditCount("share_access_finished")).toBe(finishes + 1);
    for (const page of pages) expectNotOpenHere(await http.get(sharedPath(GP, page), { cookie: desk, lang: "en" }));
    expect((await http.get(sharedPath(GP, "summary"), { cookie: colleague, lang: "en" })).status).toBe(200);

    const page = await http.get("/shared/finished", { lang: "en" });
    expectPage(page, 200, "You have finished reading");
    const welsh = await http.get("/shared/finished", { lang: "cy" });
    expect(welsh.doc.h1).toBe("Rydych chi wedi gorffen darllen");
    // Without access there is nothing to finish, and nothing is said about the share.
    expectNotOpenHere(await http.post(`/shared/${shares[GP].id}/finish`, {}, { cookie: desk, lang: "en" }));
  });

  test("Back or a bookmark after finishing says the story is not open on this device and how to open it, as for an id never opened here", async () => {
    const desk = (await openAsProfessional(server, shares[GP].link, "desk@nhs.example.net")).cookie;
    expectRedirect(await http.post(`/shared/${shares[GP].id}/finish`, {}, { cookie: desk, lang: "en" }), "/shared/finished");
    const madeUp = "00000000-0000-4000-8000-000000000000";
    for (const lang of ["en", "cy"] as const) {
      const answers = [
        await http.get(sharedPath(GP, "summary"), { cookie: desk, lang }),
        await http.get(`${sharedPath(GP, "summary")}.data`, { cookie: desk, lang }),
        await http.get(sharedPath(GP, "summary"), { lang }),
        await http.get(`/shared/${madeUp}/summary`, { lang }),
        await http.get(`/shared/${madeUp}/received`, { cookie: `share-${madeUp}=${tokenOf(desk)}`, lang }),
      ];
      const pages = answers.filter((_, n) => n !== 1);
      for (const page of pages) expectNotOpenHere(page, lang);
      // Word for word the same, whatever the reason: nothing says whether the share exists.
      expect(new Set(pages.map((page) => text(page.doc.one("main")))).size).toBe(1);
      expect(answers[1].status).toBe(404);
    }
  });
  /** Browsers that could read their share, until its 8 hours ran out (Citizens Advice) or the person stopped it (Jobcentre). */
  let adviser: string;
  let coach: string;

  test("after its 8 hours a browser gets 401 on every page; opening the link again starts afresh", async () => {
    adviser = (await openAsProfessional(server, shares[ADVICE].link, "adviser@citizensadvice-demo.example.org")).cookie;
    expect((await http.get(sharedPath(ADVICE, "summary"), { cookie: adviser, lang: "en" })).status).toBe(200);
    await write("update share_access set expires_at = ? where id_hash = ?", new Date(Date.now() - 1000), sha256(tokenOf(adviser)));

    const before = await server.rowCounts();
    for (const page of pages) expectTimedOut(await http.get(sharedPath(ADVICE, page), { cookie: adviser, lang: "en" }));
    expect(await server.rowCounts()).toEqual(before);

    const reopened = await http.get(new URL(shares[ADVICE].link).pathname, { cookie: adviser, lang: "en" });
    expectRedirect(reopened, sharedPath(ADVICE, "email"));
    const [setCookie] = shareCookies(reopened);
    expect(setCookie).toMatch(new RegExp(`^share-${shares[ADVICE].id}=[A-Za-z0-9_-]{43}; Path=/shared/; Max-Age=3600;`));
    const fresh = setCookie.split(";")[0];
    expect(fresh).not.toBe(adviser);
    expect(await accessOf(fresh)).toMatchObject({ share_id: shares[ADVICE].id, verified_at: null });
  });

  test("after its 8 hours a reply is refused with 401 and nothing is kept or sent", async () => {
    const before = await server.rowCounts();
    const page = await http.post(sharedPath(ADVICE, "received"), { name: "A Adviser", role: "Adviser" }, { cookie: adviser, lang: "en" });
    expect([page.status, page.doc.h1]).toEqual([401, "Your access to this story has timed out"]);
    expect(await server.rowCounts()).toEqual(before);
  });

  test("stopped by the person: a browser that could read it gets 410 on every page at once, its data too", async () => {
    coach = (await openAsProfessional(server, shares[JOBCENTRE].link, "coach@dwp.example.net")).cookie;
    expect((await http.get(sharedPath(JOBCENTRE, "summary"), { cookie: coach, lang: "en" })).status).toBe(200);
    expect((await alice.post(`/stories/${storyId}/shares/${shares[JOBCENTRE].id}/stop`)).status).toBe(302);

    const before = await server.rowCounts();
    for (const page of pages) expectGone(await http.get(sharedPath(JOBCENTRE, page), { cookie: coach, lang: "en" }));
    const data = await http.get(`${sharedPath(JOBCENTRE, "summary")}.data`, { cookie: coach, lang: "en" });
    expect(data.status).toBe(410);
    expect(data.html).not.toMatch(/Sam|Bess/);
    expect(await server.rowCounts()).toEqual(before);
    // The link too; a refused link is written in the audit log.
    const refused = await auditCount("share_link_refused");
    expectGone(await http.get(new URL(shares[JOBCENTRE].link).pathname, { cookie: coach, lang: "en" }));
    expect(await auditCount("share_link_refused")).toBe(refused + 1);
  });

  test("stopped by the person: every form is refused with 410 and nothing is kept or sent", async () => {
    const before = await server.rowCounts();
    const forms = [
      await http.post(sharedPath(JOBCENTRE, "received"), { name: "A Coach", role: "Work coach", message: "Hello" }, { cookie: coach, lang: "en" }),
      await http.post(sharedPath(JOBCENTRE, "email"), { email: "coach@dwp.example.net" }, { cookie: coach, lang: "en" }),
      await http.post(sharedPath(JOBCENTRE, "code"), { code: "123456" }, { cookie: coach, lang: "en" }),
    ];
    expect(forms.map((page) => [page.status, page.doc.h1])).toEqual(forms.map(() => [410, "This story is no longer shared with you"]));
    for (const page of forms) expect(text(page.doc.one("main"))).toContain("has stopped sharing it");
    expect(await server.rowCounts()).toEqual(before);
  });

  test("past its end date: 410 saying the day it ended, for the link and for a browser that could read it", async () => {
    const officer = (await openAsProfessional(server, shares[POLICE].link, "pc.jones@police.example.net")).cookie;
    expect((await http.get(sharedPath(POLICE, "summary"), { cookie: officer, lang: "en" })).status).toBe(200);
    const today = new Date();
    const endedAt = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - 1, 23, 59, 59, 999));
    await write("update shares set ends_at = ? where id = ?", endedAt, shares[POLICE].id);

    for (const page of pages) expectGone(await http.get(sharedPath(POLICE, page), { cookie: officer, lang: "en" }), longDate(endedAt, "en"));
    expectGone(await http.get(new URL(shares[POLICE].link).pathname, { lang: "en" }), longDate(endedAt, "en"));
    const welsh = await http.get(sharedPath(POLICE, "summary"), { cookie: officer, lang: "cy" });
    expect(welsh.status).toBe(410);
    expect(text(welsh.doc.one("main"))).toContain(`Daeth y rhannu i ben ar ${longDate(endedAt, "cy")}, y dyddiad a ddewisodd y person.`);
    // As the minutely sweep would, so that it has nothing to write while later tests count rows.
    await write("update shares set status = 'ended', ended_notified_at = ? where id = ?", new Date(), shares[POLICE].id);
  });

  test("the summary has no form, yet a POST to it is refused as its GET is: 404 without access, 410 once stopped", async () => {
    const answers = [
      (await http.post(sharedPath(GP, "summary"), {}, { lang: "en" })).status,
      (await http.post("/shared/00000000-0000-4000-8000-000000000000/summary", {}, { lang: "en" })).status,
      (await http.post(sharedPath(JOBCENTRE, "summary"), {}, { cookie: coach, lang: "en" })).status,
    ];
    expect(answers).toEqual([404, 404, 410]);
  });

  test("a refused form gets the whole layout in the reader's language, as a refused GET does", async () => {
    const refused = [
      await http.post("/shared/00000000-0000-4000-8000-000000000000/email", { email: DR_ADA }, { lang: "cy" }),
      await http.post(sharedPath(ADVICE, "received"), { name: "A", role: "B" }, { cookie: adviser, lang: "cy" }),
      await http.post(sharedPath(JOBCENTRE, "received"), { name: "A", role: "B" }, { cookie: coach, lang: "cy" }),
    ];
    expect(refused.map((page) => page.status)).toEqual([404, 401, 410]);
    expect(refused.map((page) => [page.doc.lang, page.doc.title])).toEqual([
      ["cy", "Dydy’r stori hon ddim ar agor ar y ddyfais hon – Dweud unwaith – Cyngor Demo"],
      ["cy", "Mae eich mynediad at y stori hon wedi dod i ben – Dweud unwaith – Cyngor Demo"],
      ["cy", "Dydy’r stori hon ddim yn cael ei rhannu gyda chi mwyach – Dweud unwaith – Cyngor Demo"],
    ]);
  });
});

describe("in Welsh", () => {
  test("?lang=cy gives the summary, the reply page, the work email page, its errors and the 410 page in Welsh", async () => {
    const summary = await http.get(`${sharedPath(GP, "summary")}?lang=cy`, { cookie: gp, lang: "en" });
    expectPage(summary, 200, "Stori Sam Jones", "Dweud unwaith – Cyngor Demo");
    expect(summary.doc.lang).toBe("cy");
    expect(summary.doc.h1).toBe("Stori Sam Jones");
    const main = text(summary.doc.one("main"));
    // The agency by its Welsh name, from the directory.
    expect(main).toContain("Stori a rannwyd gyda Meddygfa Glan yr Afon");
    expect(main).toContain("Beth gytunodd Sam i’w rannu");
    expect(main).toContain("Rhowch wybod i Sam eich bod wedi cael hwn");

    const received = await http.get(`${sharedPath(GP, "received")}?lang=cy`, { cookie: gp, lang: "en" });
    expect(received.doc.h1).toBe("Rhowch wybod i Sam eich bod wedi cael hwn");
    expect(text(received.doc.one("main"))).toContain("Eich rôl");

    const officer = (await openLink(shares[HOUSING].link)).cookie;
    const email = await http.get(`${sharedPath(HOUSING, "email")}?lang=cy`, { cookie: officer, lang: "en" });
    expectPage(email, 200, "Rhowch eich cyfeiriad e-bost gwaith", "Dweud unwaith – Cyngor Demo");
    const wrong = await http.post(`${sharedPath(HOUSING, "email")}?lang=cy`, { email: "officer@example.org" }, { cookie: officer, lang: "cy" });
    expect(wrong.status).toBe(400);
    expect(wrong.doc.title).toMatch(/^Gwall: /);
    expect(errorSummary(wrong)).toEqual([
      {
        href: "#email",
        text: "Rhowch eich cyfeiriad e-bost gwaith yn Opsiynau Tai Cyngor Demo, sy’n gorffen gyda @demo-council.example.org neu @housing.demo-council.example.org",
      },
    ]);

    const gone = await http.get(`${new URL(shares[CARE].link).pathname}?lang=cy`, { lang: "en" });
    expectPage(gone, 410, "Dydy’r stori hon ddim yn cael ei rhannu gyda chi mwyach", "Dweud unwaith – Cyngor Demo");
    expect(text(gone.doc.one("main"))).toContain("Mae’r person a’i rhannodd wedi rhoi’r gorau i’w rhannu gyda’ch sefydliad.");
  });
});

describe("a new link", () => {
  test("ends every access that came through the old one, proven or not, and its pending codes; the new link works", async () => {
    const proven = (await openAsProfessional(server, shares[GP].link, "reader@nhs.example.net")).cookie;
    const unproven = (await openLink(shares[GP].link)).cookie;
    const waiting = (await openLink(shares[GP].link)).cookie;
    expectRedirect(await http.post(sharedPath(GP, "email"), { email: "waiting@nhs.example.net" }, { cookie: waiting, lang: "en" }), sharedPath(GP, "code"));
    expect((await http.get(sharedPath(GP, "summary"), { cookie: proven, lang: "en" })).status).toBe(200);
    expect(await query("select * from sign_in_codes where share_access_id = ?", sha256(tokenOf(waiting)))).toHaveLength(1);

    const open = (await query("select * from share_access where share_id = ?", shares[GP].id)).length;
    expect(open).toBeGreaterThanOrEqual(4);
    const sent = await alice.post(`/stories/${storyId}/shares/${shares[GP].id}/resend`);
    expect(sent.status).toBe(200);
    const link = text(sent.doc.byClass("app-share-link")[0]);
    expect(text(sent.doc.one("main"))).toContain("The old link no longer works, and nobody who opened it can read your story now.");

    expect(await query("select * from share_access where share_id = ?", shares[GP].id)).toEqual([]);
    expect(await query("select * from sign_in_codes where share_access_id = ?", sha256(tokenOf(waiting)))).toEqual([]);
    for (const cookie of [proven, unproven, waiting, gp]) {
      for (const page of ["summary", "email", "code", "received"] as const)
        expect((await http.get(sharedPath(GP, page), { cookie: cookie, lang: "en" })).status).toBe(404);
    }
    expect((await http.post(sharedPath(GP, "code"), { code: "123456" }, { cookie: waiting, lang: "en" })).status).toBe(404);
    expect((await http.get(new URL(shares[GP].link).pathname, { cookie: proven, lang: "en" })).status).toBe(404);
    const [replaced] = (await auditRows(server)).filter((row) => row.event === "share_link_replaced");
    expect(JSON.parse(replaced.detail ?? "null")).toMatchObject({ share: shares[GP].id, accessEnded: open });

    const reader = await openAsProfessional(server, link, "reader@nhs.example.net");
    expect((await http.get(sharedPath(GP, "summary"), { cookie: reader.cookie, lang: "en" })).status).toBe(200);
  });
});

describe("too many links that lead nowhere, from one address", () => {
  // A server of its own: once its limit is reached, unknown links from 127.0.0.1 are refused for 15 minutes.
  let limited: ServerWithMail;
  let link: string;
  beforeAll(async () => {
    limited = await startServerWithMail();
    const resident = (await signedIn(limited, "carol@example.org")).cookie;
    const story = await publishedStory(limited, resident);
    const [{ id: gpId }] = await limited.query<{ id: string }>("select id from agencies where name = ?", GP);
    const since = limited.mail.received.length;
    await shareThroughTheJourney(limited, resident, story, [gpId], "no");
    link = await linkSentTo(limited, "riverside.practice@nhs.example.net", since);
  });
  afterAll(async () => {
    await limited?.stop();
  });

  const open = (path: string, from?: string) => new HttpClient(limited.url).get(path, { lang: "en", headers: from ? { "X-Forwarded-For": from } : {} });
  const madeUp = () => `/shared/${randomBytes(32).toString("base64url")}`;
  const limitedAudit = async (event: string) => (await auditRows(limited)).filter((row) => row.event === event);

  /** When this connection began missing: from then on, each 15-minute window it misses in may have its one audit row. */
  let missing = 0;

  test("after 10 unknown links, unknown links answer 429 with the layout and give out nothing", async () => {
    expect((await open(new URL(link).pathname)).status).toBe(302);
    missing = Date.now();
    for (let miss = 1; miss <= 10; miss++) expect((await open(madeUp())).status).toBe(404);

    const accessBefore = (await limited.rowCounts()).share_access;
    for (const path of [madeUp(), madeUp()]) {
      const page = await open(path);
      expectPage(page, 429, "Sorry, there have been too many attempts");
      expect(page.doc.h1).toBe("Sorry, there have been too many attempts");
      expect(text(page.doc.one("main"))).toContain("Wait a few minutes and try again.");
      expect(shareCookies(page)).toEqual([]);
      expect(page.headers.get("location")).toBeNull();
    }
    expect((await limited.rowCounts()).share_access).toBe(accessBefore);
  });

  // A page elsewhere with ten <img src=".../shared/000…"> must not lock an office that shares one address out of its links.
  test("a real link from the same connection still opens, every time: a cookie and on to the work email page", async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const page = await open(new URL(link).pathname);
      expect(page.status).toBe(302);
      expect(page.headers.get("location")).toMatch(/^\/shared\/[0-9a-f-]{36}\/email$/);
      expect(shareCookies(page)).toHaveLength(1);
      expect((await open(madeUp())).status).toBe(429);
    }
  });

  test("other connections are not held up by this one's misses", async () => {
    expect((await open(madeUp(), "203.0.113.7")).status).toBe(404);
  });

  test("unknown links are counted, not written to the audit log: one row when a connection first goes over the limit", async () => {
    const lastId = (await auditRows(limited)).at(-1)?.id ?? 0;
    const since = Date.now();
    for (let miss = 0; miss < 30; miss++) expect((await open(madeUp())).status).toBe(429);
    // Nothing written, unless a new 15-minute window began meanwhile: then its one row for going over.
    const added = (await auditRows(limited)).filter((row) => row.id > lastId);
    expect(added.length).toBeLessThan(auditWindowsSince(since));
    expect(added.map((row) => row.event)).toEqual(Array(added.length).fill("share_link_rate_limited"));
    expect(await limitedAudit("share_link_unknown")).toEqual([]);
    const overTheLimit = (await limitedAudit("share_link_rate_limited")).map((row) => JSON.parse(row.detail ?? "null"));
    expectOncePerWindow(overTheLimit, missing);
    expect(overTheLimit).toEqual(Array(overTheLimit.length).fill({}));
  });
});
