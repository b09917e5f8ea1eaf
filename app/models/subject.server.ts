import { returned, type Tx } from "#db/client.server";
import { subjects } from "#db/schema";

/** Who a story is about, relative to the account that writes it. Only "self" for now; carers come later. */
type SubjectBasis = "self";

export async function insertSubject(tx: Tx, residentId: string, basis: SubjectBasis, now: Date): Promise<string> {
  return (await returned(tx.insert(subjects).values({ residentId, relationship: basis, basis, createdAt: now }).returning({ id: subjects.id }))).id;
}
