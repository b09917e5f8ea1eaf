import { and, eq, inArray, isNull, lt, ne, notExists, or } from "drizzle-orm";
import { first, type Tx } from "#db/client.server";
import {
  consentRecords,
  erasedStories,
  outbox,
  residents,
  sessions,
  shareAccess,
  shareReplies,
  shareViews,
  shares,
  signInCodes,
  stories,
  storyInvitations,
  storyVersions,
  subjects,
} from "#db/schema";

export type ErasedStory = typeof erasedStories.$inferInsert;

/**
 * Erases every row of a story, in the order the foreign keys need, after
 * recording what remains of it (`trace`): that row is what lets the
 * append-only tables (consent records, the access log, versions) give up the
 * story's rows, and nothing else does (the migrations' triggers). Who the
 * story was about goes too, unless another story is about them.
 */
export async function eraseStoryRows(tx: Tx, trace: ErasedStory): Promise<void> {
  const { storyId } = trace;
  await tx.insert(erasedStories).values(trace);
  const shareIds = tx.select({ id: shares.id }).from(shares).where(eq(shares.storyId, storyId));
  await tx.delete(consentRecords).where(inArray(consentRecords.shareId, shareIds));
  await tx.delete(shareViews).where(inArray(shareViews.shareId, shareIds));
  await tx.delete(shareReplies).where(inArray(shareReplies.shareId, shareIds));
  await tx.delete(shareAccess).where(inArray(shareAccess.shareId, shareIds));
  await tx.delete(shares).where(eq(shares.storyId, storyId));
  // Every subject the story has had: its own now, and those its versions were written under before a hand-over.
  const subjectIds = [
    ...(await tx.select({ id: stories.subjectId }).from(stories).where(eq(stories.id, storyId))).map((row) => row.id),
    ...(await tx.select({ id: storyVersions.subjectId }).from(storyVersions).where(eq(storyVersions.storyId, storyId))).flatMap((row) =>
      row.id ? [row.id] : [],
    ),
  ];
  await tx.delete(storyVersions).where(eq(storyVersions.storyId, storyId));
  // Its draft, its helpers and its share draft go with it (by cascade).
  await tx.delete(stories).where(eq(stories.id, storyId));
  if (subjectIds.length > 0) {
    const others = tx.select({ id: stories.id }).from(stories).where(eq(stories.subjectId, subjects.id));
    await tx.delete(subjects).where(and(inArray(subjects.id, [...new Set(subjectIds)]), notExists(others)));
  }
}

/** What a story's trace records: when it was started and how many versions it had. */
export async function storyForErasure(tx: Tx, storyId: string) {
  return await first(
    tx.select({ id: stories.id, createdAt: stories.createdAt, latestVersion: stories.latestVersion }).from(stories).where(eq(stories.id, storyId)),
  );
}

/**
 * Removes everything an account holds apart from the stories it owns (erased
 * first, story by story): its sessions, codes, the emails queued or kept for
 * it, its helping, and its address, which becomes a placeholder no one can
 * sign in with. The row stays, nameless, for the versions and records it made
 * in other people's stories to point to.
 */
export async function eraseAccountRows(tx: Tx, resident: { id: string; email: string }, now: Date): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.residentId, resident.id));
  await tx.delete(signInCodes).where(or(eq(signInCodes.email, resident.email), eq(signInCodes.changesEmailOf, resident.id)));
  await tx.delete(outbox).where(eq(outbox.recipient, resident.email));
  await tx
    .update(storyInvitations)
    .set({ status: "removed", endedAt: now })
    .where(and(eq(storyInvitations.residentId, resident.id), eq(storyInvitations.status, "accepted")));
  await tx
    .update(storyInvitations)
    .set({ status: "declined", answeredAt: now })
    .where(and(eq(storyInvitations.email, resident.email), eq(storyInvitations.status, "invited")));
  await tx.update(storyInvitations).set({ email: "" }).where(eq(storyInvitations.email, resident.email));
  await tx
    .update(residents)
    .set({ email: `erased:${resident.id}`, erasedAt: now, lastSignedInAt: null, retentionWarnedAt: null, oneLoginSub: null })
    .where(eq(residents.id, resident.id));
}

/** The ids of the stories an account owns. */
export async function storiesOwned(tx: Tx, residentId: string): Promise<string[]> {
  return (await tx.select({ id: stories.id }).from(stories).where(eq(stories.ownerId, residentId))).map((row) => row.id);
}

/**
 * Shares that ended or stopped before `before` whose access data is still
 * kept: marked forgotten, which lets their access log go (the triggers), then
 * their access log, replies and any browser access removed. Each share is
 * marked by a conditional UPDATE, so instances doing this at once do it once.
 */
export async function forgetAccessOfSharesEndedBefore(tx: Tx, before: Date, now: Date): Promise<number> {
  const due = await tx
    .select({ id: shares.id })
    .from(shares)
    .where(
      and(
        isNull(shares.accessForgottenAt),
        or(and(eq(shares.status, "stopped"), lt(shares.stoppedAt, before)), and(ne(shares.status, "stopped"), lt(shares.endsAt, before))),
      ),
    );
  let forgotten = 0;
  for (const { id } of due) {
    const marked = await tx
      .update(shares)
      .set({ accessForgottenAt: now })
      .where(and(eq(shares.id, id), isNull(shares.accessForgottenAt)))
      .returning({ id: shares.id });
    if (marked.length === 0) continue;
    await tx.delete(shareViews).where(eq(shareViews.shareId, id));
    await tx.delete(shareReplies).where(eq(shareReplies.shareId, id));
    await tx.delete(shareAccess).where(eq(shareAccess.shareId, id));
    forgotten += 1;
  }
  return forgotten;
}
