import { and, desc, eq, lte } from "drizzle-orm";
import { db, first, returned, type Tx } from "#db/client.server";
import { agencies, residents, shares, stories } from "#db/schema";

type Share = typeof shares.$inferSelect;

type NewShare = Pick<
  Share,
  "storyId" | "agencyId" | "sections" | "purpose" | "version" | "keepUpToDate" | "contactAllowed" | "contactMethods" | "endsAt" | "tokenHash" | "createdBy"
>;

/** A new active share; `tokenHash` is the SHA-256 of the link's token, never the token. */
export async function insertShare(tx: Tx, share: NewShare, now: Date): Promise<string> {
  return (
    await returned(
      tx
        .insert(shares)
        .values({ ...share, status: "active", createdAt: now, updatedAt: now })
        .returning({ id: shares.id }),
    )
  ).id;
}

const withAgency = {
  share: shares,
  agency: { id: agencies.id, name: agencies.name, nameCy: agencies.nameCy, contactEmail: agencies.contactEmail },
};

export type ShareWithAgency = { share: Share; agency: { id: string; name: string; nameCy: string | null; contactEmail: string } };

/**
 * One share of one story, with its agency. The caller has already checked that
 * the resident owns `storyId` (requireStory); a share of another story is
 * not found, so an id from someone else's story reveals nothing.
 */
export async function findShareForOwner(storyId: string, shareId: string, tx: Tx = db): Promise<ShareWithAgency | undefined> {
  return await first(
    tx
      .select(withAgency)
      .from(shares)
      .innerJoin(agencies, eq(agencies.id, shares.agencyId))
      .where(and(eq(shares.id, shareId), eq(shares.storyId, storyId))),
  );
}

/** Every share of a story, newest first, with its agency. */
export async function sharesOfStory(storyId: string, tx: Tx = db): Promise<ShareWithAgency[]> {
  return await tx
    .select(withAgency)
    .from(shares)
    .innerJoin(agencies, eq(agencies.id, shares.agencyId))
    .where(eq(shares.storyId, storyId))
    .orderBy(desc(shares.createdAt), desc(shares.id));
}

type ShareChanges = Partial<
  Pick<Share, "sections" | "endsAt" | "keepUpToDate" | "contactAllowed" | "contactMethods" | "tokenHash" | "status" | "stoppedAt" | "endedNotifiedAt">
>;

/** Changes a share in the caller's transaction; the matching consent record is the caller's to write. */
export async function updateShare(tx: Tx, shareId: string, changes: ShareChanges, now: Date): Promise<void> {
  await tx
    .update(shares)
    .set({ ...changes, updatedAt: now })
    .where(eq(shares.id, shareId));
}

/** Marks an active share ended, and says whether this call did: of sweeps running at once on several instances, one does. */
export async function markShareEnded(tx: Tx, shareId: string, now: Date): Promise<boolean> {
  const changed = await tx
    .update(shares)
    .set({ status: "ended", endedNotifiedAt: now, updatedAt: now })
    .where(and(eq(shares.id, shareId), eq(shares.status, "active")))
    .returning({ id: shares.id });
  return changed.length > 0;
}

/**
 * Shares still marked active whose end date has come, with whom to tell: the
 * agency's name and the story owner's address and language. The sweep reads
 * this; access itself never waits for it (consent-rules' shareState decides).
 */
export async function sharesPastTheirEnd(tx: Tx, now: Date) {
  return await tx
    .select({
      share: { id: shares.id, storyId: shares.storyId, stoppedAt: shares.stoppedAt, endsAt: shares.endsAt },
      agency: { id: agencies.id, name: agencies.name, nameCy: agencies.nameCy },
      owner: { id: residents.id, email: residents.email, language: residents.language },
    })
    .from(shares)
    .innerJoin(agencies, eq(agencies.id, shares.agencyId))
    .innerJoin(stories, eq(stories.id, shares.storyId))
    .innerJoin(residents, eq(residents.id, stories.ownerId))
    .where(and(eq(shares.status, "active"), lte(shares.endsAt, now)));
}
