import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Language } from "#app/i18n/i18n";
import { db, first, returned, type Tx } from "#db/client.server";
import { residents } from "#db/schema";

type Resident = typeof residents.$inferSelect;

/** The account for a proven address, made on first sign-in; `oneLoginSub`, when it was proven by GOV.UK One Login, is recorded on it. */
export async function findOrCreateResident(tx: Tx, email: string, language: Language, now: Date, oneLoginSub?: string): Promise<Resident> {
  const existing = await first(tx.select().from(residents).where(eq(residents.email, email)));
  if (existing) return await residentSignedIn(tx, existing.id, language, now, oneLoginSub);
  const made = await first(
    tx
      .insert(residents)
      .values({ id: randomUUID(), email, language, createdAt: now, lastSignedInAt: now, oneLoginSub: oneLoginSub ?? null })
      .onConflictDoNothing()
      .returning(),
  );
  if (made) return made;
  // Another sign-in of the same new person (a second tab back from One Login) made the account a moment ago.
  const madeMeanwhile = await first(tx.select().from(residents).where(eq(residents.email, email)));
  if (!madeMeanwhile) throw new Error("An account was made meanwhile with another address for the same One Login");
  return await residentSignedIn(tx, madeMeanwhile.id, language, now, oneLoginSub);
}

/** Records a sign-in to an account, and the One Login it was made with if it is to hold one. */
export async function residentSignedIn(tx: Tx, residentId: string, language: Language, now: Date, oneLoginSub?: string): Promise<Resident> {
  // Signing in is using the account: any warning that it would be deleted for being unused no longer holds.
  return await returned(
    tx
      .update(residents)
      .set({ lastSignedInAt: now, language, retentionWarnedAt: null, ...(oneLoginSub ? { oneLoginSub } : {}) })
      .where(eq(residents.id, residentId))
      .returning(),
  );
}

/** The account that holds a GOV.UK One Login, by its `sub`. */
export async function findResidentByOneLoginSub(tx: Tx, sub: string): Promise<Resident | undefined> {
  return await first(tx.select().from(residents).where(eq(residents.oneLoginSub, sub)));
}

export async function setResidentLanguage(residentId: string, language: Language): Promise<void> {
  await db.update(residents).set({ language }).where(eq(residents.id, residentId));
}

export async function findResidentById(tx: Tx, id: string): Promise<Resident | undefined> {
  return await first(tx.select().from(residents).where(eq(residents.id, id)));
}

/** The account using `email`, if one does. */
export async function findResidentByEmail(tx: Tx, email: string): Promise<Resident | undefined> {
  return await first(tx.select().from(residents).where(eq(residents.email, email)));
}

/** Gives the account a new address (the caller has checked that no other account uses it). */
export async function setResidentEmail(tx: Tx, residentId: string, email: string): Promise<void> {
  await tx.update(residents).set({ email }).where(eq(residents.id, residentId));
}
