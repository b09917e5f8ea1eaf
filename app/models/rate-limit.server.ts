import { sql } from "drizzle-orm";
import { db, type Tx } from "#db/client.server";
import { rateLimits } from "#db/schema";

export type Limit = { name: string; max: number; windowSeconds: number };

/**
 * How many codes (for residents and professionals alike), attempts at entering
 * one, and shared-story links that lead nowhere are allowed, and how often an
 * event anyone can cause is written to the audit log. Stated in the README.
 */
export const limits = {
  codesPerAddress: { name: "codes-per-address", max: 5, windowSeconds: 60 * 60 },
  codesPerIp: { name: "codes-per-ip", max: 30, windowSeconds: 60 * 60 },
  codeAttemptsPerIp: { name: "code-attempts-per-ip", max: 30, windowSeconds: 15 * 60 },
  linkMissesPerIp: { name: "link-misses-per-ip", max: 10, windowSeconds: 15 * 60 },
  auditedEventsPerSubject: { name: "audited", max: 1, windowSeconds: 15 * 60 },
} satisfies Record<string, Limit>;

function windowStart(limit: Limit, now: Date): number {
  const windowMs = limit.windowSeconds * 1000;
  return Math.floor(now.getTime() / windowMs) * windowMs;
}

/**
 * Counts one more use of `limit` for `subject` (an already-hashed address or
 * an IP) and says whether it is still within the limit. Fixed windows: simple,
 * shared by every instance through the database.
 */
export function takeFromLimit(tx: Tx, limit: Limit, subject: string, now = new Date()): boolean {
  const key = `${limit.name}:${subject}`;
  const start = windowStart(limit, now);
  const row = tx
    .insert(rateLimits)
    .values({ key, windowStart: start, count: 1 })
    .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { count: sql`${rateLimits.count} + 1` } })
    .returning({ count: rateLimits.count })
    .get();
  return row.count <= limit.max;
}

/** Forgets windows that have closed; run now and then. */
export function pruneRateLimits(now = new Date()): void {
  const longest = Math.max(...Object.values(limits).map((l) => l.windowSeconds)) * 1000;
  db.delete(rateLimits)
    .where(sql`${rateLimits.windowStart} < ${now.getTime() - longest}`)
    .run();
}
