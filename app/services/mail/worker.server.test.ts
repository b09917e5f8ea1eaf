import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { serviceNames } from "#app/i18n/i18n.server";
import { queueEmail } from "#app/services/mail/templates.server";
import { env } from "#app/config/env.server";
import { countingStatements, db } from "#db/client.server";
import { outbox } from "#db/schema";
import { transportFor, type MailTransport } from "./transports.server";
import { deliverDueEmails, startMailWorker, stopMailWorker } from "./worker.server";

const FROM = "Demo Council <tellitonce@example.org>";
const SECOND = 1000;

type ReceivedEmail = { envelopeTo: string[]; from: string; to: string; subject: string; body: string };

function quotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === "=" && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i]));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/** Just enough MIME reading for the single-part plain-text messages the service sends. */
function readEmail(raw: string, envelopeTo: string[]): ReceivedEmail {
  const split = raw.indexOf("\r\n\r\n");
  const headers = new Map<string, string>();
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, " ")
    .split("\r\n")) {
    const colon = line.indexOf(":");
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  const encodedWords = (value: string) =>
    value
      .replace(/\?=\s+=\?/g, "?==?")
      .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
        encoding.toUpperCase() === "B" ? Buffer.from(text, "base64").toString("utf8") : quotedPrintable(text.replace(/_/g, " ")),
      );
  const rawBody = raw.slice(split + 4);
  const encoding = headers.get("content-transfer-encoding");
  const body = encoding === "quoted-printable" ? quotedPrintable(rawBody) : encoding === "base64" ? Buffer.from(rawBody, "base64").toString("utf8") : rawBody;
  return {
    envelopeTo,
    from: headers.get("from") ?? "",
    to: headers.get("to") ?? "",
    subject: encodedWords(headers.get("subject") ?? ""),
    body: body.replace(/\r\n/g, "\n").trim(),
  };
}

/** A real SMTP server on 127.0.0.1 that keeps what it is sent, and can be told to refuse recipients. */
async function startSmtpServer() {
  const state = { refuseRecipients: false, received: [] as ReceivedEmail[] };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!state.refuseRecipients) return callback();
      // Real servers often quote the address back, which must not end up in the outbox's error.
      callback(Object.assign(new Error(`Mailbox <${address.address}> unavailable, try later`), { responseCode: 450 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        state.received.push(
          readEmail(
            Buffer.concat(chunks).toString("utf8"),
            session.envelope.rcptTo.map((r) => r.address),
          ),
        );
        callback();
      });
    },
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  const { port } = server.server.address() as AddressInfo;
  return {
    state,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((closed) => server.close(closed)),
  };
}

function smtpTransportTo(url: string): MailTransport {
  return transportFor({ ...env, MAIL_TRANSPORT: "smtp", SMTP_URL: url, MAIL_FROM: FROM });
}

async function queueSignInCode(to: string, code: string, language: "en" | "cy" = "en") {
  await db.transaction((tx) => queueEmail(tx, { to, template: "sign-in-code", language, personalisation: { code } }));
}

async function outboxRows() {
  return await db.select().from(outbox).orderBy(outbox.id);
}

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let transport: MailTransport;

beforeAll(async () => {
  smtp = await startSmtpServer();
  transport = smtpTransportTo(smtp.url);
});
afterAll(() => smtp.close());
beforeEach(async () => {
  await db.delete(outbox);
  smtp.state.received.length = 0;
  smtp.state.refuseRecipients = false;
});

