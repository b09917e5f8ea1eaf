import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { findOrCreateResident, setResidentLanguage } from "#app/models/resident.server";
import { findDraftSection, findVersion, versionsOf } from "#app/models/story.server";
import { findPage, findSection } from "#app/models/story-sections";
import { db, sqlite } from "#db/client.server";
import { auditEvents, shareDrafts, stories, storySections, storyVersions, subjects } from "#db/schema";
import { statusOf, thrown } from "#tests/support/thrown";
import { deleteDraftStory, publishStory, startStory, statusAfter, storyOverview, submitStoryPage } from "./story.server";

/** The request a question page answers; it matters only when the form is refused. */
const request = new Request("http://localhost/");

let residentId: string;
let storyId: string;

beforeEach(() => {
  residentId = findOrCreateResident(db, `${randomUUID()}@example.org`, "en", new Date()).id;
  storyId = startStory(residentId);
});

function formOf(fields: Record<string, string | string[]>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(name, v);
  return form;
}

function submit(sectionId: string, pageId: string | undefined, fields: Record<string, string | string[]>) {
  const section = findSection(sectionId)!;
  return submitStoryPage({ request, storyId, section, page: findPage(section, pageId)!, form: formOf(fields) });
}

const story = () => db.select().from(stories).where(eq(stories.id, storyId)).get()!;

