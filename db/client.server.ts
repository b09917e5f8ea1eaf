import { AsyncLocalStorage } from "node:async_hooks";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { drizzle as drizzleSync } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { drizzle, type SqliteRemoteDatabase } from "drizzle-orm/sqlite-proxy";
import { env } from "#app/config/env.server";
import * as schema from "./schema";

// Resolves to db/migrations both from this file and from the bundled build/index.js.
const migrationsFolder = fileURLToPath(new URL("../db/migrations", import.meta.url));

/**
 * The database, whichever engine runs it. Model code is written once against
 * this type and awaits every query, so it runs unchanged on either engine.
 */
export type Db = SqliteRemoteDatabase<typeof schema>;
/** The database or an open transaction: model functions that must join a caller's transaction take this. */
export type Tx = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

/** The first row a query finds, or undefined when it finds none. */
export async function first<Row>(query: PromiseLike<Row[]>): Promise<Row | undefined> {
  return (await query)[0];
}

/** The row a write with RETURNING gave back, where it always gives one (an insert, or an update of a row just read). */
export async function returned<Row>(query: PromiseLike<Row[]>): Promise<Row> {
  const [row] = await query;
  if (!row) throw new Error("The write gave back no row");
  return row;
}

type Transaction = { afterCommit: (() => void)[] };
const openTransactions = new AsyncLocalStorage<Transaction>();

/**
 * Runs `listener` once the caller's transaction has committed, or at once
 * (after this tick) outside one: work that others must see the result of,
 * such as waking the mail worker, waits until there is a result to see.
 */
export function afterCommit(listener: () => void): void {
  const open = openTransactions.getStore();
  if (open) open.afterCommit.push(listener);
  else setImmediate(listener);
}

type Exclusive = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * Gives `db.transaction` the meaning it has on every engine: all or nothing,
 * with listeners from `afterCommit` run once it commits. `exclusive`, when
 * given, wraps each whole transaction (SQLite's one connection needs it).
 * The engine's own options are the engine's business: callers pass none.
 */
function withTransactions(db: Db, begin: Db["transaction"], exclusive: Exclusive = (work) => work()): Db {
  db.transaction = (work) => {
    if (openTransactions.getStore()) throw new Error("A transaction inside a transaction must be begun on the outer one (tx.transaction)");
    const open: Transaction = { afterCommit: [] };
    return exclusive(() => openTransactions.run(open, () => begin(work))).then((result) => {
      for (const listener of open.afterCommit) setImmediate(listener);
      return result;
    });
  };
  return db;
}

const statementCounts = new AsyncLocalStorage<{ count: number }>();

/**
 * Runs `work` counting the SQL statements it executes into `counter`. The
 * server reports the count per request in a Server-Timing header, so the
 * cost of a page can be read without a profiler.
 */
export function countingStatements<T>(counter: { count: number }, work: () => T): T {
  return statementCounts.run(counter, work);
}

const logger = {
  logQuery() {
    const counter = statementCounts.getStore();
    if (counter) counter.count += 1;
  },
};

/**
 * Lets one transaction at a time use SQLite's one connection, and nothing
 * else meanwhile: a statement from another request waits until the
 * transaction ends, so it can neither be swept into it nor read what it has
 * not yet committed.
 */
function connectionGate() {
  const holder = new AsyncLocalStorage<symbol>();
  let held: symbol | null = null;
  let released: Promise<void> = Promise.resolve();

  async function waitTurn(): Promise<void> {
    while (held !== null && holder.getStore() !== held) await released;
  }

  async function exclusive<T>(work: () => Promise<T>): Promise<T> {
    // Checked and taken with no await between, so two transactions never both find the connection free.
    while (held !== null) await released;
    const token = Symbol("transaction");
    let release!: () => void;
    held = token;
    released = new Promise((resolve) => (release = resolve));
    try {
      return await holder.run(token, work);
    } finally {
      held = null;
      release();
    }
  }

  return { waitTurn, exclusive };
}

/** Runs drizzle's statements on a better-sqlite3 connection, each SQL text prepared once. */
function sqliteExecutor(sqlite: Database.Database) {
  const prepared = new Map<string, Database.Statement>();
  return (text: string, params: unknown[], method: "run" | "all" | "values" | "get") => {
    let statement = prepared.get(text);
    if (!statement) {
      // Lists of different lengths make new texts; start again rather than grow without end.
      if (prepared.size >= 1_000) prepared.clear();
      statement = sqlite.prepare(text);
      prepared.set(text, statement);
    }
    if (!statement.reader) {
      statement.run(...params);
      return { rows: [] };
    }
    statement.raw(true);
    if (method === "get") return { rows: statement.get(...params) as unknown[] };
    return { rows: statement.all(...params) as unknown[] };
  };
}

/** Opens (creating if need be) and migrates the SQLite database at `path`. */
export function openSqlite(path: string): { sqlite: Database.Database; db: Db } {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  // FULL: a consent record or an outbox row must survive a power cut once we said it was saved.
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // Deleted and overwritten content is zeroed, not left in free space: a secret blanked in the outbox is gone from the file.
  sqlite.pragma("secure_delete = ON");
  migrate(drizzleSync(sqlite), { migrationsFolder });
  const gate = connectionGate();
  const execute = sqliteExecutor(sqlite);
  const db = drizzle(
    async (text, params, method) => {
      await gate.waitTurn();
      return execute(text, params, method);
    },
    { schema, logger },
  );
  // IMMEDIATE: take the write lock at the start, so two processes never both read and then both wait to write.
  const original = db.transaction.bind(db);
  const begin: Db["transaction"] = (work) => original(work, { behavior: "immediate" });
  return { sqlite, db: withTransactions(db, begin, gate.exclusive) };
}

const opened = openSqlite(env.DATABASE_PATH);

/** The one connection this process uses. */
export const db = opened.db;
export const sqlite = opened.sqlite;

/** Whether the database answers a trivial query. */
export async function databaseAnswers(): Promise<boolean> {
  try {
    const rows = await db.values<[number]>(sql`select 1`);
    return Number(rows[0]?.[0]) === 1;
  } catch {
    return false;
  }
}

export function closeDatabase(): void {
  sqlite.close();
}

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
