import { subjectColumns } from "#app/models/subject.server";
import { eq, lte } from "drizzle-orm";
import { db, first, type Tx } from "#db/client.server";
import { agencies, shareAccess, shares, stories, subjects } from "#db/schema";

/** The share a link's token opens, by the token's SHA-256: all that is needed to answer the link. */
export async function findShareByTokenHash(tokenHash: string, tx: Tx = db) {
  return await first(tx.select({ id: shares.id, stoppedAt: shares.stoppedAt, endsAt: shares.endsAt }).from(shares).where(eq(shares.tokenHash, tokenHash)));
}

/** A browser's access to a share, by the SHA-256 of its cookie's token: unproven, or (with `email` and `verifiedAt`) proven. */
export async function insertShareAccess(
  tx: Tx,
  access: { idHash: string; shareId: string; expiresAt: Date; createdAt: Date; email?: string; verifiedAt?: Date },
): Promise<void> {
  await tx.insert(shareAccess).values(access);
}

/**
 * A browser's access with everything a shared-story page needs, in one query:
 * the share, its agency, and the story with who it is about.
 */
export async function findShareAccess(idHash: string, tx: Tx = db) {
  return await first(
    tx
      .select({
        access: shareAccess,
        share: shares,
        agency: { id: agencies.id, name: agencies.name, nameCy: agencies.nameCy, domains: agencies.domains, addresses: agencies.addresses },
        story: { id: stories.id, ownerId: stories.ownerId, latestVersion: stories.latestVersion },
        subject: subjectColumns,
      })
      .from(shareAccess)
      .innerJoin(shares, eq(shares.id, shareAccess.shareId))
      .innerJoin(agencies, eq(agencies.id, shares.agencyId))
      .innerJoin(stories, eq(stories.id, shares.storyId))
      .innerJoin(subjects, eq(subjects.id, stories.subjectId))
      .where(eq(shareAccess.idHash, idHash)),
  );
}

export type FoundShareAccess = NonNullable<Awaited<ReturnType<typeof findShareAccess>>>;

/** Ends one browser's access at once (a professional finishing on a shared computer). */
export async function deleteShareAccess(tx: Tx, idHash: string): Promise<void> {
  await tx.delete(shareAccess).where(eq(shareAccess.idHash, idHash));
}

/** Ends every browser's access to a share (their pending codes go with them): how many there were. */
export async function deleteAccessToShare(tx: Tx, shareId: string): Promise<number> {
  return (await tx.delete(shareAccess).where(eq(shareAccess.shareId, shareId)).returning()).length;
}

/**
 * How long access that has run out is kept: for that hour the browser is told
 * its time ran out and to open the link again, rather than that the story is
 * not open on this device, which would be true but less helpful.
 */
const EXPIRED_ACCESS_KEPT_MS = 60 * 60 * 1000;

/** Forgets browsers' access that ran out over an hour ago (their pending codes go with them). */
export async function deleteExpiredShareAccess(now: Date): Promise<number> {
  return (
    await db
      .delete(shareAccess)
      .where(lte(shareAccess.expiresAt, new Date(now.getTime() - EXPIRED_ACCESS_KEPT_MS)))
      .returning()
  ).length;
}
