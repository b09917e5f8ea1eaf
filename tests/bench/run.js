// @ts-check
/**
 * Measures the start page: bytes a browser transfers (gzip) with JavaScript off
 * and on, and throughput and latency under load beside a static file served by
 * the same server (the ceiling for this server on this machine).
 *
 * Then, on each engine, seeds residents who have each written and published a
 * whole story (tests/bench/seed.ts) and measures, for signed-in residents, the
 * task list and saving a section, with the SQL statements each request runs
 * (read from the Server-Timing header the server sends when SERVER_TIMING=on).
 * On PostgreSQL it measures one instance, then three sharing the database, the
 * load spread across them as a load balancer would.
 *
 * Usage: npm run bench [-- --duration 20 --connections 50 --residents 10000 --engines sqlite,postgres]
 */
import { execFileSync } from "node:child_process";
import { cpus } from "node:os";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { startServer, TEST_SESSION_SECRET } from "../support/server.js";
import { freshPostgresDatabase } from "../support/test-database.js";

const args = process.argv.slice(2);
/** @param {string} name @param {number} fallback */
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const duration = option("duration", 20);
const connections = option("connections", 50);
const residents = option("residents", 10_000);
const engines = (args.includes("--engines") ? args[args.indexOf("--engines") + 1] : "sqlite,postgres").split(",");

/** @param {string} url @param {Record<string, string>} [headers] */
async function gzipBytes(url, headers = {}) {
  // A keep-alive socket from before the seed may have been closed by the server while it waited; retry once on a new one.
  const response = await fetch(url, { headers }).catch(() => fetch(url, { headers }));
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());
  return { raw: body.length, gzip: gzipSync(body, { level: 6 }).length, text: body.toString("utf8") };
}

/** @param {number[]} sorted @param {number} p */
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/**
 * @param {string[]} url each instance's address (connection n goes to the n-th, round and round)
 * @param {{ method?: string, path: (connection: number) => string, headers: (connection: number) => Record<string, string>, body?: string }} [perConnection]
 *   each connection's own request (a different signed-in resident per connection)
 */
