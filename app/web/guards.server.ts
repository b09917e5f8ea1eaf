import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import type { Language } from "#app/i18n/i18n";
import { languageFor, pageTranslations } from "#app/i18n/i18n.server";
import { UUID } from "#app/lib/uuid";
import { sha256 } from "#app/lib/sha256.server";
import { findAgenciesByIds, findAgency, type Agency } from "#app/models/agency.server";
import { recordAuditEvent } from "#app/models/audit.server";
import { findInvitation, invitationsOfStory } from "#app/models/invitation.server";
import { setResidentLanguage } from "#app/models/resident.server";
import { findShareForOwner } from "#app/models/share.server";
import { findShareAccess } from "#app/models/share-access.server";
import { findStory, findVersion, type OwnedStory, type StoryForResident } from "#app/models/story.server";
import { findPage, findSection, NEW_STORY, storySections } from "#app/models/story-sections";
import { sharedStoryPath, sharePath, staffPaths } from "#app/paths";
import type { ShareAction } from "#app/services/sharing/changes.server";
import { accessState, mayShare, shareState } from "#app/services/sharing/consent-rules";
import { invitationState, mayAccept, refusalFor, roleIn, type Role, type StoryAction } from "#app/services/sharing/permissions";
import { ownerName } from "#app/services/helpers.server";
import { backPath, emptyChoices, shareChoices, skippedStep, type JourneyStep, type ShareChoices } from "#app/services/sharing/journey.server";
import { goneBody, type SharedAccess } from "#app/services/sharing/shared-story.server";
import { noFormHere, refusal, type ErrorDetail } from "./layout.server";
import { staffSessionState, type SignedInStaff } from "#app/services/staff/session.server";
import { clearSessionCookie, clearStaffSessionCookie, sessionState, shareAccessToken, type SignedIn } from "./session.server";

/*
 * Every guard a loader or an action calls to decide who may see or do what,
 * in one place: a route imports its guards from here and nowhere else. Each
 * answers what it checked, or throws the page that says no: a redirect (to
 * sign in, to a step skipped) or a refusal made by `refusal` in
 * layout.server.ts, the one way to refuse. Someone else's story, share or
 * version, and anything an address names that is not there, answer 404
 * whatever the reason, so an id reveals nothing. The lookups are the models'
 * and services'; the guards only compose them.
 *
 * Who may do what with a story is the permission matrix beside the consent
 * rules (app/services/sharing/permissions.ts): every story guard names the
 * action its page takes and asks it.
 */

// A resident, and what they own.

/**
 * The signed-in resident; someone signed out is redirected to sign in and
 * brought back to this page. A form posted in the other language makes that
 * the account's language, so emails follow the language the person uses (a
 * GET never writes).
 */
export async function requireResident(request: Request): Promise<SignedIn> {
  const state = await sessionState(request);
  if (state && "resident" in state) {
    const language = languageFor(request);
    if (request.method !== "GET" && request.method !== "HEAD" && language !== state.resident.language) {
      await setResidentLanguage(state.resident.id, language);
      state.resident.language = language;
    }
    return state;
  }
  const url = new URL(request.url);
  const params = new URLSearchParams({ returnTo: url.pathname });
  if (state && "ended" in state) params.set(state.ended, "1");
  throw redirect(`/sign-in?${params.toString()}`, { headers: { "Set-Cookie": clearSessionCookie() } });
}

/** The action of a signed-in resident's page that takes no form: 405, once signed in. */
export async function residentPageTakesNoForm(args: ActionFunctionArgs): Promise<never> {
  await requireResident(args.request);
  return noFormHere(args);
}

/**
 * The story, if the permission matrix (permissions.ts) lets the signed-in
 * resident take `action` on it. Someone it does not let see the story gets
 * 404, exactly as for a story that does not exist; someone who may see it but
 * not do this gets 403. Someone signed out is sent to sign in first.
 */
export async function requireStory(
  request: Request,
  storyId: string | undefined,
  action: StoryAction = "view",
): Promise<SignedIn & { story: StoryForResident; role: Role }> {
  const signedIn = await requireResident(request);
  const story = storyId && UUID.test(storyId) ? await findStory(storyId, signedIn.resident.id) : undefined;
  const role = story ? roleIn(story, signedIn.resident.id) : "none";
  const refused = story ? refusalFor(role, action) : 404;
  if (refused === 404) {
    // Someone trying another person's story is worth knowing about; the id says nothing about its content.
    if (story) await recordAuditEvent("story_access_refused", { resident: signedIn.resident.id, story: story.id });
    throw await refusal(request, 404);
  }
  if (refused === 403 || !story) throw await refusal(request, 403);
  return { ...signedIn, story, role };
}

/** A published version of an owned story, from its number in the address, or 404. */
export async function requireVersion(request: Request, story: OwnedStory, param: string | undefined) {
  const version = param && /^[1-9]\d{0,8}$/.test(param) ? await findVersion(story.id, Number(param)) : undefined;
  if (!version) throw await refusal(request, 404);
  return version;
}

