/**
 * Copies a SQLite database (a pilot's) into the empty PostgreSQL database at
 * DATABASE_URL, in one transaction: every table, row for row, checked by row
 * count and by a hash of its content read back from PostgreSQL. Anything
 * wrong, and nothing is copied.
 */
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { getTableName, sql } from "drizzle-orm";
import { drizzle as drizzleSync } from "drizzle-orm/better-sqlite3";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/node-postgres";
import { getTableConfig as pgTableConfig, type PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteTableConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import pg from "pg";
import * as postgresTables from "./schema.pg";
import * as sqliteTables from "./schema.sqlite";

const migrationsFolder = fileURLToPath(new URL("../db/migrations", import.meta.url));
/** Rows per INSERT: well inside PostgreSQL's 65,535 parameters for the widest table. */
const CHUNK = 500;

export type CopiedTable = { table: string; rows: number; hash: string };
export type CopyOutcome = { ok: true; tables: CopiedTable[] } | { ok: false; problem: string };

type Pair = { name: string; from: SQLiteTable; to: PgTable };

/** Every table, each after the tables its foreign keys point at. */
export function tablesInCopyOrder(): Pair[] {
  const pairs = new Map<string, Pair>();
  for (const [key, from] of Object.entries(sqliteTables)) {
    const to = (postgresTables as Record<string, unknown>)[key] as PgTable;
    pairs.set(getTableName(from), { name: getTableName(from), from, to });
  }
  const ordered: Pair[] = [];
  const visit = (pair: Pair, path: string[]) => {
    if (ordered.includes(pair) || path.includes(pair.name)) return;
    for (const key of sqliteTableConfig(pair.from).foreignKeys) {
      const target = getTableName(key.reference().foreignTable);
      if (target !== pair.name) visit(pairs.get(target)!, [...path, pair.name]);
    }
    ordered.push(pair);
  };
  for (const pair of pairs.values()) visit(pair, []);
  return ordered;
}

/** A row as text that is the same whichever engine it was read from: keys sorted, instants in ISO form. */
function canonical(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The SHA-256 of a table's rows, whatever order they were read in. */
export function contentHash(rows: unknown[]): string {
  const hash = createHash("sha256");
  for (const line of rows.map(canonical).sort()) hash.update(line).update("\n");
  return hash.digest("hex");
}

/** Why the SQLite file cannot be copied as it is, if it cannot: it must be at this version's last migration. */
function sourceProblem(source: Database.Database, file: string): string | undefined {
  const expected = readMigrationFiles({ migrationsFolder }).map((migration) => migration.hash);
  const hasTable = source.prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'").get();
  const applied = hasTable ? (source.prepare("select hash from __drizzle_migrations order by created_at").pluck().all() as string[]) : [];
  if (applied.length === 0) return `${file} is not a Tell it once database.`;
  if (applied.join() !== expected.join()) {
    return `${file} was last used by another version of the service: start this version on it once (it brings the file up to date), stop it, then copy.`;
  }
  return undefined;
}

/**
 * Copies every table of the SQLite file into the PostgreSQL database at
 * `targetUrl`, which must be migrated and hold no rows. One transaction: it
 * commits only once every table's row count and content hash, read back from
 * PostgreSQL, match the file's.
 */
export async function copySqliteToPostgres(file: string, targetUrl: string): Promise<CopyOutcome> {
  let source: Database.Database;
  try {
    source = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    return { ok: false, problem: `Could not open ${file}: ${error instanceof Error ? error.message : String(error)}.` };
  }
  const client = new pg.Client({ connectionString: targetUrl });
  try {
    const problem = sourceProblem(source, file);
    if (problem) return { ok: false, problem };
    const from = drizzleSync(source);
    await client.connect();
    const to = drizzlePostgres(client);
    const pairs = tablesInCopyOrder();

    await client.query("begin");
    // Nobody else writes while the copy runs; a service started on the target waits for it.
    await client.query(`lock table ${pairs.map(({ name }) => `"${name}"`).join(", ")} in exclusive mode`);
    const held = [];
    for (const { name } of pairs) {
      const { rows } = await client.query<{ n: string }>(`select count(*) as n from "${name}"`);
      if (Number(rows[0].n) > 0) held.push(`${name} (${rows[0].n})`);
    }
    if (held.length > 0) {
      await client.query("rollback");
      return { ok: false, problem: `The database is not empty: it holds rows in ${held.join(", ")}. db:copy copies only into an empty database.` };
    }

    const tables: CopiedTable[] = [];
    for (const pair of pairs) {
      const rows = from.select().from(pair.from).all() as Record<string, unknown>[];
      for (let start = 0; start < rows.length; start += CHUNK) {
        await to.insert(pair.to).values(rows.slice(start, start + CHUNK));
      }
      // Row numbers the database gives go on from the highest copied.
      for (const column of pgTableConfig(pair.to).columns.filter((c) => c.generatedIdentity)) {
        await to.execute(
          sql.raw(
            `select setval(pg_get_serial_sequence('"${pair.name}"', '${column.name}'), coalesce(max("${column.name}"), 0) + 1, false) from "${pair.name}"`,
          ),
        );
      }
      const copied = (await to.select().from(pair.to)) as Record<string, unknown>[];
      const hash = contentHash(rows);
      if (copied.length !== rows.length || contentHash(copied) !== hash) {
        await client.query("rollback");
        return { ok: false, problem: `${pair.name} did not copy exactly (${rows.length} rows in the file, ${copied.length} read back).` };
      }
      tables.push({ table: pair.name, rows: rows.length, hash });
    }
    await client.query("commit");
    return { ok: true, tables };
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    source.close();
    await client.end().catch(() => {});
  }
}
