// @ts-check
/**
 * What the backup and restore commands (app/backup-database.js,
 * app/restore-database.js) share: PostgreSQL's client tools run without the
 * password on their command line, where a database is said to be in messages,
 * how long something took, and making a rename survive a power cut; and how
 * each reads its one argument and the database it acts on.
 */
import { spawn } from "node:child_process";
import { closeSync, fsyncSync, openSync } from "node:fs";
import Database from "better-sqlite3";

/** Stops the command, saying why in one line. @param {string} line @returns {never} */
export function fail(line) {
  process.stderr.write(`${line}\n`);
  process.exit(1);
}

/**
 * The command's one argument, a file, and the database it acts on, as the
 * configuration reads them (an empty variable is an unset one); or the command
 * stops, with `usage`, or with what is wrong and then `nothingDone`.
 * @param {string} usage
 * @param {string} nothingDone
 */
export function fileAndDatabase(usage, nothingDone) {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0] === "") fail(usage);
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const databasePath = process.env.DATABASE_PATH || "data/tell-it-once.sqlite";
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) fail(`DATABASE_URL must be a postgres:// address. ${nothingDone}`);
  if (!databaseUrl && databasePath === ":memory:") fail(`DATABASE_PATH is :memory:, a database that lives only inside one process. ${nothingDone}`);
  return { file: args[0], databaseUrl, databasePath };
}

/**
 * A SQLite file opened to read, waiting up to 5 s for a writer to finish; or
 * why it could not be opened, in one sentence.
 * @param {string} path
 * @returns {{ ok: true, database: Database.Database } | { ok: false, problem: string }}
 */
export function openToRead(path) {
  try {
    const database = new Database(path, { readonly: true, fileMustExist: true });
    database.pragma("busy_timeout = 5000");
    return { ok: true, database };
  } catch (error) {
    return { ok: false, problem: `Could not open ${path}: ${error instanceof Error ? error.message : String(error)}.` };
  }
}

/** How long since `since`, as a person reads it. @param {number} since */
export function took(since) {
  const ms = performance.now() - since;
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * The address for PostgreSQL's tools without its password, which goes to them
 * in PGPASSWORD instead: a command line can be read by anyone on the machine.
 * @param {string} url
 * @param {string} name what pg_stat_activity shows this connection as
 */
export function postgresConnection(url, name) {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, PGAPPNAME: name };
  if (password) env.PGPASSWORD = password;
  return { connection: parsed.toString(), env };
}

/**
 * Where a PostgreSQL address points, for messages: its host and database, never its password (as db/client.server.ts says it).
 * @param {string} url
 */
export function databaseHost(url) {
  const parsed = new URL(url);
  return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ""}${parsed.pathname}`;
}

/**
 * Runs one of PostgreSQL's client tools: its output, or why it failed in one line (`missing` when the tool is not installed).
 * @param {string} tool
 * @param {string[]} toolArgs
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<{ ok: true; stdout: string } | { ok: false; problem: string; missing?: boolean }>}
 */
export function runTool(tool, toolArgs, env) {
  return new Promise((done) => {
    const child = spawn(tool, toolArgs, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk) => (stderr += chunk.toString()));
    child.on("error", (error) =>
      done({
        ok: false,
        missing: /** @type {NodeJS.ErrnoException} */ (error).code === "ENOENT",
        problem:
          /** @type {NodeJS.ErrnoException} */ (error).code === "ENOENT"
            ? `${tool} was not found: install PostgreSQL's client tools (on Debian, postgresql-client), of the server's version or later.`
            : `${tool} could not be started: ${error.message}.`,
      }),
    );
    child.on("close", (code, signal) => {
      if (code === 0) return done({ ok: true, stdout });
      const said = stderr.split("\n").find((line) => / error: /.test(line)) ?? stderr.split("\n").find((line) => line.trim() !== "");
      done({ ok: false, problem: `${said ? said.trim().replace(/\.$/, "") : `${tool} stopped (${signal ?? `exit code ${code}`})`}.` });
    });
  });
}

/** Makes a rename in `folder` survive a power cut. @param {string} folder */
export function syncFolder(folder) {
  const descriptor = openSync(folder, "r");
  try {
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}
