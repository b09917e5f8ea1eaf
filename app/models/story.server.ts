import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, notExists } from "drizzle-orm";
import type { SectionContent, StoryContent } from "#app/models/story-sections";
import { db, type Tx } from "#db/client.server";
import { stories, storySections, storyVersions, subjects } from "#db/schema";

export type DraftSection = typeof storySections.$inferSelect;

export function insertStory(tx: Tx, { id = randomUUID(), subjectId, ownerId, now }: { id?: string; subjectId: string; ownerId: string; now: Date }): string {
  tx.insert(stories).values({ id, subjectId, ownerId, createdAt: now, updatedAt: now }).run();
  return id;
}

/** Who owns a story, read in the caller's transaction; undefined when there is no such story. */
export function storyOwner(tx: Tx, storyId: string): string | undefined {
  return tx.select({ ownerId: stories.ownerId }).from(stories).where(eq(stories.id, storyId)).get()?.ownerId;
}

/**
 * Deletes a story, its draft sections and share draft (by cascade), and then
 * who it is about, unless another story is about them too. The caller checks
 * first that nothing else refers to it (no version, so no share).
 */
export function deleteStory(tx: Tx, storyId: string): void {
  const story = tx.select({ subjectId: stories.subjectId }).from(stories).where(eq(stories.id, storyId)).get();
  if (!story) return;
  tx.delete(stories).where(eq(stories.id, storyId)).run();
  const others = tx.select({ id: stories.id }).from(stories).where(eq(stories.subjectId, story.subjectId));
  tx.delete(subjects)
    .where(and(eq(subjects.id, story.subjectId), notExists(others)))
    .run();
}

/** The story with who it is about, only if `ownerId` owns it. */
export function findOwnedStory(storyId: string, ownerId: string) {
  return db
    .select({
      id: stories.id,
      ownerId: stories.ownerId,
      latestVersion: stories.latestVersion,
      updatedAt: stories.updatedAt,
      subject: { id: subjects.id, relationship: subjects.relationship, basis: subjects.basis },
    })
    .from(stories)
    .innerJoin(subjects, eq(subjects.id, stories.subjectId))
    .where(and(eq(stories.id, storyId), eq(stories.ownerId, ownerId)))
    .get();
}

export type OwnedStory = NonNullable<ReturnType<typeof findOwnedStory>>;

export function storyExists(storyId: string): boolean {
  return db.select({ id: stories.id }).from(stories).where(eq(stories.id, storyId)).get() !== undefined;
}

export function storiesOwnedBy(ownerId: string) {
  return db
    .select({ id: stories.id, latestVersion: stories.latestVersion, createdAt: stories.createdAt, updatedAt: stories.updatedAt })
    .from(stories)
    .where(eq(stories.ownerId, ownerId))
    .orderBy(desc(stories.createdAt))
    .all();
}

export function draftSections(storyId: string, tx: Tx = db): DraftSection[] {
  return tx.select().from(storySections).where(eq(storySections.storyId, storyId)).all();
}

export function findDraftSection(storyId: string, section: string, tx: Tx = db): DraftSection | undefined {
  return tx
    .select()
    .from(storySections)
    .where(and(eq(storySections.storyId, storyId), eq(storySections.section, section)))
    .get();
}

export function saveDraftSection(
  tx: Tx,
  { storyId, section, content, status, now }: { storyId: string; section: string; content: SectionContent; status: DraftSection["status"]; now: Date },
): void {
  tx.insert(storySections)
    .values({ storyId, section, content, status, updatedAt: now })
    .onConflictDoUpdate({ target: [storySections.storyId, storySections.section], set: { content, status, updatedAt: now } })
    .run();
  tx.update(stories).set({ updatedAt: now }).where(eq(stories.id, storyId)).run();
}

/** The highest version number so far, read inside the publishing transaction. */
export function latestVersionNumber(tx: Tx, storyId: string): number {
  const row = tx
    .select({ version: storyVersions.version })
    .from(storyVersions)
    .where(eq(storyVersions.storyId, storyId))
    .orderBy(desc(storyVersions.version))
    .limit(1)
    .get();
  return row?.version ?? 0;
}

export function insertVersion(tx: Tx, version: { storyId: string; version: number; content: StoryContent; publishedBy: string; publishedAt: Date }): void {
  tx.insert(storyVersions).values(version).run();
  tx.update(stories).set({ latestVersion: version.version, updatedAt: version.publishedAt }).where(eq(stories.id, version.storyId)).run();
}

export function findVersion(storyId: string, version: number) {
  return db
    .select()
    .from(storyVersions)
    .where(and(eq(storyVersions.storyId, storyId), eq(storyVersions.version, version)))
    .get();
}

/** The draft sections of every story `ownerId` owns, in one query. */
export function draftSectionsOfOwner(ownerId: string): DraftSection[] {
  return db
    .select({ section: storySections })
    .from(storySections)
    .innerJoin(stories, eq(stories.id, storySections.storyId))
    .where(eq(stories.ownerId, ownerId))
    .all()
    .map((row) => row.section);
}

/** The latest published version of every story `ownerId` owns, in one query. */
export function latestVersionsOfOwner(ownerId: string) {
  return db
    .select({ version: storyVersions })
    .from(storyVersions)
    .innerJoin(stories, and(eq(stories.id, storyVersions.storyId), eq(stories.latestVersion, storyVersions.version)))
    .where(eq(stories.ownerId, ownerId))
    .all()
    .map((row) => row.version);
}

/** Every published version, oldest first, without their content. */
export function versionsOf(storyId: string) {
  return db
    .select({ version: storyVersions.version, publishedAt: storyVersions.publishedAt, publishedBy: storyVersions.publishedBy })
    .from(storyVersions)
    .where(eq(storyVersions.storyId, storyId))
    .orderBy(asc(storyVersions.version))
    .all();
}
