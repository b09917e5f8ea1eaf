import { may, type Role } from "./permissions";
import { storySections, type SectionContent, type SectionId, type StoryContent } from "#app/models/story-sections";

/**
 * The rules of consent, in one place. Pure functions of their inputs, so every
 * rule is tested directly (consent-rules.test.ts) and the journey, the
 * "Who has your story" actions, the sweep and the agency's page all ask here.
 */

const MAX_SHARE_MONTHS = 12;
export const SHARE_PERIODS = [3, 6, 12] as const;

/** Bumped whenever the declaration's words change; each record keeps the version and a hash of the exact words. */
export const CONSENT_WORDING_VERSION = "2026-12-01";

export type ShareState = "active" | "stopped" | "ended";

type StoryForSharing = { latestVersion: number | null; subject: { basis: string; dateOfBirth: string | null } };

/**
 * Only the owner, or a helper they let share, may share a story (`role` is the
 * person's, see permissions.ts), only once there is a published version to
 * share, and only while what lets the writer act for the person holds:
 * parental responsibility ends on the child's 16th birthday.
 */
export function mayShare(story: StoryForSharing, role: Role, now: Date): "ok" | "not-allowed" | "not-published" | "basis-ended" {
  if (!may(role, "share")) return "not-allowed";
  if (!story.latestVersion) return "not-published";
  const ends = basisEnds(story.subject);
  if (ends && ends <= now) return "basis-ended";
  return "ok";
}

/** When parental responsibility ends: the start (UTC) of the child's 16th birthday. Null for every other basis. */
export function basisEnds(subject: { basis: string; dateOfBirth: string | null }): Date | null {
  if (subject.basis !== "parental" || !subject.dateOfBirth) return null;
  const [year, month, day] = subject.dateOfBirth.split("-").map(Number);
  // Born on 29 February: 16 on 1 March in a year with no 29 February, as Date.UTC rolls it over.
  return new Date(Date.UTC(year + 16, month - 1, day));
}

/** How long before the end of parental responsibility the carer is told to review the story. */
export const BASIS_REVIEW_DAYS = 30;

/** Whether the carer should review what lets them act: from 30 days before parental responsibility ends. */
export function basisNeedsReview(subject: { basis: string; dateOfBirth: string | null }, now: Date): boolean {
  const ends = basisEnds(subject);
  return ends !== null && ends.getTime() - now.getTime() <= BASIS_REVIEW_DAYS * 24 * 60 * 60 * 1000;
}

/**
 * The sections an agency may see, in the story's own order, from what the
 * person ticked. Unknown ids are dropped. The person's name always goes with
 * any share (it is how the agency knows who it is about), so `about` is not a
 * choice about the name, only about the rest of that section.
 */
export function sectionsToShare(chosen: readonly string[]): SectionId[] {
  const wanted = new Set(chosen);
  return storySections.map((section) => section.id).filter((id) => wanted.has(id));
}

/** The state of a share at `now`, checked on every access: stopping wins, then the end date. */
export function shareState(share: { stoppedAt: Date | null; endsAt: Date }, now: Date): ShareState {
  if (share.stoppedAt) return "stopped";
  if (share.endsAt <= now) return "ended";
  return "active";
}

function addMonths(date: Date, months: number): Date {
  const result = new Date(date);
  const day = result.getUTCDate();
  result.setUTCMonth(result.getUTCMonth() + months);
  // 31 January + 1 month is the end of February, not 3 March.
  if (result.getUTCDate() !== day) result.setUTCDate(0);
  return result;
}

/** The last moment of sharing: the end of the chosen day (UTC), so "until 3 March" includes 3 March. */
function endOfDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), 23, 59, 59, 999));
}

export type EndChoice = { months: (typeof SHARE_PERIODS)[number] } | { date: Date };

/**
 * When a share ends: 3, 6 or 12 months from now, or a date the person gives,
 * which must be after today and no more than 12 months away.
 */
export function shareEndsAt(choice: EndChoice, now: Date): { ok: true; endsAt: Date } | { ok: false; reason: "past" | "too-far" } {
  if ("months" in choice) return { ok: true, endsAt: endOfDay(addMonths(now, choice.months)) };
  const endsAt = endOfDay(choice.date);
  if (endsAt <= endOfDay(now)) return { ok: false, reason: "past" };
  if (endsAt > endOfDay(addMonths(now, MAX_SHARE_MONTHS))) return { ok: false, reason: "too-far" };
  return { ok: true, endsAt };
}

/**
 * Which version an agency sees: the latest published one if the person asked
 * to keep it up to date, otherwise the one they agreed to share.
 */
export function versionShown(share: { version: number; keepUpToDate: boolean }, latestVersion: number): number {
  return share.keepUpToDate ? latestVersion : share.version;
}

/**
 * The last version a share that has stopped or ended showed: for one kept up
 * to date, the newest saved before it stopped (or reached its end date), so a
 * version saved since is never said to have been seen; otherwise the one agreed.
 */
