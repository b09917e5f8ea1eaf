import { formatDate, formatDateTime } from "#app/i18n/dates";
import type { Language } from "#app/i18n/i18n";
import { serverT } from "#app/i18n/i18n.server";
import { repliesOfStory, viewsOfStory, type ShareView } from "#app/models/access-log.server";
import { agencyName, agencyNamesForEmail, type Agency } from "#app/models/agency.server";
import { recordAuditEvent } from "#app/models/audit.server";
import { consentRecordsOf, insertConsentRecord, type ConsentRecord } from "#app/models/consent.server";
import { queueEmail } from "#app/services/mail/templates.server";
import { newToken } from "#app/models/session.server";
import { findShareForOwner, sharesOfStory, updateShare, type ShareWithAgency } from "#app/models/share.server";
import { deleteAccessToShare } from "#app/models/share-access.server";
import { partNames } from "#app/i18n/story-words";
import { versionsOf, type OwnedStory } from "#app/models/story.server";
import {
  CONSENT_WORDING_VERSION,
  extension,
  lastVersionShown,
  mayChange,
  sectionsToShare,
  shareState,
  stopping,
  versionShown,
  type ShareState,
} from "#app/services/sharing/consent-rules";
import { dateField, howLongValues, partsSchema, validateHowLong } from "#app/services/sharing/forms.server";
import { emailShareLink, sharePurpose } from "#app/services/sharing/shares.server";
import { validateForm } from "#app/web/form.server";
import { refusal } from "#app/web/layout.server";
import type { FormError, FormValues } from "#app/web/form";
import { db, type Tx } from "#db/client.server";
import { sha256 } from "#app/lib/sha256.server";
import type { Localised } from "#app/i18n/localised";

export type VersionAudienceNames = { following: Localised[]; fixed: Localised[] };

/**
 * What a person can do to a share after agreeing to it, from "Who has your
 * story": stop it, change its parts, extend it, send a new link. Each is one
 * transaction holding the change, its consent record (never an edit of an old
 * one), its email and its audit event. And what publishing a new version tells
 * the agencies that follow the story.
 */

/**
 * One of these actions, by the story's owner (the route has checked, with
 * requireShareOfOwnStory), and the request it answers, refused if the share
 * has gone by the time the action runs.
 */
export type ShareAction = { story: OwnedStory; residentId: string; shareId: string; lang: Language; request: Request; now?: Date };

/** Words a person agrees to, as shown and as kept: the record stores `wording` and its `wordingHash`. */
type Agreement = { wording: string; wordingHash: string };

const agreement = (wording: string): Agreement => ({ wording, wordingHash: sha256(wording) });

/**
 * The access log as the person reads it, newest first. Views one after another
 * by the same address, of the same version, in the same minute (a reload, a
 * change of language) make one line that says how many times; the log itself
 * keeps every one.
 */
export function viewLines(views: readonly ShareView[], lang: Language) {
  const lines: { id: number; email: string; when: string; version: number; times: number }[] = [];
  for (const view of views) {
    const when = formatDateTime(view.viewedAt, lang);
    const last = lines.at(-1);
    if (last && last.email === view.email && last.version === view.version && last.when === when) last.times += 1;
    else lines.push({ id: view.id, email: view.email, when, version: view.version, times: 1 });
  }
  return lines;
}

/**
 * "Who has your story": each share as the person sees it now, its state worked
 * out at this moment, with every time a professional opened it and every reply.
 * The version is the one an active share shows, or the last one a stopped or
 * ended share showed.
 */
