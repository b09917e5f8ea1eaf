import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { root } from "../http/helpers";
import { HttpClient } from "#tests/support/http-client";
import { startServer, type RunningServer } from "#tests/support/server.js";
import { freshPostgresDatabase } from "#tests/support/test-database.js";
import { linkSentTo, openAsProfessional } from "#tests/support/professional";
import { publishedStory, shareThroughTheJourney } from "#tests/support/share-journey";
import { emailsSentTo, signIn, signInCodeFrom, startMailSink, type MailSink, type ServerWithMail } from "#tests/support/sign-in";

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

/** Three more instances, started at once after the first three: each sweeps for ended shares as it starts. */
let later: RunningServer[] = [];

afterAll(async () => {
  await Promise.all([...(instances ?? []), ...later].map((instance) => instance.stop()));
  await mail?.close();
  await database?.drop();
});

/** An instance with the mail sink every instance sends through, as the suites' helpers take it. */
const withMail = (instance: RunningServer): ServerWithMail => ({ ...instance, mail });

/** The demo GP practice: its id and its inbox. */
async function gp(instance: RunningServer): Promise<{ id: string; contact_email: string }> {
  const [row] = await instance.query<{ id: string; contact_email: string }>("select id, contact_email from agencies where name = 'Riverside Medical Practice'");
  return row;
}

/** A code asked for on one instance: the code the email carries, and the cookie of the browser that asked. */
async function codeAskedFor(email: string): Promise<{ code: string; signInCookie: string }> {
  const browser = new HttpClient(instances[0].url).browser();
  const since = mail.received.length;
  await browser.post("/sign-in", { email });
  return { code: signInCodeFrom(await mail.nextEmailTo(email, since)), signInCookie: browser.jar.get("signin")! };
}

/** A browser whose requests go to whichever instance `at` names now, as a load balancer sends them. */
function personBehindTheBalancer() {
  const at = { url: "" };
  return { at, browser: new HttpClient(() => at.url).browser() };
}

describe("several instances on one PostgreSQL database act as one", () => {
  test("they migrated once: one row per migration", async () => {
    const [{ count }] = await instances[0].query<{ count: number }>("select count(*) as count from drizzle.__drizzle_migrations");
    const journal = JSON.parse(readFileSync(join(root, "db/migrations-pg/meta/_journal.json"), "utf8")) as { entries: unknown[] };
    expect(count).toBe(journal.entries.length);
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

  test("one code typed at the same moment on every instance signs in once", async () => {
    const email = "at-once@example.org";
    const { code, signInCookie } = await codeAskedFor(email);
    const answers = await Promise.all(
      Array.from({ length: 9 }, (_, i) =>
        new HttpClient(instances[i % 3].url).post(
          "/sign-in/check-email",
          { code },
          { cookie: signInCookie, headers: { "X-Forwarded-For": `10.9.0.${i + 1}` } },
        ),
      ),
    );
    const signedIn = answers.filter((answer) => answer.headers.getSetCookie().some((cookie) => cookie.startsWith("session=")));
    expect(signedIn).toHaveLength(1);
    const [{ sessions }] = await instances[0].query<{ sessions: number }>(
      "select count(*) as sessions from sessions join residents on residents.id = sessions.resident_id where residents.email = ?",
      email,
    );
    expect(sessions).toBe(1);
  });

  test("wrong codes typed at the same moment on every instance all count: 5 tries, then even the right code is refused", async () => {
    const email = "guessed@example.org";
    const { code, signInCookie } = await codeAskedFor(email);
    const wrong = code === "000000" ? "111111" : "000000";
    const guess = (guessed: string, i: number) =>
      new HttpClient(instances[i % 3].url).post(
        "/sign-in/check-email",
        { code: guessed },
        { cookie: signInCookie, headers: { "X-Forwarded-For": `10.8.0.${i + 1}` } },
      );
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => guess(wrong, i)));
    expect(answers.every((answer) => answer.status === 400 || answer.status === 429)).toBe(true);
    const [{ counted }] = await instances[0].query<{ counted: number }>("select wrong_attempts as counted from sign_in_codes where email = ?", email);
    expect(counted).toBe(5);
    const right = await guess(code, 20);
    expect(right.headers.getSetCookie().some((cookie) => cookie.startsWith("session="))).toBe(false);
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
    // An instance records an email as sent just after the sink takes it: count once none is left pending (or fail).
    await emailsSentTo(withMail(instances[0]), emails[0], since);
    const sent = mail.received
      .slice(since)
      .flatMap((received) => received.to)
      .filter((to) => to.startsWith("once-"));
    expect(sent.sort()).toEqual([...emails].sort());
  });

  test("stopping a share on one instance refuses the professional's next request on another", async () => {
    const resident = await signIn(withMail(instances[0]), "stopper@example.org");
    const storyId = await publishedStory(withMail(instances[0]), resident);
    const practice = await gp(instances[0]);
    const since = mail.received.length;
    await shareThroughTheJourney(withMail(instances[1]), resident, storyId, [practice.id], "no");
    const link = await linkSentTo(withMail(instances[1]), practice.contact_email, since);
    // The link names whichever instance sent it; the professional's browser reaches the others through the balancer.
    const opened = await openAsProfessional(withMail(instances[2]), link.replace(new URL(link).origin, instances[2].url), "dr.stop@nhs.example.net");
    const professional = new HttpClient(instances[0].url).browser({ cookie: opened.cookie });
    expect((await professional.get(`/shared/${opened.shareId}/summary`)).status).toBe(200);

    const [{ id: shareId }] = await instances[0].query<{ id: string }>("select id from shares where story_id = ?", storyId);
    expect((await new HttpClient(instances[1].url).browser({ cookie: resident }).post(`/stories/${storyId}/shares/${shareId}/stop`)).status).toBe(302);

    for (const instance of [instances[2], instances[0]]) {
      const refused = await new HttpClient(instance.url).browser({ cookie: opened.cookie }).get(`/shared/${opened.shareId}/summary`);
      expect(refused.status, instance.url).toBe(410);
    }
  });

  test("the expiry sweep tells each owner once, though every instance sweeps when it starts", async () => {
    const owners = ["ended-1@example.org", "ended-2@example.org", "ended-3@example.org", "ended-4@example.org"];
    const practice = await gp(instances[0]);
    for (const [i, owner] of owners.entries()) {
      const at = withMail(instances[i % 3]);
      const resident = await signIn(at, owner);
      await shareThroughTheJourney(at, resident, await publishedStory(at, resident), [practice.id], "no");
    }
    await emailsSentTo(withMail(instances[0]), "nobody@example.org", 0);
    const since = mail.received.length;
    // Their end has come (a clock moved on); three more instances start at once, and each sweeps as it starts.
    await instances[0].write(
      "update shares set ends_at = ? where story_id in (select stories.id from stories join residents on residents.id = stories.owner_id where residents.email like 'ended-%')",
      new Date(Date.now() - 60_000),
    );
    later = await Promise.all([1, 2, 3].map(() => startServer({ DATABASE_URL: database.url, MAIL_TRANSPORT: "smtp", SMTP_URL: mail.url })));

    for (const owner of owners) await mail.nextEmailTo(owner, since);
    await emailsSentTo(withMail(instances[0]), "nobody@example.org", 0);
    const told = mail.received.slice(since).flatMap((email) => email.to);
    expect(told.sort()).toEqual([...owners].sort());
    const [{ ended }] = await instances[0].query<{ ended: number }>("select count(*) as ended from audit_events where event = 'share_ended'");
    expect(ended).toBe(owners.length);
  });
});
