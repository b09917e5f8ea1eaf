/*
 * "Your account" over HTTP against the built server: downloading everything
 * held (a JSON file in a documented shape, and a page to read or print),
 * changing the address with a code sent to the new one, deleting a story that
 * was shared, and deleting the whole account.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { errorSummary, expectRedirect, HttpClient, text, type Browser, type Page } from "#tests/support/http-client";
import { acceptInvitation, inviteHelper } from "#tests/support/helpers-journey";
import { linkSentTo, openAsProfessional, postShared, subjectOf } from "#tests/support/professional";
import { rawKeysIn } from "#tests/support/raw-keys";
import { serverForThisFile } from "#tests/support/server-for-file";
import { shareThroughTheJourney, wholePublishedStory } from "#tests/support/share-journey";
import { bodyOf, emailsSentTo, signedIn, signInCodeFrom, startServerWithMail } from "#tests/support/sign-in";
import { TEST_SESSION_SECRET } from "#tests/support/server.js";
import { runProductionScript } from "./helpers";

const server = serverForThisFile(() => startServerWithMail());
const GP = "Riverside Medical Practice";
const HOUSING = "Demo Council Housing Options";
const INBOX = { [GP]: "riverside.practice@nhs.example.net", [HOUSING]: "housing.options@housing.demo-council.example.org" };

const agencyId = async (name: string) => (await server.query<{ id: string }>("select id from agencies where name = ?", name))[0].id;
const words = (page: Page) => text(page.doc.one("main"));

/** A story with every question answered, shared with both agencies, read and replied to at the GP. */
async function sharedStory(owner: Browser, name: string): Promise<string> {
  const storyId = await wholePublishedStory(server, owner.jar.get("session")!, { name, answers: { about: { name } } });
  const since = server.mail.received.length;
  await shareThroughTheJourney(server, owner.jar.get("session")!, storyId, [await agencyId(GP), await agencyId(HOUSING)], "yes");
  const link = await linkSentTo(server, INBOX[GP], since);
  const opened = await openAsProfessional(server, link, "dr.patel@nhs.example.net");
  await new HttpClient(server.url).get(`/shared/${opened.shareId}/summary`, { cookie: opened.cookie });
  await postShared(server, `/shared/${opened.shareId}/received`, opened.cookie, { name: "Dr Asha Patel", role: "GP", message: "Thank you for this." });
  return storyId;
}

