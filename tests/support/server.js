// @ts-check
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freshPostgresDatabase, testDatabase } from "./test-database.js";

const root = resolve(import.meta.dirname, "../..");

/**
 * @typedef {object} RunningServer
 * @property {string} url
 * @property {number} port
 * @property {number} pid the server's process (with workers, their primary)
 * @property {string} databasePath the SQLite file, when the engine is SQLite
 * @property {string | undefined} databaseUrl the PostgreSQL database, when the engine is PostgreSQL
 * @property {import("./test-database.js").TestDatabase["query"]} query the rows a query finds in the server's database, on either engine (`./test-database.js`)
 * @property {import("./test-database.js").TestDatabase["write"]} write changes the server's database behind its back: a fixture
 * @property {import("./test-database.js").TestDatabase["rowCounts"]} rowCounts rows in each table of the server's database
 * @property {() => string} output everything the server printed so far (stdout and stderr)
 * @property {(pattern: RegExp) => void} expectError declares that the test running now makes the server print an error matching `pattern`
 * @property {() => string[]} unexpectedErrors the errors printed to stderr since the last call that no `expectError` of the test claimed, and the expectations nothing matched; forgets both
 * @property {Promise<{ code: number | null; signal: string | null }>} exited how the server's process ended, once it has
 * @property {() => Promise<void>} stop
 * @property {() => Promise<void>} crash kills the process at once (SIGKILL), as the kernel's OOM killer would, leaving a database it was given (DATABASE_PATH or DATABASE_URL) as the crash left it
 */

/**
 * Every server started and not yet stopped, so that a test file's setup can
 * look at what each printed to stderr during each test (`tests/setup/fail-on-server-error.ts`).
 * @type {Set<RunningServer>}
 */
export const runningServers = new Set();

/**
 * What a server wrote to stderr, cut into the errors it printed: a new error
 * starts on each line that is not indented (a stack trace's lines are) and
 * does not close an object that `console.error` printed with the error. An
 * error the server logged as JSON (app/lib/log.server.ts) reads as its message,
 * then the whole line.
 * @param {string} stderr
 * @returns {string[]}
 */
export function errorsIn(stderr) {
  const errors = [];
  for (const line of stderr.split("\n")) {
    if (line.trim() === "") continue;
    if (errors.length > 0 && /^(\s|[}\]])/.test(line)) errors[errors.length - 1] += `\n${line}`;
    else errors.push(loggedMessage(line));
  }
  return errors;
}

/** @param {string} line */
function loggedMessage(line) {
  if (!line.startsWith("{")) return line;
  try {
    const { msg } = JSON.parse(line);
    return typeof msg === "string" ? `${msg}\n  ${line}` : line;
  } catch {
    return line;
  }
}

/**
 * Claims each error a pattern expects: the errors nothing expected, and the expectations nothing printed.
 * @param {string[]} errors
 * @param {RegExp[]} expected
 * @returns {string[]}
 */
export function unclaimed(errors, expected) {
  const unmatched = expected.filter((pattern) => !errors.some((error) => pattern.test(error)));
  return [
    ...errors.filter((error) => !expected.some((pattern) => pattern.test(error))),
    ...unmatched.map((pattern) => `(an error matching ${pattern} was expected, and not printed)`),
  ];
}

/** The SESSION_SECRET of a server on PostgreSQL: every instance sharing a database needs the same one. */
export const TEST_SESSION_SECRET = "a-test-secret-every-instance-of-one-run-shares";

/** @returns {Promise<number>} */
export async function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? done(address.port) : fail(new Error("no port"))));
    });
  });
}

/**
 * Starts the built server (`npm run build` first) on a free port with its own
 * temporary database, and waits until /healthz answers. Used by the HTTP and
 * browser suites and by the benchmark. The database is a SQLite file, or with
 * TEST_ENGINE=postgres a new PostgreSQL database, unless `extraEnv` names one
 * (DATABASE_URL or DATABASE_PATH: several servers sharing one, or one started again).
 * @param {Record<string, string>} [extraEnv]
 * @returns {Promise<RunningServer>}
 */
export async function startServer(extraEnv = {}) {
  if (!existsSync(join(root, "build/index.js"))) {
    throw new Error("The server is not built: run `npm run build` (npm test does this for you).");
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "tell-it-once-"));
  const databasePath = extraEnv.DATABASE_PATH ?? join(dir, "test.sqlite");
  const own = process.env.TEST_ENGINE === "postgres" && !extraEnv.DATABASE_URL && !extraEnv.DATABASE_PATH ? await freshPostgresDatabase() : undefined;
  const databaseUrl = extraEnv.DATABASE_URL ?? own?.url;
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["app/server.js"], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_PATH: databasePath,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl, SESSION_SECRET: TEST_SESSION_SECRET } : {}),
      PUBLIC_URL: url,
      MAIL_TRANSPORT: "console",
      // One process, unless a test asks for workers: a test's server is small, and two cores run two test files.
      WEB_CONCURRENCY: "1",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so that a crash kills its workers with it, as the kernel kills a whole service.
    detached: true,
  });
  /** @type {RunningServer["exited"]} */
  const exited = new Promise((done) => child.once("exit", (code, signal) => done({ code, signal })));
  let output = "";
  let stderr = "";
  /** @type {RegExp[]} */
  let expected = [];
  child.stdout.on("data", (chunk) => (output += chunk.toString()));
  child.stderr.on("data", (chunk) => {
    output += chunk.toString();
    stderr += chunk.toString();
  });
  /** @type {RunningServer["unexpectedErrors"]} */
  const unexpectedErrors = () => {
    const found = unclaimed(errorsIn(stderr), expected);
    stderr = "";
    expected = [];
    return found;
  };

  const database = testDatabase({ databasePath, databaseUrl });
  /** @type {RunningServer} */
  const server = {
    url,
    port,
    pid: /** @type {number} */ (child.pid),
    databasePath,
    databaseUrl,
    query: database.query,
    write: database.write,
    rowCounts: database.rowCounts,
    output: () => output,
    expectError: (pattern) => void expected.push(pattern),
    unexpectedErrors,
    exited,
    stop: () => stop(),
    crash: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((done) => child.once("exit", done));
        killGroup("SIGKILL");
        await exited;
      }
      await stop();
    },
  };
  /** Every process of the server: its primary and, with WEB_CONCURRENCY above 1, its workers. @param {NodeJS.Signals} signal */
  const killGroup = (signal) => {
    try {
      process.kill(-(/** @type {number} */ (child.pid)), signal);
    } catch {
      // Gone already.
    }
  };
  const stop = async () => {
    runningServers.delete(server);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once("exit", done));
      child.kill("SIGTERM");
      // The server waits briefly for keep-alive sockets; do not wait on it for long.
      const timer = setTimeout(() => killGroup("SIGKILL"), 2_000);
      await exited;
      clearTimeout(timer);
    }
    await database.close();
    rmSync(dir, { recursive: true, force: true });
    await own?.drop();
  };

  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`The server exited with code ${child.exitCode}:\n${output}`);
    }
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) {
        runningServers.add(server);
        return server;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  await stop();
  throw new Error(`The server did not answer /healthz within 20 s:\n${output}`);
}
