import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { findOrCreateResident, setResidentLanguage } from "#app/models/resident.server";
import { findDraftSection, findVersion, saveDraftSection, versionsOf } from "#app/models/story.server";
import { findPage, findSection } from "#app/models/story-sections";
import { db, first, sqlite } from "#db/client.server";
import { auditEvents, stories, storyVersions, subjects } from "#db/schema";
import { statusOf, thrown } from "#tests/support/thrown";
import { publishStory, startStory, statusAfter, storyOverview, submitStoryPage } from "./story.server";

/** The request a question page answers; it matters only when the form is refused. */
const request = new Request("http://localhost/");

let residentId: string;
let storyId: string;

beforeEach(async () => {
  residentId = (await findOrCreateResident(db, `${randomUUID()}@example.org`, "en", new Date())).id;
  storyId = await startStory(residentId);
});

function formOf(fields: Record<string, string | string[]>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(name, v);
  return form;
}

function submit(sectionId: string, pageId: string | undefined, fields: Record<string, string | string[]>) {
  const section = findSection(sectionId)!;
  return submitStoryPage({ request, storyId, residentId, section, page: findPage(section, pageId)!, form: formOf(fields) });
}

const story = async () => (await first(db.select().from(stories).where(eq(stories.id, storyId))))!;

