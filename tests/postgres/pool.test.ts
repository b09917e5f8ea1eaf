import { afterAll, beforeAll, expect, test } from "vitest";
import { startServer, type RunningServer } from "#tests/support/server.js";

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ DATABASE_POOL_SIZE: "2" });
});

afterAll(async () => {
  await server?.stop();
});

test("an instance holds no more connections than DATABASE_POOL_SIZE, however many requests come at once", async () => {
  // Each health check asks the database; thirty at once would take thirty connections if nothing held them back.
  const answers = await Promise.all(Array.from({ length: 30 }, () => fetch(`${server.url}/healthz`)));
  expect(answers.map((answer) => answer.status)).toEqual(Array(30).fill(200));
  const [{ held }] = await server.query<{ held: number }>(
    "select count(*) as held from pg_stat_activity where datname = current_database() and application_name = 'tell-it-once'",
  );
  expect(held).toBe(2);
});
