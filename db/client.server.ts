import { AsyncLocalStorage } from "node:async_hooks";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { env } from "#app/config/env.server";
import * as schema from "./schema";

// Resolves to db/migrations both from this file and from the bundled build/index.js.
const migrationsFolder = fileURLToPath(new URL("../db/migrations", import.meta.url));

type Db = BetterSQLite3Database<typeof schema>;
/** The database or an open transaction: model functions that must join a caller's transaction take this. */
export type Tx = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

const statementCounts = new AsyncLocalStorage<{ count: number }>();

function countStatement(): void {
  const counter = statementCounts.getStore();
  if (counter) counter.count += 1;
}

/**
 * Runs `work` counting the SQL statements it executes into `counter`. The
 * server reports the count per request in a Server-Timing header, so the
 * cost of a page can be read without a profiler.
 */
export function countingStatements<T>(counter: { count: number }, work: () => T): T {
  return statementCounts.run(counter, work);
}

/** Opens (creating if need be) and migrates the SQLite database at `path`. */
export function openDatabase(path: string): { sqlite: Database.Database; db: Db } {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path, { verbose: countStatement });
  sqlite.pragma("journal_mode = WAL");
  // FULL: a consent record or an outbox row must survive a power cut once we said it was saved.
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // Deleted and overwritten content is zeroed, not left in free space: a secret blanked in the outbox is gone from the file.
  sqlite.pragma("secure_delete = ON");
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  return { sqlite, db };
}

const opened = openDatabase(env.DATABASE_PATH);

/** The one connection this process uses. */
export const db = opened.db;
export const sqlite = opened.sqlite;

/**
 * Copies the write-ahead log into the database file and empties it, so that a
 * secret overwritten in a row (a sign-in code or link token blanked in the
 * outbox once sent) is gone from the disk and not only from the table. Never
 * waits, as it runs on the only thread: says false when another connection
 * still reads from the log, and the caller tries again later.
 */
export function checkpointWal(connection: Database.Database = sqlite): boolean {
  const wait = connection.pragma("busy_timeout", { simple: true }) as number;
  connection.pragma("busy_timeout = 0");
  try {
    const [result] = connection.pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[];
    return result.busy === 0;
  } finally {
    connection.pragma(`busy_timeout = ${wait}`);
  }
}
