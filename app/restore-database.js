// @ts-check
/**
 * Puts a backup made by app/backup-database.js back, into a stopped service,
 * once it has passed an integrity check. On SQLite: SQLite's integrity and
 * foreign-key checks, the service's migrations and tables, then the file at
 * DATABASE_PATH is replaced (the one it replaces, with its write-ahead log,
 * is kept beside it). On PostgreSQL: pg_restore reads the whole backup, the
 * migrations and tables are checked, then `pg_restore --clean --if-exists
 * --single-transaction` puts it into DATABASE_URL, all or nothing. It refuses
 * while anything else has the database open: the service must be stopped.
 * The README says when and how ("Backing up and restoring").
 *
 * Like app/backup-database.js it does not load the built service, which would
 * open the database it is about to replace, and could not start at all on a
 * damaged one, the case a restore is for.
 *
 * Usage: npm run db:restore -- FILE
 */
import { chmodSync, chownSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync } from "node:fs";
import { devNull } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { readMigrationFiles } from "drizzle-orm/migrator";
import pg from "pg";
import { databaseHost, fail, fileAndDatabase, openToRead, postgresConnection, runTool, syncFolder, took } from "./database-tools.js";

const started = performance.now();

/** A reason not to restore, told in one line; anything else thrown is a failure nobody foresaw. */
class Refusal extends Error {}

const { file, databaseUrl, databasePath } = fileAndDatabase(
  "Usage: npm run db:restore -- FILE (restores into the database at DATABASE_URL, or else the SQLite file at DATABASE_PATH)",
  "Nothing was restored.",
);

if (!existsSync(file) || !statSync(file).isFile()) fail(`There is no file at ${file}. Nothing was restored.`);

const format = formatOf(file);
if (databaseUrl && format === "sqlite") {
  fail(`${file} is a SQLite backup, and DATABASE_URL is set: restore it with DATABASE_PATH, then move it with db:copy. Nothing was restored.`);
}
if (!databaseUrl && format === "postgres") fail(`${file} is a PostgreSQL backup (pg_dump): set DATABASE_URL to restore it. Nothing was restored.`);

/** @param {number} n */
const count = (n) => n.toLocaleString("en-GB");

try {
  const done = databaseUrl ? await restorePostgres(databaseUrl) : await restoreSqlite(databasePath);
  const rows = Number.isNaN(done.rows) ? "rows not counted" : `${count(done.rows)} rows`;
  process.stdout.write(`Restored ${file} into ${done.target} in ${took(started)}: ${done.tables} tables, ${rows}.${done.notes}\n`);
} catch (error) {
  if (error instanceof Refusal) fail(`${error.message} Nothing was restored.`);
  fail(`The restore failed: ${error instanceof Error ? error.message : String(error)}. Nothing was restored.`);
}

/**
 * Which engine's backup a file is, by its first bytes.
 * @param {string} path
 * @returns {"sqlite" | "postgres" | "other"}
 */
function formatOf(path) {
  const head = Buffer.alloc(16);
  const descriptor = openSync(path, "r");
  try {
    readSync(descriptor, head, 0, 16, 0);
  } finally {
    closeSync(descriptor);
  }
  if (head.toString("latin1") === "SQLite format 3\0") return "sqlite";
  if (head.subarray(0, 5).toString("latin1") === "PGDMP") return "postgres";
  return "other";
}

/**
 * This version's migrations, oldest first, each with the tables the schema has once it has run.
 * @param {string} folder
 */
function migrationsIn(folder) {
  /** @type {{ entries: { idx: number }[] }} */
  const journal = JSON.parse(readFileSync(join(folder, "meta/_journal.json"), "utf8"));
  return readMigrationFiles({ migrationsFolder: folder }).map((migration, i) => {
    /** @type {{ tables: Record<string, unknown> }} */
    const snapshot = JSON.parse(readFileSync(join(folder, "meta", `${String(journal.entries[i].idx).padStart(4, "0")}_snapshot.json`), "utf8"));
    return { hash: migration.hash, tables: Object.keys(snapshot.tables).map((name) => name.replace(/^public\./, "")) };
  });
}