export function lastVersionShown(
  share: { version: number; keepUpToDate: boolean; stoppedAt: Date | null; endsAt: Date },
  versions: readonly { version: number; publishedAt: Date }[],
): number {
  if (!share.keepUpToDate) return share.version;
  const until = share.stoppedAt ?? share.endsAt;
  return Math.max(share.version, ...versions.filter((saved) => saved.publishedAt < until).map((saved) => saved.version));
}

/**
 * What stopping does. Stopping a share that is already stopped or has ended
 * changes nothing (no new record, no email), so pressing the button twice is safe.
 */
export function stopping(state: ShareState): "stop" | "nothing-to-do" {
  return state === "active" ? "stop" : "nothing-to-do";
}

/**
 * Changing which parts are shared, or the end date, is only for a share that is
 * still active. A stopped or ended share cannot be brought back: the person
 * shares again, which asks for their consent afresh.
 */
export function mayChange(state: ShareState): boolean {
  return state === "active";
}

/** A new end date must be later than the current one (that is what "extend" means) and within the usual limits. */
export function extension(
  currentEndsAt: Date,
  choice: EndChoice,
  now: Date,
): { ok: true; endsAt: Date } | { ok: false; reason: "past" | "too-far" | "not-later" } {
  const result = shareEndsAt(choice, now);
  if (!result.ok) return result;
  if (result.endsAt <= currentEndsAt) return { ok: false, reason: "not-later" };
  return result;
}

/**
 * What an agency may read of a version: only the sections the person agreed
 * to share with it, in the story's order. Nothing else leaves the server: the
 * page, its data and its print view are all made from this. The person's name
 * goes with every share on its own (see `sectionsToShare`), not through here.
 */
export function sharedContent(content: StoryContent, sections: readonly string[]): StoryContent {
  const shared: StoryContent = {};
  for (const id of sectionsToShare(sections)) {
    if (content[id]) shared[id] = content[id];
  }
  return shared;
}

/**
 * The shared sections a professional has not seen as they are now: those that
 * differ from what the same person was shown last time, including any newly
 * shared. Nothing is marked on a first view.
 */
export function changedSince(current: StoryContent, previous: StoryContent | null): SectionId[] {
  if (!previous) return [];
  return storySections.map((section) => section.id).filter((id) => current[id] !== undefined && JSON.stringify(current[id]) !== JSON.stringify(previous[id]));
}

/** Something a professional must not do when getting in touch with the person. */
export type ContactCaution = "noContact" | "noMessages" | "notByPost";

/**
 * What a professional must not do when getting in touch, from what the person
 * agreed with this agency and what the "About you" it may read says: not
 * contact them at all; not leave a message someone where they live might see
 * or hear; not write to the address shown when letters are not a way they
 * agreed. The summary and its printout put these at the top, as a warning,
 * before any contact detail. `about` is the shared section (sharedContent), so
 * nothing withheld is used.
 */
export function contactCautions(contact: { allowed: boolean; methods: readonly string[] }, about: SectionContent | undefined): ContactCaution[] {
  const cautions: ContactCaution[] = [];
  if (!contact.allowed) cautions.push("noContact");
  if (about?.safeToLeaveMessages === "no") cautions.push("noMessages");
  const hasAddress = typeof about?.address === "string" && about.address.trim() !== "";
  if (hasAddress && !(contact.allowed && contact.methods.includes("letter"))) cautions.push("notByPost");
  return cautions;
}

/** How long a professional's verified access lasts in one browser, and how long they have to prove their address first. */
const ACCESS_HOURS = 8;
const PROVE_ADDRESS_MINUTES = 60;

export type AccessState = "unverified" | "verified" | "expired";

/** A browser's access to a share at `now`: expired once past its time, verified once the address is proven. */
export function accessState(access: { verifiedAt: Date | null; expiresAt: Date }, now: Date): AccessState {
  if (access.expiresAt <= now) return "expired";
  return access.verifiedAt ? "verified" : "unverified";
}

/** When access runs out: 8 hours after the address is proven, or an hour after the link is opened. */
export function accessExpiresAt(now: Date, verified: boolean): Date {
  return new Date(now.getTime() + (verified ? ACCESS_HOURS * 60 : PROVE_ADDRESS_MINUTES) * 60 * 1000);
}

/**
 * Whether an address may prove it works at an agency: it is at one of the
 * agency's domains, exactly, so "nhs.net" does not admit "evil-nhs.net" or
 * "nhs.net.example"; or it is one of the single `addresses` the agency lists
 * (for agencies that share a domain with others), exactly, in any case.
 */
export function atAgencyDomain(email: string, domains: readonly string[], addresses: readonly string[] = []): boolean {
  const at = email.lastIndexOf("@");
  if (at < 1) return false;
  const domain = email.slice(at + 1).toLowerCase();
  const whole = email.toLowerCase();
  return domains.some((allowed) => allowed.toLowerCase() === domain) || addresses.some((allowed) => allowed.toLowerCase() === whole);
}
