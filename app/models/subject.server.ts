import { returned, type Tx } from "#db/client.server";
import { subjects } from "#db/schema";
import type { SomeoneElse } from "#app/models/subject";

/** Who a story is about and on what basis its writer speaks for them, as pages and summaries show it. */
export const subjectColumns = {
  id: subjects.id,
  relationship: subjects.relationship,
  basis: subjects.basis,
  name: subjects.name,
  writerName: subjects.writerName,
  dateOfBirth: subjects.dateOfBirth,
  basisDetail: subjects.basisDetail,
};

/** The writer themselves (`"self"`), or someone they care for or support. */
export async function insertSubject(tx: Tx, residentId: string, about: "self" | SomeoneElse, now: Date): Promise<string> {
  const values =
    about === "self"
      ? { residentId, relationship: "self", basis: "self", createdAt: now }
      : {
          residentId,
          relationship: about.relationship,
          basis: about.basis,
          name: about.name,
          writerName: about.writerName,
          dateOfBirth: about.dateOfBirth,
          basisDetail: about.basisDetail,
          createdAt: now,
        };
  return (await returned(tx.insert(subjects).values(values).returning({ id: subjects.id }))).id;
}
