import { and, asc, count, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import { db } from "#db/client.server";
import { auditEvents } from "#db/schema";

export type AuditEvent = typeof auditEvents.$inferSelect;

/** Which events of the audit log to read: from and before two instants, of one kind. */
export type AuditFilter = { from?: Date; before?: Date; event?: string };

function matching(filter: AuditFilter): SQL | undefined {
  return and(
    filter.from ? gte(auditEvents.at, filter.from) : undefined,
    filter.before ? lt(auditEvents.at, filter.before) : undefined,
    filter.event ? eq(auditEvents.event, filter.event) : undefined,
  );
}

/** How many events of the audit log match. */
export async function auditEventCount(filter: AuditFilter): Promise<number> {
  return (await db.select({ total: count() }).from(auditEvents).where(matching(filter)))[0]?.total ?? 0;
}

/** Some of the events that match, newest first. */
export async function auditEventsPage(filter: AuditFilter, page: { offset: number; limit: number }): Promise<AuditEvent[]> {
  return await db.select().from(auditEvents).where(matching(filter)).orderBy(desc(auditEvents.id)).limit(page.limit).offset(page.offset);
}

/** The kinds of event the log holds, for choosing one. */
export async function auditEventKinds(): Promise<string[]> {
  return (await db.selectDistinct({ event: auditEvents.event }).from(auditEvents).orderBy(asc(auditEvents.event))).map((row) => row.event);
}
