/**
 * Who may do what with a story, in one place beside the consent rules: a role
 * against every action. Pure, so each cell is tested directly
 * (permissions.test.ts); the guards (app/web/guards.server.ts) ask here for
 * every story page, with the action the page takes.
 *
 * - owner: the account the story belongs to;
 * - editAndShare, edit: a helper the owner invited, with that permission;
 * - none: anyone else, who may not even know the story exists.
 */

export const ROLES = ["owner", "editAndShare", "edit", "none"] as const;
export type Role = (typeof ROLES)[number];

export const STORY_ACTIONS = ["view", "edit", "publish", "share", "changeShare", "helpers", "handOver", "delete"] as const;
export type StoryAction = (typeof STORY_ACTIONS)[number];

const HELPING: readonly StoryAction[] = ["view", "edit", "publish"];

const ALLOWED: Record<Role, readonly StoryAction[]> = {
  owner: STORY_ACTIONS,
  editAndShare: [...HELPING, "share", "changeShare"],
  edit: HELPING,
  none: [],
};

export function may(role: Role, action: StoryAction): boolean {
  return ALLOWED[role].includes(action);
}

/**
 * What a refused action answers: 404 to someone who may not see the story at
 * all (as if it were not there), 403 to someone who may see it but not do
 * this; null when the action is allowed.
 */
export function refusalFor(role: Role, action: StoryAction): 403 | 404 | null {
  if (may(role, action)) return null;
  return may(role, "view") ? 403 : 404;
}

/** What a helper may be invited to do: the two helper roles. */
export const HELPER_ROLES = ["edit", "editAndShare"] as const;
export type HelperRole = (typeof HELPER_ROLES)[number];

/**
 * The resident's role in a story: its owner, a helper with the permission
 * they accepted (`helperRole`, read with the story for this resident), or nobody.
 */
export function roleIn(story: { ownerId: string; helperRole?: HelperRole | null }, residentId: string): Role {
  if (story.ownerId === residentId) return "owner";
  return story.helperRole ?? "none";
}

/** The answers an invitation takes, and what whoever takes a story over may let its former owner do. */
export const INVITATION_ANSWERS = ["yes", "no"] as const;
export const FORMER_OWNER_CHOICES = [...HELPER_ROLES, "none"] as const;

/** How long an invitation to help or to take a story over can be accepted. */
export const INVITATION_DAYS = 14;

export function invitationExpiry(now: Date): Date {
  return new Date(now.getTime() + INVITATION_DAYS * 24 * 60 * 60 * 1000);
}

export type InvitationState = "waiting" | "expired" | "accepted" | "declined" | "withdrawn" | "removed";

/** Where an invitation stands at `now`: one not answered by its expiry can no longer be accepted. */
export function invitationState(invitation: { status: string; expiresAt: Date }, now: Date): InvitationState {
  if (invitation.status === "invited") return invitation.expiresAt > now ? "waiting" : "expired";
  return invitation.status as InvitationState;
}

/**
 * Whether this person may accept the invitation: it is waiting, it was sent
 * to the address they signed in with, and (to take a story over) whoever
 * invited them still owns the story.
 */
export function mayAccept(
  invitation: { status: string; expiresAt: Date; email: string; role: string; invitedBy: string },
  story: { ownerId: string },
  resident: { id: string; email: string },
  now: Date,
): "ok" | "not-waiting" | "other-address" | "owner-changed" | "already-owner" {
  if (invitationState(invitation, now) !== "waiting") return "not-waiting";
  if (invitation.email !== resident.email) return "other-address";
  if (story.ownerId === resident.id) return "already-owner";
  if (invitation.role === "owner" && story.ownerId !== invitation.invitedBy) return "owner-changed";
  return "ok";
}
