import { randomUUID } from "node:crypto";
import type { Tx } from "#db/client.server";
import { subjects } from "#db/schema";

/** Who a story is about, relative to the account that writes it. Only "self" for now; carers come later. */
type SubjectBasis = "self";

export function insertSubject(tx: Tx, residentId: string, basis: SubjectBasis, now: Date): string {
  const id = randomUUID();
  tx.insert(subjects).values({ id, residentId, relationship: basis, basis, createdAt: now }).run();
  return id;
}
