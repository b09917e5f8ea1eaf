/**
 * Signing in with GOV.UK One Login over HTTP, against a real OpenID provider
 * on 127.0.0.1 set up as One Login behaves (tests/support/identity-providers.ts):
 * what the portal asks for, the accounts it signs into, signing out there and
 * back-channel logout, and every way it can go wrong ending on a page that
 * offers the emailed code and signs nobody in.
 */
import { afterEach, describe, expect, test } from "vitest";
import { attr, expectRedirect, HttpClient, text, type Browser, type Page } from "#tests/support/http-client";
import { ONE_LOGIN_CLIENT, startServerWithProviders, type Tampering, type TestAccount } from "#tests/support/identity-providers";
import { serverForThisFile } from "#tests/support/server-for-file";
import { signedIn } from "#tests/support/sign-in";
import { auditedDetails, expectOncePerWindow } from "./helpers";

/** The audit events of one kind, oldest first. */
/** The links in a page's <main>: their words and where they go. */
const links = (page: Page) => page.doc.tag("a", page.doc.one("main")).map((a) => [text(a), attr(a, "href")]);

const server = serverForThisFile(() => startServerWithProviders());
const http = new HttpClient(() => server.url);

let people = 0;
/** Someone new to the portal, with a One Login of their own. */
function newPerson(overrides: Partial<TestAccount> = {}): TestAccount {
  people += 1;
  return { sub: `one-login-${people}-${Date.now()}`, email: `person.${people}.${Date.now()}@example.org`, ...overrides };
}

afterEach(() => {
  server.oneLogin.hang(false);
  server.oneLogin.down(false);
});

/** Presses "Sign in with GOV.UK One Login" and goes through One Login: the portal's answer at its callback. */
async function throughOneLogin(browser: Browser, start = "/sign-in/one-login"): Promise<Page> {
  const leaving = await browser.get(start);
  expect(leaving.status).toBe(302);
  const back = await server.oneLogin.through(browser, leaving.headers.get("location")!);
  return await browser.get(back);
}

const residentRows = (email: string) =>
  server.query<{ id: string; one_login_sub: string | null }>("select id, one_login_sub from residents where email = ?", email);

/** The failure page every failure gives: its words, a link to the emailed code, no session. */
async function expectRefused(browser: Browser, page: Page, status: number, title: string) {
  expect(page.status).toBe(status);
  expect(page.doc.h1).toBe(title);
  expect(links(page)).toContainEqual(["Get a code by email instead", "/sign-in"]);
  expect(browser.jar.get("session")).toBeUndefined();
  expectRedirect(await browser.get("/stories"), "/sign-in?returnTo=%2Fstories");
}

// First in the file, before any sign-in with One Login: the portal has not read One Login's discovery document, so
// with One Login down it cannot find where to end a session there.
describe("One Login down when someone who signed in with it signs out", () => {
  test("they are signed out here and sent to the signed-out page, and the log says One Login could not be reached", async () => {
    const email = `down.at.sign-out.${Date.now()}@example.org`;
    const browser = await signedIn(server, email);
    // The session as a sign-in through One Login leaves it: holding the ID token that signing out there needs.
    await server.write("update sessions set one_login_id_token = ? where resident_id = (select id from residents where email = ?)", "a.b.c", email);
    server.oneLogin.down(true);
    expectRedirect(await browser.post("/sign-out"), "/signed-out");
    expectRedirect(await browser.get("/stories"), "/sign-in?returnTo=%2Fstories&signedOut=1");
    const logged = server
      .output()
      .split("\n")
      .filter((line) => line.includes("GOV.UK One Login could not be reached to end its session"))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toEqual([expect.objectContaining({ level: "warn", provider: "one-login" })]);
    expect(JSON.stringify(logged)).not.toContain("a.b.c");
  });
});

