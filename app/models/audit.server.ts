import { sql } from "drizzle-orm";
import { db, type Tx } from "#db/client.server";
import { auditEvents } from "#db/schema";

type AuditDetail = Record<string, string | number | boolean | null>;

/**
 * Records a security-relevant event, in the caller's transaction so the event
 * and the change it describes stand or fall together. Callers pass
 * identifiers and reasons, never personal content.
 */
export function recordAuditEvent(event: string, detail: AuditDetail, tx: Tx = db): void {
  tx.insert(auditEvents).values({ event, detail }).run();
}

/** True when the database answers a trivial query. */
export function databaseAnswers(): boolean {
  try {
    return db.get<{ ok: number }>(sql`select 1 as ok`)?.ok === 1;
  } catch {
    return false;
  }
}
