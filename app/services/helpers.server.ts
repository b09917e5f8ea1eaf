import type { TFunction } from "i18next";
import { env } from "#app/config/env.server";
import type { Language } from "#app/i18n/i18n";
import { recordAuditEvent } from "#app/models/audit.server";
import {
  endHelping,
  findInvitation,
  insertHelper,
  insertInvitation,
  invitationsOfStory,
  moveInvitation,
  withdrawWaiting,
  type Invitation,
} from "#app/models/invitation.server";
import { limits, takeFromLimit } from "#app/models/rate-limit.server";
import { findResidentById } from "#app/models/resident.server";
import { sharesOfStory } from "#app/models/share.server";
import { deleteShareDraft } from "#app/models/share-draft.server";
import { findDraftSection, setStoryOwner, type StoryForResident } from "#app/models/story.server";
import { subjectName } from "#app/models/story-sections";
import { insertSubject } from "#app/models/subject.server";
import { invitationPath } from "#app/paths";
import { queueEmail } from "#app/services/mail/templates.server";
import { tellAgency } from "#app/services/sharing/changes.server";
import { shareState } from "#app/services/sharing/consent-rules";
import { invitationExpiry, invitationState, mayAccept, type HelperRole } from "#app/services/sharing/permissions";
import { db, type Tx } from "#db/client.server";

/**
 * Helpers and handing a story over: the owner invites someone by email to
 * help (edit, or edit and share) or, for a story written for someone else, the
 * person themselves to take it over. The invitee signs in with that address
 * and accepts. Who may do each thing is the permission matrix's
 * (permissions.ts) and the guards'; here is what each thing does.
 */

/** How many people can help with one story at once, invitations waiting included. */
export const MAX_HELPERS = 10;

/** The name the story's owner goes by: the writer's, for someone else's story; the person's own, for theirs. */
export async function ownerName(story: { id: string; subject: { basis: string; name: string | null; writerName: string | null } }): Promise<string> {
  if (story.subject.basis !== "self") return story.subject.writerName ?? "";
  if (story.subject.name) return story.subject.name;
  const about = await findDraftSection(story.id, "about");
  return subjectName({ about: about?.content ?? {} }) ?? "";
}

/** Who did something to a story, by account: the owner's name and each helper's, past ones included. */
export type People = { ownerId: string; names: Record<string, string> };

export async function peopleOf(story: Parameters<typeof ownerName>[0] & { ownerId: string }, invitations?: Invitation[]): Promise<People> {
  const names: Record<string, string> = {};
  for (const invitation of (invitations ?? (await invitationsOfStory(story.id))).toReversed()) {
    if (invitation.residentId) names[invitation.residentId] = invitation.name;
  }
  names[story.ownerId] = await ownerName(story);
  return { ownerId: story.ownerId, names };
}

/** A person's name as a page shows it to `viewerId`: "you", their name, or someone no longer known to the story. */
export function nameFor(people: People, residentId: string | null, viewerId: string, t: TFunction): string {
  if (residentId === viewerId) return t("helpers:people.you");
  const name = residentId ? people.names[residentId] : undefined;
  return name || t("helpers:people.unknown");
}

/** The link an invitation's email carries. It is no secret: only someone signed in with the address invited can accept. */
function invitationLink(id: string): string {
  return `${env.PUBLIC_URL}${invitationPath(id)}`;
}

type InviteOutcome = { ok: true; id: string } | { ok: false; reason: "own-address" | "already" | "too-many" | "limited" };

/**
 * Invites `email` to help with the story (`role` edit or editAndShare), or to
 * take it over (`owner`, replacing any invitation to do so still waiting),
 * and queues the email, in one transaction. The invitee's own address, an
 * address already helping or invited, more than MAX_HELPERS, and more
 * invitations a day than the limit allows are refused, and nothing is sent.
 */
export async function invite({
  story,
  by,
  name,
  email,
  role,
  lang,
  now = new Date(),
}: {
  story: Pick<StoryForResident, "id" | "ownerId" | "subject">;
  by: { id: string; email: string };
  name: string;
  email: string;
  role: HelperRole | "owner";
  lang: Language;
  now?: Date;
}): Promise<InviteOutcome> {
  return db.transaction(async (tx): Promise<InviteOutcome> => {
    if (email === by.email) return { ok: false, reason: "own-address" };
    const invitations = await invitationsOfStory(story.id, tx);
    const current = invitations.filter((row) => ["waiting", "accepted"].includes(invitationState(row, now)) && row.role !== "owner");
    if (role !== "owner" && current.some((row) => row.email === email)) return { ok: false, reason: "already" };
    if (role !== "owner" && current.length >= MAX_HELPERS) return { ok: false, reason: "too-many" };
    if ((await takeFromLimit(tx, limits.invitationsPerResident, by.id, now)) !== "allowed") return { ok: false, reason: "limited" };
    if (role === "owner") await withdrawWaiting(tx, story.id, ["owner"], now);
    const expiresAt = invitationExpiry(now);
    const id = await insertInvitation(tx, { storyId: story.id, role, name, email, invitedBy: by.id, expiresAt, createdAt: now });
    const inviter = await ownerName(story);
    await queueEmail(tx, {
      to: email,
      template: role === "owner" ? "take-over-invitation" : "helper-invitation",
      language: lang,
      personalisation: { inviter, role, link: invitationLink(id), expiresOn: expiresAt.toISOString() },
    });
    await recordAuditEvent("invitation_sent", { resident: by.id, story: story.id, invitation: id, role }, tx);
    return { ok: true, id };
  });
}

