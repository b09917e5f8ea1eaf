/*
 * One worker per core (app/server.js): both answer pages, a worker that dies is
 * replaced while the other goes on answering, and SIGTERM stops every one of
 * them the way a single server stops. The durability test runs with workers as well.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { childrenOf } from "#tests/support/processes";
import { startServer, type RunningServer } from "#tests/support/server";
import { until } from "#tests/support/until";
import { send } from "./helpers";

/** The process ids in the request lines the server has logged for `route`. */
function pidsAnswering(server: RunningServer, route: string): Set<number> {
  const lines = server
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { msg?: string; route?: string; pid?: number });
  return new Set(lines.filter((line) => line.msg === "request" && line.route === route).map((line) => line.pid!));
}

/** How many workers have said they are listening. */
const listening = (server: RunningServer) => server.output().match(/"msg":"[^"]* is listening on port/g)?.length ?? 0;

describe("WEB_CONCURRENCY=2", () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ WEB_CONCURRENCY: "2" });
    await until(() => listening(server) === 2, "both workers listen");
  });
  afterAll(async () => {
    await server?.stop();
  });

  test("two workers share the port, and both answer pages", async () => {
    // A connection of its own for each request: the primary hands connections to the workers in turn.
    for (let n = 0; n < 8; n++) expect((await send(`${server.url}/cookies`)).status).toBe(200);
    await until(() => pidsAnswering(server, "/cookies").size === 2, "both workers have logged a request");
    expect([...pidsAnswering(server, "/cookies")].sort()).toEqual(childrenOf(server.pid).sort());
  });

  test("each worker runs with a bounded old space, and can collect its garbage once a busy spell is over", () => {
    const workers = childrenOf(server.pid);
    expect(workers).toHaveLength(2);
    for (const pid of workers) {
      const commandLine = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      expect(commandLine).toContain("--max-old-space-size=128");
      expect(commandLine).toContain("--expose-gc");
    }
  });

  test("a worker that dies is replaced, and the other answers meanwhile", async () => {
    server.expectError(/a worker stopped \(SIGKILL\); starting another/);
    const [dying, staying] = childrenOf(server.pid);
    process.kill(dying, "SIGKILL");
    await until(() => server.output().includes("a worker stopped"), "the primary saw it die");
    for (let n = 0; n < 4; n++) expect((await send(`${server.url}/privacy`)).status).toBe(200);
    await until(() => listening(server) === 3, "a new worker took its place");
    expect(childrenOf(server.pid)).toHaveLength(2);
    expect(childrenOf(server.pid)).toContain(staying);
    expect(childrenOf(server.pid)).not.toContain(dying);
    for (let n = 0; n < 8; n++) expect((await send(`${server.url}/accessibility`)).status).toBe(200);
    await until(() => pidsAnswering(server, "/accessibility").size === 2, "both workers have logged a request");
  });

  test("a worker dying again within a minute of another is started again after a pause (250 ms, then longer)", async () => {
    server.expectError(/a worker stopped \(SIGKILL\); starting another in 250 ms/);
    const [dying] = childrenOf(server.pid);
    process.kill(dying, "SIGKILL");
    await until(() => server.output().includes("starting another in 250 ms"), "the primary saw it die");
    await until(() => listening(server) === 4, "a new worker took its place");
    expect(childrenOf(server.pid)).toHaveLength(2);
  });

  test("SIGTERM stops every worker the way one server stops, then the primary, with exit code 0", async () => {
    const workers = childrenOf(server.pid);
    expect(workers).toHaveLength(2);
    process.kill(server.pid, "SIGTERM");
    expect(await server.exited).toEqual({ code: 0, signal: null });
    const stoppedLines = server.output().match(/"msg":"stopped"/g) ?? [];
    expect(stoppedLines).toHaveLength(workers.length);
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
  });
});

describe("stopping", () => {
  test("a server told to stop twice, as Ctrl-C and then its primary tell a worker, stops once, cleanly", async () => {
    const server = await startServer();
    try {
      process.kill(server.pid, "SIGINT");
      process.kill(server.pid, "SIGTERM");
      expect(await server.exited).toEqual({ code: 0, signal: null });
      expect(server.output().match(/"msg":"stopping"/g)).toHaveLength(1);
      // "stopped", or on a busy machine "stopped without waiting for open connections": either way once.
      expect(server.output().match(/"msg":"stopped/g)).toHaveLength(1);
    } finally {
      await server.stop();
    }
  });
});
