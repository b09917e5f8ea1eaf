// @ts-check
/**
 * Takes a consistent backup of the service's database while it runs: on
 * SQLite with SQLite's online backup (one read transaction, so a snapshot of
 * one moment, while the service goes on writing), on PostgreSQL with
 * `pg_dump -Fc` (which reads in one snapshot too). The backup is written
 * beside FILE and renamed to FILE only once it is whole and checked, so a FILE
 * that exists is always a complete backup. The README says when and how
 * ("Backing up and restoring"); app/restore-database.js puts one back.
 *
 * Unlike app/copy-database.js it does not load the built service: that would
 * migrate the live database, as a starting instance does, and a backup must
 * read it and change nothing. So it reads DATABASE_URL and DATABASE_PATH as
 * app/config/env.server.ts does, and needs only better-sqlite3, or pg_dump.
 *
 * Usage: npm run db:backup -- FILE
 */
import { closeSync, existsSync, openSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import Database from "better-sqlite3";
import { databaseHost, fail, fileAndDatabase, openToRead, postgresConnection, runTool, syncFolder, took } from "./database-tools.js";

const started = performance.now();

const { file, databaseUrl, databasePath } = fileAndDatabase(
  "Usage: npm run db:backup -- FILE (backs up the database at DATABASE_URL, or else the SQLite file at DATABASE_PATH)",
  "Nothing was backed up.",
);

if (existsSync(file)) fail(`${file} already exists: give the backup a new name, so that no earlier backup is overwritten. Nothing was backed up.`);
if (!existsSync(dirname(file)) || !statSync(dirname(file)).isDirectory())
  fail(`There is no folder ${dirname(file)} to write ${file} in. Nothing was backed up.`);
if (!databaseUrl && !existsSync(databasePath)) fail(`There is no database at ${databasePath} (DATABASE_PATH). Nothing was backed up.`);

// Written beside FILE, so that renaming it to FILE at the end is atomic; made readable by its owner alone, as it holds everyone's stories.
const partial = join(dirname(file), `.${basename(file)}.partial-${process.pid}`);
try {
  closeSync(openSync(partial, "wx", 0o600));
} catch (error) {
  fail(`Could not write in ${dirname(file)}: ${error instanceof Error ? error.message : String(error)}. Nothing was backed up.`);
}

/** @param {number} bytes */
const size = (bytes) => (bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);
try {
  const outcome = databaseUrl ? await backUpPostgres(databaseUrl) : await backUpSqlite(databasePath);
  if (!outcome.ok) {
    rmSync(partial, { force: true });
    fail(`${outcome.problem} Nothing was backed up.`);
  }
  renameSync(partial, file);
  syncFolder(dirname(file));
  process.stdout.write(
    `Backed up ${outcome.source} to ${file} in ${took(started)}: ${outcome.tables} tables, ${size(statSync(file).size)}. ${outcome.checked}\n`,
  );
} catch (error) {
  rmSync(partial, { force: true });
  fail(`The backup failed: ${error instanceof Error ? error.message : String(error)}. Nothing was backed up.`);
}

/**
 * @typedef {{ ok: true; source: string; tables: number; checked: string } | { ok: false; problem: string }} Outcome
 */

/**
 * SQLite's online backup, all pages in one step: one read transaction, so
 * the copy is the database as one commit left it. In WAL mode a reader holds
 * no writer up; copied a few pages at a time instead, a write between steps
 * would start the copy again, for ever on a busy service.
 * @param {string} path
 * @returns {Promise<Outcome>}
 */
async function backUpSqlite(path) {
  const opened = openToRead(path);
  if (!opened.ok) return opened;
  const live = opened.database;
  try {
    await live.backup(partial, { progress: () => 0x7fffffff });
  } catch (error) {
    return { ok: false, problem: `Could not read ${path}: ${error instanceof Error ? error.message : String(error)}.` };
  } finally {
    live.close();
  }
  const copy = new Database(partial);
  try {
    // One self-contained file, with no write-ahead log beside it to lose; a service started on it turns WAL on again.
    copy.pragma("journal_mode = DELETE");
    const problems = /** @type {string[]} */ (copy.prepare("pragma integrity_check").pluck().all());
    if (problems.join() !== "ok")
      return { ok: false, problem: `The copy of ${path} fails SQLite's integrity check (${problems[0]}), so the database itself is damaged.` };
    const tables = /** @type {number} */ (copy.prepare("select count(*) from sqlite_master where type = 'table' and name not like 'sqlite_%'").pluck().get());
    return { ok: true, source: path, tables, checked: "SQLite's integrity check of the backup says ok." };
  } finally {
    copy.close();
  }
}

/**
 * pg_dump in its custom format, which pg_restore reads; it dumps in one
 * REPEATABLE READ transaction, so the backup is one moment of the database
 * while the service goes on writing.
 * @param {string} url
 * @returns {Promise<Outcome>}
 */
async function backUpPostgres(url) {
  const { connection, env } = postgresConnection(url, "tell-it-once-backup");
  const dumped = await runTool("pg_dump", ["--format=custom", `--file=${partial}`, `--dbname=${connection}`], env);
  if (!dumped.ok) return dumped;
  const listed = await runTool("pg_restore", ["--list", partial], env);
  if (!listed.ok) return { ok: false, problem: `pg_restore cannot read the backup pg_dump wrote: ${listed.problem}` };
  const tables = listed.stdout.split("\n").filter((line) => / TABLE DATA /.test(line)).length;
  return { ok: true, source: databaseHost(url), tables, checked: "pg_restore reads its table of contents." };
}
