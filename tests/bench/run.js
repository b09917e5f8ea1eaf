// @ts-check
/**
 * The benchmark: on SQLite, and on PostgreSQL where DATABASE_URL is set (a
 * fresh database on that server), it starts the server with one worker per
 * core and measures, in one table per engine:
 *
 * - the ceiling: a small static file from the same server, at 50 connections;
 * - the start page and a professional's shared summary at 50 connections (as a
 *   share of the ceiling) and at one connection (p99);
 * - growth: the task list, saving a section and the summary with 1,000 and then
 *   100,000 published, shared stories (tests/bench/seed.ts), with the SQL
 *   statements each request runs (the Server-Timing header SERVER_TIMING=on adds);
 * - a busy Monday: 200 connections for 60 s on each of the start page, the
 *   task list, saving a section and the summary, with the resident memory of
 *   each worker during the run and a minute after.
 *
 * Each signed-in connection is a different resident, each summary connection a
 * different professional and share. It also weighs the start page and the
 * summary (HTML, stylesheet and scripts, gzip) against the page budget.
 *
 * It fails (exit 1) on an error or timeout, a page over its budget, or a page
 * running more than 5 SQL statements; never on a time. `--short` is the
 * version CI runs: seconds, not minutes, and 100 then 1,000 stories.
 *
 * Usage: npm run bench [-- --short] [-- --engines sqlite,postgres]
 */
import { execFileSync } from "node:child_process";
import { cpus } from "node:os";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { childrenOf, residentMemory } from "../support/processes.js";
import { startServer, TEST_SESSION_SECRET } from "../support/server.js";

const args = process.argv.slice(2);
const short = args.includes("--short");
const engines = args.includes("--engines") ? args[args.indexOf("--engines") + 1].split(",") : ["sqlite", ...(process.env.DATABASE_URL ? ["postgres"] : [])];
const plan = short
  ? { seconds: 3, busySeconds: 5, settleSeconds: 5, stories: [100, 1_000] }
  : { seconds: 20, busySeconds: 60, settleSeconds: 60, stories: [1_000, 100_000] };
const CONNECTIONS = 50;
const BUSY_CONNECTIONS = 200;
const workers = cpus().length;
const budget = { jsOff: 40 * 1024, jsOn: 60 * 1024, statements: 5 };
/** Everything that broke a budget or failed outright; the run exits 1 if there is any. */
const failures = /** @type {string[]} */ ([]);

