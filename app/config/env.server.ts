import { createPrivateKey, randomBytes } from "node:crypto";
import { isIP } from "node:net";
import { availableParallelism } from "node:os";
import { z } from "zod";
import { httpOnThisMachine } from "#app/lib/on-this-machine";

/**
 * Only an http address on a loopback host (or none: the default) can be the
 * demo, one process on one machine. Anything else may be a live service with
 * several instances behind a load balancer, which must share SESSION_SECRET.
 */
const demoOnThisMachine = (publicUrl: string | undefined) => !publicUrl || httpOnThisMachine(publicUrl);

/** An identity provider's address: https, or http to a provider on this machine, which only a developer or a test runs. */
const issuer = (example: string) =>
  z
    .url({ protocol: /^https?$/, error: `must be an https:// address, like ${example}` })
    .refine((address) => address.startsWith("https:") || httpOnThisMachine(address), `must be an https:// address, like ${example}`);

/** GOV.UK One Login's integration environment; production is https://oidc.account.gov.uk/ (README). */
const ONE_LOGIN_INTEGRATION = "https://oidc.integration.account.gov.uk/";

/** One entry of STAFF_OIDC_ALLOWED: "@council.gov.uk", "name@council.gov.uk" or "group:NAME". */
const STAFF_ALLOWED_ENTRY = /^(@[^\s@]+\.[^\s@]+|[^\s@]+@[^\s@]+\.[^\s@]+|group:\S+)$/;

function isPrivateKey(pem: string): boolean {
  try {
    return createPrivateKey(pem).type === "private";
  } catch {
    return false;
  }
}

/** An entry of TRUST_PROXY: a named range, an IP address, or one with a CIDR prefix. */
function isProxyAddress(entry: string): boolean {
  if (["loopback", "linklocal", "uniquelocal"].includes(entry)) return true;
  const [address, prefix, extra] = entry.split("/");
  const version = isIP(address);
  if (version === 0 || extra !== undefined) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
}

/** Entries written with commas or spaces between them, each as `entry` makes it (in lower case, say), then checked by `each`; at least `min`. */
function listOf(each: z.ZodType<string, string>, entry: (value: string) => string = (value) => value, min = 0) {
  return z
    .string()
    .transform((value) =>
      value
        .split(/[\s,]+/)
        .filter((written) => written !== "")
        .map(entry),
    )
    .pipe(z.array(each).min(min));
}

/** A name or address, as a case-blind comparison needs it. */
const lowerCase = (value: string) => value.toLowerCase();

