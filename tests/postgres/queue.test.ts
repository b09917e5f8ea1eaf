/*
 * A worker works on 16 pages at once and queues the rest. The load balancer's
 * health check must not wait in that queue: a worker whose pages are all
 * waiting for something (here, for a table another connection has locked) is
 * busy, not broken. On PostgreSQL, where a test can hold such a lock for as
 * long as it likes.
 */
import { get } from "node:http";
import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { signIn, startServerWithMail, type ServerWithMail } from "#tests/support/sign-in";
import { until } from "#tests/support/until";

const PAGES_AT_ONCE = 16;
let server: ServerWithMail;

beforeAll(async () => {
  // Enough connections for every page at once and the health check beside them.
  server = await startServerWithMail({ DATABASE_POOL_SIZE: "20" });
});

afterAll(async () => {
  await server?.stop();
});

/** A request not awaited yet, on a connection of its own, and whether it has been answered. */
function sent(path: string, cookie?: string) {
  const request = {
    answered: false,
    status: new Promise<number>((resolve, reject) => {
      get(`${server.url}${path}`, { agent: false, headers: cookie ? { Cookie: cookie } : {} }, (answer) => {
        answer.resume();
        answer.once("end", () => {
          request.answered = true;
          resolve(answer.statusCode ?? 0);
        });
      }).once("error", reject);
    }),
  };
  return request;
}

test("with every page slot waiting on the database, the health check still answers, and the pages queued behind them are answered once it is free", async () => {
  // A session each: one browser's page and its other requests share one look-up of its session.
  const cookies: string[] = [];
  for (let n = 0; n < PAGES_AT_ONCE; n++) cookies.push(await signIn(server, `queue.${n}@example.org`));
  const lock = new pg.Client({ connectionString: server.databaseUrl });
  await lock.connect();
  try {
    await lock.query("begin");
    // Every signed-in page reads the sessions table first.
    await lock.query("lock table sessions in access exclusive mode");
    const waiting = cookies.map((cookie) => sent("/stories", cookie));
    // Asked on another connection: within the locking transaction, pg_stat_activity would stay as first read.
    await until(async () => {
      const [{ waiting: count }] = await server.query<{ waiting: number }>(
        "select count(*) as waiting from pg_stat_activity where datname = current_database() and application_name = 'tell-it-once' and wait_event_type = 'Lock'",
      );
      return Number(count) === PAGES_AT_ONCE;
    }, `all ${PAGES_AT_ONCE} pages are waiting for the locked table`);
    // The next page waits for a slot; the health check goes straight to the database.
    const queued = sent("/cookies");
    const health = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(10_000) }).catch((error: unknown) => {
      throw new Error("The health check did not answer within 10 s: it waited in the queue of pages", { cause: error });
    });
    expect([health.status, await health.text()]).toEqual([200, "ok"]);
    expect([queued, ...waiting].filter((request) => request.answered)).toEqual([]);

    await lock.query("commit");
    expect(await Promise.all(waiting.map((request) => request.status))).toEqual(Array(PAGES_AT_ONCE).fill(200));
    expect(await queued.status).toBe(200);
  } finally {
    await lock.end();
  }
});
