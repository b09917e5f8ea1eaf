import { db, type Tx } from "#db/client.server";
import { auditEvents } from "#db/schema";
import { limits, takeFromLimit } from "./rate-limit.server";

type AuditDetail = Record<string, string | number | boolean | null>;

/**
 * Records a security-relevant event, in the caller's transaction so the event
 * and the change it describes stand or fall together. Callers pass
 * identifiers and reasons, never personal content.
 */
export async function recordAuditEvent(event: string, detail: AuditDetail, tx: Tx = db): Promise<void> {
  await tx.insert(auditEvents).values({ event, detail });
}

/**
 * Records an event that anyone can cause again and again (a refused request, a
 * limit reached) once per `subject` (a connection's IP, a hashed address) per
 * 15 minutes (limits.auditedEventsPerSubject): the log still shows that it
 * happened and from when, but junk traffic cannot grow an append-only table
 * without end. The repeats are only counted, in the rate-limit table.
 */
export async function recordAuditEventOncePerWindow(event: string, subject: string, detail: AuditDetail, tx: Tx = db, now = new Date()): Promise<void> {
  await tx.transaction(async (inner) => {
    if ((await takeFromLimit(inner, limits.auditedEventsPerSubject, `${event}:${subject}`, now)) === "allowed") await recordAuditEvent(event, detail, inner);
  });
}
