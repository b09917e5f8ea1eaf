/*
 * A worker works on 16 pages at once. A form whose body arrives slowly (a bad
 * connection, or someone doing it on purpose) must not hold one of them while
 * it trickles in: twenty such forms at once would otherwise stop the worker
 * answering anyone for a minute, and again every minute.
 */
import { connect, type Socket } from "node:net";
import { afterAll, describe, expect, test } from "vitest";
import { startServer } from "#tests/support/server";
import { serverForThisFile } from "#tests/support/server-for-file";
import { HttpClient } from "#tests/support/http-client";
import { until } from "#tests/support/until";

const server = serverForThisFile(startServer);
const http = new HttpClient(() => server.url);
const SLOW = 20;
// Not an email address: every form is answered the same way, with the page again and its error (400).
const body = "email=not-an-address";

/** A connection that has sent a form's head and the first bytes of its body, and what the server has said on it so far. */
type SlowForm = { socket: Socket; said: () => string };

/**
 * Opens a connection and sends a same-site form's head, asking the server to
 * say when it has read the head (Expect: 100-continue; Node says "100 Continue"
 * as it hands the request on), then the body's first byte and no more.
 */
async function startSlowForm(): Promise<SlowForm> {
  const { port } = new URL(server.url);
  const socket = connect(Number(port), "127.0.0.1");
  let said = "";
  socket.on("data", (chunk: Buffer) => (said += chunk.toString("latin1")));
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  socket.write(
    [
      "POST /sign-in HTTP/1.1",
      `Host: 127.0.0.1:${port}`,
      "Sec-Fetch-Site: same-origin",
      "Content-Type: application/x-www-form-urlencoded",
      `Content-Length: ${body.length}`,
      "Expect: 100-continue",
      "",
      "",
    ].join("\r\n"),
  );
  await until(() => said.startsWith("HTTP/1.1 100 Continue"), "the server has read the form's head");
  socket.write(body.slice(0, 1));
  return { socket, said: () => said };
}

const slow: SlowForm[] = [];
afterAll(() => slow.forEach(({ socket }) => socket.destroy()));

describe(`${SLOW} forms arriving slowly, more than the 16 pages a worker works on at once`, () => {
  test("pages are still answered while the forms are on their way", async () => {
    slow.push(...(await Promise.all(Array.from({ length: SLOW }, startSlowForm))));
    const page = await http.get("/cookies");
    expect([page.status, page.doc.h1]).toEqual([200, "Cookies"]);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(slow.filter(({ socket }) => !socket.destroyed)).toHaveLength(SLOW);
  });

  test("each form, once it has arrived whole, is answered as any other", async () => {
    for (const { socket } of slow) socket.write(body.slice(1));
    const answered = () => slow.map(({ said }) => said().split("\r\n\r\n")[1] ?? "");
    const answers = await until(() => (answered().every((answer) => answer.startsWith("HTTP/1.1 ")) ? answered() : undefined), "every form is answered");
    expect(answers.map((answer) => answer.slice(0, 12))).toEqual(Array(SLOW).fill("HTTP/1.1 400"));
  });
});
