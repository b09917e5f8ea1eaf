import { log } from "#app/lib/log.server";
import { AsyncLocalStorage } from "node:async_hooks";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { sql, type SQL } from "drizzle-orm";
import { drizzle as drizzleSync } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { drizzle as drizzlePostgres, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate as migratePostgres } from "drizzle-orm/node-postgres/migrator";
import { drizzle, type SqliteRemoteDatabase } from "drizzle-orm/sqlite-proxy";
import pg from "pg";
import { env } from "#app/config/env.server";
import * as schema from "./schema";
import * as postgresTables from "./schema.pg";

// Resolve to db/… both from this file and from the bundled build/index.js.
const migrationsFolder = fileURLToPath(new URL("../db/migrations", import.meta.url));
const postgresMigrationsFolder = fileURLToPath(new URL("../db/migrations-pg", import.meta.url));

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

/** Any number, the same in every instance: the advisory lock that lets one instance at a time migrate. */
const MIGRATION_LOCK = 7_014_100;

/**
 * A pool of connections to the PostgreSQL database at `url`. Each transaction
 * has a connection of its own, so nothing else can slip into it. Nothing is
 * connected until `prepareDatabase` (or the first query).
 */
export function openPostgres(url: string, poolSize: number): { pool: pg.Pool; db: Db } {
  // Named, so that a database administrator sees in pg_stat_activity which connections are the service's.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, application_name: "tell-it-once" });
  // An idle connection the server closed (a restart, a failover) is dropped and replaced; it must not crash the process.
  pool.on("error", (error) => log.error(`A database connection was lost: ${error.message}`));
  const db = drizzlePostgres(pool, { schema: postgresTables, logger }) as unknown as Db;
  const original = db.transaction.bind(db);
  return { pool, db: withTransactions(db, (work) => original(work)) };
}

/** Where a PostgreSQL address points, for messages: its host and database, never its password. */
export function databaseHost(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ""}${parsed.pathname}`;
}

/**
 * Migrates a PostgreSQL database, one instance at a time: instances starting
 * together wait on an advisory lock, and each after the first finds nothing
 * left to do.
 */
export async function migrateDatabase(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await migratePostgres(drizzlePostgres(client) as NodePgDatabase, { migrationsFolder: postgresMigrationsFolder });
    } finally {
      await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

/** The engine this process runs on; a SQLite file that cannot be opened stops the process with one line saying why. */
function openEngine() {
  if (env.DATABASE_URL) return { ...openPostgres(env.DATABASE_URL, env.DATABASE_POOL_SIZE), sqlite: undefined };
  try {
    return { ...openSqlite(env.DATABASE_PATH), pool: undefined };
  } catch (error) {
    process.stderr.write(`Cannot use the database at ${env.DATABASE_PATH}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

const engine = openEngine();

/** The database of this process, on whichever engine. */
export const db = engine.db;
/** The SQLite connection, when the engine is SQLite (undefined on PostgreSQL). */
export const sqlite = engine.sqlite as Database.Database;

/**
 * Makes the database ready before anything listens: on PostgreSQL, connects
 * and migrates, and stops the process with one line naming the host (never the
 * password) when it cannot. SQLite was opened and migrated on import.
 */
export async function prepareDatabase(): Promise<void> {
  if (!engine.pool || !env.DATABASE_URL) return;
  try {
    await migrateDatabase(engine.pool);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(`Cannot use the database at ${databaseHost(env.DATABASE_URL)}: ${reason}\n`);
    process.exit(1);
  }
}

/**
 * Makes the transactions that name the same `topic` run one after another. On
 * SQLite every transaction already does; PostgreSQL takes a lock that the
 * transaction's end lets go.
 */
export async function oneAtATime(tx: Tx, topic: string): Promise<void> {
  if (!engine.pool) return;
  await (tx as unknown as { execute: (query: SQL) => Promise<unknown> }).execute(sql`select pg_advisory_xact_lock(hashtext(${topic}))`);
}

/** Whether the database answers a trivial query. */
export async function databaseAnswers(): Promise<boolean> {
  try {
    if (engine.pool) return (await engine.pool.query<{ ok: number }>("select 1 as ok")).rows[0]?.ok === 1;
    const rows = await db.values<[number]>(sql`select 1`);
    return rows[0]?.[0] === 1;
  } catch {
    return false;
  }
}

export async function closeDatabase(): Promise<void> {
  if (engine.pool) await engine.pool.end();
  else sqlite.close();
}

/**
 * Copies the write-ahead log into the database file and empties it, so that a
 * secret overwritten in a row (a sign-in code or link token blanked in the
 * outbox once sent) is gone from the disk and not only from the table. Never
 * waits, as it runs on the only thread: says false when another connection
 * still reads from the log, and the caller tries again later.
 */
export function checkpointWal(connection: Database.Database | undefined = sqlite): boolean {
  // PostgreSQL keeps no such log in reach of the service: VACUUM, which it runs itself, reclaims old row versions.
  if (!connection) return true;
  const wait = connection.pragma("busy_timeout", { simple: true }) as number;
  connection.pragma("busy_timeout = 0");
  try {
    const [result] = connection.pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[];
    return result.busy === 0;
  } finally {
    connection.pragma(`busy_timeout = ${wait}`);
  }
}
