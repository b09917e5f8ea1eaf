/**
 * What the HTTP suites share beyond the client (`tests/support/http-client.ts`):
 * headers read closely, requests on a connection a test controls, servers that
 * must refuse to start, and the server's audit trail.
 */
import { spawn } from "node:child_process";
import { request as httpRequest, type Agent } from "node:http";
import { resolve } from "node:path";
import { expect } from "vitest";
import type { RunningServer } from "#tests/support/server.js";

export const root = resolve(import.meta.dirname, "../..");

/** The Content-Security-Policy as a map of directive → sources. */
export function csp(headers: Headers): Map<string, string[]> {
  const value = headers.get("content-security-policy") ?? "";
  return new Map(
    value
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name, sources]),
  );
}

export function nonceOf(headers: Headers): string | undefined {
  return csp(headers)
    .get("script-src")
    ?.find((s) => s.startsWith("'nonce-"))
    ?.slice("'nonce-".length, -1);
}

export type AuditRow = { id: number; event: string; detail: string | null; at: number };

/** The audit trail of a server's database, oldest first. */
export function auditRows(server: Pick<RunningServer, "query">): Promise<AuditRow[]> {
  return server.query<AuditRow>("select id, event, detail, at from audit_events order by id");
}

/** The details of each `event` in a server's audit trail, oldest first. */
export async function auditedDetails(server: Pick<RunningServer, "query">, event: string): Promise<Record<string, unknown>[]> {
  return (await auditRows(server)).filter((row) => row.event === event).map((row) => JSON.parse(row.detail ?? "{}") as Record<string, unknown>);
}

/** How many of the clock's 15-minute windows (`limits.auditedEventsPerSubject`) the time from `since` until now has touched. */
export function auditWindowsSince(since: number): number {
  const window = 15 * 60 * 1000;
  return Math.floor(Date.now() / window) - Math.floor(since / window) + 1;
}

/**
 * Expects `added` to be the rows an event audited once per connection per
 * 15-minute window leaves after requests from one connection made from
 * `since` until now: one, or one in each window those requests reached, so
 * never more than the windows that time touched.
 */
export function expectOncePerWindow(added: unknown[], since: number): void {
  const touched = auditWindowsSince(since);
  expect(added.length, "audit rows, once per 15-minute window").toBeGreaterThanOrEqual(1);
  expect(added.length, `audit rows, once in each of the ${touched} 15-minute windows touched`).toBeLessThanOrEqual(touched);
}

/**
 * Sends a request's headers and only the start of its body, as a client with a
 * large upload would before the server answers, and returns the server's reply.
 * fetch cannot do this: it insists on sending the whole body first.
 */
export function sendHeadersFirst(
  url: string,
  { method, headers, firstChunk }: { method: string; headers: Record<string, string>; firstChunk: string },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((done, fail) => {
    const req = httpRequest(url, { method, headers });
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => {
        req.destroy();
        done({ status: res.statusCode ?? 0, headers: res.headers, body });
      });
      res.on("error", fail);
    });
    // Once answered, the server may close the socket while the rest of the body is still owed; that is the point.
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (!answered || (error.code !== "ECONNRESET" && error.code !== "EPIPE")) fail(error);
    });
    req.write(firstChunk);
  });
}

/** Fetches raw bytes as a browser asking for gzip would receive them. */
export function wireBytes(url: string): Promise<{ encoding: string | undefined; bytes: number }> {
  return new Promise((done, fail) => {
    httpRequest(url, { headers: { "Accept-Encoding": "gzip" } }, (res) => {
      let bytes = 0;
      res.on("data", (chunk: Buffer) => (bytes += chunk.length));
      res.on("end", () => done({ encoding: res.headers["content-encoding"], bytes }));
      res.on("error", fail);
    })
      .on("error", fail)
      .end();
  });
}

export type ScriptRun = { code: number | null; stdout: string; stderr: string };

/**
 * `npm run SCRIPT -- ARGS`, without npm's own chatter, as a production install
 * runs it: loading anything only a development install has fails.
 */
export function runProductionScript(script: string, args: string[], env: Record<string, string>): Promise<ScriptRun> {
  return new Promise((done, fail) => {
    const child = spawn("npm", ["run", "--silent", script, "--", ...args], {
      cwd: root,
      env: { PATH: process.env.PATH, NODE_ENV: "production", NODE_OPTIONS: `--import ${resolve(root, "tests/support/production-only.js")}`, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

/** Runs `node app/server.js` to completion (it is expected to refuse to start). */
export function runServerExpectingExit(
  env: Record<string, string>,
  timeoutMs = 15_000,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["app/server.js"], {
      cwd: root,
      env: { PATH: process.env.PATH, NODE_ENV: "production", MAIL_TRANSPORT: "console", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      fail(new Error(`the server kept running with ${JSON.stringify(env)}:\n${stdout}${stderr}`));
    }, timeoutMs);
    child.on("error", fail);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stdout, stderr });
    });
  });
}

export type RawReply = { status: number; headers: Record<string, string | string[] | undefined>; body: string; reusedSocket: boolean; ms: number };

/**
 * One request through node:http, so a test controls the connection: `agent: false`
 * for a connection of its own, or a keep-alive agent to reuse one on purpose.
 */
export function send(
  url: string,
  {
    method = "GET",
    headers = {},
    body,
    agent = false,
    timeoutMs = 10_000,
  }: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    agent?: Agent | false;
    timeoutMs?: number;
  } = {},
): Promise<RawReply> {
  const started = Date.now();
  return new Promise((done, fail) => {
    const req = httpRequest(url, { method, headers, agent });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer to ${method} ${url} within ${timeoutMs} ms`)));
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => done({ status: res.statusCode ?? 0, headers: res.headers, body: text, reusedSocket: req.reusedSocket, ms: Date.now() - started }));
      res.on("error", fail);
    });
    req.on("error", fail);
    req.end(body);
  });
}
