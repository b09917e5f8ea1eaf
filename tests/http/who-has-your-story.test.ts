import { createHash } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { publishedStory, shareThroughTheJourney, startStory } from "#tests/support/share-journey";
import { bodyOf, emailsSentTo, signedIn, startServerWithMail } from "#tests/support/sign-in";
import { attr, HttpClient, type Page, text, type Browser } from "#tests/support/http-client";
import { serverForThisFile } from "#tests/support/server-for-file";
import { rawKey } from "#tests/support/raw-keys";

const server = serverForThisFile(startServerWithMail);
const http = new HttpClient(() => server.url);
let alice: Browser;
let bob: Browser;
let storyId: string;
let bobStoryId: string;
/** Alice's three shares, by agency. */
const shareIds: Record<string, string> = {};

const CARE = "Demo Council Adult Social Care";
const GP = "Riverside Medical Practice";
const HOUSING = "Demo Council Housing Options";
const INBOX = {
  [CARE]: "adult.care@demo-council.example.org",
  [GP]: "riverside.practice@nhs.example.net",
  [HOUSING]: "housing.options@housing.demo-council.example.org",
};
const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

const query = <T>(sql: string, ...params: unknown[]) => server.query<T>(sql, ...params);

type ShareRow = { id: string; status: string; sections: string; ends_at: number; token_hash: string; stopped_at: number | null };
const shareRow = async (agency: string) => (await query<ShareRow>("select * from shares where id = ?", shareIds[agency]))[0];
type RecordRow = { kind: string; wording: string; wording_hash: string; sections: string; ends_at: number };
const recordsOf = async (agency: string) =>
  await query<RecordRow>("select * from consent_records where share_id = ? order by recorded_at, id", shareIds[agency]);

/** Everything a refused request must leave alone. */
const sharingRows = async () => ({
  shares: await query("select * from shares order by id"),
  records: await query("select * from consent_records order by id"),
  outbox: await query("select id from outbox order by id"),
});

/** The bodies of the emails to `to` since `since`, once the mail worker has sent all it queued. */
const emailsTo = async (to: string, since: number) => (await emailsSentTo(server, to, since)).map(bodyOf);

function expectPage(page: Page, title: string) {
  expect(page.status).toBe(200);
  expect(page.doc.title).toBe(`${title} – Tell it once – Demo Council`);
  expect(page.doc.byClass("govuk-exit-this-page")).toHaveLength(1);
  expect(text(page.doc.byClass("govuk-warning-text").at(-1)!)).toMatch(/999\.$/);
  expect(text(page.doc.one("main"))).not.toMatch(rawKey);
}

/** One agency's card on "Who has your story", as key → value. */
function cardRows(page: Page, agency: string): Record<string, string> {
  const card = page.doc.byClass("govuk-summary-card").find((c) => text(c).startsWith(agency))!;
  return Object.fromEntries(
    page.doc
      .byClass("govuk-summary-list__row", card)
      .map((row) => [text(page.doc.byClass("govuk-summary-list__key", row)[0]), text(page.doc.byClass("govuk-summary-list__value", row)[0])]),
  );
}

const hidden = (page: Page, name: string) => attr(page.doc.all((el) => el.tagName === "input" && attr(el, "name") === name)[0], "value") ?? "";
const checked = (page: Page) => page.doc.all((el) => el.tagName === "input" && attr(el, "checked") !== undefined).map((el) => attr(el, "value"));
const path = (agency: string, action: string) => `/stories/${storyId}/shares/${shareIds[agency]}/${action}`;

beforeAll(async () => {
  alice = await signedIn(server, "alice@example.org", "en");
  bob = await signedIn(server, "bob@example.org", "en");
  storyId = await publishedStory(server, alice.cookie);
  bobStoryId = await startStory(server, bob.cookie);

  const agencies = Object.fromEntries((await query<{ id: string; name: string }>("select id, name from agencies")).map((row) => [row.name, row.id]));
  await shareThroughTheJourney(server, alice.cookie, storyId, [agencies[CARE], agencies[GP]], "yes");
  await shareThroughTheJourney(server, alice.cookie, storyId, [agencies[HOUSING]], "no");
  for (const row of await query<{ id: string; agency_id: string }>("select id, agency_id from shares where story_id = ?", storyId)) {
    shareIds[Object.keys(agencies).find((name) => agencies[name] === row.agency_id)!] = row.id;
  }
  expect(Object.keys(shareIds).sort()).toEqual([CARE, HOUSING, GP].sort());
});