/**
 * Whether a backup is one of this service's, from this version or an earlier
 * one (the service migrates it on from there when it starts), with every table
 * the schema has at its version.
 * @param {string} folder this engine's migrations
 * @param {string[]} applied the hashes of the migrations the backup records, oldest first
 * @param {Set<string>} present the tables the backup holds
 * @returns {{ ok: true; behind: number } | { ok: false; problem: string }}
 */
function versionCheck(folder, applied, present) {
  const known = migrationsIn(folder);
  if (applied.length === 0) return { ok: false, problem: `${file} is not a Tell it once database: it has no record of the service's migrations.` };
  if (applied.length > known.length || applied.some((hash, i) => known[i].hash !== hash)) {
    return {
      ok: false,
      problem: `${file} was made by another version of the service, with migrations this version does not have: restore it with the version that made it.`,
    };
  }
  const missing = known[applied.length - 1].tables.filter((table) => !present.has(table));
  if (missing.length > 0) return { ok: false, problem: `${file} lacks tables the service keeps: ${missing.join(", ")}.` };
  return { ok: true, behind: known.length - applied.length };
}

/** @param {number} behind how many migrations the backup is behind this version */
function olderNote(behind) {
  return behind === 0
    ? ""
    : ` It was made by an earlier version of the service (${behind} migrations behind this one), which brings it up to date when it starts.`;
}

/**
 * @param {string} target
 * @returns {Promise<{ target: string; tables: number; rows: number; notes: string }>}
 */
async function restoreSqlite(target) {
  const opened = openToRead(file);
  if (!opened.ok) throw new Refusal(opened.problem);
  const backup = opened.database;
  try {
    const checked = checkSqliteBackup(backup);
    if (!checked.ok) throw new Refusal(checked.problem);

    const running = othersUsing(target);
    if (running) throw new Refusal(running);

    // The copy is made beside the database first, so that putting it in place is one rename.
    mkdirSync(dirname(target), { recursive: true });
    const replaced = existsSync(target) ? statSync(target) : undefined;
    const restoring = join(dirname(target), `.${basename(target)}.restoring-${process.pid}`);
    closeSync(openSync(restoring, "wx", 0o600));
    try {
      // Through SQLite rather than as bytes, so a write-ahead log left beside the backup comes with it.
      await backup.backup(restoring, { progress: () => 0x7fffffff });
      if (replaced && process.getuid?.() === 0) chownSync(restoring, replaced.uid, replaced.gid);
      if (replaced) chmodSync(restoring, replaced.mode & 0o777);
      // Asked again at the last moment: an instance may have started while the copy was made.
      const startedMeanwhile = othersUsing(target);
      if (startedMeanwhile) throw new Refusal(startedMeanwhile);
      const kept = replaced ? moveAside(target) : undefined;
      renameSync(restoring, target);
      syncFolder(dirname(target));
      const keptNote = kept ? ` The database it replaced is kept at ${kept}: delete it once the service runs well on the restored one.` : "";
      return { target, tables: checked.tables, rows: checked.rows, notes: `${olderNote(checked.behind)}${keptNote}` };
    } finally {
      rmSync(restoring, { force: true });
    }
  } finally {
    backup.close();
  }
}

/**
 * SQLite's own checks of every page and every reference, then whether the file is this service's.
 * @param {Database.Database} backup
 * @returns {{ ok: true; tables: number; rows: number; behind: number } | { ok: false; problem: string }}
 */