describe("delivering the outbox over SMTP", () => {
  test("an email queued in a transaction arrives in English, and the code is not kept once sent", async () => {
    await queueSignInCode("sam@example.com", "482913");

    const run = await deliverDueEmails(new Date(), transport);

    expect(run).toEqual({ claimed: 1, sent: 1, retrying: 0, failed: 0 });
    expect(smtp.state.received).toHaveLength(1);
    const [email] = smtp.state.received;
    const { service, organisation } = serviceNames("en");
    expect(email.envelopeTo).toEqual(["sam@example.com"]);
    expect(email.from).toBe(FROM);
    expect(email.to).toBe("sam@example.com");
    expect(email.subject).toBe(`Your sign in code for ${service}`);
    expect(email.body).toBe(
      [
        `Enter this code to sign in to ${service}:`,
        "482913",
        "The code expires in 15 minutes.",
        "If you did not ask for this, you can ignore this email.",
        `${service}\n${organisation}`,
      ].join("\n\n"),
    );

    const [row] = await outboxRows();
    expect(row).toMatchObject({ recipient: "sam@example.com", template: "sign-in-code", status: "sent", attempts: 1, lastError: null, lockedUntil: null });
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(row.personalisation).toEqual({ code: "" });
  });

  test("a Welsh speaker's email arrives in Welsh", async () => {
    await queueSignInCode("elin@example.com", "105377", "cy");

    await deliverDueEmails(new Date(), transport);

    const [email] = smtp.state.received;
    const { service } = serviceNames("cy");
    expect(email.subject).toBe(`Eich cod mewngofnodi ar gyfer ${service}`);
    expect(email.body).toContain(`Rhowch y cod hwn i fewngofnodi i ${service}:\n\n105377\n\n`);
    expect(email.body).toContain("Bydd y cod yn dod i ben ymhen 15 munud.");
    expect(email.body).toContain("Os na wnaethoch chi ofyn am hyn, gallwch anwybyddu’r e-bost hwn.");
    expect(email.body).not.toContain("expires");
  });

  test("a transaction that rolls back queues nothing", async () => {
    await expect(
      db.transaction(async (tx) => {
        await queueEmail(tx, { to: "sam@example.com", template: "sign-in-code", language: "en", personalisation: { code: "111111" } });
        throw new Error("the event that needed the email failed");
      }),
    ).rejects.toThrow("the event that needed the email failed");

    expect(await outboxRows()).toEqual([]);
    expect(await deliverDueEmails(new Date(), transport)).toMatchObject({ claimed: 0 });
    expect(smtp.state.received).toEqual([]);
  });

  test("a refused send stays pending, says why without the message or address, and goes after the backoff", async () => {
    smtp.state.refuseRecipients = true;
    await queueSignInCode("sam@example.com", "555123");
    const start = new Date();

    expect(await deliverDueEmails(start, transport)).toMatchObject({ claimed: 1, sent: 0, retrying: 1 });

    const [afterFailure] = await outboxRows();
    expect(afterFailure).toMatchObject({ status: "pending", attempts: 1, lockedUntil: null, personalisation: { code: "555123" } });
    expect(afterFailure.nextAttemptAt.getTime()).toBe(start.getTime() + 30 * SECOND);
    expect(afterFailure.lastError).toBe("SMTP EENVELOPE 450 Mailbox <[address]> unavailable, try later");
    expect(afterFailure.lastError).not.toContain("sam@example.com");
    expect(afterFailure.lastError).not.toContain("555123");
    expect(smtp.state.received).toEqual([]);

    smtp.state.refuseRecipients = false;
    expect(await deliverDueEmails(new Date(start.getTime() + 29 * SECOND), transport)).toMatchObject({ claimed: 0 });
    expect(await deliverDueEmails(new Date(start.getTime() + 30 * SECOND), transport)).toMatchObject({ sent: 1 });

    expect(smtp.state.received).toHaveLength(1);
    expect(smtp.state.received[0].body).toContain("555123");
    expect((await outboxRows())[0]).toMatchObject({ status: "sent", attempts: 2, lastError: null, personalisation: { code: "" } });
  });

  test("with no server listening, retries back off from 30 seconds to an hour and stop as failed after 10 attempts", async () => {
    const gone = await startSmtpServer();
    await gone.close();
    const unreachable = smtpTransportTo(gone.url);
    await queueSignInCode("sam@example.com", "777000");

    const waits: number[] = [];
    let row = (await outboxRows())[0];
    while (row.status === "pending") {
      const now = row.nextAttemptAt;
      await deliverDueEmails(now, unreachable);
      row = (await outboxRows())[0];
      if (row.status === "pending") waits.push((row.nextAttemptAt.getTime() - now.getTime()) / SECOND);
    }

    expect(waits).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
    expect(row).toMatchObject({ status: "failed", attempts: 10, sentAt: null, personalisation: { code: "" } });
    expect(row.lastError).toMatch(/^SMTP ESOCKET connect ECONNREFUSED /);
    expect(await deliverDueEmails(new Date(row.nextAttemptAt.getTime() + 24 * 3600 * SECOND), transport)).toMatchObject({ claimed: 0 });
  });

  test("an email a crashed worker was sending is sent by another once its lease runs out", async () => {
    await queueSignInCode("sam@example.com", "246810");
    const start = new Date();
    const sendThatNeverReturns: MailTransport = { send: () => new Promise(() => {}) };

    // The first worker claims the email and dies mid-send: its run never finishes.
    void deliverDueEmails(start, sendThatNeverReturns);
    expect((await outboxRows())[0].lockedUntil).toEqual(new Date(start.getTime() + 5 * 60 * SECOND));

    expect(await deliverDueEmails(new Date(start.getTime() + 4 * 60 * SECOND), transport)).toMatchObject({ claimed: 0 });
    expect(await deliverDueEmails(new Date(start.getTime() + 5 * 60 * SECOND), transport)).toMatchObject({ sent: 1 });
    expect(smtp.state.received.map((e) => e.envelopeTo)).toEqual([["sam@example.com"]]);
    expect((await outboxRows())[0]).toMatchObject({ status: "sent", attempts: 1 });
  });

  test("two workers running at once send each email once", async () => {
    const recipients = ["a@example.com", "b@example.com", "c@example.com", "d@example.com"];
    for (const to of recipients) await queueSignInCode(to, "135790");
    const now = new Date();

    const runs = await Promise.all([deliverDueEmails(now, transport), deliverDueEmails(now, smtpTransportTo(smtp.url))]);

    expect(runs.reduce((sum, run) => sum + run.sent, 0)).toBe(4);
    expect(smtp.state.received.flatMap((e) => e.envelopeTo).sort()).toEqual(recipients);
    expect((await outboxRows()).every((row) => row.status === "sent" && row.attempts === 1)).toBe(true);
  });
});