describe("who has your story", () => {
  test("is linked from the task list and shows a card per share: state, parts, end, version, room for views and replies, actions", async () => {
    const tasks = await alice.get(`/stories/${storyId}`);
    expect(tasks.doc.all((el) => el.tagName === "a" && attr(el, "href") === `/stories/${storyId}/shares`).map(text)).toEqual([
      "See who has your story, or stop sharing it",
    ]);

    const page = await alice.get(`/stories/${storyId}/shares`);
    expectPage(page, "Who has your story");
    const cards = page.doc.byClass("govuk-summary-card");
    expect(cards.map((card) => text(page.doc.byClass("govuk-summary-card__title", card)[0])).sort()).toEqual([CARE, HOUSING, GP].sort());
    const gp = cards.find((card) => text(card).startsWith(GP))!;
    const rows = Object.fromEntries(
      page.doc
        .byClass("govuk-summary-list__row", gp)
        .map((row) => [text(page.doc.byClass("govuk-summary-list__key", row)[0]), text(page.doc.byClass("govuk-summary-list__value", row)[0])]),
    );
    expect(rows).toMatchObject({
      Status: "Shared",
      "Version they see": "Version 1, your newest story",
      Opened: "Not viewed yet",
      Replies: "No replies yet",
      "Your receipt": `See your receipt (${GP})`,
    });
    expect(rows["Sharing ends"]).toMatch(/^\d{1,2} \w+ \d{4}$/);
    expect(page.doc.tag("li", page.doc.byClass("govuk-list--bullet", gp)[0]).map(text)).toEqual([
      "Your name",
      "About you: how to contact you, your language and what helps you take part",
      "What matters to you",
    ]);
    const links = page.doc.tag("a", gp).map((a) => [text(a), attr(a, "href")]);
    expect(links).toEqual(
      expect.arrayContaining([
        [`Stop sharing (${GP})`, path(GP, "stop")],
        [`Send a new link (${GP})`, path(GP, "resend")],
        [`Change what they can see (${GP})`, path(GP, "parts")],
        [`Extend how long they can see your story (${GP})`, path(GP, "extend")],
        [`See your receipt (${GP})`, `/stories/${storyId}/shares/${shareIds[GP]}/receipt`],
      ]),
    );

    const welsh = await alice.get(`/stories/${storyId}/shares`, { lang: "cy" });
    expect(welsh.doc.h1).toBe("Pwy sydd â’ch stori");
    expect(text(welsh.doc.one("main"))).not.toMatch(rawKey);
  });
});

