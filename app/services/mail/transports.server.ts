import type { Transporter } from "nodemailer";
import type { NotifyClient } from "notifications-node-client";
import { env, type Env } from "#app/config/env.server";

export type MailMessage = {
  to: string;
  subject: string;
  /** Plain text. */
  body: string;
  /** Our id for the email (the outbox row), so a provider's records can be matched to ours. */
  reference: string;
};

/** The one way the service hands an email over. `send` resolves once the provider has accepted it, and rejects otherwise. */
export interface MailTransport {
  send(message: MailMessage): Promise<void>;
}

type MailConfig = Pick<Env, "MAIL_TRANSPORT" | "SMTP_URL" | "MAIL_FROM" | "NOTIFY_API_KEY" | "NOTIFY_TEMPLATE_ID" | "NOTIFY_API_URL">;

/**
 * A failure described for the outbox's `last_error`: what went wrong, with any
 * email address taken out, and never the subject or body.
 */
export class MailDeliveryError extends Error {
  constructor(description: string) {
    super(description.replace(/[^\s<>()[\]@"',;]+@[^\s<>()[\]@"',;]+/g, "[address]").slice(0, 300));
    this.name = "MailDeliveryError";
  }
}

/** The demo's transport: the message goes to the server's log, the only place to read a sign-in code without a mail server. */
function consoleTransport(): MailTransport {
  return {
    async send({ to, subject, body }) {
      console.log(`\n---- Email to ${to}\nSubject: ${subject}\n\n${body}\n---- End of email\n`);
    },
  };
}

// Short enough that a send always ends well before the worker's lease runs out.
const smtpTimeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/**
 * Each provider's library is loaded with the first email sent through it, not
 * when the process starts: a process that sends none (most of the command-line
 * tools, and every server on the other transport) never pays for it. Notify's
 * client and the HTTP library under it take a tenth of the server's start.
 */
function smtpTransport(url: string, from: string): MailTransport {
  let transporter: Promise<Transporter> | undefined;
  return {
    async send({ to, subject, body, reference }) {
      // A fresh connection per email: volumes are small, and nothing stays open between sends.
      transporter ??= import("nodemailer").then(({ createTransport }) => createTransport({ url, ...smtpTimeouts }, { from }));
      const smtp = await transporter;
      try {
        await smtp.sendMail({ to, subject, text: body, headers: { "X-Outbox-Reference": reference } });
      } catch (error) {
        // The server's reply ("450 4.2.1 Mailbox busy") says most; it starts with its own status code.
        const { code, response } = (error ?? {}) as { code?: string; response?: string };
        const said = response ?? (error instanceof Error ? error.message : String(error));
        throw new MailDeliveryError(["SMTP", code, said].filter(Boolean).join(" "));
      }
    },
  };
}

/**
 * GOV.UK Notify sends only from templates made in its web interface. The
 * service uses one generic email template whose subject is `((subject))` and
 * whose body is `((body))`, and fills both from our own bilingual templates,
 * so wording lives in this repository and one Notify template serves every email.
 */
function notifyTransport(apiUrl: string, apiKey: string, templateId: string): MailTransport {
  let client: Promise<NotifyClient> | undefined;
  return {
    async send({ to, subject, body, reference }) {
      client ??= import("notifications-node-client").then(({ NotifyClient }) => new NotifyClient(apiUrl, apiKey));
      const notify = await client;
      try {
        await notify.sendEmail(templateId, to, { personalisation: { subject, body }, reference });
      } catch (error) {
        // Notify's answer says which of its rules was broken ("Can't send to this recipient using a team-only API key").
        type NotifyFailure = { code?: string; response?: { status?: number; data?: { errors?: { error?: string; message?: string }[] } } };
        const { response, code } = (error ?? {}) as NotifyFailure;
        const reasons = response?.data?.errors?.map((e) => [e.error, e.message].filter(Boolean).join(": ")) ?? [];
        throw new MailDeliveryError(["Notify", response?.status ?? code ?? "request failed", ...reasons].join(" "));
      }
    },
  };
}

/** The transport `config` asks for. The environment schema has already made sure its settings are present. */
export function transportFor(config: MailConfig): MailTransport {
  switch (config.MAIL_TRANSPORT) {
    case "console":
      return consoleTransport();
    case "smtp":
      if (!config.SMTP_URL) throw new Error("SMTP_URL must be set when MAIL_TRANSPORT is smtp");
      return smtpTransport(config.SMTP_URL, config.MAIL_FROM);
    case "notify":
      if (!config.NOTIFY_API_KEY || !config.NOTIFY_TEMPLATE_ID) {
        throw new Error("NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID must be set when MAIL_TRANSPORT is notify");
      }
      return notifyTransport(config.NOTIFY_API_URL, config.NOTIFY_API_KEY, config.NOTIFY_TEMPLATE_ID);
  }
}

/** The transport this process sends with, chosen once from the environment. */
export const mailTransport = transportFor(env);
