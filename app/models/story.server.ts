import { subjectColumns } from "#app/models/subject.server";
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, isNotNull, or, sql } from "drizzle-orm";
import type { SectionContent, StoryContent } from "#app/models/story-sections";
import { db, first, type Tx } from "#db/client.server";
import { stories, storyInvitations, storySections, storyVersions, subjects } from "#db/schema";

export type DraftSection = typeof storySections.$inferSelect;

export async function insertStory(
  tx: Tx,
  { id = randomUUID(), subjectId, ownerId, now }: { id?: string; subjectId: string; ownerId: string; now: Date },
): Promise<string> {
  await tx.insert(stories).values({ id, subjectId, ownerId, createdAt: now, updatedAt: now });
  return id;
}

/** Who owns a story, read in the caller's transaction; undefined when there is no such story. */
export async function storyOwner(tx: Tx, storyId: string): Promise<string | undefined> {
  return (await first(tx.select({ ownerId: stories.ownerId }).from(stories).where(eq(stories.id, storyId))))?.ownerId;
}

const storyWithSubject = {
  id: stories.id,
  ownerId: stories.ownerId,
  latestVersion: stories.latestVersion,
  updatedAt: stories.updatedAt,
  subject: subjectColumns,
};

/** The accepted helper row of `residentId` in the story being read: joined to say what they may do. */
const helping = (residentId: string) =>
  and(
    eq(storyInvitations.storyId, stories.id),
    eq(storyInvitations.residentId, residentId),
    eq(storyInvitations.status, "accepted"),
    inArray(storyInvitations.role, ["edit", "editAndShare"]),
  );

/** A helper's role as read through `helping`: the join's type allows every role, the join itself only these. */
const helperRoleOf = (role: string | null): "edit" | "editAndShare" | null => (role === "edit" || role === "editAndShare" ? role : null);

/** The story with who it is about, only if `ownerId` owns it. */
export async function findOwnedStory(storyId: string, ownerId: string) {
  return await first(
    db
      .select(storyWithSubject)
      .from(stories)
      .innerJoin(subjects, eq(subjects.id, stories.subjectId))
      .where(and(eq(stories.id, storyId), eq(stories.ownerId, ownerId))),
  );
}

/**
 * The story with who it is about, whoever owns it, and the helper role
 * `residentId` holds in it (null when none): for the guards, which ask the
 * permission matrix who may do what. One query.
 */
export async function findStory(storyId: string, residentId: string, tx: Tx = db): Promise<StoryForResident | undefined> {
  return await first(
    tx
      .select({ ...storyWithSubject, helperRole: storyInvitations.role, helperName: storyInvitations.name })
      .from(stories)
      .innerJoin(subjects, eq(subjects.id, stories.subjectId))
      .leftJoin(storyInvitations, helping(residentId))
      .where(eq(stories.id, storyId))
      .limit(1),
  ).then((found) => found && { ...found, helperRole: helperRoleOf(found.helperRole) });
}

export type OwnedStory = NonNullable<Awaited<ReturnType<typeof findOwnedStory>>>;
/** A story as someone who may see it reads it: with the helper role they hold, if they are not its owner. */
export type StoryForResident = OwnedStory & { helperRole: "edit" | "editAndShare" | null; helperName: string | null };

/** Every story the resident owns or helps with, newest first, with whom each is about and the helper role they hold (null: theirs). */
export async function storiesOfResident(residentId: string) {
  const rows = await db
    .select({
      id: stories.id,
      ownerId: stories.ownerId,
      latestVersion: stories.latestVersion,
      createdAt: stories.createdAt,
      updatedAt: stories.updatedAt,
      subject: { id: subjects.id, basis: subjects.basis, name: subjects.name, writerName: subjects.writerName },
      helperRole: storyInvitations.role,
    })
    .from(stories)
    .innerJoin(subjects, eq(subjects.id, stories.subjectId))
    .leftJoin(storyInvitations, helping(residentId))
    .where(or(eq(stories.ownerId, residentId), isNotNull(storyInvitations.id)))
    .orderBy(desc(stories.createdAt));
  return rows.map((row) => ({ ...row, helperRole: helperRoleOf(row.helperRole) }));
}

