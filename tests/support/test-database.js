// @ts-check
/**
 * The database behind a server the suites started, read and written the same
 * way on either engine. Tests write SQL with `?` placeholders and pass instants
 * as Dates; rows come back as objects in SQLite's shapes on both engines
 * (instants as milliseconds, booleans as 1 or 0, JSON as its text, 64-bit
 * integers as numbers), so one assertion holds for both.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

/** The PostgreSQL server the suites use when TEST_ENGINE is postgres. */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** Runs `sql` on the PostgreSQL server's maintenance database (to make or drop a database). */
async function onPostgresServer(/** @type {string} */ sql) {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A new, empty PostgreSQL database on the test server, and how to drop it.
 * @returns {Promise<{ url: string; drop: () => Promise<void> }>}
 */
export async function freshPostgresDatabase() {
  const name = `tio_test_${randomBytes(6).toString("hex")}`;
  await onPostgresServer(`create database ${name}`);
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onPostgresServer(`drop database if exists ${name} with (force)`) };
}

const asText = (/** @type {string} */ value) => value;
/** PostgreSQL's values as SQLite holds them: by type oid (int8, bool, json, timestamptz). */
const sqliteShapes = new Map(
  /** @type {[number, (value: string) => unknown][]} */ ([
    [20, Number],
    [16, (/** @type {string} */ value) => (value === "t" ? 1 : 0)],
    [114, asText],
    [1184, (/** @type {string} */ value) => new Date(value).getTime()],
  ]),
);
/** @type {pg.CustomTypesConfig} */
const types = {
  getTypeParser: (oid, format) => sqliteShapes.get(oid) ?? pg.types.getTypeParser(oid, format),
};

/** `?` placeholders as PostgreSQL's `$1`, `$2`, … */
const numbered = (/** @type {string} */ sql) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/**
 * @typedef {object} TestDatabase
 * @property {<T = Record<string, unknown>>(sql: string, ...params: unknown[]) => Promise<T[]>} query the rows a query finds
 * @property {(sql: string, ...params: unknown[]) => Promise<void>} write runs a statement that changes the database (a fixture: a clock moved on, say)
 * @property {() => Promise<Record<string, number>>} rowCounts rows in every table of the app's, including the migrations' record
 * @property {() => Promise<void>} close
 */

/**
 * The database at a SQLite file or a PostgreSQL address, opened on first use.
 * @param {{ databasePath: string; databaseUrl: string | undefined }} where
 * @returns {TestDatabase}
 */
export function testDatabase({ databasePath, databaseUrl }) {
  return databaseUrl ? postgresDatabase(databaseUrl) : sqliteDatabase(databasePath);
}

/** @returns {TestDatabase} */
function postgresDatabase(/** @type {string} */ url) {
  /** @type {pg.Pool | undefined} */
  let pool;
  let closed = false;
  const run = async (/** @type {string} */ sql, /** @type {unknown[]} */ params) => {
    if (closed) throw new Error(`the test database at ${url} was closed: nothing may query it after its server stopped`);
    if (!pool) {
      pool = new pg.Pool({ connectionString: url, max: 2, types });
      // An idle connection ended by the server (the database dropped, with force, after a test) is no failure of the test.
      pool.on("error", () => {});
    }
    return (await pool.query(numbered(sql), params)).rows;
  };
  return {
    query: /** @type {TestDatabase["query"]} */ (async (sql, ...params) => run(sql, params)),
    write: async (sql, ...params) => void (await run(sql, params)),
    rowCounts: async () => {
      const tables = /** @type {{ name: string }[]} */ (
        await run(
          "select table_schema || '.' || table_name as name from information_schema.tables where table_schema in ('public', 'drizzle') order by table_name",
          [],
        )
      );
      const counts = await Promise.all(tables.map(async ({ name }) => (await run(`select count(*) as n from ${name}`, []))[0].n));
      return Object.fromEntries(tables.map(({ name }, i) => [name.replace(/^(public|drizzle)\./, ""), /** @type {number} */ (counts[i])]));
    },
    close: async () => {
      const open = pool;
      pool = undefined;
      closed = true;
      await open?.end();
    },
  };
}

/** @returns {TestDatabase} */
function sqliteDatabase(/** @type {string} */ path) {
  /** @type {import("better-sqlite3").Database | undefined} */
  let db;
  const open = async () => {
    if (!db) {
      const { default: Database } = await import("better-sqlite3");
      db = new Database(path, { fileMustExist: true });
      db.pragma("busy_timeout = 5000");
    }
    return db;
  };
  /** better-sqlite3 takes neither Dates nor booleans. */
  const bound = (/** @type {unknown[]} */ params) => params.map((p) => (p instanceof Date ? p.getTime() : typeof p === "boolean" ? Number(p) : p));
  return {
    query: /** @type {TestDatabase["query"]} */ (async (sql, ...params) => (await open()).prepare(sql).all(...bound(params))),
    write: async (sql, ...params) => void (await open()).prepare(sql).run(...bound(params)),
    rowCounts: async () => {
      const handle = await open();
      const tables = /** @type {string[]} */ (
        handle.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").pluck().all()
      );
      return Object.fromEntries(tables.map((t) => [t, /** @type {number} */ (handle.prepare(`select count(*) from "${t}"`).pluck().get())]));
    },
    close: async () => {
      db?.close();
      db = undefined;
    },
  };
}
