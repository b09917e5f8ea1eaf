import { env } from "#app/config/env.server";
import { emailsTo, rowsOfStories } from "#app/models/account-data.server";
import { findResidentById } from "#app/models/resident.server";
import { storiesOfResident } from "#app/models/story.server";
import { subjectName } from "#app/models/story-sections";
import { roleIn } from "#app/services/sharing/permissions";
import { db } from "#db/client.server";

/**
 * Everything held about an account, for the right of access and portability:
 * the account, each story it owns or helps with (who it is about, the draft,
 * every version, every share with its consent records, access log and
 * replies, and its helpers), and every email sent to it. The shape is
 * documented in the README ("Your account"). Emails come without codes or
 * links: a link in a download could still open a story.
 *
 * Who did something is "you", or the name the story knows them by (the owner's
 * own, or the name a helper was invited under).
 */
export const ACCOUNT_DATA_FORMAT = "tell-it-once/account-data";
export const ACCOUNT_DATA_VERSION = 1;

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

/** Fields of an email's details that could let someone in: left out of the download. */
const withoutCodesOrLinks = (personalisation: Record<string, string>) =>
  Object.fromEntries(Object.entries(personalisation).filter(([field]) => !/code|link/i.test(field)));

export async function accountData(residentId: string, now = new Date()) {
  const resident = await findResidentById(db, residentId);
  if (!resident) throw new Error("There is no such account");
  const listed = await storiesOfResident(residentId);
  const rows = await rowsOfStories(listed.map((story) => story.id));

  const stories = listed.map((listing) => {
    const of = <T extends { storyId: string }>(items: T[]) => items.filter((item) => item.storyId === listing.id);
    const story = rows!.stories.find((row) => row.id === listing.id)!;
    const subject = rows!.subjects.find((row) => row.id === story.subjectId)!;
    const sections = of(rows!.sections);
    const invitations = of(rows!.invitations);
    // The names the story knows people by.
    const names = new Map<string, string>();
    for (const invitation of invitations) if (invitation.residentId) names.set(invitation.residentId, invitation.name);
    const about = sections.find((row) => row.section === "about")?.content ?? {};
    names.set(story.ownerId, (subject.basis === "self" ? (subject.name ?? subjectName({ about })) : subject.writerName) ?? "");
    const who = (id: string | null) => (id === residentId ? "you" : ((id && names.get(id)) ?? "someone no longer helping"));
    const shares = rows!.shares.filter(({ share }) => share.storyId === listing.id);
    return {
      id: story.id,
      yourRole: roleIn(listing, residentId),
      startedAt: iso(story.createdAt),
      lastChangedAt: iso(story.updatedAt),
      about:
        subject.basis === "self"
          ? { who: "the writer themselves" }
          : {
              who: "someone else",
              name: subject.name,
              relationship: subject.relationship,
              dateOfBirth: subject.dateOfBirth,
              basis: subject.basis,
              basisDetail: subject.basisDetail,
              writtenBy: subject.writerName,
            },
      draft: sections.map((row) => ({ part: row.section, status: row.status, answers: row.content, savedAt: iso(row.updatedAt), savedBy: who(row.updatedBy) })),
      versions: of(rows!.versions).map((version) => ({
        version: version.version,
        savedAt: iso(version.publishedAt),
        savedBy: who(version.publishedBy),
        answers: version.content,
      })),
      shares: shares.map(({ share, agency }) => ({
        agency: agency.name,
        agencyInWelsh: agency.nameCy,
        parts: share.sections,
        purpose: share.purpose,
        version: share.version,
        keepUpToDate: share.keepUpToDate,
        contactAllowed: share.contactAllowed,
        contactMethods: share.contactMethods,
        sharedAt: iso(share.createdAt),
        sharedBy: who(share.createdBy),
        endsAt: iso(share.endsAt),
        status: share.status,
        stoppedAt: iso(share.stoppedAt),
        consentRecords: rows!.consent
          .filter((record) => record.shareId === share.id)
          .map((record) => ({
            kind: record.kind,
            recordedAt: iso(record.recordedAt),
            agreedBy: who(record.agreedBy),
            basis: record.basis,
            parts: record.sections,
            purpose: record.purpose,
            endsAt: iso(record.endsAt),
            language: record.language,
            method: record.method,
            wording: record.wording,
            wordingVersion: record.wordingVersion,
          })),
        accessLog: rows!.views
          .filter((view) => view.shareId === share.id)
          .map((view) => ({ openedAt: iso(view.viewedAt), by: view.email, version: view.version, parts: view.sections })),
        replies: rows!.replies
          .filter((reply) => reply.shareId === share.id)
          .map((reply) => ({ at: iso(reply.createdAt), name: reply.name, role: reply.role, email: reply.email, message: reply.message })),
      })),
      helpers: invitations.map((invitation) => ({
        name: invitation.name,
        email: invitation.email,
        permission: invitation.role === "owner" ? "take over the story" : invitation.role,
        status: invitation.status,
        invitedAt: iso(invitation.createdAt),
        canBeAcceptedUntil: iso(invitation.expiresAt),
        answeredAt: iso(invitation.answeredAt),
        endedAt: iso(invitation.endedAt),
      })),
    };
  });

  const emails = (await emailsTo(resident.email)).map((email) => ({
    kind: email.template,
    language: email.language,
    queuedAt: iso(email.createdAt),
    sentAt: iso(email.sentAt),
    status: email.status,
    details: withoutCodesOrLinks(email.personalisation),
  }));

  return {
    format: ACCOUNT_DATA_FORMAT,
    formatVersion: ACCOUNT_DATA_VERSION,
    service: env.SERVICE_NAME,
    organisation: env.ORGANISATION_NAME,
    exportedAt: iso(now),
    account: {
      email: resident.email,
      language: resident.language,
      createdAt: iso(resident.createdAt),
      lastSignedInAt: iso(resident.lastSignedInAt),
      // The number GOV.UK One Login knows the person by here (its `sub`), if they have signed in with it.
      oneLogin: resident.oneLoginSub,
    },
    stories,
    emails,
  };
}

export type AccountData = Awaited<ReturnType<typeof accountData>>;
