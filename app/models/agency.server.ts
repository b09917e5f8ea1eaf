import { randomUUID } from "node:crypto";
import { asc, eq, inArray } from "drizzle-orm";
import { db, type Tx } from "#db/client.server";
import { agencies } from "#db/schema";

export type Agency = typeof agencies.$inferSelect;

/** What a council's import file (or the demo seed) says about one agency; `key` identifies it across imports. */
export type AgencyDetails = Pick<Agency, "key" | "name" | "description" | "contactEmail" | "domains" | "active">;

/** The agencies a person can choose to share with, in the order they are listed. */
export function activeAgencies(): Agency[] {
  return db.select().from(agencies).where(eq(agencies.active, true)).orderBy(asc(agencies.name)).all();
}

export function findAgency(id: string): Agency | undefined {
  return db.select().from(agencies).where(eq(agencies.id, id)).get();
}

/** The agencies with these ids, in name order; ids that match nothing are left out. */
export function findAgenciesByIds(ids: readonly string[]): Agency[] {
  if (ids.length === 0) return [];
  return db.select().from(agencies).where(inArray(agencies.id, [...ids])).orderBy(asc(agencies.name)).all();
}

export function hasAgencies(tx: Tx): boolean {
  return tx.select({ id: agencies.id }).from(agencies).limit(1).get() !== undefined;
}

/**
 * Adds or updates each agency by its `key`, in the caller's transaction. An
 * agency that is not in `records` is left alone: shares and consent records
 * point at it, so a council withdraws one by marking it inactive instead.
 */
export function upsertAgencies(tx: Tx, records: readonly AgencyDetails[], now: Date): { created: number; updated: number } {
  let created = 0;
  for (const record of records) {
    const existing = tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.key, record.key)).get();
    if (existing) {
      tx.update(agencies).set({ ...record, updatedAt: now }).where(eq(agencies.id, existing.id)).run();
    } else {
      tx.insert(agencies).values({ ...record, id: randomUUID(), createdAt: now, updatedAt: now }).run();
      created += 1;
    }
  }
  return { created, updated: records.length - created };
}
