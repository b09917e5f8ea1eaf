import type { ErrorDetail } from "#app/web/layout.server";
import { formatDate, formatDateTime } from "#app/i18n/dates";
import type { Language } from "#app/i18n/i18n";
import { serverT } from "#app/i18n/i18n.server";
import { insertReply, lastViewBy, recordView } from "#app/models/access-log.server";
import { recordAuditEvent, recordAuditEventOncePerWindow } from "#app/models/audit.server";
import { queueEmail } from "#app/services/mail/templates.server";
import { connectionOf, limits, takeFromLimit } from "#app/models/rate-limit.server";
import { agencyName } from "#app/models/agency.server";
import { findResidentById } from "#app/models/resident.server";
import { newToken } from "#app/models/session.server";
import { deleteShareAccess, findShareAccess, findShareByTokenHash, insertShareAccess, type FoundShareAccess } from "#app/models/share-access.server";
import { contactWays } from "#app/i18n/story-words";
import { sharedStoryPath, sharesPath } from "#app/paths";
import { findAccessCode } from "#app/models/sign-in-code.server";
import { findVersion } from "#app/models/story.server";
import { wordsLanguage } from "#app/models/story-language";
import { subjectName } from "#app/models/story-sections";
import {
  accessExpiresAt,
  accessState,
  atAgencyDomain,
  changedSince,
  contactCautions,
  sectionsToShare,
  sharedContent,
  shareState,
  versionShown,
  type AccessState,
} from "#app/services/sharing/consent-rules";
import { checkCode, issueCode, normaliseEmail, type CodeFailure, type CodeRefusal } from "#app/services/sign-in.server";
import { env } from "#app/config/env.server";
import { refusal } from "#app/web/layout.server";
import { shareAccessCookie, shareAccessToken } from "#app/web/session.server";
import { db } from "#db/client.server";
import { sha256 } from "#app/lib/sha256.server";

/** What this professional was shown last time: the version, and when (formatted by the loader). */
export type LastView = { version: number; on: string };

/*
 * The professional's side of a share: a link opened, a work address proven by
 * an emailed code, then the summary read for 8 hours in that browser. The
 * share's state is checked on every request, so stopping is immediate.
 */

// What newToken makes: 32 random bytes in base64url.
const LINK_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** What the 410 page says when a share has stopped (no date) or ended (the date it ended). */
type Gone = Required<Pick<ErrorDetail, "endedOn">>;

/** What the 410 page says about a share that is no longer active, or null while it is. */
export function goneBody(share: { stoppedAt: Date | null; endsAt: Date }, lang: Language, now: Date): Gone | null {
  const state = shareState(share, now);
  if (state === "active") return null;
  return { endedOn: state === "ended" ? formatDate(share.endsAt, lang) : null };
}

/**
 * Opening the emailed link, `/shared/:token`. The token is looked up by its
 * hash and exchanged for a cookie bound to the share; the browser then goes to
 * an address without the token, so it stays out of history, logs and Referer.
 * A browser that already has access to the share keeps it.
 *
 * Only links that lead nowhere count against the connection, and only they are
 * refused once it has had too many: a real link always opens, so a page
 * elsewhere full of made-up links cannot lock an office that shares one
 * address out of its links, and guessing a 256-bit token stays hopeless.
 * Misses are counted, not audited: the log says once per window that a
 * connection went over the limit.
 */
type LinkOutcome = { redirectTo: string; cookie: string | null } | { refused: 404 | 429 } | { gone: Gone };