// Next: the portal has still not read One Login's discovery document.
describe("One Login down when the first person begins signing in", () => {
  test("a page offering the emailed code; once it is back, the next sign-in reads its discovery document and goes there", async () => {
    server.oneLogin.down(true);
    const browser = http.browser();
    await expectRefused(browser, await browser.get("/sign-in/one-login"), 503, "Sorry, GOV.UK One Login is not working at the moment");
    server.oneLogin.down(false);
    const leaving = await browser.get("/sign-in/one-login");
    expect(leaving.headers.get("location")?.startsWith(`${server.oneLogin.issuer}/`)).toBe(true);
  });
});

describe("the sign-in page", () => {
  test("offers GOV.UK One Login beside the emailed code, neither behind the other", async () => {
    const page = await http.get("/sign-in?returnTo=%2Fstories%2Fnew");
    expect(page.doc.h1).toBe("Sign in");
    expect(page.doc.headings("h2")).toEqual(["Sign in with GOV.UK One Login", "Get a code by email"]);
    expect(links(page)).toContainEqual(["Sign in with GOV.UK One Login", "/sign-in/one-login?returnTo=%2Fstories%2Fnew"]);
    expect(attr(page.doc.one("form"), "action")).toBe("/sign-in?returnTo=%2Fstories%2Fnew");
    expect(page.doc.all((el) => attr(el, "id") === "email")).toHaveLength(1);
  });

  test("in Welsh too, and One Login is asked to speak Welsh", async () => {
    const page = await http.get("/sign-in", { lang: "cy" });
    expect(page.doc.h1).toBe("Mewngofnodi");
    const browser = http.browser({ lang: "cy" });
    server.oneLogin.signInAs(newPerson());
    await throughOneLogin(browser);
    expect(server.oneLogin.authorisations.at(-1)?.get("ui_locales")).toBe("cy");
  });
});

describe("what the service says about it", () => {
  test("pages let a form lead on to One Login, as signing out does, and nowhere else", async () => {
    const csp = (await http.get("/sign-in")).headers.get("content-security-policy") ?? "";
    expect(csp).toContain(`form-action 'self' ${server.oneLogin.issuer};`);
  });

  test("the server's log holds no address, code, state or token from any sign-in with One Login", async () => {
    const person = newPerson();
    server.oneLogin.signInAs(person);
    const browser = http.browser();
    const leaving = await browser.get("/sign-in/one-login");
    const back = await server.oneLogin.through(browser, leaving.headers.get("location")!);
    expectRedirect(await browser.get(back), "/stories");
    await browser.post("/sign-out");
    const output = server.output();
    const callback = new URL(back, server.url).searchParams;
    for (const secret of [person.email, person.sub, callback.get("code")!, callback.get("state")!]) expect(output).not.toContain(secret);
    expect(output).not.toMatch(/eyJ[\w-]+\.eyJ/);
  });

  test("the cookies page lists the cookie a sign-in with One Login sets, and the privacy notice what One Login tells us, in both languages", async () => {
    expect(text((await http.get("/cookies")).doc.one("main"))).toContain("onelogin");
    expect(text((await http.get("/privacy")).doc.one("main"))).toContain("If you sign in with GOV.UK One Login, it tells us your email address");
    expect(text((await http.get("/privacy", { lang: "cy" })).doc.one("main"))).toContain("Os byddwch yn mewngofnodi gyda GOV.UK One Login");
  });
});

