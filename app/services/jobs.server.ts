import { log } from "#app/lib/log.server";
import { inRounds } from "#app/lib/rounds";
import { databaseReason } from "#app/services/mail/worker.server";
import { applyRetention } from "#app/services/retention.server";
import { forgetExpired, remindBasisEnding, sweepEndedShares } from "#app/services/sharing/ending.server";

/**
 * The service's housekeeping, in one place: shares past their end marked
 * and their owners told, the parental-responsibility reminders, retention
 * (retention.server.ts), and forgetting what has run out. Each part is safe to
 * run again and on several instances at once, so running it all is too: the
 * server does every minute, and `npm run jobs` does once (app/run-jobs.js).
 */
export async function runJobs(now = new Date()) {
  const sharesEnded = await sweepEndedShares(now);
  const remindersSent = await remindBasisEnding(now);
  const retention = await applyRetention(now);
  await forgetExpired(now);
  return { sharesEnded, remindersSent, ...retention };
}

const JOBS_MS = 60_000;

const rounds = inRounds(
  JOBS_MS,
  async () => {
    await runJobs();
    return false;
  },
  (error) => log.error(`The service's jobs will try again: ${databaseReason(error)}`),
);

/** Runs the jobs now and every minute after. */
export function startJobs(): void {
  rounds.start();
}

/** Stops running them, and resolves once a run in progress has finished. */
export async function stopJobs(): Promise<void> {
  await rounds.stop();
}
