import { asc, eq } from "drizzle-orm";
import { db, returned, type Tx } from "#db/client.server";
import { consentRecords } from "#db/schema";

export type ConsentRecord = typeof consentRecords.$inferSelect;
type NewConsentRecord = Omit<ConsentRecord, "id">;

/**
 * Appends what the person agreed to (or withdrew), in the caller's transaction.
 * There is no update or delete here, and triggers refuse both: a change is a new record.
 */
export async function insertConsentRecord(tx: Tx, record: NewConsentRecord): Promise<string> {
  return (await returned(tx.insert(consentRecords).values(record).returning({ id: consentRecords.id }))).id;
}

/** A share's records in the order they were made: the history a receipt shows. */
export async function consentRecordsOf(shareId: string, tx: Tx = db): Promise<ConsentRecord[]> {
  return await tx.select().from(consentRecords).where(eq(consentRecords.shareId, shareId)).orderBy(asc(consentRecords.recordedAt), asc(consentRecords.id));
}
