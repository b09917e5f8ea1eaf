import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { HttpClient } from "#tests/support/http-client";
import { freshPostgresDatabase, startServer, type RunningServer } from "#tests/support/server.js";
import { signInCodeFrom, startMailSink, type MailSink } from "#tests/support/sign-in";

/*
 * Three instances of the service on one PostgreSQL database, as behind a load
 * balancer: each a process of its own on a port of its own, sharing nothing
 * but the database (and the SMTP server every instance sends through).
 */
let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
let mail: MailSink;
let instances: RunningServer[];

beforeAll(async () => {
  database = await freshPostgresDatabase();
  mail = await startMailSink();
  // Started together, so their migrations meet: the advisory lock lets one migrate and the others find it done.
  instances = await Promise.all([1, 2, 3].map(() => startServer({ DATABASE_URL: database.url, MAIL_TRANSPORT: "smtp", SMTP_URL: mail.url })));
}, 60_000);

afterAll(async () => {
  await Promise.all((instances ?? []).map((instance) => instance.stop()));
  await mail?.close();
  await database?.drop();
});

/** A browser whose requests go to whichever instance `at` names now, as a load balancer sends them. */
function personBehindTheBalancer() {
  const at = { url: "" };
  return { at, browser: new HttpClient(() => at.url).browser() };
}

describe("several instances on one PostgreSQL database act as one", () => {
  test("they migrated once: one row per migration", async () => {
    const [[count]] = await instances[0].query("select count(*) from drizzle.__drizzle_migrations");
    expect(Number(count)).toBe(2);
  });

  test("a code emailed by one instance signs in on another, and the session it makes holds on all three", async () => {
    const email = "many@example.org";
    const { at, browser } = personBehindTheBalancer();
    at.url = instances[0].url;
    const since = mail.received.length;
    expect((await browser.post("/sign-in", { email })).status).toBe(302);
    const code = signInCodeFrom(await mail.nextEmailTo(email, since));

    at.url = instances[1].url;
    const checked = await browser.post("/sign-in/check-email", { code });
    expect([checked.status, browser.jar.get("session") !== undefined]).toEqual([302, true]);

    for (const instance of instances) {
      at.url = instance.url;
      const stories = await browser.get("/stories");
      expect(stories.status, instance.url).toBe(200);
    }
  });

  test("a rate limit counts requests to every instance: the sixth code for one address in the hour is refused wherever it is asked", async () => {
    const email = "limited@example.org";
    const { at, browser } = personBehindTheBalancer();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      at.url = instances[i % 3].url;
      statuses.push((await browser.post("/sign-in", { email })).status);
    }
    expect(statuses).toEqual([302, 302, 302, 302, 302, 429]);
  });

  test("each queued email is sent once, though every instance's mail worker looks at the one outbox", async () => {
    const since = mail.received.length;
    const emails = Array.from({ length: 9 }, (_, i) => `once-${i}@example.org`);
    await Promise.all(emails.map((email, i) => new HttpClient(instances[i % 3].url).browser().post("/sign-in", { email })));
    for (const email of emails) await mail.nextEmailTo(email, since);
    // Let every worker have another look before counting.
    await Promise.all(instances.map((instance) => fetch(`${instance.url}/healthz`)));
    const [[pending]] = await instances[0].query("select count(*) from outbox where status = 'pending'");
    expect(Number(pending)).toBe(0);
    const sent = mail.received
      .slice(since)
      .flatMap((received) => received.to)
      .filter((to) => to.startsWith("once-"));
    expect(sent.sort()).toEqual([...emails].sort());
  });
});
