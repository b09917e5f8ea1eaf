import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Language } from "#app/i18n/i18n";
import { localised, type Localised } from "#app/i18n/localised";
import { db, first, type Tx } from "#db/client.server";
import { agencies } from "#db/schema";

export type Agency = typeof agencies.$inferSelect;

/**
 * What a council's import file (or the demo seed) says about one agency; `key`
 * identifies it across imports. Without Welsh, Welsh pages show the English.
 */
export type AgencyDetails = Pick<Agency, "key" | "name" | "description" | "contactEmail" | "domains" | "active"> &
  Partial<Pick<Agency, "nameCy" | "descriptionCy" | "addresses">>;

/** An agency's name as a reader in `lang` sees it: its Welsh name where the directory has one, else its English name. */
export function agencyName(agency: Pick<Agency, "name" | "nameCy">, lang: Language): Localised {
  return localised(agency.name, agency.nameCy, lang);
}

/** What an agency does, in `lang` where the directory has it, else in English. */
export function agencyDescription(agency: Pick<Agency, "description" | "descriptionCy">, lang: Language): Localised {
  return localised(agency.description, agency.descriptionCy, lang);
}

/** An agency's name for an email written in both languages (an agency's inbox): the English, and the Welsh part's. */
export function agencyNamesForEmail(agency: Pick<Agency, "name" | "nameCy">): { agency: string; agencyCy: string } {
  return { agency: agencyName(agency, "en").text, agencyCy: agencyName(agency, "cy").text };
}

/** The agencies a person can choose to share with, in the order of the names they read. */
export async function activeAgencies(lang: Language = "en"): Promise<Agency[]> {
  const name = lang === "cy" ? sql`coalesce(${agencies.nameCy}, ${agencies.name})` : agencies.name;
  return await db.select().from(agencies).where(eq(agencies.active, true)).orderBy(asc(name));
}

/** Every agency, active or not, the active first, each in name order: the staff area's directory. */
export async function allAgencies(): Promise<Agency[]> {
  return await db.select().from(agencies).orderBy(desc(agencies.active), asc(agencies.name));
}

/** The agency a council's key names, active or not. */
export async function findAgencyByKey(key: string, tx: Tx = db): Promise<Agency | undefined> {
  return await first(tx.select().from(agencies).where(eq(agencies.key, key)));
}

/** What the staff area may change about an agency: everything but its key, which import files match on. */
export type AgencyChanges = Pick<Agency, "name" | "description" | "nameCy" | "descriptionCy" | "contactEmail" | "domains" | "addresses">;

/** Changes an agency's details, in the caller's transaction: false when there is no such agency. */
export async function updateAgency(tx: Tx, id: string, changes: AgencyChanges, now: Date): Promise<boolean> {
  return (
    (
      await tx
        .update(agencies)
        .set({ ...changes, updatedAt: now })
        .where(eq(agencies.id, id))
        .returning({ id: agencies.id })
    ).length === 1
  );
}

/**
 * Offers an agency to residents for new shares, or stops offering it, in the
 * caller's transaction: false when it was already so (or is not there). Its
 * existing shares are untouched, so their links work until they end.
 */
export async function setAgencyActive(tx: Tx, id: string, active: boolean, now: Date): Promise<boolean> {
  return (
    (
      await tx
        .update(agencies)
        .set({ active, updatedAt: now })
        .where(and(eq(agencies.id, id), eq(agencies.active, !active)))
        .returning({ id: agencies.id })
    ).length === 1
  );
}

export async function findAgency(id: string, tx: Tx = db): Promise<Agency | undefined> {
  return await first(tx.select().from(agencies).where(eq(agencies.id, id)));
}

/** The agencies with these ids, in name order; ids that match nothing are left out. */
export async function findAgenciesByIds(ids: readonly string[]): Promise<Agency[]> {
  if (ids.length === 0) return [];
  return await db
    .select()
    .from(agencies)
    .where(inArray(agencies.id, [...ids]))
    .orderBy(asc(agencies.name));
}

export async function hasAgencies(tx: Tx): Promise<boolean> {
  return (await first(tx.select({ id: agencies.id }).from(agencies).limit(1))) !== undefined;
}

/**
 * Adds or updates each agency by its `key`, in the caller's transaction. An
 * agency that is not in `records` is left alone: shares and consent records
 * point at it, so a council withdraws one by marking it inactive instead.
 */
export async function upsertAgencies(tx: Tx, records: readonly AgencyDetails[], now: Date): Promise<{ created: number; updated: number }> {
  let created = 0;
  for (const given of records) {
    // A record without Welsh (or without single addresses) takes away what an earlier import gave: the file describes the agency whole.
    const record = { ...given, nameCy: given.nameCy ?? null, descriptionCy: given.descriptionCy ?? null, addresses: given.addresses ?? [] };
    const existing = await first(tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.key, record.key)));
    if (existing) {
      await tx
        .update(agencies)
        .set({ ...record, updatedAt: now })
        .where(eq(agencies.id, existing.id));
    } else {
      await tx.insert(agencies).values({ ...record, id: randomUUID(), createdAt: now, updatedAt: now });
      created += 1;
    }
  }
  return { created, updated: records.length - created };
}

/**
 * Gives each agency in `records` its Welsh name and description if it has no
 * Welsh yet and is still, in English, exactly as `records` describe it: how
 * the demo's agencies get their Welsh in a database seeded before they had
 * any. An agency a council has changed, or given Welsh of its own, is left
 * alone. Returns how many agencies were given Welsh.
 */
export async function addMissingWelsh(tx: Tx, records: readonly AgencyDetails[], now: Date): Promise<number> {
  let given = 0;
  for (const record of records) {
    if (!record.nameCy || !record.descriptionCy) continue;
    given += (
      await tx
        .update(agencies)
        .set({ nameCy: record.nameCy, descriptionCy: record.descriptionCy, updatedAt: now })
        .where(
          and(
            eq(agencies.key, record.key),
            eq(agencies.name, record.name),
            eq(agencies.description, record.description),
            eq(agencies.contactEmail, record.contactEmail),
            isNull(agencies.nameCy),
            isNull(agencies.descriptionCy),
          ),
        )
        .returning()
    ).length;
  }
  return given;
}