describe("starting a story", () => {
  test("makes a story about the resident themselves, kept apart from their account, and audits it by id only", () => {
    const row = story();
    expect(row.ownerId).toBe(residentId);
    expect(row.latestVersion).toBeNull();
    const subject = db.select().from(subjects).where(eq(subjects.id, row.subjectId)).get()!;
    expect(subject).toMatchObject({ residentId, relationship: "self", basis: "self" });
    expect(storyId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const audit = db
      .select()
      .from(auditEvents)
      .all()
      .filter((e) => e.event === "story_created" && e.detail?.story === storyId);
    expect(audit).toHaveLength(1);
    expect(audit[0].detail).toEqual({ resident: residentId, story: storyId });
  });
});

describe("a new story is made by its first save", () => {
  const namePage = () => ({ section: findSection("about")!, page: findPage(findSection("about")!, undefined)! });
  const storyCount = () =>
    db
      .select()
      .from(stories)
      .all()
      .filter((row) => row.ownerId === residentId).length;

  test("saving the first answer makes it, with the id its page gave it, once however often the form is sent", () => {
    const id = randomUUID();
    const form = () => formOf({ story: id, name: "Ceri Ellis", intent: "continue" });
    expect(submitStoryPage({ request, storyId: null, residentId, ...namePage(), form: form() })).toEqual({
      ok: true,
      redirectTo: `/stories/${id}/about/contact`,
    });
    expect(submitStoryPage({ request, storyId: null, residentId, ...namePage(), form: form() })).toEqual({
      ok: true,
      redirectTo: `/stories/${id}/about/contact`,
    });
    expect(storyCount()).toBe(2);
    expect(db.select().from(stories).where(eq(stories.id, id)).get()).toMatchObject({ ownerId: residentId });
    expect(findDraftSection(id, "about")?.content).toMatchObject({ name: "Ceri Ellis" });
  });

  test("nothing typed, or a mistake, makes nothing; someone else's id is not there", () => {
    const empty = submitStoryPage({ request, storyId: null, residentId, ...namePage(), form: formOf({ story: randomUUID(), intent: "save" }) });
    expect(empty).toEqual({ ok: true, redirectTo: "/stories" });
    const mistake = submitStoryPage({ request, storyId: null, residentId, ...namePage(), form: formOf({ story: randomUUID(), name: "", intent: "continue" }) });
    expect(mistake.ok).toBe(false);
    const someoneElse = findOrCreateResident(db, `${randomUUID()}@example.org`, "en", new Date()).id;
    expect(
      statusOf(
        thrown(() => submitStoryPage({ request, storyId: null, residentId: someoneElse, ...namePage(), form: formOf({ story: storyId, name: "Not Yours" }) })),
      ),
    ).toBe(404);
    expect(storyCount()).toBe(1);
    expect(findDraftSection(storyId, "about")).toBeUndefined();
  });
});

describe("deleting a story", () => {
  test("a story with no saved version goes, with its answers, its share draft and who it is about, and the audit log says so", () => {
    submit("about", undefined, { name: "Dana Draft", intent: "continue" });
    db.insert(shareDrafts)
      .values({ storyId, choices: { agencies: [] }, updatedAt: new Date() })
      .run();
    const { subjectId } = story();
    expect(deleteDraftStory(storyId, residentId)).toBe("deleted");
    expect(db.select().from(stories).where(eq(stories.id, storyId)).all()).toEqual([]);
    expect(db.select().from(storySections).where(eq(storySections.storyId, storyId)).all()).toEqual([]);
    expect(db.select().from(shareDrafts).where(eq(shareDrafts.storyId, storyId)).all()).toEqual([]);
    expect(db.select().from(subjects).where(eq(subjects.id, subjectId)).all()).toEqual([]);
    const audit = db
      .select()
      .from(auditEvents)
      .all()
      .filter((e) => e.event === "story_deleted" && e.detail?.story === storyId);
    expect(audit.map((e) => e.detail)).toEqual([{ resident: residentId, story: storyId }]);
  });

  test("a story with a saved version is not deleted here", () => {
    submit("about", undefined, { name: "Dana Draft", intent: "continue" });
    expect(publishStory(storyId, residentId)).toEqual({ ok: true, version: 1 });
    expect(deleteDraftStory(storyId, residentId)).toBe("has-versions");
    expect(story()).toMatchObject({ latestVersion: 1 });
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

  test("not started, then in progress, then completed, as the task list shows", () => {
    const statuses = () => storyOverview(story()).statuses;
    expect(statuses().story).toBe("not-started");
    expect(submit("story", undefined, { now: "Things are hard", intent: "continue" })).toEqual({ ok: true, redirectTo: `/stories/${storyId}/story/past` });
    expect(statuses().story).toBe("in_progress");
    expect(submit("story", "past", { past: "", intent: "continue" })).toEqual({ ok: true, redirectTo: `/stories/${storyId}` });
    expect(statuses().story).toBe("completed");
    expect(submit("story", "past", { past: "More", intent: "save" })).toEqual({ ok: true, redirectTo: `/stories/${storyId}?saved=1` });
    expect(statuses().story).toBe("in_progress");
    // Every page's answers are kept together in the section's draft.
    expect(findDraftSection(storyId, "story")?.content).toEqual({ now: "Things are hard", past: "More" });
  });

  test("a page that fails its checks saves nothing", () => {
    submit("matters", undefined, { matters: "My dog", intent: "continue" });
    const before = findDraftSection(storyId, "matters");
    const outcome = submit("matters", undefined, { matters: "x".repeat(5001), intent: "save" });
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.values).toEqual({ matters: "x".repeat(5001) });
    expect(findDraftSection(storyId, "matters")).toEqual(before);
  });
});

describe("add another", () => {
  test("Add saves what was typed and an empty item to fill in; an item left empty is dropped on the next save", () => {
    const added = submit("goals", undefined, { "goals-1-goal": "Walk again", "goals-1-help": "", intent: "add" });
    expect(added).toEqual({ ok: true, redirectTo: `/stories/${storyId}/goals#goals-2-goal` });
    expect(findDraftSection(storyId, "goals")?.content.goals).toEqual([
      { goal: "Walk again", help: "" },
      { goal: "", help: "" },
    ]);
    submit("goals", undefined, { "goals-1-goal": "Walk again", "goals-1-help": "Physio", "goals-2-goal": "", "goals-2-help": "", intent: "continue" });
    expect(findDraftSection(storyId, "goals")).toMatchObject({ status: "completed", content: { goals: [{ goal: "Walk again", help: "Physio" }] } });
  });

  test("Remove saves the other items", () => {
    submit("goals", undefined, { "goals-1-goal": "One", "goals-2-goal": "Two", "goals-3-goal": "Three", intent: "remove-2" });
    expect(findDraftSection(storyId, "goals")?.content.goals).toEqual([
      { goal: "One", help: "" },
      { goal: "Three", help: "" },
    ]);
  });
});

describe("publishing", () => {
  test("needs a name, and makes nothing without one", () => {
    submit("matters", undefined, { matters: "My garden" });
    expect(publishStory(storyId, residentId)).toEqual({ ok: false, reason: "no-name" });
    expect(versionsOf(storyId)).toEqual([]);
  });

  test("numbers versions 1, 2, 3 and records who published each and when", () => {
    submit("about", "name", { name: "Sam Jones", intent: "continue" });
    const times = [new Date("2025-03-01T10:00:00Z"), new Date("2025-03-02T10:00:00Z"), new Date("2025-03-03T10:00:00Z")];
    expect(times.map((at) => publishStory(storyId, residentId, at))).toEqual([
      { ok: true, version: 1 },
      { ok: true, version: 2 },
      { ok: true, version: 3 },
    ]);
    expect(versionsOf(storyId)).toEqual(times.map((publishedAt, i) => ({ version: i + 1, publishedAt, publishedBy: residentId })));
    expect(story().latestVersion).toBe(3);
    const audit = db
      .select()
      .from(auditEvents)
      .all()
      .filter((e) => e.event === "story_published" && e.detail?.story === storyId);
    expect(audit.map((e) => e.detail)).toEqual([1, 2, 3].map((version) => ({ resident: residentId, story: storyId, version })));
  });

  test("a version keeps only the sections with answers, and is not changed by later edits to the draft", () => {
    submit("about", "name", { name: "Sam Jones", preferredName: "", intent: "continue" });
    submit("strengths", undefined, { strengths: "I am patient.\nI can fix bikes.", intent: "continue" });
    submit("working", undefined, { working: "", intent: "continue" });
    submit("goals", undefined, { "goals-1-goal": "", intent: "add" });
    publishStory(storyId, residentId);
    const published = { about: { name: "Sam Jones", writtenIn: "english" }, strengths: { strengths: "I am patient.\nI can fix bikes." } };
    expect(findVersion(storyId, 1)?.content).toEqual(published);
    expect(storyOverview(story()).unpublishedChanges).toBe(false);

    submit("strengths", undefined, { strengths: "I am patient.", intent: "continue" });
    expect(findVersion(storyId, 1)?.content).toEqual(published);
    expect(storyOverview(story()).unpublishedChanges).toBe(true);

    publishStory(storyId, residentId);
    expect(findVersion(storyId, 2)?.content).toEqual({ about: { name: "Sam Jones", writtenIn: "english" }, strengths: { strengths: "I am patient." } });
    expect(storyOverview(story()).unpublishedChanges).toBe(false);
  });

  test("a published version cannot be changed, even directly in the database", () => {
    submit("about", "name", { name: "Sam Jones", intent: "continue" });
    publishStory(storyId, residentId);
    expect(() =>
      db
        .update(storyVersions)
        .set({ content: { about: { name: "Someone else" } } })
        .where(eq(storyVersions.storyId, storyId))
        .run(),
    ).toThrow(/story versions are immutable/);
    expect(() => sqlite.prepare("update story_versions set version = 9 where story_id = ?").run(storyId)).toThrow(/immutable/);
    expect(findVersion(storyId, 1)?.content).toEqual({ about: { name: "Sam Jones", writtenIn: "english" } });
  });

  test("the language the story is written in: as the person said, or else the language of their account, kept in the draft too", () => {
    submit("about", "name", { name: "Sam Jones", intent: "continue" });
    setResidentLanguage(residentId, "cy");
    publishStory(storyId, residentId);
    expect(findVersion(storyId, 1)?.content.about).toEqual({ name: "Sam Jones", writtenIn: "welsh" });
    expect(findDraftSection(storyId, "about")?.content.writtenIn).toBe("welsh");
    expect(storyOverview(story()).unpublishedChanges).toBe(false);

    // What the person says is kept, whatever language they use the service in.
    submit("about", "language", { language: "", otherLanguage: "", writtenIn: "english", intent: "continue" });
    publishStory(storyId, residentId);
    expect(findVersion(storyId, 2)?.content.about).toEqual({ name: "Sam Jones", writtenIn: "english" });
    submit("about", "language", { language: "", otherLanguage: "", writtenIn: "other", intent: "continue" });
    publishStory(storyId, residentId);
    expect(findVersion(storyId, 3)?.content.about).toEqual({ name: "Sam Jones", writtenIn: "other" });
  });
});
