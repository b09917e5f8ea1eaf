import { and, eq, exists, isNotNull, isNull } from "drizzle-orm";
import { first, returned, type Tx } from "#db/client.server";
import { residents, stories, subjects } from "#db/schema";
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

/**
 * The writer themselves (`"self"`, with their name when known: a story handed
 * over to them keeps the name it was written under), or someone they care for or support.
 */
export async function insertSubject(tx: Tx, residentId: string, about: "self" | SomeoneElse, now: Date, name: string | null = null): Promise<string> {
  const values =
    about === "self"
      ? { residentId, relationship: "self", basis: "self", name, createdAt: now }
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

/** Children's stories whose writer has not yet been told that parental responsibility is ending, with the writer. */
export async function parentalSubjectsNotReminded(tx: Tx) {
  return await tx
    .select({
      subject: { id: subjects.id, basis: subjects.basis, dateOfBirth: subjects.dateOfBirth },
      writer: { id: residents.id, email: residents.email, language: residents.language },
    })
    .from(subjects)
    .innerJoin(residents, eq(residents.id, subjects.residentId))
    .where(
      and(
        eq(subjects.basis, "parental"),
        isNotNull(subjects.dateOfBirth),
        isNull(subjects.basisRemindedAt),
        // Still the subject of a story: one handed over to the child is theirs, with nothing to remind its former writer of.
        exists(tx.select({ id: stories.id }).from(stories).where(eq(stories.subjectId, subjects.id))),
      ),
    );
}

/** Marks the writer as told, unless another instance's sweep did first: true when this call did. */
export async function markBasisReminded(tx: Tx, subjectId: string, now: Date): Promise<boolean> {
  const marked = await first(
    tx
      .update(subjects)
      .set({ basisRemindedAt: now })
      .where(and(eq(subjects.id, subjectId), isNull(subjects.basisRemindedAt)))
      .returning({ id: subjects.id }),
  );
  return marked !== undefined;
}