/** Who owns a story now, with who it is about: read inside the transaction that hands it over. */
export async function setStoryOwner(tx: Tx, storyId: string, ownerId: string, subjectId: string, now: Date): Promise<void> {
  await tx.update(stories).set({ ownerId, subjectId, updatedAt: now }).where(eq(stories.id, storyId));
}

export async function draftSections(storyId: string, tx: Tx = db): Promise<DraftSection[]> {
  return await tx.select().from(storySections).where(eq(storySections.storyId, storyId));
}

export async function findDraftSection(storyId: string, section: string, tx: Tx = db): Promise<DraftSection | undefined> {
  return await first(
    tx
      .select()
      .from(storySections)
      .where(and(eq(storySections.storyId, storyId), eq(storySections.section, section))),
  );
}

/**
 * Saves one section of the draft; `by` is who saved it (the owner or a helper).
 * With `over` (the section as read, or null for none), only if no one has
 * saved it since: false if someone has, and nothing is written. One statement
 * then does the check and the write, so a save needs no transaction.
 */
export async function saveDraftSection(
  tx: Tx,
  {
    storyId,
    section,
    content,
    status,
    by,
    now,
  }: { storyId: string; section: string; content: SectionContent; status: DraftSection["status"]; by: string; now: Date },
  over?: Pick<DraftSection, "updatedAt"> | null,
): Promise<boolean> {
  const written = await tx
    .insert(storySections)
    .values({ storyId, section, content, status, updatedBy: by, updatedAt: now })
    .onConflictDoUpdate({
      target: [storySections.storyId, storySections.section],
      set: { content, status, updatedBy: by, updatedAt: now },
      ...(over === undefined ? {} : { setWhere: over ? eq(storySections.updatedAt, over.updatedAt) : sql`false` }),
    })
    .returning({ storyId: storySections.storyId });
  if (written.length === 0) return false;
  await tx.update(stories).set({ updatedAt: now }).where(eq(stories.id, storyId));
  return true;
}

/** The highest version number so far, read inside the publishing transaction. */
export async function latestVersionNumber(tx: Tx, storyId: string): Promise<number> {
  const row = await first(
    tx.select({ version: storyVersions.version }).from(storyVersions).where(eq(storyVersions.storyId, storyId)).orderBy(desc(storyVersions.version)).limit(1),
  );
  return row?.version ?? 0;
}

export async function insertVersion(
  tx: Tx,
  version: { storyId: string; version: number; content: StoryContent; publishedBy: string; publishedAt: Date; subjectId: string },
): Promise<void> {
  await tx.insert(storyVersions).values(version);
  await tx.update(stories).set({ latestVersion: version.version, updatedAt: version.publishedAt }).where(eq(stories.id, version.storyId));
}

/** One published version, with who it was about and who spoke for them when it was published (its `writer`). */
export async function findVersion(storyId: string, version: number) {
  const found = await first(
    db
      .select({ version: storyVersions, writer: subjectColumns })
      .from(storyVersions)
      .innerJoin(stories, eq(stories.id, storyVersions.storyId))
      // A version from before stories could change hands has no subject of its own: the story's is its.
      .innerJoin(subjects, eq(subjects.id, sql`coalesce(${storyVersions.subjectId}, ${stories.subjectId})`))
      .where(and(eq(storyVersions.storyId, storyId), eq(storyVersions.version, version))),
  );
  return found && { ...found.version, writer: found.writer };
}

/** The draft sections of the given stories, in one query. */
export async function draftSectionsOf(storyIds: string[]): Promise<DraftSection[]> {
  if (storyIds.length === 0) return [];
  return await db.select().from(storySections).where(inArray(storySections.storyId, storyIds));
}

/** The latest published version of each of the given stories, in one query. */
export async function latestVersionsOf(storyIds: string[]) {
  if (storyIds.length === 0) return [];
  return (
    await db
      .select({ version: storyVersions })
      .from(storyVersions)
      .innerJoin(stories, and(eq(stories.id, storyVersions.storyId), eq(stories.latestVersion, storyVersions.version)))
      .where(inArray(stories.id, storyIds))
  ).map((row) => row.version);
}

/** Every published version, oldest first, without their content. */
export async function versionsOf(storyId: string) {
  return await db
    .select({ version: storyVersions.version, publishedAt: storyVersions.publishedAt, publishedBy: storyVersions.publishedBy })
    .from(storyVersions)
    .where(eq(storyVersions.storyId, storyId))
    .orderBy(asc(storyVersions.version));
}
