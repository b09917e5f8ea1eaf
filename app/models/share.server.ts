import { and, desc, eq, lte } from "drizzle-orm";
import { db, type Tx } from "#db/client.server";
import { agencies, residents, shares, stories } from "#db/schema";

type Share = typeof shares.$inferSelect;

type NewShare = Pick<
  Share,
  "storyId" | "agencyId" | "sections" | "purpose" | "version" | "keepUpToDate" | "contactAllowed" | "contactMethods" | "endsAt" | "tokenHash" | "createdBy"
>;

/** A new active share; `tokenHash` is the SHA-256 of the link's token, never the token. */
export function insertShare(tx: Tx, share: NewShare, now: Date): string {
  return tx
    .insert(shares)
    .values({ ...share, status: "active", createdAt: now, updatedAt: now })
    .returning({ id: shares.id })
    .get().id;
}

const withAgency = {
  share: shares,
  agency: { id: agencies.id, name: agencies.name, nameCy: agencies.nameCy, contactEmail: agencies.contactEmail },
};

export type ShareWithAgency = { share: Share; agency: { id: string; name: string; nameCy: string | null; contactEmail: string } };

/**
 * One share of one story, with its agency. The caller has already checked that
 * the resident owns `storyId` (requireOwnStory); a share of another story is
 * not found, so an id from someone else's story reveals nothing.
 */
export function findShareForOwner(storyId: string, shareId: string, tx: Tx = db): ShareWithAgency | undefined {
  return tx
    .select(withAgency)
    .from(shares)
    .innerJoin(agencies, eq(agencies.id, shares.agencyId))
    .where(and(eq(shares.id, shareId), eq(shares.storyId, storyId)))
    .get();
}

/** Every share of a story, newest first, with its agency. */
export function sharesOfStory(storyId: string, tx: Tx = db): ShareWithAgency[] {
  return tx
    .select(withAgency)
    .from(shares)
    .innerJoin(agencies, eq(agencies.id, shares.agencyId))
    .where(eq(shares.storyId, storyId))
    .orderBy(desc(shares.createdAt), desc(shares.id))
    .all();
}

type ShareChanges = Partial<
  Pick<Share, "sections" | "endsAt" | "keepUpToDate" | "contactAllowed" | "contactMethods" | "tokenHash" | "status" | "stoppedAt" | "endedNotifiedAt">
>;

/** Changes a share in the caller's transaction; the matching consent record is the caller's to write. */
export function updateShare(tx: Tx, shareId: string, changes: ShareChanges, now: Date): void {
  tx.update(shares)
    .set({ ...changes, updatedAt: now })
    .where(eq(shares.id, shareId))
    .run();
}

/**
 * Shares still marked active whose end date has come, with whom to tell: the
 * agency's name and the story owner's address and language. The sweep reads
 * this; access itself never waits for it (consent-rules' shareState decides).
 */
export function sharesPastTheirEnd(tx: Tx, now: Date) {
  return tx
    .select({
      share: { id: shares.id, storyId: shares.storyId, stoppedAt: shares.stoppedAt, endsAt: shares.endsAt },
      agency: { id: agencies.id, name: agencies.name, nameCy: agencies.nameCy },
      owner: { id: residents.id, email: residents.email, language: residents.language },
    })
    .from(shares)
    .innerJoin(agencies, eq(agencies.id, shares.agencyId))
    .innerJoin(stories, eq(stories.id, shares.storyId))
    .innerJoin(residents, eq(residents.id, stories.ownerId))
    .where(and(eq(shares.status, "active"), lte(shares.endsAt, now)))
    .all();
}
