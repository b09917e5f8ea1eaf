import { and, asc, eq, inArray, isNull, lte, or } from "drizzle-orm";
import type { Language } from "#app/i18n/i18n";
import { afterCommit, db, type Tx } from "#db/client.server";
import { outbox } from "#db/schema";

export type OutboxEmail = typeof outbox.$inferSelect;

let wakeWorker: (() => void) | null = null;

/** Lets the running mail worker hear about new emails at once instead of at its next poll; `null` stops it. */
export function onEmailQueued(listener: (() => void) | null): void {
  wakeWorker = listener;
}

/** Queues an email in the caller's transaction (typed by template in `queueEmail`, services/mail/templates.server.ts). */
export async function insertOutboxEmail(
  tx: Tx,
  email: { to: string; template: string; language: Language; personalisation: Record<string, string> },
): Promise<void> {
  await tx.insert(outbox).values({
    recipient: email.to,
    template: email.template,
    language: email.language,
    personalisation: email.personalisation,
    nextAttemptAt: new Date(),
  });
  // Once the caller's transaction has committed: before then the worker would find nothing to send.
  const listener = wakeWorker;
  if (listener) afterCommit(listener);
}

/**
 * Takes up to `limit` due emails for this worker until `leaseUntil`. One
 * UPDATE … RETURNING that asks again of each row whether it is due, so two
 * workers (or two instances) can never take the same row; a worker that dies
 * mid-send leaves a lease that simply runs out.
 */
export async function claimDueEmails(now: Date, leaseUntil: Date, limit: number): Promise<OutboxEmail[]> {
  const isDue = and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now), or(isNull(outbox.lockedUntil), lte(outbox.lockedUntil, now)));
  const due = db.select({ id: outbox.id }).from(outbox).where(isDue).orderBy(asc(outbox.nextAttemptAt), asc(outbox.id)).limit(limit);
  // Due is asked again of the row itself: on PostgreSQL a claim that waited for another's row lock
  // looks at the row as the other left it (leased), and leaves it.
  return await db
    .update(outbox)
    .set({ lockedUntil: leaseUntil })
    .where(and(inArray(outbox.id, due), isDue))
    .returning();
}

/** Records delivery. `personalisation` replaces what was stored, so secrets such as a sign-in code can be dropped. */
export async function markEmailSent(id: number, sentAt: Date, attempts: number, personalisation: Record<string, string>): Promise<void> {
  await db.update(outbox).set({ status: "sent", sentAt, attempts, personalisation, lockedUntil: null, lastError: null }).where(eq(outbox.id, id));
}

/** Records a failed attempt and when to try again. `lastError` names the problem, never the message. */
export async function scheduleEmailRetry(id: number, attempts: number, nextAttemptAt: Date, lastError: string): Promise<void> {
  await db.update(outbox).set({ attempts, nextAttemptAt, lastError, lockedUntil: null }).where(eq(outbox.id, id));
}

/** Gives up on an email after its last attempt. */
export async function markEmailFailed(id: number, attempts: number, lastError: string, personalisation: Record<string, string>): Promise<void> {
  await db.update(outbox).set({ status: "failed", attempts, lastError, personalisation, lockedUntil: null }).where(eq(outbox.id, id));
}
