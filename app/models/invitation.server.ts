import { and, desc, eq, gt, inArray, ne } from "drizzle-orm";
import { db, first, returned, type Tx } from "#db/client.server";
import { residents, stories, storyInvitations, subjects } from "#db/schema";

export type Invitation = typeof storyInvitations.$inferSelect;
export type InvitationRole = Invitation["role"];

/** A new invitation, waiting to be answered until `expiresAt`. */
export async function insertInvitation(
  tx: Tx,
  invitation: Pick<Invitation, "storyId" | "role" | "name" | "email" | "invitedBy" | "expiresAt"> & { createdAt: Date },
): Promise<string> {
  return (await returned(tx.insert(storyInvitations).values(invitation).returning({ id: storyInvitations.id }))).id;
}

/** A helper made directly, without an invitation: the former owner kept on (or not) by whoever took a story over. */
export async function insertHelper(
  tx: Tx,
  helper: Pick<Invitation, "storyId" | "name" | "email" | "invitedBy" | "residentId"> & { role: InvitationRole; status: "accepted" | "removed"; now: Date },
): Promise<void> {
  const { now, ...values } = helper;
  await tx.insert(storyInvitations).values({ ...values, expiresAt: now, answeredAt: now, endedAt: values.status === "removed" ? now : null, createdAt: now });
}

/** Every invitation of a story, newest first: waiting, answered and ended. */
export async function invitationsOfStory(storyId: string, tx: Tx = db): Promise<Invitation[]> {
  return await tx.select().from(storyInvitations).where(eq(storyInvitations.storyId, storyId)).orderBy(desc(storyInvitations.createdAt));
}

/** One invitation with the story it is to and who that story is about, or undefined. */
export async function findInvitation(id: string, tx: Tx = db) {
  return await first(
    tx
      .select({
        invitation: storyInvitations,
        story: { id: stories.id, ownerId: stories.ownerId, subjectId: stories.subjectId },
        subject: { basis: subjects.basis, name: subjects.name, writerName: subjects.writerName },
        owner: { email: residents.email },
      })
      .from(storyInvitations)
      .innerJoin(stories, eq(stories.id, storyInvitations.storyId))
      .innerJoin(subjects, eq(subjects.id, stories.subjectId))
      .innerJoin(residents, eq(residents.id, stories.ownerId))
      .where(eq(storyInvitations.id, id)),
  );
}

/** Invitations sent to `email` that can still be accepted. */
export async function waitingInvitationsFor(email: string, now: Date) {
  return await db
    .select({ id: storyInvitations.id, role: storyInvitations.role, storyId: storyInvitations.storyId, expiresAt: storyInvitations.expiresAt })
    .from(storyInvitations)
    .where(and(eq(storyInvitations.email, email), eq(storyInvitations.status, "invited"), gt(storyInvitations.expiresAt, now)))
    .orderBy(desc(storyInvitations.createdAt));
}

/**
 * Moves an invitation from one status to the next, only if it is still in
 * `from` (and, for accepting, not expired): true when this call moved it, so
 * two answers at once (two tabs, two instances) take effect once.
 */
export async function moveInvitation(
  tx: Tx,
  id: string,
  from: Invitation["status"],
  to: Partial<Pick<Invitation, "status" | "residentId" | "answeredAt" | "endedAt" | "role">>,
  unexpiredAt?: Date,
): Promise<boolean> {
  const moved = await tx
    .update(storyInvitations)
    .set(to)
    .where(and(eq(storyInvitations.id, id), eq(storyInvitations.status, from), unexpiredAt ? gt(storyInvitations.expiresAt, unexpiredAt) : undefined))
    .returning({ id: storyInvitations.id });
  return moved.length > 0;
}

/** Ends every helper row of `residentId` in a story: they now own it. */
export async function endHelping(tx: Tx, storyId: string, residentId: string, now: Date): Promise<void> {
  await tx
    .update(storyInvitations)
    .set({ status: "removed", endedAt: now })
    .where(
      and(
        eq(storyInvitations.storyId, storyId),
        eq(storyInvitations.residentId, residentId),
        eq(storyInvitations.status, "accepted"),
        ne(storyInvitations.role, "owner"),
      ),
    );
}

/** Withdraws the invitations of the given roles still waiting on a story: a new invitation to take it over replaces the last. */
export async function withdrawWaiting(tx: Tx, storyId: string, roles: InvitationRole[], now: Date): Promise<void> {
  await tx
    .update(storyInvitations)
    .set({ status: "withdrawn", endedAt: now })
    .where(and(eq(storyInvitations.storyId, storyId), eq(storyInvitations.status, "invited"), inArray(storyInvitations.role, roles)));
}
