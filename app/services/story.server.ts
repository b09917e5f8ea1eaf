import { randomUUID } from "node:crypto";
import { recordAuditEvent } from "#app/models/audit.server";
import {
  draftSections,
  draftSectionsOf,
  findDraftSection,
  findStory,
  findVersion,
  insertStory,
  insertVersion,
  latestVersionNumber,
  latestVersionsOf,
  saveDraftSection,
  storiesOfResident,
  storyOwner,
  type DraftSection,
  type OwnedStory,
} from "#app/models/story.server";
import {
  cleanStory,
  isVoiced,
  itemFieldId,
  listItems,
  pageAfter,
  pagePath,
  storySections,
  subjectName,
  type Field,
  type SectionContent,
  type SectionStatus,
  type StoryContent,
  type QuestionPage,
  type StorySection,
  voiceByName,
  voiceName,
} from "#app/models/story-sections";
import { storyPath } from "#app/paths";
import { findResidentById } from "#app/models/resident.server";
import { writtenInAnswer } from "#app/models/story-language";
import { insertSubject } from "#app/models/subject.server";
import type { SomeoneElse } from "#app/models/subject";
import { tellAgenciesOfNewVersion } from "#app/services/sharing/changes.server";
import { UUID } from "#app/lib/uuid";
import { readIntent, readPageValues, validatePage, type StoryIntent } from "#app/services/story-forms.server";
import type { FormError, FormValues } from "#app/web/form";
import { refusal } from "#app/web/layout.server";
import { db, type Tx } from "#db/client.server";

/**
 * A new story about the resident themselves. Pages make one only when its
 * first answer is saved (submitStoryPage, inside that save's transaction),
 * with the id the first page gave it.
 */
export async function startStory(residentId: string, now = new Date(), storyId?: string): Promise<string> {
  return db.transaction((tx) => createStory(tx, residentId, now, storyId));
}

/**
 * A new story about someone the resident cares for or supports, its "About"
 * part begun with their name. Sent twice with the same `storyId` (the id its
 * page chose), it makes one story.
 */
export async function startStoryFor(residentId: string, someone: SomeoneElse, storyId: string, now = new Date()): Promise<string> {
  return db.transaction(async (tx) => {
    const owner = await storyOwner(tx, storyId);
    if (owner === residentId) return storyId;
    const subjectId = await insertSubject(tx, residentId, someone, now);
    const id = await insertStory(tx, { id: owner === undefined ? storyId : randomUUID(), subjectId, ownerId: residentId, now });
    await saveDraftSection(tx, { storyId: id, section: "about", content: { name: someone.name }, status: "in_progress", by: residentId, now });
    await recordAuditEvent("story_created", { resident: residentId, story: id, basis: someone.basis }, tx);
    return id;
  });
}

async function createStory(tx: Tx, residentId: string, now: Date, storyId?: string): Promise<string> {
  const subjectId = await insertSubject(tx, residentId, "self", now);
  const id = await insertStory(tx, { id: storyId, subjectId, ownerId: residentId, now });
  await recordAuditEvent("story_created", { resident: residentId, story: id }, tx);
  return id;
}

/**
 * The id a new story's first page chose for it (sent back with the form), so
 * the same form sent twice (a double tap without JavaScript) makes one story.
 */
function newStoryId(form: FormData): string {
  const sent = form.get("story");
  return typeof sent === "string" && UUID.test(sent) ? sent : randomUUID();
}

/** A section is completed by Continue on its last page; any other save leaves it in progress. */
export function statusAfter(intent: StoryIntent, isLastPage: boolean): DraftSection["status"] {
  return intent.kind === "continue" && isLastPage ? "completed" : "in_progress";
}

function draftById(rows: DraftSection[]): Record<string, SectionContent> {
  return Object.fromEntries(rows.map((row) => [row.section, row.content]));
}

type PageOutcome = { ok: true; redirectTo: string } | { ok: false; errors: FormError[]; values: FormValues };