export async function openSharedLink(request: Request, token: string | undefined, ip: string, lang: Language, now = new Date()): Promise<LinkOutcome> {
  return db.transaction(async (tx): Promise<LinkOutcome> => {
    const share = token && LINK_TOKEN.test(token) ? await findShareByTokenHash(sha256(token), tx) : undefined;
    if (!share) {
      if ((await takeFromLimit(tx, limits.linkMissesPerIp, connectionOf(ip), now)) === "allowed") return { refused: 404 };
      await recordAuditEventOncePerWindow("share_link_rate_limited", connectionOf(ip), {}, tx, now);
      return { refused: 429 };
    }
    const gone = goneBody(share, lang, now);
    if (gone) {
      await recordAuditEventOncePerWindow("share_link_refused", `${share.id}:${connectionOf(ip)}`, { share: share.id, state: shareState(share, now) }, tx, now);
      return { gone };
    }
    const held = shareAccessToken(request, share.id);
    const existing = held ? await findShareAccess(sha256(held), tx) : undefined;
    if (existing && existing.share.id === share.id) {
      const state = accessState(existing.access, now);
      if (state !== "expired") return { redirectTo: sharedStoryPath(share.id, state === "verified" ? "summary" : "email"), cookie: null };
    }
    const access = newToken();
    const expiresAt = accessExpiresAt(now, false);
    await insertShareAccess(tx, { idHash: access.hash, shareId: share.id, expiresAt, createdAt: now });
    await recordAuditEvent("share_link_opened", { share: share.id }, tx);
    return { redirectTo: sharedStoryPath(share.id, "email"), cookie: shareAccessCookie(share.id, access.token, expiresAt, now) };
  });
}

/** A browser's access to a share, as requireSharedAccess found it for `request`. */
export type SharedAccess = FoundShareAccess & { state: Exclude<AccessState, "expired">; lang: Language; token: string; request: Request };

type AccessCodeOutcome = { ok: true } | { ok: false; reason: "wrong-domain" | CodeRefusal };

/** Emails a code to a work address, if it is at one of the agency's domains or one of its listed addresses, within the same limits as a resident's codes. */
export async function requestAccessCode(found: SharedAccess, email: string, ip: string, now = new Date()): Promise<AccessCodeOutcome> {
  const address = normaliseEmail(email);
  if (!atAgencyDomain(address, found.agency.domains, found.agency.addresses)) return { ok: false, reason: "wrong-domain" };
  return db.transaction(async (tx): Promise<AccessCodeOutcome> => {
    const issued = await issueCode(tx, { email: address, ip, language: found.lang, returnTo: null, shareAccessId: found.access.idHash, now });
    if (!issued.ok) return issued;
    await queueEmail(tx, {
      to: address,
      template: "access-code",
      language: found.lang,
      personalisation: { code: issued.code, agency: agencyName(found.agency, found.lang).text },
    });
    await recordAuditEvent("share_access_code_sent", { share: found.share.id }, tx);
    return { ok: true };
  });
}

/** The address this browser's newest code went to, while one is waiting to be entered. */
export async function pendingAccessEmail(found: SharedAccess): Promise<string | null> {
  const row = await findAccessCode(db, found.access.idHash);
  return row && !row.usedAt ? row.email : null;
}

/**
 * The right code proves the address: this browser may read the share for 8
 * hours, under a new access token and cookie. The unproven access ends (its
 * codes with it), so a cookie someone planted in this browser, or copied from
 * it, before the address was proven reads nothing afterwards.
 */
export async function verifyAccessCode(
  found: SharedAccess,
  code: string,
  ip: string,
  now = new Date(),
): Promise<{ ok: true; cookie: string } | { ok: false; reason: CodeFailure }> {
  return db.transaction(async (tx) => {
    const checked = await checkCode(tx, await findAccessCode(tx, found.access.idHash), code, ip, now);
    if (!checked.ok) return checked;
    const expiresAt = accessExpiresAt(now, true);
    const access = newToken();
    await deleteShareAccess(tx, found.access.idHash);
    await insertShareAccess(tx, { idHash: access.hash, shareId: found.share.id, email: checked.row.email, verifiedAt: now, expiresAt, createdAt: now });
    await recordAuditEvent("share_access_verified", { share: found.share.id, agency: found.agency.id }, tx);
    // The cookie lives as long as the access.
    return { ok: true, cookie: shareAccessCookie(found.share.id, access.token, expiresAt, now) } as const;
  });
}

/**
 * "Finish reading on this device": this browser's access ends now, so the next
 * person at a shared computer cannot read on. The cookie is the route's to clear.
 */
