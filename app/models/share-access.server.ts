import { eq, lte } from "drizzle-orm";
import { db, type Tx } from "#db/client.server";
import { agencies, shareAccess, shares, stories, subjects } from "#db/schema";

export type ShareAccess = typeof shareAccess.$inferSelect;

/** The share a link's token opens, by the token's SHA-256: all that is needed to answer the link. */
export function findShareByTokenHash(tokenHash: string) {
  return db
    .select({ id: shares.id, stoppedAt: shares.stoppedAt, endsAt: shares.endsAt })
    .from(shares)
    .where(eq(shares.tokenHash, tokenHash))
    .get();
}

export function insertShareAccess(tx: Tx, access: { idHash: string; shareId: string; expiresAt: Date; createdAt: Date }): void {
  tx.insert(shareAccess).values(access).run();
}

/**
 * A browser's access with everything a shared-story page needs, in one query:
 * the share, its agency, and the story with who it is about.
 */
export function findShareAccess(idHash: string, tx: Tx = db) {
  return tx
    .select({
      access: shareAccess,
      share: shares,
      agency: { id: agencies.id, name: agencies.name, nameCy: agencies.nameCy, domains: agencies.domains },
      story: { id: stories.id, ownerId: stories.ownerId, latestVersion: stories.latestVersion },
      subject: { basis: subjects.basis },
    })
    .from(shareAccess)
    .innerJoin(shares, eq(shares.id, shareAccess.shareId))
    .innerJoin(agencies, eq(agencies.id, shares.agencyId))
    .innerJoin(stories, eq(stories.id, shares.storyId))
    .innerJoin(subjects, eq(subjects.id, stories.subjectId))
    .where(eq(shareAccess.idHash, idHash))
    .get();
}

export type FoundShareAccess = NonNullable<ReturnType<typeof findShareAccess>>;

/** The address is proven: access for this browser runs until `expiresAt`. */
export function markShareAccessVerified(tx: Tx, idHash: string, email: string, now: Date, expiresAt: Date): void {
  tx.update(shareAccess).set({ email, verifiedAt: now, expiresAt }).where(eq(shareAccess.idHash, idHash)).run();
}

/** Ends one browser's access at once (a professional finishing on a shared computer). */
export function deleteShareAccess(tx: Tx, idHash: string): void {
  tx.delete(shareAccess).where(eq(shareAccess.idHash, idHash)).run();
}

/** Forgets browsers' access that has run out (their pending codes go with them). */
export function deleteExpiredShareAccess(now: Date): number {
  return db.delete(shareAccess).where(lte(shareAccess.expiresAt, now)).run().changes;
}