describe("signing in", () => {
  test("asks One Login for what its documentation says, with state, nonce and PKCE", async () => {
    const leaving = await http.browser().get("/sign-in/one-login");
    expect(leaving.status).toBe(302);
    const asked = new URL(leaving.headers.get("location")!);
    expect(asked.origin + "/").toBe(server.oneLogin.issuer + "/");
    expect(Object.fromEntries(asked.searchParams)).toMatchObject({
      response_type: "code",
      scope: "openid email",
      vtr: '["Cl.Cm"]',
      ui_locales: "en",
      client_id: ONE_LOGIN_CLIENT,
      redirect_uri: `${server.url}/sign-in/one-login/callback`,
      code_challenge_method: "S256",
    });
    for (const name of ["state", "nonce", "code_challenge"]) expect(asked.searchParams.get(name)?.length).toBeGreaterThanOrEqual(43);
    const cookie = leaving.headers.getSetCookie().find((c) => c.startsWith("onelogin=")) ?? "";
    expect(cookie).toMatch(/; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax$/);
  });

  test("a new person gets a new account holding their One Login, and goes where they were going", async () => {
    const person = newPerson();
    server.oneLogin.signInAs(person);
    const browser = http.browser();
    const back = await throughOneLogin(browser, "/sign-in/one-login?returnTo=%2Fstories%2Fnew");
    expectRedirect(back, "/stories/new");
    expect(browser.jar.get("onelogin")).toBeUndefined();
    expect(await residentRows(person.email)).toEqual([{ id: expect.any(String), one_login_sub: person.sub }]);
    const account = await browser.get("/account");
    expect(text(account.doc.one("main"))).toContain("With GOV.UK One Login, or with a code sent to your email address");
    const data = await browser.get("/account/data.json");
    expect((JSON.parse(data.html) as { account: { oneLogin: string } }).account.oneLogin).toBe(person.sub);
  });

  test("a new person back from One Login in two tabs at once gets one account, signed in in both", async () => {
    const person = newPerson();
    const tabs = [http.browser(), http.browser()];
    const backs: string[] = [];
    for (const tab of tabs) {
      server.oneLogin.signInAs(person);
      const leaving = await tab.get("/sign-in/one-login");
      backs.push(await server.oneLogin.through(tab, leaving.headers.get("location")!));
    }
    const answers = await Promise.all(tabs.map((tab, n) => tab.get(backs[n])));
    for (const answer of answers) expectRedirect(answer, "/stories");
    expect(await residentRows(person.email)).toEqual([{ id: expect.any(String), one_login_sub: person.sub }]);
    for (const tab of tabs) expect((await tab.get("/stories")).status).toBe(200);
  });

  test("someone who signs in with emailed codes is signed in to the same account, which then holds their One Login", async () => {
    const email = `codes.${Date.now()}@example.org`;
    await signedIn(server, email);
    const [before] = await residentRows(email);
    expect(before.one_login_sub).toBeNull();
    const person = newPerson({ email: email.toUpperCase() });
    server.oneLogin.signInAs(person);
    const browser = http.browser();
    expectRedirect(await throughOneLogin(browser), "/stories");
    expect(await residentRows(email)).toEqual([{ id: before.id, one_login_sub: person.sub }]);
    expect((await auditedDetails(server, "one_login_linked")).at(-1)).toEqual({ resident: before.id });
  });

  test("a later sign-in finds the account by its One Login, even after the address there has changed", async () => {
    const person = newPerson();
    server.oneLogin.signInAs(person);
    await throughOneLogin(http.browser());
    const [account] = await residentRows(person.email);
    server.oneLogin.signInAs({ ...person, email: `changed.${person.email}` });
    const browser = http.browser();
    expectRedirect(await throughOneLogin(browser), "/stories");
    expect(await residentRows(`changed.${person.email}`)).toEqual([]);
    const [session] = await server.query<{ resident_id: string }>("select resident_id from sessions order by created_at desc limit 1");
    expect(session.resident_id).toBe(account.id);
  });
});

