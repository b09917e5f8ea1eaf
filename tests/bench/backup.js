// @ts-check
/**
 * Times `npm run db:backup` and `npm run db:restore` on a database of the
 * benchmark's size: on each engine, starts the built server on a new
 * database, seeds residents who have each written, published and shared a
 * whole story (tests/bench/seed.ts), backs it up while the server runs, then
 * restores the backup into a new, stopped database. Prints a table for the
 * README ("Backing up and restoring").
 *
 * Usage: npm run build && node tests/bench/backup.js [--residents 10000 --engines sqlite,postgres]
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startServer, TEST_SESSION_SECRET } from "../support/server.js";
import { freshPostgresDatabase, testDatabase } from "../support/test-database.js";

const root = resolve(import.meta.dirname, "../..");
const args = process.argv.slice(2);
/** @param {string} name @param {string} fallback */
const option = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const residents = Number(option("residents", "10000"));
const engines = option("engines", "sqlite,postgres").split(",");

/** @param {number} bytes */
const megabytes = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Runs one of the commands as `npm run` does (node on the script, from the project's folder), timing it from start to exit.
 * @param {string} script
 * @param {string} file
 * @param {Record<string, string>} database
 */
function timed(script, file, database) {
  const started = performance.now();
  const run = spawnSync(process.execPath, [script, file], { cwd: root, env: { PATH: process.env.PATH, ...database }, encoding: "utf8" });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`${script} failed:\n${run.stderr}`);
  return { seconds, said: run.stdout.trim() };
}

/** @param {"sqlite" | "postgres"} engine */
async function measure(engine) {
  const dir = mkdtempSync(join(tmpdir(), "tell-it-once-backup-bench-"));
  const live = engine === "postgres" ? await freshPostgresDatabase() : undefined;
  const fresh = engine === "postgres" ? await freshPostgresDatabase() : undefined;
  const server = await startServer(live ? { DATABASE_URL: live.url } : { DATABASE_PATH: join(dir, "live.sqlite") });
  try {
    const database = live ? { DATABASE_URL: live.url } : { DATABASE_PATH: server.databasePath };
    console.log(`\n${engine === "postgres" ? "PostgreSQL" : "SQLite"}: seeding ${residents} residents with published, shared stories…`);
    execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "tests/bench/seed.ts", "--residents", String(residents), "--sessions", "1"], {
      cwd: root,
      env: { ...process.env, ...database, ...(live ? { SESSION_SECRET: TEST_SESSION_SECRET } : {}) },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const counts = await server.rowCounts();
    const rows = Object.values(counts).reduce((total, n) => total + n, 0);
    const size = live
      ? Number((await server.query("select pg_database_size(current_database()) as bytes"))[0].bytes)
      : statSync(server.databasePath).size + (statSync(`${server.databasePath}-wal`, { throwIfNoEntry: false })?.size ?? 0);

    // While the server runs, as a nightly backup would be taken.
    const file = join(dir, engine === "postgres" ? "backup.dump" : "backup.sqlite");
    const backup = timed("app/backup-database.js", file, database);
    console.log(backup.said);
    const backupSize = statSync(file).size;

    // Into a database nothing has open, as a restore must be.
    const restore = timed("app/restore-database.js", file, fresh ? { DATABASE_URL: fresh.url } : { DATABASE_PATH: join(dir, "restored.sqlite") });
    console.log(restore.said);
    const restored = testDatabase({ databasePath: join(dir, "restored.sqlite"), databaseUrl: fresh?.url });
    const restoredCounts = await restored.rowCounts();
    await restored.close();
    if (JSON.stringify(restoredCounts) !== JSON.stringify(counts)) throw new Error("the restored database's row counts differ from the live one's");

    console.log(`\n| ${engine === "postgres" ? "PostgreSQL" : "SQLite"}, ${residents} residents | |`);
    console.log("| --- | --- |");
    console.log(`| rows in the database | ${rows.toLocaleString("en-GB")} |`);
    console.log(`| database size | ${megabytes(size)} |`);
    console.log(`| backup (server running) | ${backup.seconds.toFixed(1)} s |`);
    console.log(`| backup file | ${megabytes(backupSize)} |`);
    console.log(`| restore (server stopped), checks included | ${restore.seconds.toFixed(1)} s |`);
  } catch (error) {
    console.error(server.output().slice(-4000));
    throw error;
  } finally {
    await server.stop();
    await live?.drop();
    await fresh?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const engine of engines) {
  if (engine !== "sqlite" && engine !== "postgres") throw new Error(`--engines lists sqlite and postgres, not "${engine}"`);
  await measure(engine);
}
console.log(`\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
