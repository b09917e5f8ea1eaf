// @ts-check
/**
 * Moves a service that ran on SQLite to PostgreSQL: copies every table of the
 * SQLite file into the empty PostgreSQL database at DATABASE_URL (migrating it
 * first), in one transaction, and checks each table's row count and content
 * hash. It refuses a database that already holds rows. The README says when
 * to run it ("Moving from SQLite to PostgreSQL").
 *
 * Plain JavaScript running the built server bundle, as app/import-agencies.js.
 *
 * Usage: DATABASE_URL=postgres://… npm run db:copy -- FILE.sqlite
 */
import { existsSync } from "node:fs";

/** @param {string[]} lines @returns {never} */
function fail(lines) {
  process.stderr.write(`${lines.join("\n")}\n`);
  process.exit(1);
}

const args = process.argv.slice(2);
if (args.length !== 1) fail(["Usage: DATABASE_URL=postgres://… npm run db:copy -- FILE.sqlite"]);
const [file] = args;
if (!process.env.DATABASE_URL) fail(["Set DATABASE_URL to the PostgreSQL database to copy into. Nothing was copied."]);
if (!existsSync(file)) fail([`There is no file at ${file}. Nothing was copied.`]);

const bundle = new URL("../build/index.js", import.meta.url);
if (!existsSync(bundle)) fail(["The service is not built: run `npm run build` first. Nothing was copied."]);

// Loading the build checks the configuration; preparing the database connects to it and migrates it.
/** @type {import("@remix-run/node").ServerBuild} */
const build = await import(/* @vite-ignore */ bundle.href);
/** @type {typeof import("#app/entry.server").serverSupport} */
const { copySqliteToPostgres, databaseHost, prepareDatabase, closeDatabase } = build.entry.module.serverSupport;
await prepareDatabase();
const target = databaseHost(process.env.DATABASE_URL);
try {
  const outcome = await copySqliteToPostgres(file, process.env.DATABASE_URL);
  if (!outcome.ok) fail([`${outcome.problem}`, `Nothing was copied to ${target}.`]);
  const rows = outcome.tables.reduce((total, table) => total + table.rows, 0);
  const width = Math.max(...outcome.tables.map((table) => table.table.length));
  process.stdout.write(
    [
      `Copied ${rows} rows in ${outcome.tables.length} tables from ${file} to ${target}. Each table's row count and content hash match:`,
      ...outcome.tables.map((table) => `  ${table.table.padEnd(width)}  ${String(table.rows).padStart(7)}  sha256 ${table.hash.slice(0, 16)}`),
      "",
    ].join("\n"),
  );
} catch (error) {
  fail([`The copy failed, and nothing was copied to ${target}: ${error instanceof Error ? error.message : String(error)}`]);
} finally {
  await closeDatabase();
}