/**
 * Saves what was typed on a question page, then does what the button asked:
 * go on, stop for now, add an item or remove one. Nothing is saved when a
 * check fails. With `storyId` null the page is a new story's first question:
 * saving an answer makes the story, and saving nothing makes nothing. A form
 * the page could not have sent (a button it lacks, someone else's story id)
 * is refused as an answer to `request`.
 */
export async function submitStoryPage({
  request,
  storyId: ownStoryId,
  residentId,
  section,
  page,
  form,
  forSomeoneElse = false,
  voiceBy = "",
  now = new Date(),
}: {
  /** The story written to, or null on a new story's first question (its first save makes it). */
  storyId: string | null;
  /** Who is writing: the owner or a helper. */
  residentId: string;
  request: Request;
  /** Written for someone else: each voiced answer says whose words it is. */
  forSomeoneElse?: boolean;
  /** Written for someone else: the name of whoever is saving, kept with each voiced answer ("written down by …"). */
  voiceBy?: string;
  section: StorySection;
  page: QuestionPage;
  form: FormData;
  now?: Date;
}): Promise<PageOutcome> {
  const intent = await readIntent(request, form);
  const list = (page.fields as readonly Field[]).find((field) => field.kind === "list");
  if ((intent.kind === "add" || intent.kind === "remove") && !list) throw await refusal(request, 400);

  const values = readPageValues(page, form, intent);
  const result = validatePage(section, page, values, intent, forSomeoneElse);
  if (!result.ok) return result;

  const answers = { ...result.data };
  if (forSomeoneElse) {
    for (const field of page.fields as readonly Field[]) if (isVoiced(field) && answers[voiceName(field)]) answers[voiceByName(field)] = voiceBy;
  }
  let newItemId: string | undefined;
  if (intent.kind === "add" && list) {
    // The new item is saved empty so it survives the redirect; the next save drops it if it stays empty.
    const items = listItems(list, answers);
    answers[list.name] = [...items, Object.fromEntries(list.item.map((field) => [field.name, ""]))];
    newItemId = itemFieldId(list, items.length, list.item[0]);
  }
  const isNew = ownStoryId === null;
  if (isNew && Object.keys(cleanStory({ [section.id]: answers })).length === 0) return { ok: true, redirectTo: "/stories" };
  const storyId = ownStoryId ?? newStoryId(form);
  const nextPage = pageAfter(section, page);
  const status = statusAfter(intent, nextPage === undefined);
  if (isNew) {
    await db.transaction(async (tx) => {
      const owner = await storyOwner(tx, storyId);
      // An id that is someone else's is not there, as for any other address naming it.
      if (owner !== undefined && owner !== residentId) throw await refusal(request, 404);
      if (owner === undefined) await createStory(tx, residentId, now, storyId);
      const saved = await findDraftSection(storyId, section.id, tx);
      await saveDraftSection(tx, { storyId, section: section.id, content: { ...saved?.content, ...answers }, status, by: residentId, now });
    });
  } else {
    // This page's answers over the rest of the section as read; read again if someone saved it in between (another page, another tab).
    for (let tries = 1; ; tries++) {
      const saved = await findDraftSection(storyId, section.id);
      const draft = { storyId, section: section.id, content: { ...saved?.content, ...answers }, status, by: residentId, now };
      if (await saveDraftSection(db, draft, saved ?? null)) break;
      if (tries === 10) throw new Error(`Section ${section.id} of a story kept changing while it was saved`);
    }
  }

  const here = pagePath(storyId, section, page);
  switch (intent.kind) {
    case "continue":
      return { ok: true, redirectTo: nextPage ? pagePath(storyId, section, nextPage) : storyPath(storyId) };
    case "save":
      return { ok: true, redirectTo: `${storyPath(storyId)}?saved=1` };
    case "add":
      return { ok: true, redirectTo: `${here}#${newItemId}` };
    case "remove":
      return { ok: true, redirectTo: here };
  }
}