function checkSqliteBackup(backup) {
  try {
    const problems = /** @type {string[]} */ (backup.prepare("pragma integrity_check").pluck().all());
    if (problems.join() !== "ok") return { ok: false, problem: `${file} fails SQLite's integrity check: ${problems[0]}.` };
    const dangling = /** @type {{ table: string; parent: string }[]} */ (backup.prepare("pragma foreign_key_check").all());
    if (dangling.length > 0) {
      return {
        ok: false,
        problem: `${file} has ${dangling.length} rows that refer to rows it lacks (the first in ${dangling[0].table}, to ${dangling[0].parent}).`,
      };
    }
    const tables = /** @type {string[]} */ (backup.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").pluck().all());
    const applied = tables.includes("__drizzle_migrations")
      ? /** @type {string[]} */ (backup.prepare("select hash from __drizzle_migrations order by created_at, id").pluck().all())
      : [];
    const version = versionCheck(fileURLToPath(new URL("../db/migrations", import.meta.url)), applied, new Set(tables));
    if (!version.ok) return version;
    const rows = tables.reduce((total, table) => total + /** @type {number} */ (backup.prepare(`select count(*) from "${table}"`).pluck().get()), 0);
    return { ok: true, tables: tables.length, rows, behind: version.behind };
  } catch (error) {
    const code = /** @type {{ code?: string }} */ (error).code;
    if (code === "SQLITE_NOTADB") return { ok: false, problem: `${file} is not a SQLite database.` };
    if (code === "SQLITE_CORRUPT") return { ok: false, problem: `${file} fails SQLite's integrity check: ${error instanceof Error ? error.message : ""}.` };
    throw error;
  }
}

/**
 * Why the database at `target` cannot be replaced now, if it cannot: another
 * process has it open. The service keeps its database open in WAL mode, and
 * a connection in WAL mode holds a shared lock on the file from its first
 * read until it closes, so SQLite's exclusive lock is refused (at once, with
 * no busy wait) while any instance runs, idle or not, and granted once every
 * one has stopped, however it stopped: the operating system lets go of a
 * dead process's locks, where a pid file would outlive a crash. Holding it,
 * the write-ahead log is folded into the file, so the database kept aside is
 * whole. A file SQLite cannot read at all is replaced as it is.
 * @param {string} target
 * @returns {string | undefined}
 */
function othersUsing(target) {
  if (!existsSync(target)) return undefined;
  const current = new Database(target, { fileMustExist: true });
  try {
    current.pragma("busy_timeout = 0");
    current.pragma("locking_mode = EXCLUSIVE");
    current.exec("begin exclusive");
    current.exec("commit");
    current.pragma("wal_checkpoint(TRUNCATE)");
    return undefined;
  } catch (error) {
    const code = /** @type {{ code?: string }} */ (error).code;
    if (code === "SQLITE_BUSY" || code === "SQLITE_LOCKED") return `The service is running on ${target} (another process has it open): stop it, then restore.`;
    if (code === "SQLITE_NOTADB" || code === "SQLITE_CORRUPT") return undefined;
    throw error;
  } finally {
    current.close();
  }
}

/**
 * Renames the database being replaced, and its write-ahead log if one is left, to one name with the time in it.
 * Its shared-memory index holds nothing that is not in the log, and goes.
 * @param {string} target
 */
function moveAside(target) {
  const kept = `${target}.replaced-${new Date().toISOString().replace(/[:.]/g, "-")}`;
  renameSync(target, kept);
  if (existsSync(`${target}-wal`)) renameSync(`${target}-wal`, `${kept}-wal`);
  rmSync(`${target}-shm`, { force: true });
  return kept;
}

/**
 * @param {string} url
 * @returns {Promise<{ target: string; tables: number; rows: number; notes: string }>}
 */
async function restorePostgres(url) {
  const target = databaseHost(url);
  const { connection, env } = postgresConnection(url, "tell-it-once-restore");

  // --list reads only the table of contents at the head of the file; reading every part as SQL finds a damaged or cut-short one.
  const listed = await run("pg_restore", ["--list", file], env);
  if (!listed.ok) throw new Refusal(`${file} is not a backup pg_restore can read: ${listed.problem}`);
  const whole = await run("pg_restore", [`--file=${devNull}`, file], env);
  if (!whole.ok) throw new Refusal(`${file} is damaged: pg_restore cannot read all of it: ${whole.problem}`);
  const tables = [...listed.stdout.matchAll(/^\d+; \d+ \d+ TABLE (?!DATA )(\S+) (\S+)/gm)].map(([, schema, name]) => ({ schema, name }));
  const migrations = await run("pg_restore", ["--data-only", "--schema=drizzle", "--table=__drizzle_migrations", "--file=-", file], env);
  if (!migrations.ok) throw new Refusal(`${file} is not a backup pg_restore can read: ${migrations.problem}`);
  const version = versionCheck(
    fileURLToPath(new URL("../db/migrations-pg", import.meta.url)),
    appliedIn(migrations.stdout),
    new Set(tables.filter((table) => table.schema === "public").map((table) => table.name)),
  );
  if (!version.ok) throw new Refusal(version.problem);

  const client = new pg.Client({ connectionString: url, application_name: "tell-it-once-restore" });
  try {
    await client.connect();
  } catch (error) {
    throw new Refusal(`Cannot use the database at ${target}: ${error instanceof Error ? error.message : String(error)}.`);
  }
  try {
    // Each running instance keeps a connection: its mail worker asks the database for work every 5 seconds.
    const others = await client.query(
      `select coalesce(nullif(application_name, ''), 'unnamed') as name, count(*)::int as n from pg_stat_activity
       where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend' group by 1 order by 1`,
    );
    if (others.rows.length > 0) {
      const total = others.rows.reduce((sum, row) => sum + row.n, 0);
      const who = others.rows.map((row) => (row.n === 1 ? row.name : `${row.name} ×${row.n}`)).join(", ");
      throw new Refusal(
        `The database at ${target} has ${total} other ${total === 1 ? "connection" : "connections"} (${who}): stop every instance of the service, then restore.`,
      );
    }
    // --clean drops only what the backup has: a table it lacks would stay, in the way of a migration.
    const inBackup = new Set(tables.map((table) => `${table.schema}.${table.name}`));
    const existing = await client.query(
      "select table_schema || '.' || table_name as name from information_schema.tables where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE' order by 1",
    );
    const extra = existing.rows.map((row) => row.name).filter((name) => !inBackup.has(name));
    if (extra.length > 0) {
      throw new Refusal(`The database at ${target} has tables the backup does not (${extra.join(", ")}): restore into a new, empty database.`);
    }
  } finally {
    await client.end();
  }

  // --no-owner: what is restored belongs to DATABASE_URL's user, the service's, which must own its tables to migrate them.
  const restored = await run("pg_restore", ["--clean", "--if-exists", "--single-transaction", "--no-owner", `--dbname=${connection}`, file], env);
  if (!restored.ok) throw new Refusal(`The restore failed and was rolled back, so the database at ${target} is as it was: ${restored.problem}`);

  // Counted in the database, as it now is. The restore is done whatever happens here, so a failure only goes unsaid.
  const counter = new pg.Client({ connectionString: url, application_name: "tell-it-once-restore" });
  let rows = 0;
  try {
    await counter.connect();
    for (const { schema, name } of tables) rows += (await counter.query(`select count(*)::int as n from "${schema}"."${name}"`)).rows[0].n;
  } catch {
    rows = NaN;
  } finally {
    await counter.end().catch(() => {});
  }
  return { target, tables: tables.length, rows, notes: olderNote(version.behind) };
}

/**
 * The hashes of the migrations a pg_restore script of drizzle's record of them holds, oldest first.
 * @param {string} script
 */
function appliedIn(script) {
  const lines = script.split("\n");
  const start = lines.findIndex((line) => line.startsWith("COPY drizzle.__drizzle_migrations ("));
  if (start < 0) return [];
  const columns = lines[start].slice(lines[start].indexOf("(") + 1, lines[start].indexOf(")")).split(", ");
  const end = lines.indexOf("\\.", start);
  return lines
    .slice(start + 1, end)
    .map((line) => line.split("\t"))
    .map((values) => ({ hash: values[columns.indexOf("hash")], at: Number(values[columns.indexOf("created_at")]) }))
    .sort((a, b) => a.at - b.at)
    .map((row) => row.hash);
}

/**
 * Runs one of PostgreSQL's client tools (database-tools.js' runTool); a tool that is not installed is a refusal.
 * @param {string} tool
 * @param {string[]} toolArgs
 * @param {NodeJS.ProcessEnv} env
 */
async function run(tool, toolArgs, env) {
  const outcome = await runTool(tool, toolArgs, env);
  if (!outcome.ok && outcome.missing) throw new Refusal(outcome.problem);
  return outcome;
}
