import { and, asc, eq, inArray, isNull, lte, or } from "drizzle-orm";
import type { Language } from "#app/i18n/i18n";
import { db, type Tx } from "#db/client.server";
import { outbox } from "#db/schema";

export type OutboxEmail = typeof outbox.$inferSelect;

let wakeWorker: (() => void) | null = null;

/** Lets the running mail worker hear about new emails at once instead of at its next poll; `null` stops it. */
export function onEmailQueued(listener: (() => void) | null): void {
  wakeWorker = listener;
}

/** Queues an email in the caller's transaction (typed by template in `queueEmail`, services/mail/templates.server.ts). */
export function insertOutboxEmail(tx: Tx, email: { to: string; template: string; language: Language; personalisation: Record<string, string> }): void {
  tx.insert(outbox)
    .values({
      recipient: email.to,
      template: email.template,
      language: email.language,
      personalisation: email.personalisation,
      nextAttemptAt: new Date(),
    })
    .run();
  // better-sqlite3 transactions are synchronous, so by the time this runs the
  // caller's transaction has committed (or rolled back, and the worker finds nothing).
  const listener = wakeWorker;
  if (listener) setImmediate(listener);
}

/**
 * Takes up to `limit` due emails for this worker until `leaseUntil`. One
 * UPDATE … RETURNING, so two workers (or two instances) can never take the same
 * row; a worker that dies mid-send leaves a lease that simply runs out.
 */
export function claimDueEmails(now: Date, leaseUntil: Date, limit: number): OutboxEmail[] {
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now), or(isNull(outbox.lockedUntil), lte(outbox.lockedUntil, now))))
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(limit);
  return db.update(outbox).set({ lockedUntil: leaseUntil }).where(inArray(outbox.id, due)).returning().all();
}

/** Records delivery. `personalisation` replaces what was stored, so secrets such as a sign-in code can be dropped. */
export function markEmailSent(id: number, sentAt: Date, attempts: number, personalisation: Record<string, string>): void {
  db.update(outbox).set({ status: "sent", sentAt, attempts, personalisation, lockedUntil: null, lastError: null }).where(eq(outbox.id, id)).run();
}

/** Records a failed attempt and when to try again. `lastError` names the problem, never the message. */
export function scheduleEmailRetry(id: number, attempts: number, nextAttemptAt: Date, lastError: string): void {
  db.update(outbox).set({ attempts, nextAttemptAt, lastError, lockedUntil: null }).where(eq(outbox.id, id)).run();
}

/** Gives up on an email after its last attempt. */
export function markEmailFailed(id: number, attempts: number, lastError: string, personalisation: Record<string, string>): void {
  db.update(outbox).set({ status: "failed", attempts, lastError, personalisation, lockedUntil: null }).where(eq(outbox.id, id)).run();
}