export async function sharesOverview(story: Pick<OwnedStory, "id" | "latestVersion">, lang: Language, now = new Date()) {
  const views = await viewsOfStory(story.id);
  const replies = await repliesOfStory(story.id);
  const saved = await versionsOf(story.id);
  return (await sharesOfStory(story.id)).map(({ share, agency }) => {
    const state = shareState(share, now);
    return {
      id: share.id,
      agency: agencyName(agency, lang),
      state,
      sections: sectionsToShare(share.sections),
      endsOn: formatDate(share.endsAt, lang),
      stoppedOn: share.stoppedAt ? formatDate(share.stoppedAt, lang) : null,
      version: state === "active" ? versionShown(share, story.latestVersion ?? share.version) : lastVersionShown(share, saved),
      keepUpToDate: share.keepUpToDate,
      sharedBy: share.createdBy,
      views: viewLines(
        views.filter((view) => view.shareId === share.id),
        lang,
      ),
      replies: replies
        .filter((reply) => reply.shareId === share.id)
        .map((reply) => ({
          id: reply.id,
          name: reply.name,
          role: reply.role,
          email: reply.email,
          message: reply.message,
          when: formatDateTime(reply.createdAt, lang),
        })),
    };
  });
}

/** The words of the "Stop sharing" page: the page shows them and the withdrawal record keeps them. */
export function stopWords(lang: Language, agency: Pick<Agency, "name" | "nameCy">) {
  const t = serverT(lang, "sharing");
  const name = agencyName(agency, lang).text;
  const words = {
    heading: t("sharing:stop.heading", { agency: name }),
    warning: t("sharing:stop.warning"),
    tell: t("sharing:stop.tell", { agency: name }),
    button: t("sharing:stop.button"),
  };
  return { ...words, ...agreement([words.heading, words.warning, words.tell, words.button].join("\n")) };
}

/** "You are agreeing to…" on the page that changes the parts: the agency, the end date and the purpose stay as they were. */
export function changePartsWords(lang: Language, { share, agency }: ShareWithAgency): Agreement {
  const t = serverT(lang, "sharing");
  return agreement(
    t("sharing:changeParts.agreeing", { agency: agencyName(agency, lang).text, date: formatDate(share.endsAt, lang), purpose: sharePurpose(lang, agency) }),
  );
}

/** "You are agreeing to…" on the page that extends a share: the parts and the purpose stay as they were. */
export function extendWords(lang: Language, { share, agency }: ShareWithAgency): Agreement {
  const t = serverT(lang, "sharing", "story");
  const parts = partNames(t, sectionsToShare(share.sections)).join(", ");
  return agreement(t("sharing:extend.agreeing", { agency: agencyName(agency, lang).text, purpose: sharePurpose(lang, agency), parts }));
}

/** The share, read again inside the transaction: between the page and the button, it may have changed, or gone (404). */
async function shareIn(tx: Tx, { story, shareId, request }: ShareAction): Promise<ShareWithAgency> {
  const found = await findShareForOwner(story.id, shareId, tx);
  if (!found) throw await refusal(request, 404);
  return found;
}

/** A new record with the share's terms, bar what changed, in the language of its words: the old records stay exactly as they were. */
async function appendRecord(
  tx: Tx,
  { story, residentId, lang, now }: Required<Omit<ShareAction, "shareId" | "request">>,
  { share, agency }: ShareWithAgency,
  kind: ConsentRecord["kind"],
  words: Agreement,
  changes: { sections?: string[]; endsAt?: Date } = {},
): Promise<string> {
  return insertConsentRecord(tx, {
    shareId: share.id,
    kind,
    agreedBy: residentId,
    subjectId: story.subject.id,
    basis: story.subject.basis,
    agencyId: share.agencyId,
    sections: changes.sections ?? share.sections,
    purpose: sharePurpose(lang, agency),
    wording: words.wording,
    wordingVersion: CONSENT_WORDING_VERSION,
    wordingHash: words.wordingHash,
    language: lang,
    method: "online",
    endsAt: changes.endsAt ?? share.endsAt,
    recordedAt: now,
  });
}

/**
 * Stops a share at once: the agency's link stops working, a `withdrawn` record
 * keeps the words of the page, and the agency's inbox is told (never what the
 * story says). A share already stopped or ended is left exactly as it is.
 */