describe("stopping", () => {
  test("one confirmation page, then at once: stopped, the agency's inbox told, the withdrawal on the receipt", async () => {
    const page = await alice.get(path(CARE, "stop"));
    expectPage(page, "Stop sharing your story");
    expect(page.doc.h1).toBe(`Are you sure you want to stop sharing your story with ${CARE}?`);
    const warning = text(page.doc.byClass("govuk-warning-text")[0]);
    expect(warning).toContain("They will no longer be able to open your story. They may already have saved what they read, under their own rules.");

    const since = server.mail.received.length;
    const stopped = await alice.post(path(CARE, "stop"));
    expect([stopped.status, stopped.headers.get("location")]).toEqual([302, `/stories/${storyId}/shares?done=stopped&share=${shareIds[CARE]}`]);
    expect(await shareRow(CARE)).toMatchObject({ status: "stopped" });
    expect((await shareRow(CARE)).stopped_at).not.toBeNull();

    const [email] = [bodyOf(await server.mail.nextEmailTo(INBOX[CARE], since))];
    expect(email).toContain(`has stopped sharing it.`);
    expect(email).toContain("The link you were sent no longer works.");
    expect(email).not.toMatch(/Sam|Bess/);

    const list = await alice.get(`/stories/${storyId}/shares?done=stopped&share=${shareIds[CARE]}`);
    expect(text(list.doc.byClass("govuk-notification-banner")[0])).toContain(`You have stopped sharing your story with ${CARE}.`);
    const card = list.doc.byClass("govuk-summary-card").find((c) => text(c).startsWith(CARE))!;
    expect(text(list.doc.byClass("govuk-tag", card)[0])).toBe("Stopped");
    expect(list.doc.tag("a", card).map(text)).toEqual([`See your receipt (${CARE})`]);
    // What they could see, until when, and that they can see nothing now: nothing in the present tense.
    expect(Object.keys(cardRows(list, CARE))).toContain("What they could see");
    expect(list.doc.tag("li", list.doc.byClass("govuk-list--bullet", card)[0]).map(text)).toEqual([
      "Your name",
      "About you: how to contact you, your language and what helps you take part",
      "What matters to you",
    ]);
    expect(cardRows(list, CARE)).toMatchObject({
      "Version they could see": "Version 1",
      "You stopped sharing": expect.stringMatching(/^\d{1,2} \w+ \d{4}$/),
      "What they can see now": "Nothing. They can no longer open your story.",
    });
    expect(text(card)).not.toMatch(/Parts they can see|Version they see|They see each new version|Sharing ends/);
    const welsh = await alice.get(`/stories/${storyId}/shares`, { lang: "cy" });
    const [{ name_cy: careInWelsh }] = await query<{ name_cy: string }>("select name_cy from agencies where name = ?", CARE);
    const welshCard = welsh.doc.byClass("govuk-summary-card").find((c) => text(c).startsWith(careInWelsh))!;
    expect(text(welshCard)).toContain("Dim byd. Dydyn nhw ddim yn gallu agor eich stori mwyach.");
    expect(text(welshCard)).not.toMatch(/Rhannau y gallan nhw eu gweld|Maen nhw’n gweld pob fersiwn/);

    const records = await recordsOf(CARE);
    expect(records.map((r) => r.kind)).toEqual(["given", "withdrawn"]);
    // The words kept are the words on the confirmation page.
    expect(records[1].wording.split("\n")).toEqual([
      page.doc.h1,
      warning.replace(/^!\s*Warning\s*/, ""),
      text(page.doc.tag("p", page.doc.one("main")).find((p) => text(p).startsWith("We will email"))!),
      "Yes, stop sharing",
    ]);
    expect(records[1].wording_hash).toBe(sha256(records[1].wording));

    const receipt = JSON.parse((await alice.get(`/stories/${storyId}/shares/${shareIds[CARE]}/receipt.json`)).html);
    expect(receipt.state).toBe("stopped");
    expect(receipt.history.map((entry: { event: string }) => entry.event)).toEqual(["given", "withdrawn"]);
  });

  test("stopping again changes nothing and tells no one; a stopped share cannot be changed, extended or re-linked", async () => {
    const before = await sharingRows();
    const again = await alice.post(path(CARE, "stop"));
    expect([again.status, again.headers.get("location")]).toEqual([302, `/stories/${storyId}/shares`]);
    for (const action of ["parts", "extend", "resend"]) {
      const page = await alice.get(path(CARE, action));
      expectPage(page, "You cannot change this sharing");
      expect(text(page.doc.one("main"))).toContain(`You stopped sharing your story with ${CARE}, so it cannot be changed.`);
      expect(page.doc.all((el) => el.tagName === "a" && attr(el, "href") === `/stories/${storyId}/share`)).toHaveLength(1);
    }
    await alice.post(path(CARE, "parts"), { parts: ["about"], shown: "x" });
    await alice.post(path(CARE, "extend"), { endsIn: "12", shown: "x" });
    await alice.post(path(CARE, "resend"));
    expect(await sharingRows()).toEqual(before);
  });
});

