// @ts-check
/**
 * Starts the service: one HTTP server (app/http-server.js) per core, or as many
 * as WEB_CONCURRENCY says, sharing one port; with WEB_CONCURRENCY=1, one
 * process and no primary.
 *
 * The first worker validates the configuration, migrates and prepares the
 * database and runs the background work (emails, retention, share expiry); the
 * others start once it listens, and find the database migrated. A worker that dies
 * is replaced in its role. SIGTERM or SIGINT stops every worker the way a
 * single server stops, and the primary once they have.
 */
import cluster from "node:cluster";
import { availableParallelism } from "node:os";

/** Time for the workers to stop on their own before they are killed (each waits 3 s at most for open connections). */
const STOP_DEADLINE_MS = 5_000;
/**
 * V8's old space for each worker, in MB, unless NODE_OPTIONS sets its own. Left to itself V8 lets garbage grow the
 * heap far past what a worker holds (at 200 connections, 250 MB and more, kept once idle); at this size it collects
 * sooner and a worker stays near 150-165 MB, with room to spare over the 30-50 MB it actually keeps.
 */
const OLD_SPACE_MB = 128;

if (cluster.isWorker || process.env.WEB_CONCURRENCY === "1") {
  await import("./http-server.js");
} else {
  // A value that is not a whole number from 1 is refused by the first worker's validation, which the primary then exits with.
  const count = process.env.WEB_CONCURRENCY ? Math.max(1, Math.floor(Number(process.env.WEB_CONCURRENCY)) || 1) : availableParallelism();
  /** Each worker's role; "first" is the one that prepares the database and does the background work. */
  const roles = new Map();
  let stopping = false;
  let started = false;
  /** When workers died in the last minute. @type {number[]} */
  let deaths = [];

  /** @param {"first" | "other"} role */
  const fork = (role) => roles.set(cluster.fork({ WORKER_ROLE: role }), role);

  const given = `${process.env.NODE_OPTIONS ?? ""} ${process.execArgv.join(" ")}`;
  cluster.setupPrimary({
    execArgv: [
      ...process.execArgv,
      ...(given.includes("--max-old-space-size") ? [] : [`--max-old-space-size=${OLD_SPACE_MB}`]),
      // For the collection after a busy spell (app/http-server.js).
      "--expose-gc",
    ],
  });
  cluster.on("listening", () => {
    if (started) return;
    started = true;
    for (let n = 1; n < count; n++) fork("other");
  });
  cluster.on("exit", (worker, code, signal) => {
    const role = roles.get(worker);
    roles.delete(worker);
    if (stopping) {
      if (roles.size === 0) process.exit(0);
      return;
    }
    // The first worker ended before it listened: the configuration or the database is wrong, and it said why.
    if (!started) process.exit(code || 1);
    // Workers that keep dying (the database gone, say) are started again ever more slowly, up to every 30 s.
    const now = Date.now();
    deaths = [...deaths.filter((at) => now - at < 60_000), now];
    const delay = deaths.length === 1 ? 0 : Math.min(30_000, 250 * 2 ** (deaths.length - 2));
    primaryLog("error", `a worker stopped (${signal ?? `exit code ${code}`}); starting another${delay > 0 ? ` in ${delay} ms` : ""}`);
    setTimeout(() => stopping || fork(role), delay);
  });

  const stop = () => {
    if (stopping) return;
    stopping = true;
    if (roles.size === 0) process.exit(0);
    for (const worker of roles.keys()) worker.process.kill("SIGTERM");
    setTimeout(() => {
      for (const worker of roles.keys()) worker.process.kill("SIGKILL");
      process.exit(0);
    }, STOP_DEADLINE_MS).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  fork("first");
}

/**
 * A line in the workers' log format (app/lib/log.server.ts), for the one thing the primary itself has to say.
 * @param {"error"} level @param {string} msg
 */
function primaryLog(level, msg) {
  process.stderr.write(`${JSON.stringify({ level, time: new Date().toISOString(), pid: process.pid, msg })}\n`);
}