const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KB`;
const mb = (/** @type {number} */ n) => `${Math.round(n / 1024 / 1024)} MB`;

/** @param {string} url @param {Record<string, string>} [headers] */
async function fetchBody(url, headers = {}) {
  // A keep-alive socket left from before a seed may have been closed by the server while it waited: retry once on a new one.
  const response = await fetch(url, { headers, redirect: "manual" }).catch(() => fetch(url, { headers, redirect: "manual" }));
  const body = Buffer.from(await response.arrayBuffer());
  return { response, body, gzip: gzipSync(body, { level: 6 }).length };
}

/**
 * What a browser transfers for a page (gzip): its HTML, and with JavaScript the
 * stylesheet plus every script it loads and every module those import.
 * @param {string} base @param {string} path @param {Record<string, string>} headers
 */
async function pageWeight(base, path, headers) {
  const page = await fetchBody(`${base}${path}`, headers);
  if (page.response.status !== 200) throw new Error(`${path} answered ${page.response.status}`);
  const html = page.body.toString("utf8");
  const css = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]);
  let cssBytes = 0;
  for (const href of css) cssBytes += (await fetchBody(`${base}${href}`)).gzip;
  const seen = new Set();
  const queue = [...html.matchAll(/<(?:script[^>]*\bsrc|link rel="modulepreload" href)="([^"]+)"/g)].map((m) => new URL(m[1], `${base}${path}`).href);
  let jsBytes = 0;
  while (queue.length > 0) {
    const url = /** @type {string} */ (queue.shift());
    if (seen.has(url)) continue;
    seen.add(url);
    const script = await fetchBody(url);
    jsBytes += script.gzip;
    const source = script.body.toString("utf8");
    for (const m of source.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["']([^"']+\.m?js(?:\?[^"']*)?)["']/g)) queue.push(new URL(m[1], url).href);
  }
  const off = page.gzip + cssBytes;
  const on = off + jsBytes;
  if (off > budget.jsOff) failures.push(`${path}: ${kb(off)} with JavaScript off, over ${kb(budget.jsOff)}`);
  if (on > budget.jsOn) failures.push(`${path}: ${kb(on)} with JavaScript on, over ${kb(budget.jsOn)}`);
  return { html: page.gzip, css: cssBytes, js: jsBytes, scripts: seen.size, off, on };
}

/** The resident memory of the server's processes: its primary and each worker, in bytes. */
function memoryOf(/** @type {number} */ primary) {
  const workers = childrenOf(primary);
  // A server of one process is its own worker.
  return { primary: residentMemory(primary), workers: (workers.length > 0 ? workers : [primary]).map(residentMemory) };
}

/** @param {number[]} sorted @param {number} p */
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/**
 * Loads `url` with `connections` for `seconds`, each connection its own request
 * when `perConnection` says; samples the workers' memory meanwhile when `pid` is given.
 * @param {{ url: string, connections: number, seconds: number, pid?: number,
 *   perConnection?: { method?: string, path: (n: number) => string, headers: (n: number) => Record<string, string>, body?: string } }} run
 */
async function load({ url, connections, seconds, pid, perConnection }) {
  /** @type {number[]} */
  const latencies = [];
  let connection = 0;
  let peak = 0;
  const sampler = pid ? setInterval(() => (peak = Math.max(peak, ...memoryOf(pid).workers)), 500) : undefined;
  const instance = autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 10,
    setupClient: perConnection
      ? (client) => {
          const n = connection++;
          client.setRequest({
            method: perConnection.method ?? "GET",
            path: perConnection.path(n),
            headers: perConnection.headers(n),
            ...(perConnection.body ? { body: perConnection.body } : {}),
          });
        }
      : undefined,
  });
  instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  const result = await instance;
  clearInterval(sampler);
  latencies.sort((a, b) => a - b);
  return {
    connections,
    requestsPerSecond: Math.round(result.requests.average),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    // Saving a section answers with a redirect to the task list, so 3xx counts as success.
    errors: result.errors - result.timeouts + result["1xx"] + result["4xx"] + result["5xx"],
    timeouts: result.timeouts,
    peakWorkerMemory: peak,
  };
}

/**
 * @param {"sqlite" | "postgres"} engine
 * @param {{ url: string, drop: () => Promise<void> } | undefined} postgres
 */
async function measure(engine, postgres) {
  const server = await startServer({ SERVER_TIMING: "on", WEB_CONCURRENCY: String(workers), ...(postgres ? { DATABASE_URL: postgres.url } : {}) });
  const name = engine === "postgres" ? "PostgreSQL" : "SQLite";
  try {
    /** @type {{ token: string, storyId: string }[]} */
    const sessions = [];
    /** @type {{ shareId: string, token: string }[]} */
    const professionals = [];
    let seeded = 0;
    /** Adds residents with published, shared stories up to `total`. */
    const seedTo = (/** @type {number} */ total) => {
      const started = Date.now();
      const url = postgres ? new URL(postgres.url) : undefined;
      url?.searchParams.set("options", "-c synchronous_commit=off");
      const out = JSON.parse(
        execFileSync(
          process.execPath,
          [
            "node_modules/tsx/dist/cli.mjs",
            "tests/bench/seed.ts",
            "--from",
            String(seeded + 1),
            "--residents",
            String(total - seeded),
            "--sessions",
            String(seeded === 0 ? BUSY_CONNECTIONS : 0),
          ],
          {
            env: {
              PATH: process.env.PATH,
              DATABASE_PATH: server.databasePath,
              ...(url ? { DATABASE_URL: url.toString(), SESSION_SECRET: TEST_SESSION_SECRET } : {}),
            },
            stdio: ["ignore", "pipe", "ignore"],
            maxBuffer: 64 * 1024 * 1024,
          },
        ).toString(),
      );
      sessions.push(...out.sessions);
      professionals.push(...out.professionals);
      console.log(
        `${name}: ${total.toLocaleString("en-GB")} stories (seeded ${(total - seeded).toLocaleString("en-GB")} in ${Math.round((Date.now() - started) / 1000)} s)`,
      );
      seeded = total;
    };

    const cookie = (/** @type {number} */ n) => ({ Cookie: `session=${sessions[n % sessions.length].token}` });
    const professional = (/** @type {number} */ n) => ({
      Cookie: `share-${professionals[n % professionals.length].shareId}=${professionals[n % professionals.length].token}`,
    });
    const summaryPath = (/** @type {number} */ n) => `/shared/${professionals[n % professionals.length].shareId}/summary`;
    const saveBody = `matters=${encodeURIComponent("Being near my sister, my allotment and my cat.\nKeeping my own front door.")}&intent=continue`;
    const formHeaders = (/** @type {number} */ n) => ({
      ...cookie(n),
      "Content-Type": "application/x-www-form-urlencoded",
      "Content-Length": String(Buffer.byteLength(saveBody)),
    });
    const pages = {
      start: { label: "start page (signed out)", path: () => "/", headers: () => ({}) },
      taskList: { label: "task list (signed in)", path: (/** @type {number} */ n) => `/stories/${sessions[n % sessions.length].storyId}`, headers: cookie },
      save: {
        label: "save a section (POST, signed in)",
        method: "POST",
        path: (/** @type {number} */ n) => `/stories/${sessions[n % sessions.length].storyId}/matters`,
        headers: formHeaders,
        body: saveBody,
      },
      summary: { label: "shared story summary (verified professional)", path: summaryPath, headers: professional },
    };
    /** The SQL statements one request of `page` runs. @param {keyof typeof pages} key */
    const statements = async (key) => {
      const page = pages[key];
      const response = await fetch(`${server.url}${page.path(0)}`, {
        method: "method" in page ? page.method : "GET",
        headers: page.headers(0),
        redirect: "manual",
        ...("body" in page ? { body: page.body } : {}),
      }).catch(() => undefined);
      await response?.arrayBuffer();
      const count = Number(response?.headers.get("server-timing")?.match(/desc="(\d+) SQL statements"/)?.[1] ?? NaN);
      if (!(count <= budget.statements)) failures.push(`${name}, ${page.label}: ${count} SQL statements, over ${budget.statements}`);
      return count;
    };
    const run = (/** @type {keyof typeof pages} */ key, /** @type {number} */ connections, /** @type {number} */ seconds, pid = 0) =>
      load({ url: server.url, connections, seconds, pid: pid || undefined, perConnection: pages[key] });

    /** @type {{ what: string, r: Awaited<ReturnType<typeof load>>, sql?: number, after?: number }[]} */
    const rows = [];
    seedTo(plan.stories[0]);
    const weights = { start: await pageWeight(server.url, "/", {}), summary: await pageWeight(server.url, summaryPath(0), professional(0)) };

    for (const stories of plan.stories) {
      if (stories > seeded) seedTo(stories);
      for (const key of /** @type {const} */ (["taskList", "save", "summary"])) {
        const sql = await statements(key);
        rows.push({ what: `${pages[key].label}, ${stories.toLocaleString("en-GB")} stories`, r: await run(key, CONNECTIONS, plan.seconds), sql });
      }
    }
    const ceiling = await load({ url: `${server.url}/robots.txt`, connections: CONNECTIONS, seconds: plan.seconds });
    rows.unshift(
      { what: "static file (the ceiling)", r: ceiling },
      { what: pages.start.label, r: await run("start", CONNECTIONS, plan.seconds), sql: await statements("start") },
      { what: pages.summary.label, r: await run("summary", CONNECTIONS, plan.seconds) },
      { what: `${pages.start.label}, one connection`, r: await run("start", 1, plan.seconds) },
      { what: `${pages.summary.label}, one connection`, r: await run("summary", 1, plan.seconds) },
    );
    const busy = [];
    for (const key of /** @type {const} */ (["start", "taskList", "save", "summary"])) {
      busy.push({ what: `busy Monday: ${pages[key].label}`, r: await run(key, BUSY_CONNECTIONS, plan.busySeconds, server.pid) });
    }
    await new Promise((done) => setTimeout(done, plan.settleSeconds * 1000));
    const settled = memoryOf(server.pid);
    busy[busy.length - 1] = { ...busy[busy.length - 1], after: Math.max(...settled.workers) };
    rows.push(...busy);

    for (const { what, r } of rows) {
      if (r.errors > 0 || r.timeouts > 0) failures.push(`${name}, ${what}: ${r.errors} errors and ${r.timeouts} timeouts`);
      if (r.requestsPerSecond === 0) failures.push(`${name}, ${what}: no request was answered`);
    }

    console.log(
      `\n${name}: ${settled.workers.length} worker${settled.workers.length === 1 ? "" : "s"}; ${plan.seconds} s per row at ${CONNECTIONS} connections unless it says otherwise; busy Monday ${BUSY_CONNECTIONS} connections for ${plan.busySeconds} s each`,
    );
    console.log(`\n| what | connections | requests/s | p50 | p95 | p99 | errors | timeouts | SQL statements | memory per worker | share of ceiling |`);
    console.log(`| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |`);
    for (const { what, r, sql, after } of rows) {
      const memory = r.peakWorkerMemory ? `${mb(r.peakWorkerMemory)} at most${after ? `; ${mb(after)} ${plan.settleSeconds} s after` : ""}` : "";
      console.log(
        `| ${what} | ${r.connections} | ${r.requestsPerSecond} | ${r.p50.toFixed(1)} ms | ${r.p95.toFixed(1)} ms | ${r.p99.toFixed(1)} ms | ${r.errors} | ${r.timeouts} | ${sql ?? "–"} | ${memory} | ${Math.round((100 * r.requestsPerSecond) / ceiling.requestsPerSecond)}% |`,
      );
    }
    const [few, many] = plan.stories.map((n) => n.toLocaleString("en-GB"));
    console.log(`\np95 with ${many} stories against ${few}:`);
    for (const key of /** @type {const} */ (["taskList", "save", "summary"])) {
      const p95 = (/** @type {string} */ n) => rows.find((row) => row.what === `${pages[key].label}, ${n} stories`)?.r.p95 ?? NaN;
      console.log(`- ${pages[key].label}: ${(p95(many) / p95(few)).toFixed(2)}×`);
    }
    console.log(`\nPage weights (gzip): HTML + stylesheet with JavaScript off; + scripts with it on (budgets ${kb(budget.jsOff)} and ${kb(budget.jsOn)})`);
    for (const [what, w] of Object.entries(weights)) {
      console.log(`- ${what}: HTML ${kb(w.html)}, CSS ${kb(w.css)}, JavaScript ${kb(w.js)} in ${w.scripts} files: ${kb(w.off)} off, ${kb(w.on)} on`);
    }
  } catch (error) {
    // The server's own words are the quickest way to see why a run failed.
    console.error(server.output().slice(-4000));
    throw error;
  } finally {
    await server.stop();
    await postgres?.drop();
  }
}

for (const engine of engines) {
  if (engine !== "sqlite" && engine !== "postgres") throw new Error(`--engines lists sqlite and postgres, not "${engine}"`);
  // A fresh database on the server DATABASE_URL names (read when the module loads).
  process.env.TEST_DATABASE_URL ??= process.env.DATABASE_URL;
  const { freshPostgresDatabase } = await import("../support/test-database.js");
  await measure(engine, engine === "postgres" ? await freshPostgresDatabase() : undefined);
}
console.log(`\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
if (failures.length > 0) {
  console.error(`\nFailed:\n${failures.map((failure) => `- ${failure}`).join("\n")}`);
  process.exit(1);
}
