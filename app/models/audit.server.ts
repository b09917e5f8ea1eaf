import { sql } from "drizzle-orm";
import { db } from "#db/client.server";
import { auditEvents } from "#db/schema";

type AuditDetail = Record<string, string | number | boolean | null>;

/** Records a security-relevant event. Callers pass identifiers and reasons, never personal content. */
export function recordAuditEvent(event: string, detail?: AuditDetail): void {
  db.insert(auditEvents).values({ event, detail }).run();
}

/** True when the database answers a trivial query. */
export function databaseAnswers(): boolean {
  try {
    return db.get<{ ok: number }>(sql`select 1 as ok`)?.ok === 1;
  } catch {
    return false;
  }
}
