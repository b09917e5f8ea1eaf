import { and, desc, eq, inArray, lt } from "drizzle-orm";
import { db, type Tx } from "#db/client.server";
import { shareReplies, shares, shareViews } from "#db/schema";

export type ShareView = typeof shareViews.$inferSelect;
type ShareReply = typeof shareReplies.$inferSelect;

/** One more line in the access log: who opened which share, and what they were shown. */
export function recordView(tx: Tx, view: Omit<ShareView, "id">): void {
  tx.insert(shareViews).values(view).run();
}

/** What this professional was shown the last time they opened this share, before `before`. */
export function lastViewBy(shareId: string, email: string, before: Date, tx: Tx = db): Pick<ShareView, "version" | "sections" | "viewedAt"> | undefined {
  return tx
    .select({ version: shareViews.version, sections: shareViews.sections, viewedAt: shareViews.viewedAt })
    .from(shareViews)
    .where(and(eq(shareViews.shareId, shareId), eq(shareViews.email, email), lt(shareViews.viewedAt, before)))
    .orderBy(desc(shareViews.viewedAt), desc(shareViews.id))
    .limit(1)
    .get();
}

/** The ids of every share of a story, to find what the access log holds about them. */
function sharesOfStory(storyId: string, tx: Tx) {
  return tx.select({ id: shares.id }).from(shares).where(eq(shares.storyId, storyId));
}

/** Every view of every share of a story, newest first, for "Who has your story". */
export function viewsOfStory(storyId: string, tx: Tx = db): ShareView[] {
  const ofStory = inArray(shareViews.shareId, sharesOfStory(storyId, tx));
  return tx.select().from(shareViews).where(ofStory).orderBy(desc(shareViews.viewedAt), desc(shareViews.id)).all();
}

export function insertReply(tx: Tx, reply: Omit<ShareReply, "id">): string {
  return tx.insert(shareReplies).values(reply).returning({ id: shareReplies.id }).get().id;
}

/** Every reply to every share of a story, newest first. */
export function repliesOfStory(storyId: string, tx: Tx = db): ShareReply[] {
  const ofStory = inArray(shareReplies.shareId, sharesOfStory(storyId, tx));
  return tx.select().from(shareReplies).where(ofStory).orderBy(desc(shareReplies.createdAt), desc(shareReplies.id)).all();
}
