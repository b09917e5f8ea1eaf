/*
 * The server killed (SIGKILL) in the middle of concurrent writes, and started
 * again on the same database: every write it answered survives, and every
 * email it queued is sent, each once; as one process and as two workers. On
 * SQLite and, with TEST_ENGINE=postgres,
 * on PostgreSQL.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startServer, type RunningServer } from "#tests/support/server";
import { emailsSentTo, signIn, startMailSink, type MailSink } from "#tests/support/sign-in";
import { freshPostgresDatabase } from "#tests/support/test-database.js";
import { until } from "#tests/support/until";

/** A name made of letters only, different for each n. */
const nameFor = (n: number) => `Durable ${[...n.toString(26)].map((digit) => String.fromCharCode(97 + parseInt(digit, 26))).join("")}`;

/** A form sent, and the server's whole answer read: its status and where it redirects; undefined when the server died first. */
async function post(
  server: RunningServer,
  path: string,
  form: Record<string, string>,
  headers: Record<string, string>,
): Promise<{ status: number; location: string | null } | undefined> {
  try {
    const response = await fetch(`${server.url}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(form).toString(),
    });
    // Read to the end, so a connection cut mid-body fails here, where it is caught, and not later unheard.
    await response.arrayBuffer();
    return { status: response.status, location: response.headers.get("location") };
  } catch {
    return undefined;
  }
}

describe.each([
  { what: "a server", workers: "1" },
  { what: "a server of two workers (WEB_CONCURRENCY=2)", workers: "2" },
])("$what killed during concurrent writes, started again on its database", ({ workers }) => {
  let dir: string;
  let postgres: Awaited<ReturnType<typeof freshPostgresDatabase>> | undefined;
  let mail: MailSink;
  let crashed: RunningServer | undefined;
  let restarted: RunningServer | undefined;

  /** The one database both servers use. */
  const database = (): Record<string, string> => (postgres ? { DATABASE_URL: postgres.url } : { DATABASE_PATH: join(dir, "durable.sqlite") });
  const start = () => startServer({ ...database(), MAIL_TRANSPORT: "smtp", SMTP_URL: mail.url, WEB_CONCURRENCY: workers });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "tell-it-once-durability-"));
    postgres = process.env.TEST_ENGINE === "postgres" ? await freshPostgresDatabase() : undefined;
    mail = await startMailSink();
  });

  afterAll(async () => {
    await crashed?.stop();
    await restarted?.stop();
    await mail?.close();
    await postgres?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Stories the first server said it had made (their ids, by the name each was given). */
  const acknowledgedStories = new Map<string, string>();
  /** Addresses the first server said it had emailed a sign-in code to. */
  const acknowledgedEmails = new Set<string>();
  /** How many emails the sink had taken when the server died. */
  let sentBeforeTheCrash = 0;

  beforeAll(async () => {
    const server = await start();
    crashed = server;
    const residents = [await signIn({ ...server, mail }, "durable-1@example.org"), await signIn({ ...server, mail }, "durable-2@example.org")];

    let n = 0;
    let killed = false;
    const newStories = async (cookie: string) => {
      while (!killed) {
        const name = nameFor(n++);
        const saved = await post(server, "/stories/new/about", { name, intent: "save" }, { Cookie: `${cookie}; lang=en` });
        const storyId = saved?.location?.match(/^\/stories\/([0-9a-f-]{36})\?saved=1$/)?.[1];
        if (saved?.status === 302 && storyId) acknowledgedStories.set(name, storyId);
      }
    };
    const signIns = async (loop: number) => {
      for (let i = 0; !killed; i++) {
        const email = `crash-${loop}-${i}@example.org`;
        // From a different address each time, as many people at once are.
        const headers = { "X-Forwarded-For": `10.${loop}.${Math.floor(i / 250)}.${(i % 250) + 1}` };
        const asked = await post(server, "/sign-in", { email }, headers);
        if (asked?.status === 302 && asked.location === "/sign-in/check-email") acknowledgedEmails.add(email);
      }
    };
    const writers = [...residents.flatMap((cookie) => [newStories(cookie), newStories(cookie)]), signIns(1), signIns(2)];

    // Kill it once it has answered plenty of each, with emails sent and more queued behind them.
    await until(() => acknowledgedStories.size >= 40 && acknowledgedEmails.size >= 20 && mail.received.length >= 10, "writes were acknowledged");
    // The sink stops taking email, then the server records each email the sink took as sent, and dies with others unsent.
    mail.hold(true);
    await until(async () => {
      const [{ sent }] = await server.query<{ sent: number }>("select count(*) as sent from outbox where status = 'sent'");
      return sent === mail.received.length;
    }, "each email the sink took was recorded as sent");
    await server.crash();
    killed = true;
    sentBeforeTheCrash = mail.received.length;
    await Promise.all(writers);
    mail.hold(false);

    // An email the dead server had claimed stays leased to it for 5 minutes; move that clock on.
    restarted = await start();
    await restarted.write("update outbox set locked_until = ? where status = 'pending'", new Date(Date.now() - 1000));
  }, 120_000);

  test("it was killed in the middle: writes were still being made", async () => {
    expect(acknowledgedStories.size).toBeGreaterThanOrEqual(40);
    expect(acknowledgedEmails.size).toBeGreaterThanOrEqual(20);
    // Emails queued and not sent when the server died: the restarted server had them to send.
    expect((await restarted!.rowCounts()).outbox).toBeGreaterThan(sentBeforeTheCrash);
  });

  test("every story it said it had made is there, with the name it was given", async () => {
    const rows = await restarted!.query<{ story_id: string; content: string }>("select story_id, content from story_sections where section = 'about'");
    const nameOf = new Map(rows.map((row) => [row.story_id, (JSON.parse(row.content) as { name?: string }).name]));
    const missing = [...acknowledgedStories].filter(([name, storyId]) => nameOf.get(storyId) !== name);
    expect(missing).toEqual([]);
  });

  test("every queued email is sent once: those it said it had sent, and those it died before sending", async () => {
    await emailsSentTo({ ...restarted!, mail }, "nobody@example.org", 0, 30_000);
    const queued = await restarted!.query<{ recipient: string; status: string }>("select recipient, status from outbox");
    expect(queued.filter((row) => row.status !== "sent")).toEqual([]);
    const received = mail.received.flatMap((email) => email.to);
    const timesReceived = new Map<string, number>();
    for (const to of received) timesReceived.set(to, (timesReceived.get(to) ?? 0) + 1);
    expect([...timesReceived].filter(([, times]) => times !== 1)).toEqual([]);
    expect([...timesReceived.keys()].sort()).toEqual(queued.map((row) => row.recipient).sort());
    for (const email of acknowledgedEmails) expect(timesReceived.get(email), email).toBe(1);
  });
});