async function load(url, perConnection) {
  /** @type {number[]} */
  const latencies = [];
  let connection = 0;
  const instance = autocannon({
    url: /** @type {any} */ (url),
    connections,
    duration,
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
  latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    // Saving a section answers with a redirect to the task list, so 3xx counts as success.
    errors: result.errors + result["1xx"] + result["4xx"] + result["5xx"],
  };
}

/**
 * Seeds a database and loads it through `count` instances of the server.
 * @param {"sqlite" | "postgres"} engine
 * @param {number[]} instanceCounts
 * @param {boolean} weigh whether to report the pages' weights (the same on either engine)
 */
async function measure(engine, instanceCounts, weigh) {
  const postgres = engine === "postgres" ? await freshPostgresDatabase() : undefined;
  const server = await startServer({ SERVER_TIMING: "on", ...(postgres ? { DATABASE_URL: postgres.url } : {}) });
  /** @type {Awaited<ReturnType<typeof startServer>>[]} */
  const others = [];
  try {
    const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KB`;
    /**
     * What a browser transfers for a page: its HTML, stylesheet and scripts, gzip.
     * @param {string} name @param {string} path @param {Record<string, string>} [headers]
     */
    const pageWeight = async (name, path, headers = {}) => {
      const page = await gzipBytes(`${server.url}${path}`, headers);
      const stylesheet = page.text.match(/<link rel="stylesheet" href="([^"]+)"/)?.[1];
      const scripts = [...new Set([...page.text.matchAll(/(?:src|href)="(\/build\/[^"]+\.js)"/g)].map((m) => m[1]))];
      // Modules imported by the entry but not preloaded would be missed, so follow the manifest too.
      const manifestPath = page.text.match(/\/build\/manifest-[a-f0-9]+\.js/)?.[0];
      if (manifestPath && !scripts.includes(manifestPath)) scripts.push(manifestPath);
      const css = stylesheet ? await gzipBytes(`${server.url}${stylesheet}`) : { raw: 0, gzip: 0 };
      let js = { raw: 0, gzip: 0 };
      for (const script of scripts) {
        const file = await gzipBytes(`${server.url}${script}`);
        js = { raw: js.raw + file.raw, gzip: js.gzip + file.gzip };
      }
      console.log(`\n${name}, bytes transferred (gzip; raw in brackets)`);
      console.log(`| what | size |`);
      console.log(`| --- | --- |`);
      console.log(`| HTML | ${kb(page.gzip)} (${kb(page.raw)}) |`);
      console.log(`| CSS | ${kb(css.gzip)} (${kb(css.raw)}) |`);
      console.log(`| JavaScript (${scripts.length} files) | ${kb(js.gzip)} (${kb(js.raw)}) |`);
      console.log(`| **total, JavaScript off** | **${kb(page.gzip + css.gzip)}** (budget 60 KB) |`);
      console.log(`| **total, JavaScript on** | **${kb(page.gzip + css.gzip + js.gzip)}** (budget 150 KB) |`);
    };
    if (weigh) await pageWeight("Start page", "/");

    console.log(`\n${engine === "postgres" ? "PostgreSQL" : "SQLite"}: seeding ${residents} residents with published stories…`);
    const seeded = JSON.parse(
      execFileSync(
        process.execPath,
        ["node_modules/tsx/dist/cli.mjs", "tests/bench/seed.ts", "--residents", String(residents), "--sessions", String(connections)],
        {
          env: { ...process.env, DATABASE_PATH: server.databasePath, ...(postgres ? { DATABASE_URL: postgres.url, SESSION_SECRET: TEST_SESSION_SECRET } : {}) },
          stdio: ["ignore", "pipe", "inherit"],
        },
      ).toString(),
    );
    /** @type {{ token: string, storyId: string }[]} */
    const sessions = seeded.sessions;
    /** @type {{ shareId: string, token: string }[]} */
    const professionals = seeded.professionals;
    const professional = (/** @type {number} */ n) => ({
      Cookie: `share-${professionals[n % professionals.length].shareId}=${professionals[n % professionals.length].token}`,
    });
    const summaryPath = (/** @type {number} */ n) => `/shared/${professionals[n % professionals.length].shareId}/summary`;
    const cookie = (/** @type {number} */ n) => ({ Cookie: `session=${sessions[n % sessions.length].token}` });
    const saveBody = `matters=${encodeURIComponent("Being near my sister, my allotment and my cat.\nKeeping my own front door.")}&intent=continue`;
    const formHeaders = (/** @type {number} */ n) => ({
      ...cookie(n),
      "Content-Type": "application/x-www-form-urlencoded",
      "Content-Length": String(Buffer.byteLength(saveBody)),
    });

    /** @param {string} path @param {RequestInit} init */
    const statements = async (path, init = {}) => {
      // The keep-alive socket from before the seed has been closed by the server while it waited; retry once on a new one.
      const response = await fetch(`${server.url}${path}`, { redirect: "manual", ...init }).catch(() =>
        fetch(`${server.url}${path}`, { redirect: "manual", ...init }),
      );
      await response.arrayBuffer();
      return Number(response.headers.get("server-timing")?.match(/desc="(\d+) SQL statements"/)?.[1] ?? NaN);
    };
    if (weigh) await pageWeight("Shared story summary (a whole story bar one part)", summaryPath(0), professional(0));
    const first = sessions[0];
    const counts = {
      start: await statements("/"),
      taskList: await statements(`/stories/${first.storyId}`, { headers: cookie(0) }),
      save: await statements(`/stories/${first.storyId}/matters`, { method: "POST", headers: formHeaders(0), body: saveBody }),
      summary: await statements(summaryPath(0), { headers: professional(0) }),
      baseline: await statements("/robots.txt"),
    };

    for (const count of instanceCounts) {
      while (others.length < count - 1) others.push(await startServer({ DATABASE_URL: /** @type {string} */ (server.databaseUrl) }));
      const urls = [server, ...others].map((instance) => instance.url);
      const what = `${engine === "postgres" ? "PostgreSQL" : "SQLite"}, ${count === 1 ? "one instance" : `${count} instances sharing the database`}`;
      console.log(`\n${what}. Under load: ${connections} connections for ${duration} s each; ${residents} residents in the database`);
      const start = await load(urls.map((url) => `${url}/`));
      const taskList = await load(urls, { path: (n) => `/stories/${sessions[n].storyId}`, headers: cookie });
      const save = await load(urls, { method: "POST", path: (n) => `/stories/${sessions[n].storyId}/matters`, headers: formHeaders, body: saveBody });
      const summary = await load(urls, { path: summaryPath, headers: professional });
      const baseline = await load(urls.map((url) => `${url}/robots.txt`));
      console.log(`| what | requests/s | p50 | p95 | p99 | errors | SQL statements per request | share of static ceiling |`);
      console.log(`| --- | --- | --- | --- | --- | --- | --- | --- |`);
      /** @type {[string, Awaited<ReturnType<typeof load>>, number][]} */
      const rows = [
        ["start page (signed out)", start, counts.start],
        ["task list (signed in)", taskList, counts.taskList],
        ["save a section (POST, signed in)", save, counts.save],
        ["shared story summary (verified professional)", summary, counts.summary],
        ["static file (baseline)", baseline, 0],
      ];
      for (const [name, r, sql] of rows) {
        const share = `${Math.round((100 * r.requestsPerSecond) / baseline.requestsPerSecond)}%`;
        console.log(
          `| ${name} | ${r.requestsPerSecond} | ${r.p50.toFixed(1)} ms | ${r.p95.toFixed(1)} ms | ${r.p99.toFixed(1)} ms | ${r.errors} | ${Number.isNaN(sql) ? "–" : sql} | ${share} |`,
        );
      }
    }
  } catch (error) {
    // The server's own words are the quickest way to see why a run failed.
    console.error(server.output().slice(-4000));
    throw error;
  } finally {
    for (const instance of [...others, server]) await instance.stop();
    await postgres?.drop();
  }
}

for (const [i, engine] of engines.entries()) {
  if (engine !== "sqlite" && engine !== "postgres") throw new Error(`--engines lists sqlite and postgres, not "${engine}"`);
  await measure(engine, engine === "postgres" ? [1, 3] : [1], i === 0);
}
console.log(`\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
