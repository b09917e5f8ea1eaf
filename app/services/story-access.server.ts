import type { ActionFunctionArgs } from "@remix-run/node";
import { recordAuditEvent } from "#app/models/audit.server";
import { findShareForOwner } from "#app/models/share.server";
import { findOwnedStory, findVersion, storyExists, type OwnedStory } from "#app/models/story.server";
import { findPage, findSection, NEW_STORY, storySections } from "#app/models/story-sections";
import { refusal } from "#app/web/layout.server";
import { requireResident, type SignedIn } from "#app/web/session.server";

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The story, if the signed-in resident owns it. Anyone else gets "Page not
 * found", exactly as for a story that does not exist, so an id reveals nothing.
 * Someone signed out is sent to sign in first.
 */
export function requireOwnStory(request: Request, storyId: string | undefined): SignedIn & { story: OwnedStory } {
  const signedIn = requireResident(request);
  const story = storyId && UUID.test(storyId) ? findOwnedStory(storyId, signedIn.resident.id) : undefined;
  if (!story) {
    // Someone trying another person's story is worth knowing about; the id says nothing about its content.
    if (storyId && UUID.test(storyId) && storyExists(storyId)) {
      recordAuditEvent("story_access_refused", { resident: signedIn.resident.id, story: storyId });
    }
    throw refusal(request, 404);
  }
  return { ...signedIn, story };
}

/** A published version of an owned story, from its number in the address, or 404. */
export function requireVersion(story: OwnedStory, param: string | undefined) {
  const version = param && /^[1-9]\d{0,8}$/.test(param) ? findVersion(story.id, Number(param)) : undefined;
  if (!version) throw new Response(null, { status: 404 });
  return version;
}

/**
 * The action of a story page that takes no form: the owner is told the request
 * was not understood, anyone else that the page is not there.
 */
export function storyPageTakesNoForm({ request, params }: ActionFunctionArgs): never {
  requireOwnStory(request, params.storyId);
  throw refusal(request, 405);
}

/** The section and question page an address names, or 404. */
export function requirePage(request: Request, params: { section?: string; page?: string }) {
  const section = findSection(params.section);
  const page = section ? findPage(section, params.page) : undefined;
  if (!section || !page) throw refusal(request, 404);
  return { section, page };
}

/**
 * What a question page writes to: a story the resident owns and the page the
 * address names, or at /stories/new/about no story yet (its first save makes
 * one). A story not yet made has only that first question: any other page of
 * it is not there.
 */
export function requireStoryToWrite(request: Request, params: { storyId?: string; section?: string; page?: string }) {
  if (params.storyId !== NEW_STORY) return { ...requireOwnStory(request, params.storyId), ...requirePage(request, params) };
  const signedIn = requireResident(request);
  const { section, page } = requirePage(request, params);
  if (section !== storySections[0] || page !== section.pages[0]) throw refusal(request, 404);
  return { ...signedIn, story: null, section, page };
}

/** One share of an owned story, from its id in the address, or 404: a share of any other story is not there. */
export function requireOwnShare(request: Request, story: OwnedStory, param: string | undefined) {
  const found = param && UUID.test(param) ? findShareForOwner(story.id, param) : undefined;
  if (!found) throw refusal(request, 404);
  return found;
}
