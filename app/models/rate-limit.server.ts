import { isIPv6 } from "node:net";
import { and, eq, like, sql } from "drizzle-orm";
import { db, returned, type Tx } from "#db/client.server";
import { rateLimits } from "#db/schema";

/**
 * `fixedWindow`: counted in windows on the clock, for "once per window".
 * Otherwise the count slides: the last window's uses still count in
 * proportion to how much of it the last `windowSeconds` cover, so no one gets
 * twice the limit either side of a window's edge.
 */
export type Limit = { name: string; max: number; windowSeconds: number; fixedWindow?: true };

/**
 * How many codes (for residents and professionals alike), attempts at entering
 * one, and shared-story links that lead nowhere are allowed, and how often an
 * event anyone can cause is written to the audit log. Stated in the README.
 */
export const limits = {
  // Counted per address *and* connection, so codes asked for from elsewhere never use up the owner's.
  codesPerAddress: { name: "codes-per-address", max: 5, windowSeconds: 60 * 60 },
  codesPerIp: { name: "codes-per-ip", max: 30, windowSeconds: 60 * 60 },
  codeAttemptsPerIp: { name: "code-attempts-per-ip", max: 30, windowSeconds: 15 * 60 },
  linkMissesPerIp: { name: "link-misses-per-ip", max: 10, windowSeconds: 15 * 60 },
  // Each sign-in sent to an identity provider keeps a row until it comes back or runs out.
  providerSignInsPerIp: { name: "provider-sign-ins-per-ip", max: 60, windowSeconds: 15 * 60 },
  // Each invitation emails an address the resident typed: enough for any family, too few to send mail in bulk.
  invitationsPerResident: { name: "invitations-per-resident", max: 20, windowSeconds: 24 * 60 * 60 },
  auditedEventsPerSubject: { name: "audited", max: 1, windowSeconds: 15 * 60, fixedWindow: true },
} satisfies Record<string, Limit>;

function windowStart(limit: Limit, now: Date): number {
  const windowMs = limit.windowSeconds * 1000;
  return Math.floor(now.getTime() / windowMs) * windowMs;
}

/**
 * What the limits count as one connection: an IPv4 address, or an IPv6 /64.
 * A home or office network is given a whole /64, so counting its addresses one
 * by one would give whoever holds it billions of allowances.
 */
export function connectionOf(ip: string): string {
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (v4) return v4[1];
  if (!isIPv6(ip)) return ip;
  const [head, tail] = ip.split("::");
  const groups = (part: string | undefined) => (part ? part.split(":") : []);
  // An IPv4 tail ("::ffff:1.2.3.4" style) stands for two groups.
  const width = (part: string | undefined) => groups(part).reduce((n, group) => n + (group.includes(".") ? 2 : 1), 0);
  const zeros = tail === undefined ? [] : Array<string>(8 - width(head) - width(tail)).fill("0");
  const network = [...groups(head), ...zeros, ...groups(tail)].slice(0, 4).map((group) => parseInt(group, 16).toString(16));
  return `${network.join(":")}::/64`;
}

/**
 * Counts one more use of `limit` for `subject` (an already-hashed address or
 * a connection) and says whether it is still within the limit. Shared by
 * every instance through the database.
 */
export async function takeFromLimit(tx: Tx, limit: Limit, subject: string, now = new Date()): Promise<"allowed" | "refused"> {
  const key = `${limit.name}:${subject}`;
  const windowMs = limit.windowSeconds * 1000;
  const start = windowStart(limit, now);
  const row = await returned(
    tx
      .insert(rateLimits)
      .values({ key, windowStart: start, count: 1 })
      .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { count: sql`${rateLimits.count} + 1` } })
      .returning({ count: rateLimits.count }),
  );
  let used = row.count;
  if (!limit.fixedWindow) {
    const [last] = await tx
      .select({ count: rateLimits.count })
      .from(rateLimits)
      .where(and(eq(rateLimits.key, key), eq(rateLimits.windowStart, start - windowMs)));
    // Rounded up, so a refusal just before the edge is still a refusal just after it.
    used += Math.ceil(((last?.count ?? 0) * (windowMs - (now.getTime() - start))) / windowMs);
  }
  return used <= limit.max ? "allowed" : "refused";
}

/** Forgets windows that have closed; run now and then. */
export async function pruneRateLimits(now = new Date()): Promise<void> {
  // Each limit's windows by its own length: a day's window is kept a day, an hour's an hour,
  // and a sliding limit's one more, as the next window still counts it.
  for (const limit of Object.values<Limit>(limits)) {
    const kept = (limit.fixedWindow ? 1 : 2) * limit.windowSeconds * 1000;
    await db.delete(rateLimits).where(and(like(rateLimits.key, `${limit.name}:%`), sql`${rateLimits.windowStart} < ${now.getTime() - kept}`));
  }
}
