import { subjectColumns } from "#app/models/subject.server";
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, notExists } from "drizzle-orm";
import type { SectionContent, StoryContent } from "#app/models/story-sections";
import { db, first, type Tx } from "#db/client.server";
import { stories, storySections, storyVersions, subjects } from "#db/schema";

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

/**
 * Deletes a story, its draft sections and share draft (by cascade), and then
 * who it is about, unless another story is about them too. The caller checks
 * first that nothing else refers to it (no version, so no share).
 */
export async function deleteStory(tx: Tx, storyId: string): Promise<void> {
  const story = await first(tx.select({ subjectId: stories.subjectId }).from(stories).where(eq(stories.id, storyId)));
  if (!story) return;
  await tx.delete(stories).where(eq(stories.id, storyId));
  const others = tx.select({ id: stories.id }).from(stories).where(eq(stories.subjectId, story.subjectId));
  await tx.delete(subjects).where(and(eq(subjects.id, story.subjectId), notExists(others)));
}

const storyWithSubject = {
  id: stories.id,
  ownerId: stories.ownerId,
  latestVersion: stories.latestVersion,
  updatedAt: stories.updatedAt,
  subject: subjectColumns,
};

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

/** The story with who it is about, whoever owns it: for the guards, which ask the permission matrix who may see it. */
export async function findStory(storyId: string): Promise<OwnedStory | undefined> {
  return await first(db.select(storyWithSubject).from(stories).innerJoin(subjects, eq(subjects.id, stories.subjectId)).where(eq(stories.id, storyId)));
}

export type OwnedStory = NonNullable<Awaited<ReturnType<typeof findOwnedStory>>>;

export async function storiesOwnedBy(ownerId: string) {
  return await db
    .select({
      id: stories.id,
      latestVersion: stories.latestVersion,
      createdAt: stories.createdAt,
      updatedAt: stories.updatedAt,
      subject: { id: subjects.id, basis: subjects.basis, name: subjects.name },
    })
    .from(stories)
    .innerJoin(subjects, eq(subjects.id, stories.subjectId))
    .where(eq(stories.ownerId, ownerId))
    .orderBy(desc(stories.createdAt));
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

export async function saveDraftSection(
  tx: Tx,
  { storyId, section, content, status, now }: { storyId: string; section: string; content: SectionContent; status: DraftSection["status"]; now: Date },
): Promise<void> {
  await tx
    .insert(storySections)
    .values({ storyId, section, content, status, updatedAt: now })
    .onConflictDoUpdate({ target: [storySections.storyId, storySections.section], set: { content, status, updatedAt: now } });
  await tx.update(stories).set({ updatedAt: now }).where(eq(stories.id, storyId));
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
  version: { storyId: string; version: number; content: StoryContent; publishedBy: string; publishedAt: Date },
): Promise<void> {
  await tx.insert(storyVersions).values(version);
  await tx.update(stories).set({ latestVersion: version.version, updatedAt: version.publishedAt }).where(eq(stories.id, version.storyId));
}

export async function findVersion(storyId: string, version: number) {
  return await first(
    db
      .select()
      .from(storyVersions)
      .where(and(eq(storyVersions.storyId, storyId), eq(storyVersions.version, version))),
  );
}

/** The draft sections of every story `ownerId` owns, in one query. */
export async function draftSectionsOfOwner(ownerId: string): Promise<DraftSection[]> {
  return (
    await db
      .select({ section: storySections })
      .from(storySections)
      .innerJoin(stories, eq(stories.id, storySections.storyId))
      .where(eq(stories.ownerId, ownerId))
  ).map((row) => row.section);
}

/** The latest published version of every story `ownerId` owns, in one query. */
export async function latestVersionsOfOwner(ownerId: string) {
  return (
    await db
      .select({ version: storyVersions })
      .from(storyVersions)
      .innerJoin(stories, and(eq(stories.id, storyVersions.storyId), eq(stories.latestVersion, storyVersions.version)))
      .where(eq(stories.ownerId, ownerId))
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
