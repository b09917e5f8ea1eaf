import { randomBytes } from "node:crypto";
import { and, eq, getTableColumns, isNull, lt, or } from "drizzle-orm";
import { sha256 } from "#app/lib/sha256.server";
import { db, first, type Tx } from "#db/client.server";
import { residents, sessions } from "#db/schema";

export const IDLE_MINUTES = 60;
export const ABSOLUTE_HOURS = 12;

/** A random 256-bit token for a cookie or link, and the SHA-256 under which it is stored. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: sha256(token) };
}

/** A new session; `oneLoginIdToken` when it was begun with GOV.UK One Login, for signing out there too. */
export async function createSession(tx: Tx, residentId: string, now: Date, oneLoginIdToken?: string): Promise<string> {
  const { token, hash } = newToken();
  await tx.insert(sessions).values({
    idHash: hash,
    residentId,
    oneLoginIdToken: oneLoginIdToken ?? null,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + ABSOLUTE_HOURS * 60 * 60 * 1000),
  });
  return token;
}

/** The session and its resident, in one query; not the One Login ID token, which only signing out reads. */
export async function findSession(idHash: string) {
  const { oneLoginIdToken: _onlyForSigningOut, ...columns } = getTableColumns(sessions);
  return await first(
    db
      .select({ ...columns, resident: { id: residents.id, email: residents.email, language: residents.language, oneLoginSub: residents.oneLoginSub } })
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
 * another tab can be told why. Returns when that is, and the ID token of a
 * session begun with GOV.UK One Login (for signing out there too), which the
 * row then no longer keeps.
 */
export async function markSessionSignedOut(tx: Tx, idHash: string, now: Date): Promise<{ keptUntil: Date; oneLoginIdToken: string | null }> {
  const session = await first(tx.select({ oneLoginIdToken: sessions.oneLoginIdToken }).from(sessions).where(eq(sessions.idHash, idHash)));
  const kept = await first(
    tx
      .update(sessions)
      .set({ signedOutAt: now, oneLoginIdToken: null })
      .where(eq(sessions.idHash, idHash))
      .returning({ lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt }),
  );
  return { keptUntil: kept ? sessionEndsAt(kept) : now, oneLoginIdToken: session?.oneLoginIdToken ?? null };
}

/** Ends every session of an account still going, as markSessionSignedOut ends one: the number ended. */
export async function markResidentSessionsSignedOut(tx: Tx, residentId: string, now: Date): Promise<number> {
  const ended = await tx
    .update(sessions)
    .set({ signedOutAt: now, oneLoginIdToken: null })
    .where(and(eq(sessions.residentId, residentId), isNull(sessions.signedOutAt)))
    .returning({ idHash: sessions.idHash });
  return ended.length;
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