describe("starting a story", () => {
  test("makes a story about the resident themselves, kept apart from their account, and audits it by id only", async () => {
    const row = await story();
    expect(row.ownerId).toBe(residentId);
    expect(row.latestVersion).toBeNull();
    const subject = (await first(db.select().from(subjects).where(eq(subjects.id, row.subjectId))))!;
    expect(subject).toMatchObject({ residentId, relationship: "self", basis: "self" });
    expect(storyId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const audit = (await db.select().from(auditEvents)).filter((e) => e.event === "story_created" && e.detail?.story === storyId);
    expect(audit).toHaveLength(1);
    expect(audit[0].detail).toEqual({ resident: residentId, story: storyId });
  });
});

describe("a new story is made by its first save", () => {
  const namePage = () => ({ section: findSection("about")!, page: findPage(findSection("about")!, undefined)! });
  const storyCount = async () => (await db.select().from(stories)).filter((row) => row.ownerId === residentId).length;

  test("saving the first answer makes it, with the id its page gave it, once however often the form is sent", async () => {
    const id = randomUUID();
    const form = () => formOf({ story: id, name: "Ceri Ellis", intent: "continue" });
    expect(await submitStoryPage({ request, storyId: null, residentId, ...namePage(), form: form() })).toEqual({
      ok: true,
      redirectTo: `/stories/${id}/about/contact`,
    });
    expect(await submitStoryPage({ request, storyId: null, residentId, ...namePage(), form: form() })).toEqual({
      ok: true,
      redirectTo: `/stories/${id}/about/contact`,
    });
    expect(await storyCount()).toBe(2);
    expect(await first(db.select().from(stories).where(eq(stories.id, id)))).toMatchObject({ ownerId: residentId });
    expect((await findDraftSection(id, "about"))?.content).toMatchObject({ name: "Ceri Ellis" });
  });

  test("nothing typed, or a mistake, makes nothing; someone else's id is not there", async () => {
    const empty = await submitStoryPage({ request, storyId: null, residentId, ...namePage(), form: formOf({ story: randomUUID(), intent: "save" }) });
    expect(empty).toEqual({ ok: true, redirectTo: "/stories" });
    const mistake = await submitStoryPage({
      request,
      storyId: null,
      residentId,
      ...namePage(),
      form: formOf({ story: randomUUID(), name: "", intent: "continue" }),
    });
    expect(mistake.ok).toBe(false);
    const someoneElse = (await findOrCreateResident(db, `${randomUUID()}@example.org`, "en", new Date())).id;
    expect(
      statusOf(
        await thrown(() =>
          submitStoryPage({ request, storyId: null, residentId: someoneElse, ...namePage(), form: formOf({ story: storyId, name: "Not Yours" }) }),
        ),
      ),
    ).toBe(404);
    expect(await storyCount()).toBe(1);
    expect(await findDraftSection(storyId, "about")).toBeUndefined();
  });
});

describe("saving a page", () => {
  test("two pages of one section saved at once: both answers are kept, whichever is written first", async () => {
    await Promise.all([
      submit("story", "now", { now: "Living with my nan since March.", intent: "continue" }),
      submit("story", "past", { past: "We moved here in 2019.", intent: "continue" }),
    ]);
    expect((await findDraftSection(storyId, "story"))?.content).toEqual({ now: "Living with my nan since March.", past: "We moved here in 2019." });
  });

  test("a save over answers someone has changed since they were read writes nothing, and says so", async () => {
    const save = (content: Record<string, string>, at: Date) => ({
      storyId,
      section: "matters",
      content,
      status: "completed" as const,
      by: residentId,
      now: at,
    });
    expect(await saveDraftSection(db, save({ matters: "First." }, new Date("2027-01-04T10:00:00Z")), null)).toBe(true);
    // Someone else made the section first: a save that read none is refused.
    expect(await saveDraftSection(db, save({ matters: "Late." }, new Date("2027-01-04T10:01:00Z")), null)).toBe(false);
    const read = (await findDraftSection(storyId, "matters"))!;
    expect(await saveDraftSection(db, save({ matters: "Second." }, new Date("2027-01-04T10:02:00Z")), read)).toBe(true);
    // Saved over what was read before that save: refused, and the second answer stays.
    expect(await saveDraftSection(db, save({ matters: "Stale." }, new Date("2027-01-04T10:03:00Z")), read)).toBe(false);
    expect(await findDraftSection(storyId, "matters")).toMatchObject({ content: { matters: "Second." }, updatedAt: new Date("2027-01-04T10:02:00Z") });
    expect((await story()).updatedAt).toEqual(new Date("2027-01-04T10:02:00Z"));
  });
});

describe("section status", () => {
  test("the rule: only Continue on a section's last page completes it", () => {
    expect(statusAfter({ kind: "continue" }, true)).toBe("completed");
    expect(statusAfter({ kind: "continue" }, false)).toBe("in_progress");
    expect(statusAfter({ kind: "save" }, true)).toBe("in_progress");
    expect(statusAfter({ kind: "add" }, true)).toBe("in_progress");
    expect(statusAfter({ kind: "remove", index: 0 }, true)).toBe("in_progress");
  });

  test("not started, then in progress, then completed, as the task list shows", async () => {
    const statuses = async () => (await storyOverview(await story())).statuses;
    expect((await statuses()).story).toBe("not-started");
    expect(await submit("story", undefined, { now: "Things are hard", intent: "continue" })).toEqual({
      ok: true,
      redirectTo: `/stories/${storyId}/story/past`,
    });
    expect((await statuses()).story).toBe("in_progress");
    expect(await submit("story", "past", { past: "", intent: "continue" })).toEqual({ ok: true, redirectTo: `/stories/${storyId}` });
    expect((await statuses()).story).toBe("completed");
    expect(await submit("story", "past", { past: "More", intent: "save" })).toEqual({ ok: true, redirectTo: `/stories/${storyId}?saved=1` });
    expect((await statuses()).story).toBe("in_progress");
    // Every page's answers are kept together in the section's draft.
    expect((await findDraftSection(storyId, "story"))?.content).toEqual({ now: "Things are hard", past: "More" });
  });

  test("a page that fails its checks saves nothing", async () => {
    await submit("matters", undefined, { matters: "My dog", intent: "continue" });
    const before = await findDraftSection(storyId, "matters");
    const outcome = await submit("matters", undefined, { matters: "x".repeat(5001), intent: "save" });
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.values).toEqual({ matters: "x".repeat(5001) });
    expect(await findDraftSection(storyId, "matters")).toEqual(before);
  });
});

describe("add another", () => {
  test("Add saves what was typed and an empty item to fill in; an item left empty is dropped on the next save", async () => {
    const added = await submit("goals", undefined, { "goals-1-goal": "Walk again", "goals-1-help": "", intent: "add" });
    expect(added).toEqual({ ok: true, redirectTo: `/stories/${storyId}/goals#goals-2-goal` });
    expect((await findDraftSection(storyId, "goals"))?.content.goals).toEqual([
      { goal: "Walk again", help: "" },
      { goal: "", help: "" },
    ]);
    await submit("goals", undefined, { "goals-1-goal": "Walk again", "goals-1-help": "Physio", "goals-2-goal": "", "goals-2-help": "", intent: "continue" });
    expect(await findDraftSection(storyId, "goals")).toMatchObject({ status: "completed", content: { goals: [{ goal: "Walk again", help: "Physio" }] } });
  });

  test("Remove saves the other items", async () => {
    await submit("goals", undefined, { "goals-1-goal": "One", "goals-2-goal": "Two", "goals-3-goal": "Three", intent: "remove-2" });
    expect((await findDraftSection(storyId, "goals"))?.content.goals).toEqual([
      { goal: "One", help: "" },
      { goal: "Three", help: "" },
    ]);
  });
});

