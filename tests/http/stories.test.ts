import { readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { pagePath, storySections } from "#app/models/story-sections";
import { startStory as startStoryAs } from "#tests/support/share-journey";
import { signedIn, startServerWithMail } from "#tests/support/sign-in";
import { attr, text, type Page, type Browser, HttpClient, errorSummary } from "#tests/support/http-client";
import { serverForThisFile } from "#tests/support/server-for-file";
import { auditRows, root } from "./helpers";
import { rawKey } from "#tests/support/raw-keys";

// "Your stories" counts its SQL statements from the Server-Timing header.
const server = serverForThisFile(() => startServerWithMail({ SERVER_TIMING: "on" }));
const http = new HttpClient(() => server.url);
let alice: Browser;
let bob: Browser;

beforeAll(async () => {
  alice = await signedIn(server, "alice@example.org", "en");
  bob = await signedIn(server, "bob@example.org", "en");
});

const startStory = (person: Browser, fields?: Record<string, string>) => startStoryAs(server, person.cookie, fields);

/** What the database holds for one story: the rows a request must not change. */
async function storyRows(storyId: string) {
  return {
    story: (await server.query("select * from stories where id = ?", storyId))[0],
    sections: await server.query("select * from story_sections where story_id = ? order by section", storyId),
    versions: await server.query("select * from story_versions where story_id = ? order by version", storyId),
  };
}

const taskStatuses = (page: Page) =>
  Object.fromEntries(
    page.doc.byClass("govuk-task-list__item").map((item) => [text(page.doc.tag("a", item)[0]), text(page.doc.byClass("govuk-task-list__status", item)[0])]),
  );

function expectStoryPage(page: Page) {
  expect(page.doc.byClass("govuk-exit-this-page")).toHaveLength(1);
  // Last on every story page, after any warning of the page's own.
  expect(text(page.doc.byClass("govuk-warning-text").at(-1)!)).toMatch(/999\.$/);
  const main = page.doc.one("main");
  expect(text(main)).not.toMatch(rawKey);
  expect(page.doc.title).not.toMatch(rawKey);
}

describe("writing a story", () => {
  let storyId: string;

  test("Start a new story opens the first question and makes nothing, however often it is pressed", async () => {
    const list = await alice.get("/stories");
    expect(list.status).toBe(200);
    expect(list.doc.h1).toBe("Your stories");
    expect(text(list.doc.one("main"))).toContain("You have not started a story yet.");
    expectStoryPage(list);
    expect(list.doc.all((el) => el.tagName === "a" && text(el) === "Start a new story").map((a) => attr(a, "href"))).toEqual(["/stories/new"]);

    const before = await server.rowCounts();
    for (let tap = 0; tap < 5; tap++) {
      const first = await alice.get("/stories/new/about");
      expect(first.status).toBe(200);
      expect(first.doc.title).toBe("Your name – Tell it once – Demo Council");
      expectStoryPage(first);
      expect(attr(first.doc.byClass("govuk-back-link")[0], "href")).toBe("/stories");
      // Posting to the list, as its button once did, makes nothing either.
      expect((await alice.post("/stories")).status).toBe(405);
    }
    expect(await server.rowCounts()).toEqual(before);
    expect(text((await alice.get("/stories")).doc.one("main"))).toContain("You have not started a story yet.");
    // Only the first question is asked of a story not yet made.
    for (const path of ["/stories/new/about/contact", "/stories/new/matters", "/stories/new/check"]) expect((await alice.get(path)).status, path).toBe(404);
  });

  test("saving the first answer makes exactly one story and carries on; nothing typed, or a mistake, makes none", async () => {
    const before = await server.rowCounts();
    const first = await alice.get("/stories/new/about");
    const newId = attr(first.doc.all((el) => el.tagName === "input" && attr(el, "name") === "story")[0], "value") ?? "";
    expect(newId).toMatch(/^[0-9a-f-]{36}$/);

    const refused = await alice.post("/stories/new/about", { story: newId, name: "", preferredName: "Sam", intent: "continue" });
    expect(refused.status).toBe(400);
    expect(errorSummary(refused)).toEqual([{ href: "#name", text: "Enter your full name" }]);
    const empty = await alice.post("/stories/new/about", { story: newId, name: "", preferredName: "", intent: "save" });
    expect([empty.status, empty.headers.get("location")]).toEqual([302, "/stories"]);
    expect(await server.rowCounts()).toEqual(before);

    const saved = await alice.post("/stories/new/about", { story: newId, name: "Sam Jones", preferredName: "Sam", intent: "continue" });
    expect([saved.status, saved.headers.get("location")]).toEqual([302, `/stories/${newId}/about/contact`]);
    // The same form sent twice (a double tap without JavaScript) is the same story.
    const again = await alice.post("/stories/new/about", { story: newId, name: "Sam Jones", preferredName: "Sam", intent: "continue" });
    expect(again.headers.get("location")).toBe(`/stories/${newId}/about/contact`);
    const after = await server.rowCounts();
    expect([after.stories - before.stories, after.subjects - before.subjects, after.story_sections - before.story_sections]).toEqual([1, 1, 1]);
    expect((await auditRows(server)).filter((row) => row.event === "story_created").map((row) => JSON.parse(row.detail ?? "{}").story)).toEqual([newId]);
    storyId = newId;

    const tasks = await alice.get(`/stories/${storyId}`);
    expect(tasks.status).toBe(200);
    expect(tasks.doc.title).toBe("Your story – Tell it once – Demo Council");
    expectStoryPage(tasks);
    expect(taskStatuses(tasks)).toEqual({
      "About you": "In progress",
      "What is happening in your life": "Not yet started",
      "What matters to you": "Not yet started",
      "What you are good at": "Not yet started",
      "What is working and what is not": "Not yet started",
      "Your goals": "Not yet started",
      "People who support you": "Not yet started",
      "Services you already see": "Not yet started",
      "What you do not want to be asked again": "Not yet started",
    });
    expect(text((await alice.get("/stories")).doc.one("main"))).toContain("Sam Jones");
  });

  test("a story with no saved version can be deleted: a confirmation page, then it, its answers and who it is about are gone", async () => {
    const draftId = await startStory(alice, { name: "Dan Draft" });
    await alice.post(`/stories/${draftId}/matters`, { matters: "Quiet mornings", intent: "continue" });
    const [{ subject_id: subjectId }] = await server.query<{ subject_id: string }>("select subject_id from stories where id = ?", draftId);
    const tasks = await alice.get(`/stories/${draftId}`);
    expect(tasks.doc.all((el) => el.tagName === "a" && attr(el, "href") === `/stories/${draftId}/delete`).map(text)).toEqual(["Delete this story"]);

    const confirm = await alice.get(`/stories/${draftId}/delete`);
    expect(confirm.status).toBe(200);
    expect(confirm.doc.title).toBe("Delete this story – Tell it once – Demo Council");
    expect(confirm.doc.h1).toBe("Are you sure you want to delete this story?");
    expectStoryPage(confirm);
    expect(confirm.doc.tag("button", confirm.doc.one("main")).map(text)).toEqual(["Yes, delete this story"]);
    expect((await alice.get(`/stories/${draftId}/delete`, { lang: "cy" })).doc.h1).toBe("Ydych chi’n siŵr eich bod chi eisiau dileu’r stori hon?");

    const deleted = await alice.post(`/stories/${draftId}/delete`);
    expect([deleted.status, deleted.headers.get("location")]).toEqual([302, "/stories?deleted=1"]);
    const left = async (table: string, column: string, id: string) => await server.query(`select * from ${table} where ${column} = ?`, id);
    expect([await left("stories", "id", draftId), await left("story_sections", "story_id", draftId), await left("subjects", "id", subjectId)]).toEqual([
      [],
      [],
      [],
    ]);
    expect((await auditRows(server)).filter((row) => row.event === "story_erased").map((row) => JSON.parse(row.detail ?? "{}").story)).toEqual([draftId]);
    // What remains: that a story existed, with no version and no agency.
    expect(await server.query("select versions, agencies, reason from erased_stories where story_id = ?", draftId)).toEqual([
      { versions: 0, agencies: 0, reason: "deleted" },
    ]);
    const list = await alice.get("/stories?deleted=1");
    expect(text(list.doc.byClass("govuk-notification-banner")[0])).toContain("Your story has been deleted.");
    expect(text(list.doc.one("main"))).not.toContain("Dan Draft");
    expect((await alice.get(`/stories/${draftId}`)).status).toBe(404);
    expect((await alice.post(`/stories/${draftId}/delete`)).status).toBe(404);
  });

  test("each Continue saves and moves on; Save and come back later saves and goes back to the task list", async () => {
    let page = await alice.post(`/stories/${storyId}/about`, { name: "Sam Jones", preferredName: "Sam", intent: "continue" });
    expect([page.status, page.headers.get("location")]).toEqual([302, `/stories/${storyId}/about/contact`]);

    page = await alice.post(`/stories/${storyId}/about/contact`, {
      contactBy: ["email", "text"],
      email: "sam@example.org",
      phone: "07700 900 982",
      safeToLeaveMessages: "no",
      intent: "save",
    });
    expect([page.status, page.headers.get("location")]).toEqual([302, `/stories/${storyId}?saved=1`]);
    const saved = await alice.get(`/stories/${storyId}?saved=1`);
    expect(text(saved.doc.byClass("govuk-notification-banner")[0])).toContain("Your answers have been saved");

    page = await alice.post(`/stories/${storyId}/matters`, { matters: "My dog, Bess.\r\nMy allotment.", intent: "continue" });
    expect([page.status, page.headers.get("location")]).toEqual([302, `/stories/${storyId}`]);

    const contact = await alice.get(`/stories/${storyId}/about/contact`);
    expectStoryPage(contact);
    const checked = contact.doc.all((el) => el.tagName === "input" && attr(el, "checked") !== undefined).map((el) => attr(el, "value"));
    expect(checked).toEqual(["email", "text", "no"]);
    expect(attr(contact.doc.all((el) => attr(el, "id") === "phone")[0], "value")).toBe("07700 900 982");

    const tasks = await alice.get(`/stories/${storyId}`);
    expect(taskStatuses(tasks)).toMatchObject({ "About you": "In progress", "What matters to you": "Completed", "Your goals": "Not yet started" });
    expect(text((await alice.get("/stories")).doc.one("main"))).toContain("Sam Jones");
  });

  test("goals work without JavaScript: Add another goal and Remove are form buttons, and nothing typed is lost", async () => {
    const empty = await alice.get(`/stories/${storyId}/goals`);
    expect(empty.doc.all((el) => el.tagName === "button" && attr(el, "value") === "add").map(text)).toEqual(["Add another goal"]);

    let page = await alice.post(`/stories/${storyId}/goals`, { "goals-1-goal": "Walk to the shops", "goals-1-help": "A stick", intent: "add" });
    expect([page.status, page.headers.get("location")]).toEqual([302, `/stories/${storyId}/goals#goals-2-goal`]);
    page = await alice.get(`/stories/${storyId}/goals`);
    expect(page.doc.tag("legend").map(text)).toEqual(["Goal 1", "Goal 2"]);
    expect(page.doc.all((el) => el.tagName === "button" && (attr(el, "value") ?? "").startsWith("remove-")).map(text)).toEqual([
      "Remove goal 1",
      "Remove goal 2",
    ]);

    page = await alice.post(`/stories/${storyId}/goals`, {
      "goals-1-goal": "Walk to the shops",
      "goals-1-help": "A stick",
      "goals-2-goal": "See my grandson",
      "goals-2-help": "",
      intent: "remove-1",
    });
    expect(page.status).toBe(302);
    page = await alice.get(`/stories/${storyId}/goals`);
    expect(page.doc.tag("textarea").map((t) => text(t))).toEqual(["See my grandson", ""]);

    page = await alice.post(`/stories/${storyId}/goals`, { "goals-1-goal": "See my grandson", "goals-1-help": "Lifts", intent: "continue" });
    expect(page.headers.get("location")).toBe(`/stories/${storyId}`);
    expect(taskStatuses(await alice.get(`/stories/${storyId}`))).toMatchObject({ "Your goals": "Completed" });
  });

  test("a failed check gives 400, the error summary in field order, an 'Error:' title and exactly what was typed, and saves nothing", async () => {
    const before = await storyRows(storyId);
    const typed = `${"I need to say a lot. ".repeat(240)}\r\nAnd <b>this</b> too.`;
    const page = await alice.post(`/stories/${storyId}/about/contact`, {
      contactBy: ["letter"],
      email: "not an address",
      phone: "07700 900 982",
      address: typed,
      intent: "continue",
    });
    expect(page.status).toBe(400);
    expect(page.doc.title).toBe("Error: How services can contact you – Tell it once – Demo Council");
    expect(errorSummary(page)).toEqual([
      { href: "#email", text: "Enter an email address in the correct format, like name@example.com" },
      { href: "#address", text: "Postal address must be 500 characters or fewer" },
    ]);
    expect(text(page.doc.all((el) => attr(el, "id") === "email-error")[0])).toBe("Error: Enter an email address in the correct format, like name@example.com");
    expect(attr(page.doc.all((el) => attr(el, "id") === "email")[0], "value")).toBe("not an address");
    const textarea = page.doc.all((el) => attr(el, "id") === "address")[0];
    expect((textarea.childNodes[0] as { value?: string }).value?.replace(/\r\n/g, "\n")).toBe(typed.replace(/\r\n/g, "\n"));
    expect(page.html).not.toContain("<b>this</b>");
    expect(page.doc.all((el) => el.tagName === "input" && attr(el, "checked") !== undefined).map((el) => attr(el, "value"))).toEqual(["letter"]);
    expect(await storyRows(storyId)).toEqual(before);
  });

  test("the name is required to continue, and the error says so in Welsh too", async () => {
    const before = await storyRows(storyId);
    const page = await alice.post(`/stories/${storyId}/about`, { name: "", preferredName: "Sami", intent: "continue" }, { lang: "cy" });
    expect(page.status).toBe(400);
    expect(page.doc.lang).toBe("cy");
    expect(page.doc.title).toBe("Gwall: Eich enw – Dweud unwaith – Cyngor Demo");
    expect(errorSummary(page)).toEqual([{ href: "#name", text: "Rhowch eich enw llawn" }]);
    expect(attr(page.doc.all((el) => attr(el, "id") === "preferredName")[0], "value")).toBe("Sami");
    expect(await storyRows(storyId)).toEqual(before);
  });

  test("check your answers shows every section with Change links that say what they change", async () => {
    const page = await alice.get(`/stories/${storyId}/check`);
    expect(page.status).toBe(200);
    expect(page.doc.title).toBe("Check your answers – Tell it once – Demo Council");
    expectStoryPage(page);
    expect(page.doc.byClass("govuk-summary-card__title").map(text)).toEqual(storySections.map((s) => taskTitle(s.id)));
    const change = page.doc.all((el) => el.tagName === "a" && attr(el, "href") === `/stories/${storyId}/about`)[0];
    expect(text(change)).toBe("Change Full name (About you)");
    expect(text(page.doc.byClass("govuk-visually-hidden", change)[0])).toBe("Full name (About you)");
    expect(text(page.doc.one("main"))).toContain("Not answered");
  });

  test("nothing personal goes into addresses, page titles or the server's log", async () => {
    for (const path of [`/stories/${storyId}`, `/stories/${storyId}/about`, `/stories/${storyId}/check`, "/stories"]) {
      expect((await alice.get(path)).doc.title).not.toMatch(/Sam|Jones/);
    }
    expect(server.output()).not.toMatch(/Sam Jones|Bess|grandson|07700 900/);
  });
});

const taskTitle = (section: string) =>
  ({
    about: "About you",
    story: "What is happening in your life",
    matters: "What matters to you",
    strengths: "What you are good at",
    working: "What is working and what is not",
    goals: "Your goals",
    support: "People who support you",
    services: "Services you already see",
    "dont-ask": "What you do not want to be asked again",
  })[section];

/** The words a resident reads on a page's main content, and its title. */
const wordsOf = (page: Page) => `${page.doc.title} ${text(page.doc.one("main"))}`;

describe("saving a version", () => {
  test("a story without a name cannot be saved as a version: the error links to the name question", async () => {
    const storyId = await startStory(alice, { preferredName: "Quiet" });
    await alice.post(`/stories/${storyId}/matters`, { matters: "Quiet mornings", intent: "continue" });
    const page = await alice.post(`/stories/${storyId}/check`);
    expect(page.status).toBe(400);
    expect(page.doc.title).toBe("Error: Check your answers – Tell it once – Demo Council");
    expect(errorSummary(page)).toEqual([{ href: `/stories/${storyId}/about#name`, text: "Add your full name before you save a version of your story" }]);
    expect((await storyRows(storyId)).versions).toEqual([]);
  });

  test("saving twice makes versions 1 and 2; version 1 stays as it was; the preview shows the latest, as written", async () => {
    const storyId = await startStory(alice, { name: "Robin Hughes" });
    await alice.post(`/stories/${storyId}/strengths`, { strengths: "I am a good listener.\r\n<script>alert(1)</script>", intent: "continue" });

    const check = await alice.get(`/stories/${storyId}/check`);
    expect(check.doc.tag("button", check.doc.one("main")).map(text)).toEqual(["Save as version 1"]);
    expect(text(check.doc.one("main"))).toContain("Nobody else can see it unless you choose to share it.");
    let published = await alice.post(`/stories/${storyId}/check`);
    expect([published.status, published.headers.get("location")]).toEqual([302, `/stories/${storyId}/published/1`]);
    const confirmation = await alice.get(`/stories/${storyId}/published/1`);
    expect(confirmation.status).toBe(200);
    expect(confirmation.doc.title).toBe("Version 1 saved – Tell it once – Demo Council");
    expect(confirmation.doc.h1).toBe("Version 1 saved");
    expect(text(confirmation.doc.byClass("govuk-panel__body")[0])).toBe("Only you can see it until you share it.");
    // Shared with nobody: the page says so, and offers sharing as the next step.
    expect(text(confirmation.doc.one("main"))).toContain("Nobody else can see it unless you choose to share it.");
    const share = confirmation.doc.all((el) => el.tagName === "a" && attr(el, "href") === `/stories/${storyId}/share`);
    expect(share.map((a) => [text(a), attr(a, "class")])).toEqual([["Share your story", "govuk-button"]]);
    expectStoryPage(confirmation);
    const welsh = await alice.get(`/stories/${storyId}/published/1`, { lang: "cy" });
    expect(welsh.doc.h1).toBe("Fersiwn 1 wedi’i chadw");
    expect(welsh.doc.all((el) => el.tagName === "a" && attr(el, "href") === `/stories/${storyId}/share`).map(text)).toEqual(["Rhannu eich stori"]);

    await alice.post(`/stories/${storyId}/strengths`, { strengths: "I am a good listener.\r\nI keep going.", intent: "continue" });
    const tasks = await alice.get(`/stories/${storyId}`);
    expect(text(tasks.doc.one("main"))).toContain("You have made changes since then.");

    const again = await alice.get(`/stories/${storyId}/check`);
    expect(again.doc.tag("button", again.doc.one("main")).map(text)).toEqual(["Save as version 2"]);
    published = await alice.post(`/stories/${storyId}/check`);
    expect(published.headers.get("location")).toBe(`/stories/${storyId}/published/2`);
    expect((await alice.get(`/stories/${storyId}/published/2`)).doc.h1).toBe("Version 2 saved");
    // The confirmation is the newest version's: an older one is read on its own page.
    const older = await alice.get(`/stories/${storyId}/published/1`);
    expect([older.status, older.headers.get("location")]).toEqual([302, `/stories/${storyId}/versions/1`]);

    const { versions } = (await storyRows(storyId)) as unknown as { versions: { version: number; content: string; published_by: string }[] };
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    // Robin did not say which language the story is in: it is the language Robin uses the service in.
    const about = { name: "Robin Hughes", writtenIn: "english" };
    expect(JSON.parse(versions[0].content)).toEqual({ about, strengths: { strengths: "I am a good listener.\n<script>alert(1)</script>" } });
    expect(JSON.parse(versions[1].content)).toEqual({ about, strengths: { strengths: "I am a good listener.\nI keep going." } });
    expect(new Set(versions.map((v) => v.published_by)).size).toBe(1);

    const list = await alice.get(`/stories/${storyId}/versions`);
    expectStoryPage(list);
    expect(
      list.doc
        .tag("a", list.doc.one("main"))
        .filter((a) => (attr(a, "href") ?? "").includes("/versions/"))
        .map(text),
    ).toEqual(["Read version 2", "Read version 1"]);
    const first = await alice.get(`/stories/${storyId}/versions/1`);
    expect(first.doc.h1).toBe("Version 1 of your story");
    expect(first.html).toContain("I am a good listener.\n&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(first.html).not.toContain("<script>alert(1)");

    const preview = await alice.get(`/stories/${storyId}/preview`);
    expectStoryPage(preview);
    // Empty sections are left out; the rest come in the fixed order, in the person's voice.
    expect(preview.doc.headings("h2")).toEqual(["About me", "My strengths"]);
    const words = preview.doc.byClass("app-story-text").map((el) => (el.childNodes[0] as { value?: string }).value);
    expect(words).toEqual(["Robin Hughes", "Robin Hughes", "I am a good listener.\nI keep going."]);
    expect(text(preview.doc.one("main"))).toContain("The person themselves");
    expect(preview.doc.title).not.toContain("Robin");

    // "Publish" sounds public: no page a resident reads says it, in either language.
    const pages = [
      "/stories",
      `/stories/${storyId}`,
      `/stories/${storyId}/check`,
      `/stories/${storyId}/published/2`,
      `/stories/${storyId}/versions`,
      `/stories/${storyId}/versions/1`,
      `/stories/${storyId}/preview`,
    ];
    for (const path of pages) {
      expect(wordsOf(await alice.get(path)), path).not.toMatch(/publish/i);
      expect(wordsOf(await alice.get(path, { lang: "cy" })), `${path} in Welsh`).not.toMatch(/cyhoedd/i);
    }
  });
});

describe("your stories", () => {
  const statements = (page: Page) => Number(page.headers.get("server-timing")?.match(/desc="(\d+) SQL statements"/)?.[1]);
  const listed = (page: Page) => page.doc.tag("tr", page.doc.one("tbody")).map((row) => page.doc.tag("td", row).map(text));

  test("lists each story with its state, in the same number of SQL statements however many there are", async () => {
    const carol = await signedIn(server, "carol@example.org", "en");
    const first = await startStory(carol, { name: "Carol Price" });
    await carol.post(`/stories/${first}/check`);
    const one = await carol.get("/stories");
    expect(listed(one)).toEqual([["Carol Price", "Version 1 saved"]]);

    const second = await startStory(carol, { name: "Gwen Price" });
    await carol.post(`/stories/${second}/check`);
    await carol.post(`/stories/${second}/matters`, { matters: "My garden.", intent: "continue" });
    await startStory(carol, { preferredName: "Nain" });
    const three = await carol.get("/stories");
    expect(listed(three)).toEqual([
      ["Untitled story", "No version saved yet"],
      ["Gwen Price", "Version 1 saved, with changes since"],
      ["Carol Price", "Version 1 saved"],
    ]);
    expect(statements(one)).toBeGreaterThan(0);
    expect(statements(three)).toBe(statements(one));
  });
});

describe("only the owner can reach a story", () => {
  let storyId: string;
  beforeAll(async () => {
    storyId = await startStory(alice, { name: "Alice Private" });
    await alice.post(`/stories/${storyId}/check`);
  });

  /** Every route module under /stories/:storyId, with addresses that reach it: a new route must be added here. */
  const storyRoutes: Record<string, (id: string) => string[]> = {
    "stories.$storyId._index.tsx": (id) => [`/stories/${id}`],
    "stories.$storyId.$section.($page).tsx": (id) =>
      storySections.flatMap((section) => section.pages.map((page) => pagePath(id, section, page))).concat(`/stories/${id}/about/name`),
    "stories.$storyId.check.tsx": (id) => [`/stories/${id}/check`],
    "stories.$storyId.delete.tsx": (id) => [`/stories/${id}/delete`],
    "stories.$storyId.published.$version.tsx": (id) => [`/stories/${id}/published/1`],
    "stories.$storyId.versions._index.tsx": (id) => [`/stories/${id}/versions`],
    "stories.$storyId.versions.$version.tsx": (id) => [`/stories/${id}/versions/1`],
    "stories.$storyId.preview.tsx": (id) => [`/stories/${id}/preview`],
    "stories.$storyId.shares._index.tsx": (id) => [`/stories/${id}/shares`],
  };
  const paths = (id: string) => Object.values(storyRoutes).flatMap((paths) => paths(id));
  const attempt = { name: "Bob was here", matters: "Overwritten", "goals-1-goal": "Bob's goal", intent: "continue" };

  test("the table above names every story route there is", () => {
    // The share journey and the pages about one share need a draft or a share to reach, and the helpers' pages a
    // story for someone else: sharing.test.ts and who-has-your-story.test.ts have tables of their own, and permissions.test.ts walks them all.
    const sharing = /^stories\.\$storyId\.(share\.|shares_?\.\$shareId|helpers\.|hand-over)/;
    const routes = readdirSync(join(root, "app/routes")).filter((file) => file.startsWith("stories.$storyId") && !sharing.test(file));
    expect(Object.keys(storyRoutes).sort()).toEqual(routes.sort());
  });

  test("the owner reaches every one of them", async () => {
    for (const path of paths(storyId)) expect((await alice.get(path)).status, path).toBe(200);
  });

  test("another resident gets 'Page not found' for every one of them, GET and POST, and nothing changes", async () => {
    const before = await storyRows(storyId);
    for (const path of paths(storyId)) {
      const read = await bob.get(path);
      expect(read.status, `GET ${path}`).toBe(404);
      expect(read.doc.h1).toBe("Page not found");
      expect(read.html).not.toContain("Alice Private");
      const write = await bob.post(path, attempt);
      expect(write.status, `POST ${path}`).toBe(404);
      expect(write.html).not.toContain("Alice Private");
    }
    expect(await storyRows(storyId)).toEqual(before);
  });

  test("a story id that does not exist is 'Page not found', even to a signed-in resident", async () => {
    for (const path of [...paths(crypto.randomUUID()), "/stories/not-a-story-id", "/stories/not-a-story-id/check"]) {
      expect((await alice.get(path)).status, `GET ${path}`).toBe(404);
      expect((await alice.post(path, attempt)).status, `POST ${path}`).toBe(404);
    }
  });

  test("an unknown section, page or version is 'Page not found'", async () => {
    for (const path of [`/stories/${storyId}/secrets`, `/stories/${storyId}/about/nope`, `/stories/${storyId}/versions/9`, `/stories/${storyId}/published/0`]) {
      expect((await alice.get(path)).status, path).toBe(404);
    }
  });

  test("someone signed out is sent to sign in, and brought back afterwards", async () => {
    for (const path of ["/stories", ...paths(storyId)]) {
      for (const response of [await http.get(path, { lang: "en" }), await http.post(path, attempt)]) {
        expect(response.status, path).toBe(302);
        expect(response.headers.get("location"), path).toBe(`/sign-in?${new URLSearchParams({ returnTo: path })}`);
      }
    }
    expect((await storyRows(storyId)).sections).toHaveLength(1);
  });

  test("every story page reads in Welsh, with no raw keys", async () => {
    for (const path of ["/stories", ...paths(storyId)]) {
      const page = await alice.get(path, { lang: "cy" });
      expect(page.doc.lang, path).toBe("cy");
      expectStoryPage(page);
      expect(text(page.doc.byClass("govuk-warning-text").at(-1)!)).toContain("ffoniwch 999");
    }
  });
});

describe("what a question page keeps of what is typed", () => {
  let storyId: string;
  beforeAll(async () => {
    storyId = await startStory(alice);
  });
  const languagePage = () => `/stories/${storyId}/about/language`;
  const aboutContent = async () =>
    (await storyRows(storyId)).sections.find((row) => (row as { section: string }).section === "about") as { content: string } | undefined;
  const valueOf = (page: Page, id: string) => attr(page.doc.all((el) => attr(el, "id") === id)[0], "value");

  test("a line feed pasted into a one-line answer ('other language') is saved as a space, and written back on one line", async () => {
    const saved = await alice.post(languagePage(), { language: "other", otherLanguage: "Polish\r\nand\nRussian", intent: "save" });
    expect(saved.status).toBe(302);
    expect(JSON.parse((await aboutContent())!.content)).toMatchObject({ language: "other", otherLanguage: "Polish and Russian" });
    const page = await alice.get(languagePage());
    expect(valueOf(page, "otherLanguage")).toBe("Polish and Russian");
    expect(page.html).toMatch(/value="Polish and Russian"/);
  });

  test("a hidden character (a text-direction override, a control character) is refused with a GOV.UK error, nothing is saved, and it is not written back", async () => {
    const before = await storyRows(storyId);
    const page = await alice.post(languagePage(), { language: "other", otherLanguage: "Polish\u202E\u0007", intent: "continue" });
    expect(page.status).toBe(400);
    expect(page.doc.title).toMatch(/^Error: /);
    const message =
      "Other language must not include hidden characters, such as ones that change the direction of text. We have taken them out – check it and try again";
    expect(errorSummary(page)).toEqual([{ href: "#otherLanguage", text: message }]);
    expect(text(page.doc.all((el) => attr(el, "id") === "otherLanguage-error")[0])).toBe(`Error: ${message}`);
    expect(valueOf(page, "otherLanguage")).toBe("Polish");
    // eslint-disable-next-line no-control-regex -- the test is that this control character was taken out
    expect(page.html).not.toMatch(/[\u202E\u0007]/);
    expect(await storyRows(storyId)).toEqual(before);
  });

  test("a longer answer keeps its line breaks but not a NUL or an override, in Welsh too", async () => {
    const before = await storyRows(storyId);
    const page = await alice.post(
      `/stories/${storyId}/about/needs`,
      { needs: "other", needsDetails: "Short words,\r\nplease.\u0000\u202D", intent: "continue" },
      { lang: "cy" },
    );
    expect(page.status).toBe(400);
    expect(errorSummary(page)).toEqual([
      {
        href: "#needsDetails",
        text: "Ni all yr ateb i ‘Mwy am beth sy’n helpu’ gynnwys nodau cudd, fel rhai sy’n newid cyfeiriad testun. Rydym wedi’u tynnu allan – gwiriwch yr ateb a rhowch gynnig arall arni",
      },
    ]);
    const textarea = page.doc.all((el) => attr(el, "id") === "needsDetails")[0];
    expect(text(textarea)).toBe("Short words, please.");
    expect(await storyRows(storyId)).toEqual(before);

    const saved = await alice.post(`/stories/${storyId}/about/needs`, { needs: "other", needsDetails: "Short words,\r\nplease.", intent: "save" });
    expect(saved.status).toBe(302);
    expect(JSON.parse((await aboutContent())!.content)).toMatchObject({ needsDetails: "Short words,\nplease." });
  });
});
