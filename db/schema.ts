import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Security-relevant events, append-only. `detail` never holds personal
 * content: identifiers and reasons only.
 */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    event: text("event").notNull(),
    detail: text("detail", { mode: "json" }).$type<Record<string, string | number | boolean | null>>(),
    at: integer("at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (table) => [index("audit_events_at").on(table.at)],
);
