/**
 * Signing a resident in the way a person does: the built server emails a code
 * over real SMTP to a sink on 127.0.0.1, and the code is read from that email.
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { HttpClient, type Browser, type Language } from "#tests/support/http-client";
import { startServer, type RunningServer } from "#tests/support/server";
import { until } from "#tests/support/until";

export type ReceivedEmail = { to: string[]; raw: string };

export type MailSink = {
  url: string;
  received: ReceivedEmail[];
  /** Waits for the next email to `to` that arrived after `since` emails had. */
  nextEmailTo(to: string, since: number, timeoutMs?: number): Promise<ReceivedEmail>;
  /**
   * While `true`, reads each email and never answers that it has it, as a mail server that hangs:
   * the sender has not sent it, and the sink forgets it. `false` takes emails again.
   */
  hold(holding: boolean): void;
  close(): Promise<void>;
};

/** A real SMTP server that accepts everything and keeps it. */
export async function startMailSink(): Promise<MailSink> {
  const received: ReceivedEmail[] = [];
  let holding = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (holding) return;
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  // A sender that dies mid-conversation (the durability test kills one on purpose) resets its connection: not the sink's failure.
  server.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "ECONNRESET" && error.code !== "EPIPE") console.error(`The mail sink failed: ${error.message}`);
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    async nextEmailTo(to, since, timeoutMs = 10_000) {
      return until(() => received.slice(since).find((e) => e.to.includes(to)), `an email to ${to} arrives`, timeoutMs);
    },
    hold: (value) => void (holding = value),
    close: () => new Promise<void>((closed) => server.close(() => closed())),
  };
}

export type ServerWithMail = RunningServer & { mail: MailSink };

/** The built server sending its email over SMTP to a sink of its own. */
export async function startServerWithMail(extraEnv: Record<string, string> = {}): Promise<ServerWithMail> {
  const mail = await startMailSink();
  try {
    const server = await startServer({ MAIL_TRANSPORT: "smtp", SMTP_URL: mail.url, ...extraEnv });
    return {
      ...server,
      mail,
      stop: async () => {
        await server.stop();
        await mail.close();
      },
    };
  } catch (error) {
    await mail.close();
    throw error;
  }
}

/**
 * Signs `email` in through the real pages in a browser of their own (POST
 * /sign-in, the code from the email, POST /sign-in/check-email): the browser,
 * holding their session cookie, and `lang` their language if given.
 */
export async function signedIn(server: ServerWithMail, email: string, lang?: Language): Promise<Browser> {
  const person = new HttpClient(server.url).browser({ lang });
  const since = server.mail.received.length;
  const asked = await person.post("/sign-in", { email });
  if (asked.status !== 302 || !person.jar.get("signin")) throw new Error(`POST /sign-in answered ${asked.status} without a sign-in cookie`);
  const code = signInCodeFrom(await server.mail.nextEmailTo(email, since));
  const checked = await person.post("/sign-in/check-email", { code });
  if (checked.status !== 302 || !person.jar.get("session")) throw new Error(`POST /sign-in/check-email answered ${checked.status} without a session cookie`);
  return person;
}

/** As signedIn, for a browser suite: the Cookie header that carries their session. */
export async function signIn(server: ServerWithMail, email: string): Promise<string> {
  return (await signedIn(server, email)).jar.get("session")!;
}

/**
 * The emails to `to` since the `since`-th arrived, once the server's mail
 * worker has sent everything it queued (nothing pending in its outbox), so
 * an email that should not have been sent would be among them.
 */
export async function emailsSentTo(server: ServerWithMail, to: string, since: number, timeoutMs = 10_000): Promise<ReceivedEmail[]> {
  await until(
    async () => (await server.query<{ pending: number }>("select count(*) as pending from outbox where status = 'pending'"))[0].pending === 0,
    "no email is pending",
    timeoutMs,
  );
  return server.mail.received.slice(since).filter((email) => email.to.includes(to));
}

/**
 * The body of an email as a mail program shows it: decoded from
 * quoted-printable or base64 first, as nodemailer uses either for text that is
 * not plain ASCII (a Welsh email, say).
 */
export function bodyOf(email: ReceivedEmail): string {
  const split = email.raw.search(/\r?\n\r?\n/);
  const headers = email.raw.slice(0, split).replace(/\r?\n[ \t]+/g, " ");
  const body = email.raw.slice(split).trim();
  const encoding = headers.match(/^content-transfer-encoding:\s*(\S+)/im)?.[1]?.toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding !== "quoted-printable") return body;
  const joined = body.replace(/=\r?\n/g, "");
  return Buffer.from(
    joined.replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    "latin1",
  ).toString("utf8");
}

/** The 6-digit code in a sign-in email, on a line of its own. */
export function signInCodeFrom(email: ReceivedEmail): string {
  const code = bodyOf(email).match(/^(\d{6})\r?$/m)?.[1];
  if (!code) throw new Error("the sign-in email had no 6-digit code on a line of its own");
  return code;
}
