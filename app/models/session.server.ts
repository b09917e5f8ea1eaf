import { randomBytes } from "node:crypto";
import { eq, getTableColumns, lt, or } from "drizzle-orm";
import { sha256 } from "#app/lib/sha256.server";
import { db, first, returned, type Tx } from "#db/client.server";
import { residents, sessions } from "#db/schema";

export const IDLE_MINUTES = 60;
export const ABSOLUTE_HOURS = 12;

/** A random 256-bit token for a cookie or link, and the SHA-256 under which it is stored. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: sha256(token) };
}

export async function createSession(tx: Tx, residentId: string, now: Date): Promise<string> {
  const { token, hash } = newToken();
  await tx.insert(sessions).values({
    idHash: hash,
    residentId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + ABSOLUTE_HOURS * 60 * 60 * 1000),
  });
  return token;
}

/** The session and its resident, in one query. */
export async function findSession(idHash: string) {
  return await first(
    db
      .select({ ...getTableColumns(sessions), resident: { id: residents.id, email: residents.email, language: residents.language } })
      .from(sessions)
      .innerJoin(residents, eq(residents.id, sessions.residentId))
      .where(eq(sessions.idHash, idHash)),
  );
}

export async function touchSession(idHash: string, now: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash));
}

export async function deleteSession(tx: Tx, idHash: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.idHash, idHash));
}

/**
 * Ends a session at once, keeping its row until it would have expired so
 * another tab can be told why. Returns when that is.
 */
export async function markSessionSignedOut(tx: Tx, idHash: string, now: Date): Promise<Date> {
  const kept = await returned(
    tx
      .update(sessions)
      .set({ signedOutAt: now })
      .where(eq(sessions.idHash, idHash))
      .returning({ lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt }),
  );
  return kept ? sessionEndsAt(kept) : now;
}

/** Removes sessions past either timeout, signed out or not. */
export async function deleteExpiredSessions(now: Date): Promise<void> {
  await db.delete(sessions).where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, new Date(now.getTime() - IDLE_MINUTES * 60 * 1000))));
}

/** When a session ends if nothing more happens: 60 minutes after it was last used, or 12 hours after signing in. */
function sessionEndsAt(session: { lastSeenAt: Date; expiresAt: Date }): Date {
  return new Date(Math.min(session.expiresAt.getTime(), session.lastSeenAt.getTime() + IDLE_MINUTES * 60 * 1000));
}

export function sessionIsLive(session: { lastSeenAt: Date; expiresAt: Date }, now: Date): boolean {
  return sessionEndsAt(session) > now;
}