describe("the running mail worker", () => {
  afterEach(() => stopMailWorker());

  test("sends what an earlier run left pending as soon as it starts", async () => {
    const printed = vi.spyOn(console, "log").mockImplementation(() => {});
    await queueSignInCode("left@example.com", "909090");

    startMailWorker();

    await vi.waitFor(async () => expect((await outboxRows())[0].status).toBe("sent"), { timeout: 2_000 });
    expect(printed.mock.calls.flat().join("\n")).toContain("909090");
  });

  test("sends a newly queued email without waiting for its next poll", async () => {
    const printed = vi.spyOn(console, "log").mockImplementation(() => {});
    startMailWorker();
    expect(await outboxRows()).toEqual([]);

    await queueSignInCode("new@example.com", "313131");

    // The worker polls every 5 seconds; well under that means it was woken.
    await vi.waitFor(async () => expect((await outboxRows())[0].status).toBe("sent"), { timeout: 1_000 });
    expect(printed.mock.calls.flat().join("\n")).toContain("313131");
  });

  test("a request that queues an email is not charged for the worker's statements", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    startMailWorker();
    const request = { count: 0 };

    await countingStatements(request, () => queueSignInCode("counted@example.com", "717171"));
    const queueing = request.count;
    await vi.waitFor(async () => expect((await outboxRows())[0].status).toBe("sent"), { timeout: 1_000 });

    expect(queueing).toBeGreaterThan(0);
    expect(request.count).toBe(queueing);
  });
});
