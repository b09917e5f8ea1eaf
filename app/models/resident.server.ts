import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Language } from "#app/i18n/i18n";
import { db, type Tx } from "#db/client.server";
import { residents } from "#db/schema";

type Resident = typeof residents.$inferSelect;

/** The account for a proven address, made on first sign-in. */
export function findOrCreateResident(tx: Tx, email: string, language: Language, now: Date): Resident {
  const existing = tx.select().from(residents).where(eq(residents.email, email)).get();
  if (existing) {
    return tx.update(residents).set({ lastSignedInAt: now, language }).where(eq(residents.id, existing.id)).returning().get();
  }
  return tx.insert(residents).values({ id: randomUUID(), email, language, createdAt: now, lastSignedInAt: now }).returning().get();
}

export function setResidentLanguage(residentId: string, language: Language): void {
  db.update(residents).set({ language }).where(eq(residents.id, residentId)).run();
}

export function findResidentById(tx: Tx, id: string): Resident | undefined {
  return tx.select().from(residents).where(eq(residents.id, id)).get();
}