/** The draft's answers for one section, as saved (empty answers included). */
export async function draftSection(storyId: string, section: StorySection): Promise<SectionContent> {
  return (await findDraftSection(storyId, section.id))?.content ?? {};
}

/** What the story's task list, check page and list of stories need to know about it. */
export async function storyOverview(story: Pick<OwnedStory, "id" | "latestVersion">) {
  return overviewOf(await draftSections(story.id), story.latestVersion ? await findVersion(story.id, story.latestVersion) : undefined);
}

/** A story's overview from its draft sections and its latest version, however they were read. */
function overviewOf(rows: DraftSection[], latest: { version: number; publishedAt: Date; content: StoryContent } | undefined) {
  const draft = cleanStory(draftById(rows));
  const statuses = Object.fromEntries(
    storySections.map((section) => [section.id, rows.find((row) => row.section === section.id)?.status ?? "not-started"]),
  ) as Record<string, SectionStatus>;
  return {
    draft,
    statuses,
    name: subjectName(draft),
    latest: latest ? { version: latest.version, publishedAt: latest.publishedAt } : null,
    unpublishedChanges: latest ? JSON.stringify(cleanStory(latest.content)) !== JSON.stringify(draft) : false,
  };
}

/**
 * "Your stories": each story the resident owns or helps with, with its name,
 * whether it is published and whether it has changed since, and whom it is
 * about. Three queries however many stories there are (a carer may keep several).
 */
export async function storiesOf(residentId: string) {
  const listed = await storiesOfResident(residentId);
  const ids = listed.map((story) => story.id);
  const sections = await draftSectionsOf(ids);
  const versions = await latestVersionsOf(ids);
  return listed.map((story) => {
    const { name, latest, unpublishedChanges } = overviewOf(
      sections.filter((row) => row.storyId === story.id),
      versions.find((version) => version.storyId === story.id),
    );
    // Whom it is about: the resident themselves (null), or the person named when the story was started for them.
    const about = story.subject.basis === "self" ? null : { subjectId: story.subject.id, name: story.subject.name ?? "" };
    const helping = story.ownerId === residentId ? null : { role: story.helperRole === "editAndShare" ? ("editAndShare" as const) : ("edit" as const) };
    return { id: story.id, name: name ?? null, latestVersion: latest?.version ?? null, unpublishedChanges, about, helping };
  });
}

type PublishResult = { ok: true; version: number } | { ok: false; reason: "no-name" };

/**
 * Makes the draft the next numbered, immutable version. The number is worked
 * out inside the transaction, so two publishes at once cannot take the same one.
 */
export async function publishStory(storyId: string, residentId: string, now = new Date()): Promise<PublishResult> {
  return db.transaction(async (tx) => {
    const story = await findStory(storyId, residentId, tx);
    if (!story) return { ok: false, reason: "no-name" } as const;
    const rows = await draftSections(storyId, tx);
    let content: StoryContent = cleanStory(draftById(rows));
    if (!subjectName(content)) return { ok: false, reason: "no-name" } as const;
    if (content.about?.writtenIn === undefined) {
      // Not said: the language of the account, which the publishing form has just set (requireResident), as the
      // question's hint promises. Kept in the draft too, so the person sees it on check your answers and can change it.
      const about = rows.find((row) => row.section === "about")!;
      const writtenIn = writtenInAnswer((await findResidentById(tx, residentId))?.language ?? "en");
      await saveDraftSection(tx, { storyId, section: "about", content: { ...about.content, writtenIn }, status: about.status, by: residentId, now });
      content = cleanStory({ ...content, about: { ...content.about, writtenIn } });
    }
    const version = (await latestVersionNumber(tx, storyId)) + 1;
    await insertVersion(tx, { storyId, version, content, publishedBy: residentId, publishedAt: now, subjectId: story.subject.id });
    await tellAgenciesOfNewVersion(tx, storyId, now);
    await recordAuditEvent("story_published", { resident: residentId, story: storyId, version }, tx);
    return { ok: true, version } as const;
  });
}
