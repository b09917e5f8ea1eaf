// @ts-check
/**
 * Measures the start page: bytes a browser transfers (gzip) with JavaScript off
 * and on, and throughput and latency under load beside a static file served by
 * the same server (the ceiling for this server on this machine).
 *
 * Usage: npm run bench [-- --duration 20 --connections 50]
 */
import { cpus } from "node:os";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { startServer } from "../support/server.js";

const args = process.argv.slice(2);
/** @param {string} name @param {number} fallback */
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const duration = option("duration", 20);
const connections = option("connections", 50);

/** @param {string} url */
async function gzipBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());
  return { raw: body.length, gzip: gzipSync(body, { level: 6 }).length, text: body.toString("utf8") };
}

/** @param {number[]} sorted @param {number} p */
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** @param {string} url */
async function load(url) {
  /** @type {number[]} */
  const latencies = [];
  const instance = autocannon({ url, connections, duration });
  instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: result.errors + result.non2xx,
  };
}

const server = await startServer();
try {
  const page = await gzipBytes(`${server.url}/`);
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
  const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KB`;

  console.log(`\nStart page, bytes transferred (gzip; raw in brackets)`);
  console.log(`| what | size |`);
  console.log(`| --- | --- |`);
  console.log(`| HTML | ${kb(page.gzip)} (${kb(page.raw)}) |`);
  console.log(`| CSS | ${kb(css.gzip)} (${kb(css.raw)}) |`);
  console.log(`| JavaScript (${scripts.length} files) | ${kb(js.gzip)} (${kb(js.raw)}) |`);
  console.log(`| **total, JavaScript off** | **${kb(page.gzip + css.gzip)}** (budget 60 KB) |`);
  console.log(`| **total, JavaScript on** | **${kb(page.gzip + css.gzip + js.gzip)}** (budget 150 KB) |`);

  console.log(`\nUnder load: ${connections} connections for ${duration} s each`);
  const start = await load(`${server.url}/`);
  const baseline = await load(`${server.url}/robots.txt`);
  console.log(`| what | requests/s | p50 | p95 | p99 | errors |`);
  console.log(`| --- | --- | --- | --- | --- | --- |`);
  for (const [name, r] of /** @type {const} */ ([["start page (rendered)", start], ["static file (baseline)", baseline]])) {
    console.log(`| ${name} | ${r.requestsPerSecond} | ${r.p50.toFixed(1)} ms | ${r.p95.toFixed(1)} ms | ${r.p99.toFixed(1)} ms | ${r.errors} |`);
  }
  console.log(`\nRendering runs at ${Math.round((100 * start.requestsPerSecond) / baseline.requestsPerSecond)}% of the static-file ceiling.`);
  console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
} finally {
  await server.stop();
}