describe("every way it can go wrong ends on a page offering the emailed code, signing nobody in", () => {
  test("the person presses cancel at One Login", async () => {
    server.oneLogin.signInAs(newPerson());
    server.oneLogin.cancelNext();
    const browser = http.browser();
    await expectRefused(browser, await throughOneLogin(browser), 200, "You did not sign in with GOV.UK One Login");
    expect((await auditedDetails(server, "provider_sign_in_failed")).at(-1)).toEqual({ provider: "one-login", reason: "cancelled", code: "access_denied" });
  });

  test("in Welsh", async () => {
    server.oneLogin.signInAs(newPerson());
    server.oneLogin.cancelNext();
    const browser = http.browser({ lang: "cy" });
    const page = await throughOneLogin(browser);
    expect(page.doc.h1).toBe("Ni wnaethoch fewngofnodi gyda GOV.UK One Login");
    expect(links(page).map(([words]) => words)).toContain("Cael cod drwy e-bost yn lle hynny");
  });

  test("an answer replayed: its state was used already", async () => {
    const person = newPerson();
    server.oneLogin.signInAs(person);
    const browser = http.browser();
    const leaving = await browser.get("/sign-in/one-login");
    const back = await server.oneLogin.through(browser, leaving.headers.get("location")!);
    const cookie = browser.jar.header;
    expect((await browser.get(back)).status).toBe(302);
    const replay = http.browser({ cookie });
    await expectRefused(replay, await replay.get(back, { headers: { "X-Forwarded-For": "203.0.113.95" } }), 400, "Sorry, there was a problem signing you in");
    expect((await auditedDetails(server, "provider_sign_in_failed")).at(-1)).toMatchObject({ reason: "no-sign-in" });
  });

  test("the callback asked for again and again with no sign-in begun is audited once in 15 minutes for each connection", async () => {
    const noSignIn = async () => (await auditedDetails(server, "provider_sign_in_failed")).filter((detail) => detail.reason === "no-sign-in");
    for (const ip of ["203.0.113.97", "203.0.113.98"]) {
      const before = (await noSignIn()).length;
      const since = Date.now();
      for (let n = 0; n < 5; n++)
        expect((await http.get("/sign-in/one-login/callback?code=x&state=y", { headers: { "X-Forwarded-For": ip } })).status).toBe(400);
      expectOncePerWindow((await noSignIn()).slice(before), since);
    }
  });

  test("an answer with a state this browser never sent", async () => {
    server.oneLogin.signInAs(newPerson());
    const browser = http.browser();
    const leaving = await browser.get("/sign-in/one-login");
    const back = await server.oneLogin.through(browser, leaving.headers.get("location")!);
    const forged = back.replace(/state=[^&]+/, "state=a-state-from-somewhere-else-entirely-0000");
    await expectRefused(browser, await browser.get(forged), 400, "Sorry, there was a problem signing you in");
  });

  test("an answer brought to another browser, which began no sign-in", async () => {
    server.oneLogin.signInAs(newPerson());
    const browser = http.browser();
    const leaving = await browser.get("/sign-in/one-login");
    const back = await server.oneLogin.through(browser, leaving.headers.get("location")!);
    const other = http.browser();
    await expectRefused(other, await other.get(back), 400, "Sorry, there was a problem signing you in");
  });

  const tamperings: [Tampering, string][] = [
    ["nonce", "a wrong nonce"],
    ["key", "an ID token signed with the wrong key"],
    ["expired", "an expired ID token"],
    ["audience", "an ID token for another client"],
  ];
  for (const [tampering, what] of tamperings) {
    test(`${what}`, async () => {
      const person = newPerson();
      server.oneLogin.signInAs(person);
      server.oneLogin.tamperNext(tampering);
      const browser = http.browser();
      await expectRefused(browser, await throughOneLogin(browser), 400, "Sorry, there was a problem signing you in");
      expect(await residentRows(person.email)).toEqual([]);
      expect((await auditedDetails(server, "provider_sign_in_failed")).at(-1)).toMatchObject({ provider: "one-login", reason: "refused" });
    });
  }

  test("a sign-in with less confidence than asked for (vot Cl, one factor)", async () => {
    const person = newPerson({ vot: "Cl" });
    server.oneLogin.signInAs(person);
    const browser = http.browser();
    await expectRefused(browser, await throughOneLogin(browser), 403, "You could not sign in with GOV.UK One Login");
    expect(await residentRows(person.email)).toEqual([]);
    expect((await auditedDetails(server, "provider_sign_in_failed")).at(-1)).toEqual({ provider: "one-login", reason: "low-confidence", code: "vot" });
  });

  test("an address One Login has not verified", async () => {
    const person = newPerson({ emailVerified: false });
    server.oneLogin.signInAs(person);
    const browser = http.browser();
    await expectRefused(browser, await throughOneLogin(browser), 403, "We could not check your email address");
    expect(await residentRows(person.email)).toEqual([]);
  });

  test("One Login too slow to answer: the portal gives up after a few seconds", async () => {
    server.oneLogin.signInAs(newPerson());
    const browser = http.browser();
    const leaving = await browser.get("/sign-in/one-login");
    const back = await server.oneLogin.through(browser, leaving.headers.get("location")!);
    server.oneLogin.hang(true);
    const started = Date.now();
    const page = await browser.get(back);
    expect(Date.now() - started).toBeLessThan(10_000);
    await expectRefused(browser, page, 503, "Sorry, GOV.UK One Login is not working at the moment");
    expect((await auditedDetails(server, "provider_sign_in_failed")).at(-1)).toEqual({ provider: "one-login", reason: "unreachable", code: "OAUTH_TIMEOUT" });
  });

  test("One Login unreachable", async () => {
    server.oneLogin.signInAs(newPerson());
    const browser = http.browser();
    const leaving = await browser.get("/sign-in/one-login");
    const back = await server.oneLogin.through(browser, leaving.headers.get("location")!);
    server.oneLogin.down(true);
    await expectRefused(browser, await browser.get(back), 503, "Sorry, GOV.UK One Login is not working at the moment");
  });

  test("too many sign-ins begun from one connection: a page saying to wait", async () => {
    const from = { headers: { "X-Forwarded-For": "203.0.113.77" } };
    for (let i = 0; i < 60; i++) expect((await http.get("/sign-in/one-login", from)).status).toBe(302);
    const page = await http.get("/sign-in/one-login", from);
    expect(page.status).toBe(429);
    expect(page.doc.h1).toBe("Too many sign-ins have been started from your internet connection");
    expect(links(page)).toContainEqual(["Get a code by email instead", "/sign-in"]);
    expect((await auditedDetails(server, "sign_in_rate_limited")).at(-1)).toEqual({ limit: "provider-sign-ins-per-ip" });
  });

  test("an image, script or frame on another site pointing at the sign-in begins none, and spends no one's allowance", async () => {
    const from = (dest: string) => ({ headers: { "X-Forwarded-For": "203.0.113.78", "Sec-Fetch-Dest": dest, "Sec-Fetch-Site": "cross-site" } });
    const [{ before }] = await server.query<{ before: number }>("select count(*) as before from provider_sign_ins");
    for (const dest of ["image", "script", "iframe", "empty"]) {
      for (let i = 0; i < 20; i++) expect((await http.get("/sign-in/one-login", from(dest))).status, dest).toBe(404);
    }
    expect(await server.query("select count(*) as after from provider_sign_ins")).toEqual([{ after: before }]);
    // The person at that connection still signs in: a link followed on another site opens the page itself.
    expect((await http.get("/sign-in/one-login", from("document"))).status).toBe(302);
  });

  test("made-up answers at the callback, with a sign-in begun or without, are refused and sign nobody in", async () => {
    for (const search of ["", "?code=x", "?state=x", "?error=server_error&state=x", "?code=%ZZ&state=%", "?iss=https%3A%2F%2Fevil.example&code=x&state=x"]) {
      expect((await http.browser().get(`/sign-in/one-login/callback${search}`)).status, `${search} with no sign-in`).toBe(400);
      const browser = http.browser();
      expect((await browser.get("/sign-in/one-login")).status).toBe(302);
      const page = await browser.get(`/sign-in/one-login/callback${search}`);
      expect(page.status, `${search} after a sign-in began`).toBe(400);
      expect(page.doc.h1).toBe("Sorry, there was a problem signing you in");
      expectRedirect(await browser.get("/stories"), "/sign-in?returnTo=%2Fstories");
    }
  });
});

