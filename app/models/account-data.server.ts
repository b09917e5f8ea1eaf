import { asc, eq, inArray } from "drizzle-orm";
import { db } from "#db/client.server";
import {
  agencies,
  consentRecords,
  outbox,
  shareReplies,
  shareViews,
  shares,
  stories,
  storyInvitations,
  storySections,
  storyVersions,
  subjects,
} from "#db/schema";

/**
 * Everything held about some stories, each table read once for all of them:
 * for the download of an account's data, which covers the stories it owns and
 * those it helps with.
 */
export async function rowsOfStories(storyIds: string[]) {
  if (storyIds.length === 0) return null;
  const storyRows = await db.select().from(stories).where(inArray(stories.id, storyIds)).orderBy(asc(stories.createdAt));
  const shareRows = await db
    .select({ share: shares, agency: { name: agencies.name, nameCy: agencies.nameCy } })
    .from(shares)
    .innerJoin(agencies, eq(agencies.id, shares.agencyId))
    .where(inArray(shares.storyId, storyIds))
    .orderBy(asc(shares.createdAt));
  const shareIds = shareRows.map(({ share }) => share.id);
  const versionRows = await db.select().from(storyVersions).where(inArray(storyVersions.storyId, storyIds)).orderBy(asc(storyVersions.version));
  const subjectIds = [
    ...new Set([...storyRows.map((story) => story.subjectId), ...versionRows.flatMap((version) => (version.subjectId ? [version.subjectId] : []))]),
  ];
  return {
    stories: storyRows,
    subjects: await db.select().from(subjects).where(inArray(subjects.id, subjectIds)),
    sections: await db.select().from(storySections).where(inArray(storySections.storyId, storyIds)),
    versions: versionRows,
    shares: shareRows,
    consent: shareIds.length
      ? await db.select().from(consentRecords).where(inArray(consentRecords.shareId, shareIds)).orderBy(asc(consentRecords.recordedAt))
      : [],
    views: shareIds.length ? await db.select().from(shareViews).where(inArray(shareViews.shareId, shareIds)).orderBy(asc(shareViews.viewedAt)) : [],
    replies: shareIds.length ? await db.select().from(shareReplies).where(inArray(shareReplies.shareId, shareIds)).orderBy(asc(shareReplies.createdAt)) : [],
    invitations: await db.select().from(storyInvitations).where(inArray(storyInvitations.storyId, storyIds)).orderBy(asc(storyInvitations.createdAt)),
  };
}

/** Every email sent, or waiting to be sent, to an address, oldest first. */
export async function emailsTo(email: string) {
  return await db.select().from(outbox).where(eq(outbox.recipient, email)).orderBy(asc(outbox.createdAt), asc(outbox.id));
}
