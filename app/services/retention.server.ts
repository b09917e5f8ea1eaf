import { and, eq, isNotNull, isNull, lte, or } from "drizzle-orm";
import { env } from "#app/config/env.server";
import { recordAuditEvent } from "#app/models/audit.server";
import { forgetAccessOfSharesEndedBefore } from "#app/models/erasure.server";
import { queueEmail } from "#app/services/mail/templates.server";
import { eraseAccount } from "#app/services/erasure.server";
import { db, first } from "#db/client.server";
import { residents } from "#db/schema";

/**
 * Keeping data only as long as the privacy notice says, with the period a
 * council sets (RETENTION_MONTHS, 24 unless set):
 * - an account not signed in to for the period is warned by email, and
 *   deleted (erasure.server.ts) 30 days after the warning unless the person
 *   signs in meanwhile (signing in clears the warning);
 * - a share that ended or stopped that long ago loses who opened it and who
 *   replied (its access log), the one thing kept about it that names others.
 * Unfinished sign-ins are forgotten as soon as their code runs out
 * (ending.server.ts' forgetExpired). Safe to run any number of times, at
 * once on several instances: each warning and each deletion is claimed by a
 * conditional UPDATE first.
 */

export const WARNING_DAYS = 30;
const DAY = 24 * 60 * 60 * 1000;

/** `months` calendar months before `now` (UTC), clamped to the month's last day. */
export function monthsBefore(now: Date, months: number): Date {
  const date = new Date(now);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() - months);
  const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, last));
  return date;
}

/** Not used since `moment`: last signed in before it, or never signed in and made before it. */
const unusedSince = (moment: Date) =>
  or(and(isNotNull(residents.lastSignedInAt), lte(residents.lastSignedInAt, moment)), and(isNull(residents.lastSignedInAt), lte(residents.createdAt, moment)));

export async function applyRetention(now = new Date(), months = env.RETENTION_MONTHS): Promise<{ warned: number; deleted: number; sharesForgotten: number }> {
  const cutoff = monthsBefore(now, months);
  // Warned from 30 days before the period is up, so the deletion comes when it is.
  const warnFrom = new Date(cutoff.getTime() + WARNING_DAYS * DAY);
  let warned = 0;
  const toWarn = await db
    .select({ id: residents.id })
    .from(residents)
    .where(and(isNull(residents.erasedAt), isNull(residents.retentionWarnedAt), unusedSince(warnFrom)));
  for (const { id } of toWarn) {
    if (await warnOnce(id, months, now)) warned += 1;
  }

  let deleted = 0;
  const toDelete = await db
    .select({ id: residents.id })
    .from(residents)
    .where(
      and(isNull(residents.erasedAt), isNotNull(residents.retentionWarnedAt), lte(residents.retentionWarnedAt, new Date(now.getTime() - WARNING_DAYS * DAY))),
    );
  for (const { id } of toDelete) {
    if (await eraseAccount(id, "retention", now)) deleted += 1;
  }

  const sharesForgotten = await db.transaction((tx) => forgetAccessOfSharesEndedBefore(tx, cutoff, now));
  return { warned, deleted, sharesForgotten };
}

/** Warns one account, unless another run did first: the email and the mark are one transaction. */
async function warnOnce(residentId: string, months: number, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const marked = await first(
      tx
        .update(residents)
        .set({ retentionWarnedAt: now })
        .where(and(eq(residents.id, residentId), isNull(residents.retentionWarnedAt), isNull(residents.erasedAt)))
        .returning({ email: residents.email, language: residents.language }),
    );
    if (!marked) return false;
    await queueEmail(tx, {
      to: marked.email,
      template: "account-inactive",
      language: marked.language,
      personalisation: {
        deletesOn: new Date(now.getTime() + WARNING_DAYS * DAY).toISOString(),
        months: String(months),
        signInLink: `${env.PUBLIC_URL}/sign-in`,
      },
    });
    await recordAuditEvent("account_retention_warned", { resident: residentId }, tx);
    return true;
  });
}
