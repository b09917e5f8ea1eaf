import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, test } from "vitest";
import { until } from "#tests/support/until";
import { pagesInTurn } from "./pages-in-turn.js";

let server: Server | undefined;
/** Counts turns of the event loop: it goes up once in each, in the same phase as pagesInTurn starts a page. */
let turn = 0;
let counting: NodeJS.Immediate | undefined;
const countTurns = () => {
  turn++;
  counting = setImmediate(countTurns);
};

afterEach(async () => {
  clearImmediate(counting);
  server?.closeAllConnections();
  await new Promise((done) => server?.close(done));
  server = undefined;
});

/**
 * A real server behind pagesInTurn(limit) whose pages answer only when the test says: `started` lists each
 * request's name as its page begins, and `finish(name)` answers it.
 */
async function serverInTurn(limit: number, waitingAtMost = 100) {
  const started: string[] = [];
  /** The turn of the event loop (`turn`) in which each page began. */
  const startedIn: number[] = [];
  const answers = new Map<string, () => void>();
  const app = express();
  app.use(pagesInTurn(limit, waitingAtMost));
  app.get("/:name", (req, res) => {
    started.push(req.params.name);
    startedIn.push(turn);
    answers.set(req.params.name, () => res.send(`page ${req.params.name}`));
  });
  server = app.listen(0, "127.0.0.1");
  let closed = 0;
  let received = 0;
  server.on("request", () => received++);
  server.on("connection", (socket) => socket.once("close", () => closed++));
  await new Promise((done) => server!.once("listening", done));
  const { port } = server.address() as AddressInfo;
  /** A request for /name; resolves with the page's text, or with "gone" when the client gives up (`abort`). */
  const ask = (name: string, abort?: AbortSignal) =>
    fetch(`http://127.0.0.1:${port}/${name}`, { signal: abort }).then(
      (response) => response.text(),
      () => "gone",
    );
  const finish = (name: string) => answers.get(name)!();
  return { started, startedIn, ask, finish, connectionsClosed: () => closed, requestsReceived: () => received };
}

describe("pagesInTurn", () => {
  test("works on at most `limit` pages at once and starts the rest in the order they came", async () => {
    const { started, ask, finish } = await serverInTurn(2);
    const answers = ["a", "b", "c", "d"].map((name) => ask(name));
    await until(() => started.length === 2, "2 pages have started");
    // Let the others arrive and wait: none may start while two are being worked on.
    await new Promise((done) => setTimeout(done, 50));
    expect(started.sort()).toEqual(["a", "b"]);
    finish("b");
    await until(() => started.length === 3, "3 pages have started");
    finish("a");
    await until(() => started.length === 4, "4 pages have started");
    expect(started.slice(2)).toEqual(["c", "d"]);
    finish("c");
    finish("d");
    expect(await Promise.all(answers)).toEqual(["page a", "page b", "page c", "page d"]);
  });

  test("drops a waiting request whose client has gone, and starts the next", async () => {
    const { started, ask, finish, connectionsClosed } = await serverInTurn(1);
    const first = ask("first");
    await until(() => started.length === 1, "a page has started");
    const givingUp = new AbortController();
    const abandoned = ask("abandoned", givingUp.signal);
    const last = ask("last");
    await new Promise((done) => setTimeout(done, 50));
    givingUp.abort();
    expect(await abandoned).toBe("gone");
    await until(() => connectionsClosed() === 1, "the abandoned connection is closed");
    finish("first");
    await until(() => started.length === 2, "2 pages have started");
    expect(started).toEqual(["first", "last"]);
    finish("last");
    expect([await first, await last]).toEqual(["page first", "page last"]);
  });

  test("tells a request beyond `waitingAtMost` waiting that the service is busy, at once", async () => {
    const { started, ask, finish, requestsReceived } = await serverInTurn(1, 2);
    const answers = ["held", "w1", "w2"].map((name) => ask(name));
    await until(() => requestsReceived() === 3, "3 requests have arrived");
    expect(await ask("one-too-many")).toBe("Sorry, the service is busy. Try again in a few seconds.");
    expect(started).toEqual(["held"]);
    finish("held");
    await until(() => started.length === 2, "2 pages have started");
    finish("w1");
    await until(() => started.length === 3, "3 pages have started");
    finish("w2");
    expect(await Promise.all(answers)).toEqual(["page held", "page w1", "page w2"]);
  });

  test("starts one page per turn of the event loop, so that new connections are accepted between them", async () => {
    const { started, startedIn, ask, finish, requestsReceived } = await serverInTurn(2);
    const answers = [ask("held-1"), ask("held-2")];
    await until(() => started.length === 2, "2 pages have started");
    const waiting = ["w1", "w2", "w3"];
    answers.push(...waiting.map((name) => ask(name)));
    await until(() => requestsReceived() === 5, "5 requests have arrived");
    countTurns();
    // Two places free up at once: the two waiting longest start, each in a turn of its own.
    finish("held-1");
    finish("held-2");
    await until(() => started.length === 4, "4 pages have started");
    expect(started.slice(2)).toEqual(["w1", "w2"]);
    expect(startedIn[3]).toBeGreaterThan(startedIn[2]);
    ["w1", "w2"].forEach(finish);
    await until(() => started.length === 5, "5 pages have started");
    finish("w3");
    expect(await Promise.all(answers)).toEqual(["held-1", "held-2", ...waiting].map((name) => `page ${name}`));
  });
});
