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

/** The resident's role in a story. Helpers are the next roles to be given; until then, the owner or nobody. */
export function roleIn(story: { ownerId: string }, residentId: string): Role {
  return story.ownerId === residentId ? "owner" : "none";
}