describe("publishing", () => {
  test("needs a name, and makes nothing without one", async () => {
    await submit("matters", undefined, { matters: "My garden" });
    expect(await publishStory(storyId, residentId)).toEqual({ ok: false, reason: "no-name" });
    expect(await versionsOf(storyId)).toEqual([]);
  });

  test("numbers versions 1, 2, 3 and records who published each and when", async () => {
    await submit("about", "name", { name: "Sam Jones", intent: "continue" });
    const times = [new Date("2025-03-01T10:00:00Z"), new Date("2025-03-02T10:00:00Z"), new Date("2025-03-03T10:00:00Z")];
    const published = [];
    for (const at of times) published.push(await publishStory(storyId, residentId, at));
    expect(published).toEqual([
      { ok: true, version: 1 },
      { ok: true, version: 2 },
      { ok: true, version: 3 },
    ]);
    expect(await versionsOf(storyId)).toEqual(times.map((publishedAt, i) => ({ version: i + 1, publishedAt, publishedBy: residentId })));
    expect((await story()).latestVersion).toBe(3);
    const audit = (await db.select().from(auditEvents)).filter((e) => e.event === "story_published" && e.detail?.story === storyId);
    expect(audit.map((e) => e.detail)).toEqual([1, 2, 3].map((version) => ({ resident: residentId, story: storyId, version })));
  });

  test("a version keeps only the sections with answers, and is not changed by later edits to the draft", async () => {
    await submit("about", "name", { name: "Sam Jones", preferredName: "", intent: "continue" });
    await submit("strengths", undefined, { strengths: "I am patient.\nI can fix bikes.", intent: "continue" });
    await submit("working", undefined, { working: "", intent: "continue" });
    await submit("goals", undefined, { "goals-1-goal": "", intent: "add" });
    await publishStory(storyId, residentId);
    const published = { about: { name: "Sam Jones", writtenIn: "english" }, strengths: { strengths: "I am patient.\nI can fix bikes." } };
    expect((await findVersion(storyId, 1))?.content).toEqual(published);
    expect((await storyOverview(await story())).unpublishedChanges).toBe(false);

    await submit("strengths", undefined, { strengths: "I am patient.", intent: "continue" });
    expect((await findVersion(storyId, 1))?.content).toEqual(published);
    expect((await storyOverview(await story())).unpublishedChanges).toBe(true);

    await publishStory(storyId, residentId);
    expect((await findVersion(storyId, 2))?.content).toEqual({ about: { name: "Sam Jones", writtenIn: "english" }, strengths: { strengths: "I am patient." } });
    expect((await storyOverview(await story())).unpublishedChanges).toBe(false);
  });

  test("a published version cannot be changed, even directly in the database", async () => {
    await submit("about", "name", { name: "Sam Jones", intent: "continue" });
    await publishStory(storyId, residentId);
    await expect(
      db
        .update(storyVersions)
        .set({ content: { about: { name: "Someone else" } } })
        .where(eq(storyVersions.storyId, storyId)),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/story versions are immutable/) } });
    expect(() => sqlite.prepare("update story_versions set version = 9 where story_id = ?").run(storyId)).toThrow(/immutable/);
    expect((await findVersion(storyId, 1))?.content).toEqual({ about: { name: "Sam Jones", writtenIn: "english" } });
  });

  test("the language the story is written in: as the person said, or else the language of their account, kept in the draft too", async () => {
    await submit("about", "name", { name: "Sam Jones", intent: "continue" });
    await setResidentLanguage(residentId, "cy");
    await publishStory(storyId, residentId);
    expect((await findVersion(storyId, 1))?.content.about).toEqual({ name: "Sam Jones", writtenIn: "welsh" });
    expect((await findDraftSection(storyId, "about"))?.content.writtenIn).toBe("welsh");
    expect((await storyOverview(await story())).unpublishedChanges).toBe(false);

    // What the person says is kept, whatever language they use the service in.
    await submit("about", "language", { language: "", otherLanguage: "", writtenIn: "english", intent: "continue" });
    await publishStory(storyId, residentId);
    expect((await findVersion(storyId, 2))?.content.about).toEqual({ name: "Sam Jones", writtenIn: "english" });
    await submit("about", "language", { language: "", otherLanguage: "", writtenIn: "other", intent: "continue" });
    await publishStory(storyId, residentId);
    expect((await findVersion(storyId, 3))?.content.about).toEqual({ name: "Sam Jones", writtenIn: "other" });
  });
});