describe("signing out", () => {
  test("ends the session here, then at One Login with the ID token as a hint, back to the signed-out page", async () => {
    const person = newPerson();
    server.oneLogin.signInAs(person);
    const browser = http.browser();
    await throughOneLogin(browser);
    const out = await browser.post("/sign-out");
    expect(out.status).toBe(302);
    const to = new URL(out.headers.get("location")!);
    expect(`${to.origin}${to.pathname}`).toBe(`${server.oneLogin.issuer}/session/end`);
    expect(to.searchParams.get("post_logout_redirect_uri")).toBe(`${server.url}/signed-out`);
    expect(to.searchParams.get("id_token_hint")?.split(".")).toHaveLength(3);
    expectRedirect(await browser.get("/stories"), "/sign-in?returnTo=%2Fstories&signedOut=1");
    const back = await server.oneLogin.confirmSignOut(browser, to.href);
    expect(back.startsWith(`${server.url}/signed-out`)).toBe(true);
    const [session] = await server.query<{ one_login_id_token: string | null }>(
      "select one_login_id_token from sessions where signed_out_at is not null order by created_at desc limit 1",
    );
    expect(session.one_login_id_token).toBeNull();
  });

  test("someone signed in with an emailed code signs out here only", async () => {
    const browser = await signedIn(server, `only.codes.${Date.now()}@example.org`);
    expectRedirect(await browser.post("/sign-out"), "/signed-out");
  });
});

