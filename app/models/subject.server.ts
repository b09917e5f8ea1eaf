import type { Tx } from "#db/client.server";
import { subjects } from "#db/schema";

/** Who a story is about, relative to the account that writes it. Only "self" for now; carers come later. */
type SubjectBasis = "self";

export function insertSubject(tx: Tx, residentId: string, basis: SubjectBasis, now: Date): string {
  return tx.insert(subjects).values({ residentId, relationship: basis, basis, createdAt: now }).returning({ id: subjects.id }).get().id;
}
