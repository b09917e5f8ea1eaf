import { agencyName } from "#app/models/agency.server";
import { recordAuditEvent } from "#app/models/audit.server";
import { queueEmail } from "#app/services/mail/templates.server";
import { pruneRateLimits } from "#app/models/rate-limit.server";
import { deleteExpiredSessions } from "#app/models/session.server";
import { deleteExpiredShareAccess } from "#app/models/share-access.server";
import { deleteFinishedSignInCodes } from "#app/models/sign-in-code.server";
import { sharesPastTheirEnd, updateShare } from "#app/models/share.server";
import { sharesPath } from "#app/paths";
import { shareState } from "#app/services/sharing/consent-rules";
import { databaseReason } from "#app/services/mail/worker.server";
import { env } from "#app/config/env.server";
import { checkpointWal, db } from "#db/client.server";

const SWEEP_MS = 60_000;

/**
 * Marks shares whose end date has come as ended and emails each owner once.
 * Only bookkeeping: a share stops working at its end moment whether or not
 * this has run, because every access asks consent-rules' shareState. The
 * transaction takes the write lock first, so sweeps running on several
 * instances at once still mark and email each share once.
 */
export function sweepEndedShares(now = new Date()): number {
  return db.transaction(
    (tx) => {
      const due = sharesPastTheirEnd(tx, now).filter(({ share }) => shareState(share, now) === "ended");
      for (const { share, agency, owner } of due) {
        updateShare(tx, share.id, { status: "ended", endedNotifiedAt: now }, now);
        queueEmail(tx, {
          to: owner.email,
          template: "share-ended",
          language: owner.language,
          personalisation: { agency: agencyName(agency, owner.language).text, manageLink: `${env.PUBLIC_URL}${sharesPath(share.storyId)}` },
        });
        recordAuditEvent("share_ended", { resident: owner.id, story: share.storyId, share: share.id, agency: agency.id }, tx);
      }
      return due.length;
    },
    { behavior: "immediate" },
  );
}

let timer: NodeJS.Timeout | undefined;

/**
 * Forgets what has run out: sessions, residents' sign-in codes, professionals'
 * access to shares, and closed rate-limit windows; then empties the write-ahead
 * log, so what was deleted or blanked (by the mail worker too, if a reader
 * stopped it then) is gone from the disk.
 */
export function forgetExpired(now = new Date()): void {
  deleteExpiredSessions(now);
  deleteFinishedSignInCodes(now);
  deleteExpiredShareAccess(now);
  pruneRateLimits(now);
  checkpointWal();
}

function sweep(): void {
  try {
    sweepEndedShares();
    forgetExpired();
  } catch (error) {
    console.error(`The share sweep will try again: ${databaseReason(error)}`);
  }
}

/** Sweeps (and forgets what has expired) now and every minute after. */
export function startShareSweep(): void {
  if (timer) return;
  timer = setInterval(sweep, SWEEP_MS);
  // The HTTP server keeps the process alive; the sweep alone should not.
  timer.unref();
  sweep();
}

/** A sweep is synchronous, so once the timer is cleared none is left running. */
export function stopShareSweep(): void {
  clearInterval(timer);
  timer = undefined;
}
