import { eq, lt, or } from "drizzle-orm";
import { db, first, returned, type Tx } from "#db/client.server";
import { staffSessions } from "#db/schema";
import { newToken } from "./session.server";

/**
 * A staff session is shorter than a resident's: whoever holds it can change
 * who may read shared stories, so it ends after 30 minutes without activity
 * or 8 hours after signing in, whichever comes first.
 */
export const STAFF_IDLE_MINUTES = 30;
export const STAFF_ABSOLUTE_HOURS = 8;

export type StaffSession = typeof staffSessions.$inferSelect;

/** When a staff session ends if nothing more happens. */
export function staffSessionEndsAt(session: Pick<StaffSession, "lastSeenAt" | "expiresAt">): Date {
  return new Date(Math.min(session.expiresAt.getTime(), session.lastSeenAt.getTime() + STAFF_IDLE_MINUTES * 60 * 1000));
}

export function staffSessionIsLive(session: Pick<StaffSession, "lastSeenAt" | "expiresAt">, now: Date): boolean {
  return staffSessionEndsAt(session) > now;
}

/**
 * A staff session begun with the council's identity provider lasts an hour at
 * most, however busy: the portal cannot ask the provider at each request
 * whether the person still works there, so a leaver disabled there keeps
 * access at most this long.
 */
export const STAFF_PROVIDER_SESSION_MINUTES = 60;

/**
 * A new staff session for `email`, in the caller's transaction: the token for
 * its cookie. Staff sessions past either timeout go at the same moment (there
 * are few of them, and nothing else sweeps them).
 */
export async function createStaffSession(tx: Tx, email: string, now: Date, signedInWith: StaffSession["signedInWith"] = "code"): Promise<string> {
  await tx
    .delete(staffSessions)
    .where(or(lt(staffSessions.expiresAt, now), lt(staffSessions.lastSeenAt, new Date(now.getTime() - STAFF_IDLE_MINUTES * 60 * 1000))));
  const { token, hash } = newToken();
  await tx.insert(staffSessions).values({
    idHash: hash,
    email,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + (signedInWith === "provider" ? STAFF_PROVIDER_SESSION_MINUTES : STAFF_ABSOLUTE_HOURS * 60) * 60 * 1000),
    signedInWith,
  });
  return token;
}

export async function findStaffSession(idHash: string): Promise<StaffSession | undefined> {
  return await first(db.select().from(staffSessions).where(eq(staffSessions.idHash, idHash)));
}

export async function touchStaffSession(idHash: string, now: Date): Promise<void> {
  await db.update(staffSessions).set({ lastSeenAt: now }).where(eq(staffSessions.idHash, idHash));
}

export async function deleteStaffSession(idHash: string): Promise<void> {
  await db.delete(staffSessions).where(eq(staffSessions.idHash, idHash));
}

/** Ends a staff session at once, keeping its row until it would have ended so another tab can be told why. Returns when that is. */
export async function markStaffSessionSignedOut(tx: Tx, idHash: string, now: Date): Promise<Date> {
  const kept = await returned(
    tx
      .update(staffSessions)
      .set({ signedOutAt: now })
      .where(eq(staffSessions.idHash, idHash))
      .returning({ lastSeenAt: staffSessions.lastSeenAt, expiresAt: staffSessions.expiresAt }),
  );
  return staffSessionEndsAt(kept);
}