describe("changing an active share", () => {
  test("change what they can see: ticked as now, the words agreed to shown first, then a changed record", async () => {
    const page = await alice.get(path(GP, "parts"));
    expectPage(page, "Change what they can see");
    expect(checked(page)).toEqual(["about", "matters"]);
    const agreeing = text(page.doc.byClass("govuk-inset-text")[0]);
    expect(agreeing).toMatch(new RegExp(`^You are agreeing that ${GP} can see the parts of your story you have ticked, until`));

    const none = await alice.post(path(GP, "parts"), { shown: hidden(page, "shown") });
    expect(none.status).toBe(400);
    expect(none.doc.title).toMatch(/^Error: /);
    expect(text(none.doc.byClass("govuk-error-summary")[0])).toContain("Select at least one part of your story to share");

    const changed = await alice.post(path(GP, "parts"), { parts: ["about", "strengths"], shown: hidden(page, "shown") });
    expect([changed.status, changed.headers.get("location")]).toEqual([302, `/stories/${storyId}/shares?done=changed&share=${shareIds[GP]}`]);
    expect(JSON.parse((await shareRow(GP)).sections)).toEqual(["about", "strengths"]);
    const records = await recordsOf(GP);
    expect(records.map((r) => r.kind)).toEqual(["given", "changed"]);
    expect(records[1].wording).toBe(agreeing);
    expect(JSON.parse(records[1].sections)).toEqual(["about", "strengths"]);
  });

  test("extend: 3, 6 or 12 months or a date, later than now's end, then an extended record", async () => {
    const page = await alice.get(path(GP, "extend"));
    expectPage(page, "Extend sharing");
    const endsAt = (await shareRow(GP)).ends_at;
    const shown = hidden(page, "shown");

    const notLater = await alice.post(path(GP, "extend"), { endsIn: "3", shown });
    expect(notLater.status).toBe(400);
    expect(text(notLater.doc.byClass("govuk-error-summary")[0])).toMatch(/The new date must be after \d{1,2} \w+ \d{4}, when sharing ends now/);
    expect((await shareRow(GP)).ends_at).toBe(endsAt);

    const extended = await alice.post(path(GP, "extend"), { endsIn: "12", shown });
    expect([extended.status, extended.headers.get("location")]).toEqual([302, `/stories/${storyId}/shares?done=extended&share=${shareIds[GP]}`]);
    expect((await shareRow(GP)).ends_at).toBeGreaterThan(endsAt);
    const records = await recordsOf(GP);
    expect(records.map((r) => r.kind)).toEqual(["given", "changed", "extended"]);
    expect(records[2].wording).toBe(text(page.doc.byClass("govuk-inset-text")[0]));
    expect(records[2].ends_at).toBe((await shareRow(GP)).ends_at);
    const list = await alice.get(extended.headers.get("location")!);
    expect(text(list.doc.byClass("govuk-notification-banner")[0])).toMatch(new RegExp(`${GP} can now see your story until \\d{1,2} \\w+ \\d{4}\\.`));
  });

  test("send a new link: shown once on the page that answers, emailed to the inbox; the old link is dead", async () => {
    const page = await alice.get(path(GP, "resend"));
    expectPage(page, "Send a new link");
    const oldHash = (await shareRow(GP)).token_hash;
    const since = server.mail.received.length;

    const sent = await alice.post(path(GP, "resend"));
    expectPage(sent, "Send a new link");
    const link = text(sent.doc.byClass("app-share-link")[0]);
    expect(link).toMatch(new RegExp(`^${server.url}/shared/[A-Za-z0-9_-]{43}$`));
    const token = link.slice(-43);
    expect((await shareRow(GP)).token_hash).toBe(sha256(token));
    expect(await query("select id from shares where token_hash = ?", oldHash)).toEqual([]);

    const email = bodyOf(await server.mail.nextEmailTo(INBOX[GP], since));
    expect(email).toContain(link);
    // Shown once: the page seen again has no link, and the token is kept nowhere.
    expect((await alice.get(path(GP, "resend"))).html).not.toContain(token);
    expect(server.output()).not.toContain(token);
    expect(JSON.stringify(await query("select * from audit_events"))).not.toContain(token);
  });
});