/**
 * Withdraws an invitation still waiting, or removes a helper: from the next
 * request on, they can do nothing with the story. An invitation of another
 * story, or one already ended, changes nothing (false).
 */
export async function endInvitation(storyId: string, invitationId: string, by: string, now = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const found = (await invitationsOfStory(storyId, tx)).find((row) => row.id === invitationId);
    if (!found) return false;
    const ended =
      found.status === "invited"
        ? await moveInvitation(tx, invitationId, "invited", { status: "withdrawn", endedAt: now })
        : await moveInvitation(tx, invitationId, "accepted", { status: "removed", endedAt: now });
    if (ended)
      await recordAuditEvent(
        found.status === "invited" ? "invitation_withdrawn" : "helper_removed",
        { resident: by, story: storyId, invitation: invitationId },
        tx,
      );
    return ended;
  });
}

export type FormerOwnerChoice = HelperRole | "none";

type AcceptOutcome = { ok: true; storyId: string } | { ok: false; reason: ReturnType<typeof mayAccept> | "gone" };

/**
 * Accepts an invitation for the signed-in resident, once (a second answer, or
 * one from another tab, finds it no longer waiting). To help: they are a
 * helper from now. To take the story over: they become its owner and the
 * story is about them, written by themselves from now on (earlier versions
 * keep who wrote them); the former owner stays as a helper with
 * `formerOwner`'s permission, or not at all; any share journey the former
 * owner left half done is dropped; and each agency with an active share is
 * told the story is now managed by the person themselves. Shares carry on.
 */
export async function acceptInvitation(
  invitationId: string,
  resident: { id: string; email: string },
  formerOwner: FormerOwnerChoice = "none",
  now = new Date(),
): Promise<AcceptOutcome> {
  return db.transaction(async (tx): Promise<AcceptOutcome> => {
    const found = await findInvitation(invitationId, tx);
    if (!found) return { ok: false, reason: "gone" };
    const { invitation, story, subject } = found;
    const allowed = mayAccept(invitation, story, resident, now);
    if (allowed !== "ok") return { ok: false, reason: allowed };
    if (!(await moveInvitation(tx, invitation.id, "invited", { status: "accepted", residentId: resident.id, answeredAt: now }, now))) {
      return { ok: false, reason: "not-waiting" };
    }
    if (invitation.role !== "owner") {
      // Already helping under an older invitation: the new one replaces it.
      await endOtherHelping(tx, story.id, resident.id, invitation.id, now);
      await recordAuditEvent("invitation_accepted", { resident: resident.id, story: story.id, invitation: invitation.id, role: invitation.role }, tx);
      return { ok: true, storyId: story.id };
    }
    await handOver(
      tx,
      { storyId: story.id, formerOwnerId: story.ownerId, subjectName: subject.name ?? invitation.name, writerName: subject.writerName },
      resident,
      formerOwner,
      now,
    );
    await recordAuditEvent("story_handed_over", { resident: resident.id, story: story.id, from: story.ownerId, formerOwner }, tx);
    return { ok: true, storyId: story.id };
  });
}

async function endOtherHelping(tx: Tx, storyId: string, residentId: string, keep: string, now: Date): Promise<void> {
  for (const row of await invitationsOfStory(storyId, tx)) {
    if (row.id !== keep && row.residentId === residentId && row.status === "accepted")
      await moveInvitation(tx, row.id, "accepted", { status: "removed", endedAt: now });
  }
}

async function handOver(
  tx: Tx,
  story: { storyId: string; formerOwnerId: string; subjectName: string; writerName: string | null },
  resident: { id: string; email: string },
  formerOwner: FormerOwnerChoice,
  now: Date,
): Promise<void> {
  const { storyId, formerOwnerId } = story;
  // The story is now the person's own: its subject from here is themselves, under the name it was written for.
  const subjectId = await insertSubject(tx, resident.id, "self", now, story.subjectName);
  await setStoryOwner(tx, storyId, resident.id, subjectId, now);
  // Helping no longer: they own it.
  await endHelping(tx, storyId, resident.id, now);
  const former = await findResidentById(tx, formerOwnerId);
  // Kept as a row even when not kept on, so the history can still name them.
  await insertHelper(tx, {
    storyId,
    role: formerOwner === "none" ? "edit" : formerOwner,
    status: formerOwner === "none" ? "removed" : "accepted",
    name: story.writerName ?? former?.email ?? "",
    email: former?.email ?? "",
    invitedBy: resident.id,
    residentId: formerOwnerId,
    now,
  });
  await deleteShareDraft(tx, storyId);
  for (const found of await sharesOfStory(storyId, tx)) {
    if (shareState(found.share, now) === "active") await tellAgency(tx, found, "story-handed-over");
  }
}

/** Declines an invitation: it can no longer be accepted, and the owner sees it was declined. */
export async function declineInvitation(invitationId: string, resident: { id: string; email: string }, now = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const found = await findInvitation(invitationId, tx);
    if (!found || found.invitation.email !== resident.email) return false;
    const declined = await moveInvitation(tx, invitationId, "invited", { status: "declined", answeredAt: now });
    if (declined) await recordAuditEvent("invitation_declined", { resident: resident.id, story: found.story.id, invitation: invitationId }, tx);
    return declined;
  });
}