describe("your data", () => {
  let owner: Browser;
  let storyId: string;
  beforeAll(async () => {
    owner = await signedIn(server, "data.owner@example.org");
    storyId = await sharedStory(owner, "Nerys Hughes");
    const invitation = await inviteHelper(owner, storyId, { name: "Huw Helper", email: "huw@example.org", permission: "edit" });
    await acceptInvitation(server, "huw@example.org", invitation);
  });

  test("'Your account' is in the navigation and links to the data, changing the address and deleting", async () => {
    const page = await owner.get("/account");
    expect(page.status).toBe(200);
    expect(page.doc.h1).toBe("Your account");
    expect(page.doc.all((el) => el.tagName === "a" && text(el) === "Your account")).not.toHaveLength(0);
    const links = page.doc.all((el) => el.tagName === "a" && el.attrs.some((a) => a.name === "href" && a.value.startsWith("/account/"))).map(text);
    expect(links).toEqual(["Change email address", "Read your data on one page, to keep or print", "Download your data (a JSON file)", "Delete your account"]);
    expect(words(page)).toContain("If you do not sign in for 24 months");
  });

  test("the JSON file holds everything, in its documented shape, and no code, link or token", async () => {
    const response = await fetch(`${server.url}/account/data.json`, { headers: { Cookie: owner.cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="tell-it-once-data-\d{4}-\d{2}-\d{2}\.json"$/);
    const raw = await response.text();
    const data = JSON.parse(raw);
    expect(Object.keys(data)).toEqual(["format", "formatVersion", "service", "organisation", "exportedAt", "account", "stories", "emails"]);
    expect(data).toMatchObject({ format: "tell-it-once/account-data", formatVersion: 1, account: { email: "data.owner@example.org", language: "en" } });
    const [story] = data.stories;
    expect(story).toMatchObject({ id: storyId, yourRole: "owner", about: { who: "the writer themselves" } });
    expect(story.draft.length).toBeGreaterThan(5);
    expect(story.versions).toHaveLength(1);
    expect(story.versions[0]).toMatchObject({ version: 1, savedBy: "you" });
    expect(story.versions[0].answers.about.name).toBe("Nerys Hughes");
    expect(story.shares.map((share: { agency: string }) => share.agency).sort()).toEqual([HOUSING, GP].sort());
    const gp = story.shares.find((share: { agency: string }) => share.agency === GP);
    expect(gp.consentRecords).toEqual([expect.objectContaining({ kind: "given", agreedBy: "you", basis: "self", method: "online" })]);
    expect(gp.accessLog).toEqual([expect.objectContaining({ by: "dr.patel@nhs.example.net", version: 1 })]);
    expect(gp.replies).toEqual([expect.objectContaining({ name: "Dr Asha Patel", role: "GP", message: "Thank you for this." })]);
    expect(story.helpers).toEqual([expect.objectContaining({ name: "Huw Helper", email: "huw@example.org", permission: "edit", status: "accepted" })]);
    const kinds = data.emails.map((email: { kind: string }) => email.kind);
    expect(kinds).toContain("sign-in-code");
    expect(kinds).toContain("share-receipt");
    expect(kinds).toContain("share-received");
    // Without codes or links: nothing in the file opens anything.
    expect(raw).not.toMatch(/\/shared\/[A-Za-z0-9_-]{20,}/);
    expect(raw).not.toMatch(/"code"/);
    expect(raw).not.toMatch(/Link"/);
    expect(raw).not.toMatch(/\b\d{6}\b(?![\d-])/);
    // Measured for the README: the file for one whole story, shared twice.
    console.info(`account data for one full story: ${Buffer.byteLength(raw)} bytes`);
  });

  test("a helper's download has the story they help with, marked as such, and none of the owner's emails", async () => {
    const huw = await signedIn(server, "huw@example.org");
    const data = JSON.parse(await (await fetch(`${server.url}/account/data.json`, { headers: { Cookie: huw.cookie } })).text());
    expect(data.stories.map((story: { id: string; yourRole: string }) => [story.id, story.yourRole])).toEqual([[storyId, "edit"]]);
    // Saved by the owner, whom the story knows by the name in it.
    expect(data.stories[0].versions[0].savedBy).toBe("Nerys Hughes");
    expect(JSON.stringify(data.emails)).not.toContain("share-receipt");
  });

  test("the page to read or print says the same in words, in English and Welsh, with no raw keys", async () => {
    for (const lang of ["en", "cy"] as const) {
      const page = await owner.get("/account/data", { lang });
      expect(page.status).toBe(200);
      expect(rawKeysIn(`${page.doc.title} ${text(page.doc.one("body"))}`)).toEqual([]);
      expect(words(page)).toContain("Nerys Hughes");
      expect(words(page)).toContain("dr.patel@nhs.example.net");
      expect(words(page)).toContain("Dr Asha Patel");
      expect(words(page)).toContain("Huw Helper");
    }
    expect((await owner.get("/account/data")).doc.h1).toBe("Your data");
    expect((await owner.get("/account/data", { lang: "cy" })).doc.h1).toBe("Eich data");
  });

  test("signed out: every account page asks for sign-in, and the file answers nothing", async () => {
    const stranger = owner.client.browser();
    for (const path of ["/account", "/account/data", "/account/email", "/account/email/check", "/account/delete"]) {
      expectRedirect(await stranger.get(path), `/sign-in?returnTo=${encodeURIComponent(path)}`);
    }
    const file = await fetch(`${server.url}/account/data.json`, { redirect: "manual" });
    expect(file.status).toBe(302);
  });
});

describe("changing the email address", () => {
  test("a code to the new address; wrong, then right; the account takes it and the old address is told", async () => {
    const person = await signedIn(server, "old.address@example.org");
    const empty = await person.post("/account/email", {});
    expect(empty.status).toBe(400);
    expect(errorSummary(empty)).toEqual([{ href: "#email", text: "Enter your email address" }]);
    const same = await person.post("/account/email", { email: "Old.Address@example.org" });
    expect(errorSummary(same)).toEqual([{ href: "#email", text: "Enter a different email address from the one you use now" }]);

    const since = server.mail.received.length;
    const sent = await person.post("/account/email", { email: "New.Address@example.org" });
    expectRedirect(sent, "/account/email/check");
    const check = await person.get("/account/email/check");
    expect(words(check)).toContain("new.address@example.org");
    const email = await server.mail.nextEmailTo("new.address@example.org", since);
    expect(subjectOf(email)).toBe("Your code to confirm your new email address for Tell it once");
    const code = signInCodeFrom(email);

    const wrong = await person.post("/account/email/check", { code: code === "000000" ? "111111" : "000000" });
    expect(wrong.status).toBe(400);
    expect(await server.query("select id from residents where email = 'new.address@example.org'")).toEqual([]);
    // The code confirms an address; it cannot sign anyone in, even in a browser signing in with that address.
    const elsewhere = person.client.browser();
    expect((await elsewhere.post("/sign-in", { email: "new.address@example.org" })).status).toBe(302);
    expect((await elsewhere.post("/sign-in/check-email", { code })).status).toBe(400);

    const right = await person.post("/account/email/check", { code });
    expectRedirect(right, "/account?changed=1");
    expect(words(await person.follow(right))).toContain("Your email address is now new.address@example.org.");
    const [notice] = await emailsSentTo(server, "old.address@example.org", since);
    expect(subjectOf(notice)).toBe("Your email address for Tell it once has changed");
    expect(bodyOf(notice)).not.toContain("new.address");
    // Signing in with the new address reaches the same account.
    const again = await signedIn(server, "new.address@example.org");
    expect(words(await again.get("/account"))).toContain("new.address@example.org");
  });

  test("an address another account uses is refused only once the code proves the person has it", async () => {
    await signedIn(server, "taken@example.org");
    const person = await signedIn(server, "wants.taken@example.org");
    const since = server.mail.received.length;
    expectRedirect(await person.post("/account/email", { email: "taken@example.org" }), "/account/email/check");
    const code = signInCodeFrom(await server.mail.nextEmailTo("taken@example.org", since));
    const refused = await person.post("/account/email/check", { code });
    expect([refused.status, refused.headers.get("location")]).toEqual([400, null]);
    expect(errorSummary(refused)[0].text).toMatch(/^Another account uses this email address/);
    expect(await server.query("select email from residents where email like 'wants.taken%'")).toEqual([{ email: "wants.taken@example.org" }]);
  });
});

describe("deleting a story that was shared", () => {
  test("the page says who is told and what is kept; then the shares stop, each agency is told, and nothing of it is left", async () => {
    const owner = await signedIn(server, "story.deleter@example.org");
    const storyId = await sharedStory(owner, "Gwilym Evans");
    const page = await owner.get(`/stories/${storyId}/delete`);
    expect(page.doc.h1).toBe("Are you sure you want to delete this story?");
    expect(words(page)).toContain(GP);
    expect(words(page)).toContain(HOUSING);
    const since = server.mail.received.length;
    expectRedirect(await owner.post(`/stories/${storyId}/delete`), "/stories?deleted=1");
    for (const inbox of Object.values(INBOX)) {
      expect((await emailsSentTo(server, inbox, since)).map(subjectOf)).toEqual([expect.stringMatching(/^Access to a story shared with .* has ended \//)]);
    }
    const left = await server.query<{ n: number }>(
      `select (select count(*) from stories where id = ?) + (select count(*) from story_versions where story_id = ?) +
              (select count(*) from shares where story_id = ?) + (select count(*) from story_sections where story_id = ?) as n`,
      storyId,
      storyId,
      storyId,
      storyId,
    );
    expect(Number(left[0].n)).toBe(0);
    expect(await server.query("select versions, agencies, reason from erased_stories where story_id = ?", storyId)).toEqual([
      { versions: 1, agencies: 2, reason: "deleted" },
    ]);
    const everything = JSON.stringify(await server.query("select * from consent_records")) + JSON.stringify(await server.query("select * from share_views"));
    expect(everything).not.toContain("Gwilym");
  });
});

describe("deleting the account", () => {
  test("a page naming the stories that go; then they go, the session ends, and the address can start afresh", async () => {
    const person = await signedIn(server, "leaving@example.org");
    const storyId = await sharedStory(person, "Ceri Leaving");
    const page = await person.get("/account/delete");
    expect(page.doc.h1).toBe("Are you sure you want to delete your account?");
    expect(words(page)).toContain("Ceri Leaving");
    const gone = await person.post("/account/delete");
    expectRedirect(gone, "/account/deleted");
    expect(gone.headers.getSetCookie().some((cookie) => /^session=;/.test(cookie))).toBe(true);
    expect((await person.get("/account/deleted")).doc.h1).toBe("Your account has been deleted");
    expect((await person.get("/stories")).status).toBe(302);
    expect(await server.query("select id from stories where id = ?", storyId)).toEqual([]);
    expect(await server.query("select id from residents where email = 'leaving@example.org'")).toEqual([]);
    // Emails already on their way to the address arrive first; then it signs in afresh.
    await emailsSentTo(server, "leaving@example.org", 0);
    const fresh = await signedIn(server, "leaving@example.org");
    expect(words(await fresh.get("/stories"))).not.toContain("Ceri Leaving");
  });
});

describe("retention, as the privacy notice says", () => {
  test("the notice gives the council's period and says where people manage their data, in English and Welsh", async () => {
    const visitor = new HttpClient(server.url).browser();
    const en = words(await visitor.get("/privacy"));
    expect(en).toContain("If you do not sign in for 24 months, we will email you.");
    expect(en).toContain("for 24 months after the share ends, then delete it");
    expect(en).toContain("on the ‘Your account’ page");
    expect(en).not.toMatch(/2 years|6 years/);
    const cy = words(await visitor.get("/privacy", { lang: "cy" }));
    expect(cy).toContain("Os na fyddwch chi’n mewngofnodi am 24 mis");
  });

  test("`npm run jobs` runs beside the server, on its database, and says what it did", async () => {
    const env: Record<string, string> = server.databaseUrl
      ? { DATABASE_URL: server.databaseUrl, SESSION_SECRET: TEST_SESSION_SECRET }
      : { DATABASE_PATH: server.databasePath };
    const run = await runProductionScript("jobs", [], { ...env, PUBLIC_URL: server.url, MAIL_TRANSPORT: "console" });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Jobs done in \d+ ms: \d+ share\(s\) ended, \d+ reminder\(s\) sent, 0 unused account\(s\) warned, 0 deleted, 0 ended share\(s\)' access logs forgotten\.\n$/,
    );
  });
});