describe("back-channel logout", () => {
  test("a logout token from One Login ends every session of that person here", async () => {
    const person = newPerson();
    const phone = http.browser();
    const laptop = http.browser();
    for (const browser of [phone, laptop]) {
      server.oneLogin.signInAs(person);
      await throughOneLogin(browser);
    }
    const posted = await http.post(
      "/sign-out/back-channel",
      { logout_token: await server.oneLogin.logoutToken(person.sub) },
      { headers: { Origin: "", "Sec-Fetch-Site": "" } },
    );
    expect(posted.status).toBe(200);
    for (const browser of [phone, laptop]) expectRedirect(await browser.get("/stories"), "/sign-in?returnTo=%2Fstories&signedOut=1");
    expect((await auditedDetails(server, "back_channel_logout")).at(-1)).toMatchObject({ sessions: 2 });
  });

  test("a logout token that fails its checks ends nothing", async () => {
    const person = newPerson();
    server.oneLogin.signInAs(person);
    const browser = http.browser();
    await throughOneLogin(browser);
    const bad = [
      await server.oneLogin.logoutToken(person.sub, { key: "wrong" }),
      await server.oneLogin.logoutToken(person.sub, { claims: { aud: "another-client" } }),
      await server.oneLogin.logoutToken(person.sub, { claims: { events: {} } }),
      await server.oneLogin.logoutToken(person.sub, { claims: { nonce: "not-allowed-in-a-logout-token" } }),
      await server.oneLogin.logoutToken(person.sub, { claims: { exp: Math.floor(Date.now() / 1000) - 600 } }),
      "not-a-token",
    ];
    const refusals = () => auditedDetails(server, "back_channel_logout_refused");
    const before = (await refusals()).length;
    const since = Date.now();
    const from = { headers: { "X-Forwarded-For": "203.0.113.99" } };
    for (const token of bad) expect((await http.post("/sign-out/back-channel", { logout_token: token }, from)).status).toBe(400);
    expect((await http.post("/sign-out/back-channel", {}, from)).status).toBe(400);
    expect((await browser.get("/stories")).status).toBe(200);
    // Anyone may post made-up tokens: the audit log takes one line a connection in 15 minutes, not one for each.
    expectOncePerWindow((await refusals()).slice(before), since);
  });
});
