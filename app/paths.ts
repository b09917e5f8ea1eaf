/** The addresses of the portal's pages, for links, redirects and forms. Safe for the browser. */

/** The query that brings someone back to `returnTo` once signed in, or none. */
export function returnToQuery(returnTo: string | null): string {
  return returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : "";
}

export function storyPath(storyId: string): string {
  return `/stories/${storyId}`;
}

export type ShareStep = "how-long" | "updates" | "contact" | "check" | "agree";

/** The journey's pages: choosing agencies is `/share` itself. */
export function sharePath(storyId: string, step?: ShareStep): string {
  return step ? `${storyPath(storyId)}/share/${step}` : `${storyPath(storyId)}/share`;
}

export function partsPath(storyId: string, agencyId: string): string {
  return `${storyPath(storyId)}/share/parts/${agencyId}`;
}

/** What was just done to one share, which "Who has your story" then says. */
export type ShareDone = { done: "stopped" | "changed" | "extended"; share: string };

/** "Who has your story": every share of a story, where each can be stopped; after a change, with what was done (`?done=stopped&share=<id>`). */
export function sharesPath(storyId: string, done?: ShareDone): string {
  const path = `${storyPath(storyId)}/shares`;
  return done ? `${path}?done=${done.done}&share=${done.share}` : path;
}

export function receiptPath(storyId: string, shareId: string): string {
  return `${sharesPath(storyId)}/${shareId}/receipt`;
}

type SharedStoryPage = "email" | "code" | "summary" | "received" | "finish";

/** Where a professional reads a shared story, once the link has been exchanged for a cookie: /shared/:shareId/… */
export function sharedStoryPath(shareId: string, page: SharedStoryPage): string {
  return `/shared/${shareId}/${page}`;
}

/** Who helps with a story, and the invitations waiting: the owner's page. */
export function helpersPath(storyId: string): string {
  return `${storyPath(storyId)}/helpers`;
}

/** Where an invitation to help with a story, or to take it over, is answered. */
export function invitationPath(invitationId: string): string {
  return `/invitations/${invitationId}`;
}

/** The staff area's pages (ADMIN_EMAILS only). */
export const staffPaths = {
  home: "/staff",
  signIn: "/staff/sign-in",
  checkEmail: "/staff/sign-in/check-email",
  signOut: "/staff/sign-out",
  signedOut: "/staff/signed-out",
  agencies: "/staff/agencies",
  newAgency: "/staff/agencies/new",
  importAgencies: "/staff/agencies/import",
  agency: (agencyId: string) => `/staff/agencies/${agencyId}`,
  figures: "/staff/figures",
  figuresCsv: "/staff/figures.csv",
  audit: "/staff/audit",
} as const;