/**
 * The action of a story page that takes no form, where seeing the page is
 * `action`: whoever may see it gets 405 (not understood), someone who may see
 * the story but not the page 403, anyone else 404 (not there).
 */
export function storyPageTakesNoFormFor(action: StoryAction) {
  return async ({ request, params }: ActionFunctionArgs): Promise<never> => {
    await requireStory(request, params.storyId, action);
    throw await refusal(request, 405);
  };
}

/** The action of a story page anyone who may see the story may see, which takes no form. */
export const storyPageTakesNoForm = storyPageTakesNoFormFor("view");

/** The section and question page an address names, or 404. */
export async function requirePage(request: Request, params: { section?: string; page?: string }) {
  const section = findSection(params.section);
  const page = section ? findPage(section, params.page) : undefined;
  if (!section || !page) throw await refusal(request, 404);
  return { section, page };
}

/**
 * What a question page writes to: a story the resident owns and the page the
 * address names, or at /stories/new/about no story yet (its first save makes
 * one); otherwise 404. A story not yet made has only that first question.
 */
export async function requireStoryToWrite(request: Request, params: { storyId?: string; section?: string; page?: string }) {
  if (params.storyId !== NEW_STORY) return { ...(await requireStory(request, params.storyId, "edit")), ...(await requirePage(request, params)) };
  const signedIn = await requireResident(request);
  const { section, page } = await requirePage(request, params);
  if (section !== storySections[0] || page !== section.pages[0]) throw await refusal(request, 404);
  return { ...signedIn, story: null, section, page };
}

/** One share of an owned story, from its id in the address, or 404: a share of any other story is not there. */
export async function requireOwnShare(request: Request, story: OwnedStory, param: string | undefined) {
  const found = param && UUID.test(param) ? await findShareForOwner(story.id, param) : undefined;
  if (!found) throw await refusal(request, 404);
  return found;
}

/**
 * The guard of every page about one share: the owner's story and a share of
 * it (else 404, GET and POST alike), with the share's state now and the
 * ShareAction its buttons take.
 */
export async function requireShareOfOwnStory(request: Request, params: { storyId?: string; shareId?: string }) {
  const { story, resident } = await requireStory(request, params.storyId, "changeShare");
  const found = await requireOwnShare(request, story, params.shareId);
  const lang = languageFor(request);
  const action: ShareAction = { story, residentId: resident.id, shareId: found.share.id, lang, request };
  return { ...found, story, lang, action, state: shareState(found.share, new Date()) };
}

/**
 * A helper or an invitation still current (waiting, or accepted and not
 * removed) of a story the resident may manage helpers of, from its id in the
 * address, or 404: an ended one, or one of any other story, is not there.
 */
export async function requireInvitationOfStory(request: Request, params: { storyId?: string; invitationId?: string }) {
  const signedIn = await requireStory(request, params.storyId, "helpers");
  const id = params.invitationId;
  const invitation = id && UUID.test(id) ? (await invitationsOfStory(signedIn.story.id)).find((row) => row.id === id) : undefined;
  const state = invitation ? invitationState(invitation, new Date()) : undefined;
  if (!invitation || (state !== "waiting" && state !== "accepted")) throw await refusal(request, 404);
  return { ...signedIn, invitation };
}

/** A story the resident may hand over, written for someone else (a story about the writer has nobody to hand it to), or 404. */
export async function requireStoryToHandOver(request: Request, storyId: string | undefined) {
  const signedIn = await requireStory(request, storyId, "handOver");
  if (signedIn.story.subject.basis === "self") throw await refusal(request, 404);
  return signedIn;
}

/**
 * An invitation from its id in the address, for the signed-in resident (or 404
 * when there is none), with where it stands for them: `waiting` to be answered
 * (with who invited them and whom the story is about), `accepted` by them
 * already, `other-address` when it was sent to another address (nothing of the
 * story is told), or `gone` (expired, withdrawn, answered, or the story has changed hands).
 */
export async function requireInvitation(request: Request, invitationId: string | undefined) {
  const signedIn = await requireResident(request);
  const found = invitationId && UUID.test(invitationId) ? await findInvitation(invitationId) : undefined;
  if (!found) throw await refusal(request, 404);
  const { invitation, story, subject } = found;
  const { resident } = signedIn;
  if (invitation.email !== resident.email) return { ...signedIn, state: "other-address" as const };
  if (invitation.status === "accepted" && invitation.residentId === resident.id) return { ...signedIn, state: "accepted" as const, story };
  if (mayAccept(invitation, story, resident, new Date()) !== "ok") return { ...signedIn, state: "gone" as const };
  const inviter = await ownerName({ id: story.id, subject });
  const about = subject.basis === "self" ? inviter : (subject.name ?? "");
  return { ...signedIn, state: "waiting" as const, invitation, story, inviter, about };
}

