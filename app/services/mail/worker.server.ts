import { log } from "#app/lib/log.server";
import { AsyncResource } from "node:async_hooks";
import { claimDueEmails, markEmailFailed, markEmailSent, onEmailQueued, scheduleEmailRetry, type OutboxEmail } from "#app/models/outbox.server";
import { inRounds } from "#app/lib/rounds";
import { checkpointWal } from "#db/client.server";
import { renderEmail, withoutSecrets } from "./templates.server";
import { MailDeliveryError, mailTransport, type MailTransport } from "./transports.server";

const BATCH = 20;
// Longer than any send can take (the SMTP timeouts add up to under a minute), so a
// lease only runs out when its worker has died; then another worker picks the email up.
const LEASE_MS = 5 * 60_000;
const POLL_MS = 5_000;
const MAX_ATTEMPTS = 10;
const FIRST_RETRY_MS = 30_000;
const LONGEST_WAIT_MS = 60 * 60_000;

/** 30 s after the first failure, then doubling (1 min, 2 min, 4 min…), never more than an hour. */
function retryDelay(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** (attempts - 1), LONGEST_WAIT_MS);
}

type Outcome = "sent" | "retrying" | "failed";

async function deliver(email: OutboxEmail, now: Date, transport: MailTransport): Promise<Outcome> {
  const attempts = email.attempts + 1;
  try {
    const { subject, body } = renderEmail(email.template, email.language, email.personalisation);
    await transport.send({ to: email.recipient, subject, body, reference: `outbox-${email.id}` });
  } catch (error) {
    const lastError = new MailDeliveryError(error instanceof Error ? error.message : String(error)).message;
    if (attempts >= MAX_ATTEMPTS) {
      await markEmailFailed(email.id, attempts, lastError, withoutSecrets(email.template, email.personalisation));
      return "failed";
    }
    await scheduleEmailRetry(email.id, attempts, new Date(now.getTime() + retryDelay(attempts)), lastError);
    return "retrying";
  }
  await markEmailSent(email.id, now, attempts, withoutSecrets(email.template, email.personalisation));
  return "sent";
}

/**
 * Sends the emails that are due, up to one batch. Each is claimed with a lease
 * first, so this can run in any number of places at once and each email still
 * goes once; if the process dies mid-send, the lease runs out and the email is
 * tried again (so delivery is at least once, never lost).
 */
export async function deliverDueEmails(now = new Date(), transport: MailTransport = mailTransport) {
  const claimed = await claimDueEmails(now, new Date(now.getTime() + LEASE_MS), BATCH);
  const outcomes = await Promise.all(claimed.map((email) => deliver(email, now, transport)));
  const count = (outcome: Outcome) => outcomes.filter((o) => o === outcome).length;
  // The secrets just blanked are still in the write-ahead log until it is checkpointed; if a reader stops that, the sweep retries.
  if (count("sent") + count("failed") > 0) checkpointWal();
  return { claimed: claimed.length, sent: count("sent"), retrying: count("retrying"), failed: count("failed") };
}

// Drizzle's query errors quote the statement's parameters (addresses, codes): log the database's own reason only.
export function databaseReason(error: unknown): string {
  const root = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return root instanceof Error ? `${root.name}: ${root.message}` : "unknown error";
}

const rounds = inRounds(
  POLL_MS,
  async () => {
    const { claimed } = await deliverDueEmails();
    // A full batch means more may be waiting.
    return claimed === BATCH;
  },
  (error) => log.error(`The mail worker will try again: ${databaseReason(error)}`),
);
/** Sends due emails now, every few seconds after, and as soon as one is queued in this process. */
export function startMailWorker(): void {
  // Bound here so a round asked for by a request does not join that request's async context
  // (where its statements would be counted as the page's cost).
  if (rounds.start()) onEmailQueued(AsyncResource.bind(() => rounds.ask()));
}

/** Stops polling and waits for sends in progress, so their results are recorded before the database closes. */
export async function stopMailWorker(): Promise<void> {
  onEmailQueued(null);
  await rounds.stop();
}