describe("saving a new version", () => {
  /** The organisations listed under each paragraph of "who can see it", by the paragraph's first words. */
  const audience = (page: Page) => {
    const section = page.doc.byClass("app-version-audience")[0];
    return page.doc.tag("ul", section).map((list) => page.doc.tag("li", list).map(text));
  };
  const audienceText = (page: Page) => text(page.doc.byClass("app-version-audience")[0]);

  test("the pages before and after say who will see it, and it is who is emailed: the agency kept up to date, not the stopped one", async () => {
    expect((await alice.post(`/stories/${storyId}/matters`, { matters: "My dog, Bess, and the allotment.", intent: "continue" })).status).toBe(302);
    // Care asked to be kept up to date but was stopped; the GP was kept up to date; Housing keeps version 1.
    const check = await alice.get(`/stories/${storyId}/check`);
    expect(audienceText(check)).toContain("You chose to keep these organisations up to date, so they will see this version as soon as you save it.");
    expect(audience(check)).toEqual([[GP], [HOUSING]]);
    expect(audienceText(check)).toContain("Nobody else can see it unless you choose to share it.");

    const since = server.mail.received.length;
    expect((await alice.post(`/stories/${storyId}/check`)).headers.get("location")).toBe(`/stories/${storyId}/published/2`);
    const confirmation = await alice.get(`/stories/${storyId}/published/2`);
    expectPage(confirmation, "Version 2 saved");
    expect(text(confirmation.doc.byClass("govuk-panel__body")[0])).toBe("The organisations you keep up to date can see it.");
    expect(text(confirmation.doc.one("main"))).not.toContain("Only you can see it");
    expect(audienceText(confirmation)).toContain(
      "You chose to keep these organisations up to date, so they can see this version now. We have emailed them to say there is a new version:",
    );
    expect(audienceText(confirmation)).toContain("These organisations still see the version you shared with them, not this one:");
    expect(audience(confirmation)).toEqual([[GP], [HOUSING]]);
    expect(audienceText(confirmation)).toContain("Nobody else can see it unless you choose to share it.");
    expect(text(confirmation.doc.one("main"))).not.toContain(CARE);

    const toGp = await emailsTo(INBOX[GP], since);
    expect(toGp).toHaveLength(1);
    expect(toGp[0]).toContain(`has published a new version of it.`);
    expect(toGp[0]).not.toMatch(/Sam|Bess|allotment/);
    expect(await emailsTo(INBOX[CARE], since)).toEqual([]);
    expect(await emailsTo(INBOX[HOUSING], since)).toEqual([]);

    const page = await alice.get(`/stories/${storyId}/shares`);
    expect(cardRows(page, GP)["Version they see"]).toBe("Version 2, your newest story");
    expect(cardRows(page, HOUSING)["Version they see"]).toBe("Version 1, as you shared it");
    // Care asked to be kept up to date but was stopped before version 2: the last it could see was version 1.
    expect(cardRows(page, CARE)["Version they could see"]).toBe("Version 1");
  });
});

describe("only the owner", () => {
  const routes = () => [
    `/stories/${storyId}/shares`,
    path(GP, "stop"),
    path(GP, "parts"),
    path(GP, "extend"),
    path(GP, "resend"),
    // Alice's share under Bob's own story, and a share that does not exist under Alice's.
    `/stories/${bobStoryId}/shares/${shareIds[GP]}/stop`,
    `/stories/${bobStoryId}/shares/${shareIds[GP]}/parts`,
    `/stories/${storyId}/shares/00000000-0000-4000-8000-000000000000/stop`,
  ];

  test("every other resident gets 404 on GET and POST of every page, and nothing changes", async () => {
    const before = await sharingRows();
    const fields = { parts: ["about"], endsIn: "12", shown: "x" };
    const answers: string[] = [];
    for (const route of routes()) {
      answers.push(`GET ${route} ${(await bob.get(route)).status}`, `POST ${route} ${(await bob.post(route, fields)).status}`);
    }
    expect(answers).toEqual(routes().flatMap((route) => [`GET ${route} 404`, `POST ${route} 404`]));
    expect(await sharingRows()).toEqual(before);
    expect((await shareRow(GP)).status).toBe("active");
  });

  test("the owner gets 404 for a share that is not one of this story's; someone signed out is sent to sign in", async () => {
    expect((await alice.get(`/stories/${storyId}/shares/00000000-0000-4000-8000-000000000000/parts`)).status).toBe(404);
    expect((await alice.get(`/stories/${storyId}/shares/not-a-share/parts`)).status).toBe(404);
    const page = await http.get(path(GP, "stop"), { lang: "en" });
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toMatch(/^\/sign-in/);
  });
});
