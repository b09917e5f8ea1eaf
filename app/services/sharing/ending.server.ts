import { agencyName } from "#app/models/agency.server";
import { recordAuditEvent } from "#app/models/audit.server";
import { queueEmail } from "#app/services/mail/templates.server";
import { pruneRateLimits } from "#app/models/rate-limit.server";
import { deleteExpiredSessions } from "#app/models/session.server";
import { deleteExpiredShareAccess } from "#app/models/share-access.server";
import { deleteFinishedSignInCodes } from "#app/models/sign-in-code.server";
import { markShareEnded, sharesPastTheirEnd } from "#app/models/share.server";
import { sharesPath } from "#app/paths";
import { basisEnds, basisNeedsReview, shareState } from "#app/services/sharing/consent-rules";
import { markBasisReminded, parentalSubjectsNotReminded } from "#app/models/subject.server";
import { env } from "#app/config/env.server";
import { checkpointWal, db } from "#db/client.server";

/**
 * Marks shares whose end date has come as ended and emails each owner once.
 * Only bookkeeping: a share stops working at its end moment whether or not
 * this has run, because every access asks consent-rules' shareState. A share
 * is marked only while still active, and its owner emailed only by the sweep
 * that marked it, so sweeps running on several instances at once still mark
 * and email each share once.
 */
export async function sweepEndedShares(now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const due = (await sharesPastTheirEnd(tx, now)).filter(({ share }) => shareState(share, now) === "ended");
    let ended = 0;
    for (const { share, agency, owner } of due) {
      if (!(await markShareEnded(tx, share.id, now))) continue;
      await queueEmail(tx, {
        to: owner.email,
        template: "share-ended",
        language: owner.language,
        personalisation: { agency: agencyName(agency, owner.language).text, manageLink: `${env.PUBLIC_URL}${sharesPath(share.storyId)}` },
      });
      await recordAuditEvent("share_ended", { resident: owner.id, story: share.storyId, share: share.id, agency: agency.id }, tx);
      ended += 1;
    }
    return ended;
  });
}

/**
 * Emails each writer of a child's story once, from 30 days before the child is
 * 16, that parental responsibility (and with it sharing on that basis) ends.
 * The email names neither the child nor the story: anyone may see an inbox.
 */
export async function remindBasisEnding(now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    let reminded = 0;
    for (const { subject, writer } of await parentalSubjectsNotReminded(tx)) {
      const ends = basisEnds(subject);
      // Only before the birthday: after it, the email's "will be 16 on" would not be true (the task list says it has ended).
      if (!ends || ends <= now || !basisNeedsReview(subject, now) || !(await markBasisReminded(tx, subject.id, now))) continue;
      await queueEmail(tx, {
        to: writer.email,
        template: "basis-ending",
        language: writer.language,
        personalisation: { endsOn: ends.toISOString(), storiesLink: `${env.PUBLIC_URL}/stories` },
      });
      await recordAuditEvent("basis_ending_reminded", { resident: writer.id, subject: subject.id }, tx);
      reminded += 1;
    }
    return reminded;
  });
}

/**
 * Forgets what has run out: sessions, residents' sign-in codes, professionals'
 * access to shares, and closed rate-limit windows; then empties the write-ahead
 * log, so what was deleted or blanked (by the mail worker too, if a reader
 * stopped it then) is gone from the disk.
 */
export async function forgetExpired(now = new Date()): Promise<void> {
  await deleteExpiredSessions(now);
  await deleteFinishedSignInCodes(now);
  await deleteExpiredShareAccess(now);
  await pruneRateLimits(now);
  checkpointWal();
}