export async function stopSharing(action: ShareAction): Promise<"stopped" | "nothing-to-do"> {
  const { story, residentId, lang, now = new Date() } = action;
  return db.transaction(async (tx) => {
    const found = await shareIn(tx, action);
    const { share, agency } = found;
    if (stopping(shareState(share, now)) === "nothing-to-do") return "nothing-to-do";
    await updateShare(tx, share.id, { status: "stopped", stoppedAt: now }, now);
    const consent = await appendRecord(tx, { story, residentId, lang, now }, found, "withdrawn", stopWords(lang, agency));
    await queueEmail(tx, {
      to: agency.contactEmail,
      template: "share-stopped",
      language: lang,
      personalisation: { ...agencyNamesForEmail(agency), sharedOn: share.createdAt.toISOString() },
    });
    await recordAuditEvent("share_stopped", { resident: residentId, story: story.id, share: share.id, agency: agency.id, consent }, tx);
    return "stopped";
  });
}

export type ChangeOutcome =
  | { ok: true; changed: boolean; endsAt?: Date }
  | { ok: false; reason: "not-active"; state: ShareState }
  | { ok: false; errors: FormError[]; values: FormValues };

/** The form's `shown` field is the hash of the words the page showed: if they would now differ, the person reads them again. */
function shownWordsDiffer(form: FormData, words: Agreement): boolean {
  return form.get("shown") !== words.wordingHash;
}

/** Changes which parts an active share shows, with a `changed` record. Ticking the same parts again changes nothing. */
export async function changeParts(action: ShareAction & { form: FormData }): Promise<ChangeOutcome> {
  const { story, residentId, lang, form, now = new Date() } = action;
  return db.transaction(async (tx): Promise<ChangeOutcome> => {
    const found = await shareIn(tx, action);
    const state = shareState(found.share, now);
    if (!mayChange(state)) return { ok: false, reason: "not-active", state };
    const result = validateForm(partsSchema, form);
    if (!result.ok) return result;
    const words = changePartsWords(lang, found);
    if (shownWordsDiffer(form, words)) return { ok: false, errors: [{ field: "parts", message: "sharing:changeParts.errors.changed" }], values: result.values };
    const sections = sectionsToShare(result.data.parts);
    if (sections.join() === sectionsToShare(found.share.sections).join()) return { ok: true, changed: false };
    await updateShare(tx, found.share.id, { sections }, now);
    const consent = await appendRecord(tx, { story, residentId, lang, now }, found, "changed", words, { sections });
    await recordAuditEvent("share_changed", { resident: residentId, story: story.id, share: found.share.id, consent }, tx);
    return { ok: true, changed: true };
  });
}

/** Moves an active share's end date later (consent-rules' `extension`), with an `extended` record. */
export async function extendSharing(action: ShareAction & { form: FormData }): Promise<ChangeOutcome> {
  const { story, residentId, lang, form, now = new Date() } = action;
  const values = howLongValues(form);
  return db.transaction(async (tx): Promise<ChangeOutcome> => {
    const found = await shareIn(tx, action);
    const state = shareState(found.share, now);
    if (!mayChange(state)) return { ok: false, reason: "not-active", state };
    const read = validateHowLong(values, now, lang);
    if (!read.ok) return read;
    const words = extendWords(lang, found);
    if (shownWordsDiffer(form, words)) return { ok: false, errors: [{ field: "endsIn", message: "sharing:extend.errors.changed" }], values };
    const extended = extension(found.share.endsAt, read.choice, now);
    if (!extended.ok) {
      const field = "months" in read.choice ? "endsIn" : dateField("day");
      return { ok: false, errors: [{ field, message: "sharing:extend.errors.notLater", params: { date: formatDate(found.share.endsAt, lang) } }], values };
    }
    await updateShare(tx, found.share.id, { endsAt: extended.endsAt }, now);
    const consent = await appendRecord(tx, { story, residentId, lang, now }, found, "extended", words, { endsAt: extended.endsAt });
    await recordAuditEvent("share_extended", { resident: residentId, story: story.id, share: found.share.id, consent }, tx);
    return { ok: true, changed: true, endsAt: extended.endsAt };
  });
}

