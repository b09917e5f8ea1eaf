import { and, desc, eq, inArray, lt } from "drizzle-orm";
import { db, first, returned, type Tx } from "#db/client.server";
import { shareReplies, shares, shareViews } from "#db/schema";

export type ShareView = typeof shareViews.$inferSelect;
type ShareReply = typeof shareReplies.$inferSelect;

/** One more line in the access log: who opened which share, and what they were shown. */
export async function recordView(tx: Tx, view: Omit<ShareView, "id">): Promise<void> {
  await tx.insert(shareViews).values(view);
}

/** What this professional was shown the last time they opened this share, before `before`. */
export async function lastViewBy(
  shareId: string,
  email: string,
  before: Date,
  tx: Tx = db,
): Promise<Pick<ShareView, "version" | "sections" | "viewedAt"> | undefined> {
  return await first(
    tx
      .select({ version: shareViews.version, sections: shareViews.sections, viewedAt: shareViews.viewedAt })
      .from(shareViews)
      .where(and(eq(shareViews.shareId, shareId), eq(shareViews.email, email), lt(shareViews.viewedAt, before)))
      .orderBy(desc(shareViews.viewedAt), desc(shareViews.id))
      .limit(1),
  );
}

/** The ids of every share of a story, to find what the access log holds about them. */
function sharesOfStory(storyId: string, tx: Tx) {
  return tx.select({ id: shares.id }).from(shares).where(eq(shares.storyId, storyId));
}

/** Every view of every share of a story, newest first, for "Who has your story". */
export async function viewsOfStory(storyId: string, tx: Tx = db): Promise<ShareView[]> {
  const ofStory = inArray(shareViews.shareId, sharesOfStory(storyId, tx));
  return await tx.select().from(shareViews).where(ofStory).orderBy(desc(shareViews.viewedAt), desc(shareViews.id));
}

export async function insertReply(tx: Tx, reply: Omit<ShareReply, "id">): Promise<string> {
  return (await returned(tx.insert(shareReplies).values(reply).returning({ id: shareReplies.id }))).id;
}

/** Every reply to every share of a story, newest first. */
export async function repliesOfStory(storyId: string, tx: Tx = db): Promise<ShareReply[]> {
  const ofStory = inArray(shareReplies.shareId, sharesOfStory(storyId, tx));
  return await tx.select().from(shareReplies).where(ofStory).orderBy(desc(shareReplies.createdAt), desc(shareReplies.id));
}