/** A whole number from `min` to `max`, `fallback` when unset. */
function wholeNumber(min: number, max: number, fallback: number) {
  const error = `must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error }).default(fallback);
}

/**
 * Every setting the service reads, parsed once at start-up. Unset values give
 * the self-contained demo; a bad value stops the server with one line per
 * variable saying what is allowed.
 */
const schema = z
  .object({
    NODE_ENV: z
      .enum(["production", "development", "test"], {
        error: "must be production, development or test",
      })
      .default("production"),
    PORT: wholeNumber(1, 65535, 3000),
    // Worker processes sharing the port (app/server.js); unset, one per core.
    WEB_CONCURRENCY: wholeNumber(1, 64, availableParallelism()),
    // Whose X-Forwarded-For to believe for a client's address (the rate limits count by it): proxies at these
    // addresses, as Express's "trust proxy" takes them. By default one on this machine or a private network.
    TRUST_PROXY: listOf(
      z.string().refine(isProxyAddress, { error: "must be loopback, linklocal, uniquelocal or IP addresses (CIDR ranges allowed), separated by commas" }),
    ).default(["loopback", "linklocal", "uniquelocal"]),
    DATABASE_PATH: z.string().min(1, { error: "must be a file path" }).default("data/tell-it-once.sqlite"),
    // PostgreSQL instead of the SQLite file at DATABASE_PATH, for several instances behind a load balancer.
    DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// address, like postgres://user:password@db.example:5432/tellitonce" })
      .optional(),
    DATABASE_POOL_SIZE: wholeNumber(1, 100, 10),
    PUBLIC_URL: z.url({ protocol: /^https?$/, error: "must be an http:// or https:// address, like https://tellitonce.example.gov.uk" }).optional(),
    SESSION_SECRET: z.string().min(32, { error: "must be at least 32 characters long" }).optional(),
    MAIL_TRANSPORT: z.enum(["console", "smtp", "notify"], { error: "must be console, smtp or notify" }).default("console"),
    SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// address" }).optional(),
    NOTIFY_API_KEY: z.string().min(1).optional(),
    NOTIFY_TEMPLATE_ID: z.uuid({ error: "must be the id of a GOV.UK Notify email template (a UUID)" }).optional(),
    NOTIFY_API_URL: z.url({ error: "must be an https:// address" }).default("https://api.notifications.service.gov.uk"),
    MAIL_FROM: z.string().min(3, { error: "must be an email address, optionally with a name" }).default("Tell it once <no-reply@example.org>"),
    SERVICE_NAME: z.string().trim().min(1, { error: "must not be empty" }).max(80, { error: "must be 80 characters or fewer" }).optional(),
    ORGANISATION_NAME: z.string().trim().min(1, { error: "must not be empty" }).max(80, { error: "must be 80 characters or fewer" }).optional(),
    SERVICE_NAME_CY: z.string().trim().min(1, { error: "must not be empty" }).max(80, { error: "must be 80 characters or fewer" }).optional(),
    ORGANISATION_NAME_CY: z.string().trim().min(1, { error: "must not be empty" }).max(80, { error: "must be 80 characters or fewer" }).optional(),
    CONTACT_EMAIL: z.email({ error: "must be an email address" }).default("tellitonce@example.org"),
    // How long an unused account, and an ended share's access log, are kept (the privacy notice says the same).
    RETENTION_MONTHS: wholeNumber(1, 120, 24),
    // Council staff who may sign in to the staff area: addresses, separated by commas or spaces.
    ADMIN_EMAILS: listOf(z.email({ error: "must be email addresses separated by commas" }), lowerCase).default([]),
    // GOV.UK One Login for residents, beside the emailed code: both or neither. The integration environment unless ONE_LOGIN_ISSUER says otherwise.
    ONE_LOGIN_CLIENT_ID: z.string().trim().min(1).optional(),
    // A PEM private key; "\n" may stand for each line break, for settings that hold one line.
    ONE_LOGIN_PRIVATE_KEY: z
      .string()
      .transform((value) => value.replaceAll("\\n", "\n"))
      .optional(),
    ONE_LOGIN_ISSUER: issuer("https://oidc.account.gov.uk/").default(ONE_LOGIN_INTEGRATION),
    // The council's own identity provider for its staff, instead of emailed codes: all four or none.
    STAFF_OIDC_ISSUER: issuer("https://login.microsoftonline.com/<tenant>/v2.0").optional(),
    STAFF_OIDC_CLIENT_ID: z.string().trim().min(1).optional(),
    STAFF_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    // A group's name is kept as written: the provider's groups claim is compared as it comes.
    STAFF_OIDC_ALLOWED: listOf(
      z.string().regex(STAFF_ALLOWED_ENTRY, { error: "must be @domains, email addresses or group:NAME, separated by commas" }),
      (entry) => (entry.startsWith("group:") ? entry : lowerCase(entry)),
      1,
    ).optional(),
    // What one retelling avoided is worth, in pounds, for the staff area's impact figures; unset, no cost is shown.
    COST_PER_RETELLING: z.coerce.number({ error: "must be a number of pounds, like 250" }).positive({ error: "must be more than 0" }).max(1_000_000).optional(),
    // The SQL statement count per response helps the benchmark, but tells anyone how much work a request caused.
    SERVER_TIMING: z.enum(["on", "off"], { error: "must be on or off" }).default("off"),
  })
  .superRefine((value, ctx) => {
    if (value.MAIL_TRANSPORT === "smtp" && !value.SMTP_URL) {
      ctx.addIssue({ code: "custom", path: ["SMTP_URL"], message: "must be set when MAIL_TRANSPORT is smtp" });
    }
    if (value.MAIL_TRANSPORT === "notify" && !value.NOTIFY_API_KEY) {
      ctx.addIssue({ code: "custom", path: ["NOTIFY_API_KEY"], message: "must be set when MAIL_TRANSPORT is notify" });
    }
    if (value.MAIL_TRANSPORT === "notify" && !value.NOTIFY_TEMPLATE_ID) {
      ctx.addIssue({ code: "custom", path: ["NOTIFY_TEMPLATE_ID"], message: "must be set when MAIL_TRANSPORT is notify" });
    }
    if (value.DATABASE_URL && !value.SESSION_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["SESSION_SECRET"],
        message:
          "must be set (32 characters or more) when DATABASE_URL is set, so that every instance sharing the database hashes sign-in codes and rate-limit keys alike",
      });
    } else if (!demoOnThisMachine(value.PUBLIC_URL) && !value.SESSION_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["SESSION_SECRET"],
        message:
          "must be set (32 characters or more) unless PUBLIC_URL is an http address on this machine (localhost, 127.0.0.1 or [::1]), so that every instance hashes sign-in codes and rate-limit keys alike",
      });
    }
    if (Boolean(value.ONE_LOGIN_CLIENT_ID) !== Boolean(value.ONE_LOGIN_PRIVATE_KEY)) {
      const missing = value.ONE_LOGIN_CLIENT_ID ? "ONE_LOGIN_PRIVATE_KEY" : "ONE_LOGIN_CLIENT_ID";
      ctx.addIssue({ code: "custom", path: [missing], message: "must be set when either of ONE_LOGIN_CLIENT_ID and ONE_LOGIN_PRIVATE_KEY is" });
    } else if (value.ONE_LOGIN_PRIVATE_KEY && !isPrivateKey(value.ONE_LOGIN_PRIVATE_KEY)) {
      ctx.addIssue({ code: "custom", path: ["ONE_LOGIN_PRIVATE_KEY"], message: "must be a private key in PEM form (-----BEGIN PRIVATE KEY-----…)" });
    }
    const staff = ["STAFF_OIDC_ISSUER", "STAFF_OIDC_CLIENT_ID", "STAFF_OIDC_CLIENT_SECRET", "STAFF_OIDC_ALLOWED"] as const;
    if (staff.some((name) => value[name]) && !staff.every((name) => value[name])) {
      for (const name of staff.filter((name) => !value[name])) {
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: "must be set when any of STAFF_OIDC_ISSUER, STAFF_OIDC_CLIENT_ID, STAFF_OIDC_CLIENT_SECRET and STAFF_OIDC_ALLOWED is",
        });
      }
    }
    if (value.PUBLIC_URL?.startsWith("https:") && value.MAIL_TRANSPORT === "console") {
      ctx.addIssue({
        code: "custom",
        path: ["MAIL_TRANSPORT"],
        message: "must be smtp or notify when PUBLIC_URL is https (console prints sign-in codes to the server's log)",
      });
    }
  })
  .transform((value) => ({
    ...value,
    PUBLIC_URL: (value.PUBLIC_URL ?? `http://localhost:${value.PORT}`).replace(/\/+$/, ""),
    // The demo, one process on this machine, can make its own; anywhere else must set one (enforced above).
    SESSION_SECRET: value.SESSION_SECRET ?? randomBytes(32).toString("hex"),
    // A council that names its service in English only gets that name in Welsh pages too.
    SERVICE_NAME: value.SERVICE_NAME ?? "Tell it once",
    SERVICE_NAME_CY: value.SERVICE_NAME_CY ?? value.SERVICE_NAME ?? "Dweud unwaith",
    ORGANISATION_NAME: value.ORGANISATION_NAME ?? "Demo Council",
    ORGANISATION_NAME_CY: value.ORGANISATION_NAME_CY ?? value.ORGANISATION_NAME ?? "Cyngor Demo",
    // Each provider whole, or null when it is not configured (the checks above allow nothing between).
    oneLogin:
      value.ONE_LOGIN_CLIENT_ID && value.ONE_LOGIN_PRIVATE_KEY
        ? { issuer: value.ONE_LOGIN_ISSUER, clientId: value.ONE_LOGIN_CLIENT_ID, privateKey: value.ONE_LOGIN_PRIVATE_KEY }
        : null,
    staffProvider:
      value.STAFF_OIDC_ISSUER && value.STAFF_OIDC_CLIENT_ID && value.STAFF_OIDC_CLIENT_SECRET && value.STAFF_OIDC_ALLOWED
        ? {
            issuer: value.STAFF_OIDC_ISSUER,
            clientId: value.STAFF_OIDC_CLIENT_ID,
            clientSecret: value.STAFF_OIDC_CLIENT_SECRET,
            allowed: value.STAFF_OIDC_ALLOWED,
          }
        : null,
  }));

export type Env = z.infer<typeof schema>;

type EnvResult = { ok: true; env: Env } | { ok: false; problems: string[] };

export function parseEnv(source: Record<string, string | undefined>): EnvResult {
  // An empty variable means "not set", as in most shells' `VAR= cmd`.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (result.success) return { ok: true, env: result.data };
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? "configuration");
    const got = source[name];
    const shown = got === undefined || /SECRET|KEY|SMTP_URL|DATABASE_URL/.test(name) ? "" : ` (got "${got}")`;
    return `Configuration error: ${name} ${issue.message}${shown}`;
  });
  return { ok: false, problems };
}

function loadEnv(): Env {
  const result = parseEnv(process.env);
  if (!result.ok) {
    for (const line of result.problems) process.stderr.write(`${line}\n`);
    process.exit(1);
  }
  return result.env;
}

export const env = loadEnv();