// The share journey, before the person agrees.

/**
 * The guard of every share page after the first: the owner's story (else 404)
 * with the choices so far; a story with no version to share redirects to the
 * first page, which explains.
 */
export async function requireShareJourney(request: Request, storyId: string | undefined) {
  const signedIn = await requireStory(request, storyId, "share");
  if (mayShare(signedIn.story, signedIn.role, new Date()) !== "ok") throw redirect(sharePath(signedIn.story.id));
  const draft = await shareChoices(signedIn.story.id);
  return { ...signedIn, draft, choices: draft ?? emptyChoices() };
}

export type ShareJourney = Awaited<ReturnType<typeof requireShareJourney>>;

/**
 * The guard of a share page's loader after the first page: requireShareJourney,
 * then every earlier page answered (else a redirect to the first one skipped),
 * with where the page's Back link goes.
 */
export async function requireShareStep(request: Request, storyId: string | undefined, step: JourneyStep) {
  const journey = await requireShareJourney(request, storyId);
  requireEarlierSteps(journey.story.id, journey.choices, step);
  return { ...journey, backHref: backPath(journey.story.id, journey.choices, step) };
}

/** Nothing, if every page before `step` is answered; otherwise a redirect to the first one skipped. */
export function requireEarlierSteps(storyId: string, choices: ShareChoices, step: JourneyStep | "check"): void {
  const skipped = skippedStep(storyId, choices, step);
  if (skipped) throw redirect(skipped);
}

/** An agency the person chose, from the address, or 404: an address names nothing else. */
export async function requireChosenAgency(request: Request, choices: ShareChoices, agencyId: string | undefined): Promise<Agency> {
  const agency = agencyId && choices.agencies.includes(agencyId) ? (await findAgenciesByIds([agencyId]))[0] : undefined;
  if (!agency) throw await refusal(request, 404);
  return agency;
}

// A professional reading a share under /shared/:shareId.

/**
 * This browser's access to the share: without it 404 "This story is not open
 * on this device" (reading finished here, a link never opened here, cookies
 * cleared, a new link sent, someone else's share or a made-up id all get the
 * same words, so nothing says whether the share exists); a stopped or ended
 * share 410 at once, inside the 8 hours too; access run out 401 "open the link again".
 */
export async function requireSharedAccess(request: Request, shareId: string | undefined, lang: Language, now = new Date()): Promise<SharedAccess> {
  const token = shareId && UUID.test(shareId) ? shareAccessToken(request, shareId) : null;
  const found = token ? await findShareAccess(sha256(token)) : undefined;
  if (!found || found.share.id !== shareId) throw await refusal(request, 404, { notOpenHere: true } satisfies ErrorDetail);
  const gone = goneBody(found.share, lang, now);
  if (gone) throw await refusal(request, 410, gone);
  const state = accessState(found.access, now);
  if (state === "expired") throw await refusal(request, 401);
  return { ...found, state, lang, token: token!, request };
}

/** As requireSharedAccess, for pages that show the story; a browser that has not proven an address is redirected to do so. */
export async function requireVerifiedAccess(
  request: Request,
  shareId: string | undefined,
  lang: Language,
  now = new Date(),
): Promise<SharedAccess & { access: { email: string } }> {
  const found = await requireSharedAccess(request, shareId, lang, now);
  if (found.state !== "verified" || !found.access.email) throw redirect(sharedStoryPath(found.share.id, "email"));
  return found as SharedAccess & { access: { email: string } };
}

// The council's staff, in the staff area under /staff.

/**
 * The signed-in member of staff (ADMIN_EMAILS): a staff session, never a
 * resident's, whatever else the browser holds. Anyone else is sent to the
 * staff area's own sign-in page and brought back here afterwards, told why
 * when a session they had has ended.
 */
export async function requireStaff(request: Request): Promise<SignedInStaff> {
  const state = await staffSessionState(request);
  if (state && "staff" in state) return state;
  const url = new URL(request.url);
  const params = new URLSearchParams({ returnTo: request.method === "GET" ? `${url.pathname}${url.search}` : url.pathname });
  if (state && "ended" in state) params.set(state.ended, "1");
  throw redirect(`${staffPaths.signIn}?${params.toString()}`, { headers: { "Set-Cookie": clearStaffSessionCookie() } });
}

/** The loader of a staff page that needs only its words: a form to fill in. */
export async function staffFormPage({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return pageTranslations(request, "staff");
}

/** The member of staff, and the agency an address in the staff area names (active or not), or 404. */
export async function requireStaffAgency(request: Request, agencyId: string | undefined): Promise<SignedInStaff & { agency: Agency }> {
  const signedIn = await requireStaff(request);
  const agency = agencyId && UUID.test(agencyId) ? await findAgency(agencyId) : undefined;
  if (!agency) throw await refusal(request, 404);
  return { ...signedIn, agency };
}