/**
 * A new link for an active share: only the new token's hash is kept, so the
 * old link stops working at once, and every browser that came in through it,
 * proven or not, loses its access (a link sent to the wrong person must not
 * leave them reading). The agency's inbox gets the new link; it is returned
 * once for the page and kept nowhere else.
 */
export async function sendNewLink(action: ShareAction): Promise<{ ok: true; link: string } | { ok: false; reason: "not-active"; state: ShareState }> {
  const { story, residentId, lang, now = new Date() } = action;
  return db.transaction(async (tx) => {
    const { share, agency } = await shareIn(tx, action);
    const state = shareState(share, now);
    if (!mayChange(state)) return { ok: false, reason: "not-active", state } as const;
    const { token, hash } = newToken();
    await updateShare(tx, share.id, { tokenHash: hash }, now);
    const accessEnded = await deleteAccessToShare(tx, share.id);
    const link = await emailShareLink(tx, agency, token, share.endsAt, lang);
    await recordAuditEvent("share_link_replaced", { resident: residentId, story: story.id, share: share.id, agency: agency.id, accessEnded }, tx);
    return { ok: true, link } as const;
  });
}

/**
 * Who sees a version saved at `now`: the active shares kept up to date see it
 * (and are told), the other active shares keep the version agreed, and a share
 * that has stopped or ended sees nothing. The pages before and after saving
 * say this, and the emails follow it, so what the person reads is what happens.
 */
async function newVersionAudience(storyId: string, now: Date, tx: Tx = db): Promise<{ following: ShareWithAgency[]; fixed: ShareWithAgency[] }> {
  const active = (await sharesOfStory(storyId, tx)).filter(({ share }) => shareState(share, now) === "active");
  return { following: active.filter(({ share }) => share.keepUpToDate), fixed: active.filter(({ share }) => !share.keepUpToDate) };
}

/** The agencies' names for the pages before and after saving a version, each once (an agency may have been shared with twice). */
export async function newVersionAudienceNames(storyId: string, lang: Language, now = new Date()): Promise<VersionAudienceNames> {
  const { following, fixed } = await newVersionAudience(storyId, now);
  const names = (shares: ShareWithAgency[]) => [...new Map(shares.map(({ agency }) => [agency.id, agencyName(agency, lang)])).values()];
  return { following: names(following), fixed: names(fixed) };
}

/**
 * Part of saving a new version, in its transaction: each agency that asked to
 * keep up to date and can still open the story gets one "updated" email, in
 * the language it was last written to in. The others keep the version agreed.
 */
export async function tellAgenciesOfNewVersion(tx: Tx, storyId: string, now: Date): Promise<void> {
  for (const found of (await newVersionAudience(storyId, now, tx)).following) await tellAgency(tx, found, "share-updated");
}

/**
 * Emails an agency's inbox about one of its shares, naming it only by the
 * agency and the day it was shared, first in the language the person last
 * agreed in (the email is in both).
 */
export async function tellAgency(
  tx: Tx,
  { share, agency }: Pick<ShareWithAgency, "agency"> & { share: Pick<ShareWithAgency["share"], "id" | "createdAt"> },
  template: "share-updated" | "share-stopped" | "story-handed-over",
): Promise<void> {
  const language = (await consentRecordsOf(share.id, tx)).at(-1)?.language ?? "en";
  await queueEmail(tx, {
    to: agency.contactEmail,
    template,
    language,
    personalisation: { ...agencyNamesForEmail(agency), sharedOn: share.createdAt.toISOString() },
  });
}