export async function finishReading(found: SharedAccess): Promise<void> {
  await db.transaction(async (tx) => {
    await deleteShareAccess(tx, found.access.idHash);
    await recordAuditEvent("share_access_finished", { share: found.share.id }, tx);
  });
}

/** Whether and how the person agreed to be contacted, as the consent panel says it, in the words "About you" uses. */
function contactWords(share: { contactAllowed: boolean; contactMethods: string[] }, lang: Language): string {
  const t = serverT(lang, "shared", "story");
  if (!share.contactAllowed) return t("shared:summary.contactNo");
  return t("shared:summary.contactYes", { methods: contactWays(t, share.contactMethods) });
}

/**
 * The summary a verified professional reads, and its line in the access log:
 * the version the share shows, cut down to the sections agreed for this
 * agency (sharedContent), with the sections changed since this person last
 * looked. The only write a GET makes.
 */
export async function readSharedStory(found: SharedAccess & { access: { email: string } }, now = new Date()) {
  const { share, story, agency, lang } = found;
  const versionNumber = versionShown(share, story.latestVersion ?? share.version);
  const version = await findVersion(story.id, versionNumber);
  // A share always points at a published version; without one there is nothing to show.
  if (!version) throw await refusal(found.request, 404);
  const sections = sectionsToShare(share.sections);
  const content = sharedContent(version.content, sections);
  const last = await lastViewBy(share.id, found.access.email, now);
  const lastContent = !last ? null : last.version === versionNumber ? version.content : ((await findVersion(story.id, last.version))?.content ?? {});
  const changed = lastContent ? changedSince(content, sharedContent(lastContent, last!.sections)) : [];
  const sinceLastView: LastView | null = last && changed.length > 0 ? { version: last.version, on: formatDateTime(last.viewedAt, lang) } : null;
  await recordView(db, { shareId: share.id, agencyId: agency.id, email: found.access.email, version: versionNumber, sections, viewedAt: now });
  return {
    shareId: share.id,
    name: subjectName(version.content) ?? "",
    writer: version.writer,
    content,
    // From the whole version: the language is the person's, whichever parts this agency sees.
    wordsLang: wordsLanguage(version.content, ""),
    changed,
    sinceLastView,
    contactWarning: {
      cautions: contactCautions({ allowed: share.contactAllowed, methods: share.contactMethods }, content.about),
      methods: share.contactMethods,
    },
    consent: {
      agency: agencyName(agency, lang),
      sharedOn: formatDate(share.createdAt, lang),
      endsOn: formatDate(share.endsAt, lang),
      sections,
      version: versionNumber,
      keepUpToDate: share.keepUpToDate,
      updatedOn: formatDateTime(version.publishedAt, lang),
      contact: contactWords(share, lang),
    },
    printedOn: formatDateTime(now, lang),
  };
}

/**
 * "Let them know you've received this": the reply is kept, shown on the
 * person's "Who has your story" and the person is emailed that it came (the
 * email says who replied, never the message: that waits behind sign-in).
 */
export async function sendReply(
  found: SharedAccess & { access: { email: string } },
  reply: { name: string; role: string; message: string },
  now = new Date(),
): Promise<void> {
  await db.transaction(async (tx) => {
    const owner = await findResidentById(tx, found.story.ownerId);
    if (!owner) throw await refusal(found.request, 404);
    const replyId = await insertReply(tx, {
      shareId: found.share.id,
      email: found.access.email,
      name: reply.name,
      role: reply.role,
      message: reply.message === "" ? null : reply.message,
      createdAt: now,
    });
    await queueEmail(tx, {
      to: owner.email,
      template: "share-received",
      language: owner.language,
      personalisation: {
        agency: agencyName(found.agency, owner.language).text,
        name: reply.name,
        role: reply.role,
        manageLink: `${env.PUBLIC_URL}${sharesPath(found.story.id)}`,
      },
    });
    await recordAuditEvent("share_reply_sent", { share: found.share.id, agency: found.agency.id, reply: replyId }, tx);
  });
}
