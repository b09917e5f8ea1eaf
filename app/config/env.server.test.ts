import { generateKeyPairSync } from "node:crypto";
import { describe, expect, test } from "vitest";
import { parseEnv } from "./env.server";

describe("configuration", () => {
  test("nothing set gives the self-contained demo", () => {
    const result = parseEnv({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.env.PORT).toBe(3000);
    expect(result.env.DATABASE_PATH).toBe("data/tell-it-once.sqlite");
    expect(result.env.MAIL_TRANSPORT).toBe("console");
    expect(result.env.PUBLIC_URL).toBe("http://localhost:3000");
    expect(result.env.SESSION_SECRET).toMatch(/^[0-9a-f]{64}$/);
  });

  test("a bad port names the variable and what is allowed", () => {
    const result = parseEnv({ PORT: "eighty" });
    expect(result).toEqual({
      ok: false,
      problems: ['Configuration error: PORT must be a whole number from 1 to 65535 (got "eighty")'],
    });
  });

  test("an unknown mail transport is refused with the allowed values", () => {
    const result = parseEnv({ MAIL_TRANSPORT: "pigeon" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual(['Configuration error: MAIL_TRANSPORT must be console, smtp or notify (got "pigeon")']);
  });

  test("smtp needs an SMTP_URL, and the secret-bearing value is never echoed", () => {
    expect(parseEnv({ MAIL_TRANSPORT: "smtp" })).toEqual({
      ok: false,
      problems: ["Configuration error: SMTP_URL must be set when MAIL_TRANSPORT is smtp"],
    });
    const bad = parseEnv({ MAIL_TRANSPORT: "smtp", SMTP_URL: "http://user:pass@mail" });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems.join()).not.toContain("pass");
  });

  const secret = "x".repeat(32);
  const notify = { MAIL_TRANSPORT: "notify", NOTIFY_API_KEY: "key", NOTIFY_TEMPLATE_ID: "0b8c5f4e-4d4e-4b53-9f0e-0d6b5c2d8a11" };

  test("an https service must have a session secret", () => {
    const result = parseEnv({ PUBLIC_URL: "https://tellitonce.example.gov.uk", ...notify });
    expect(result).toEqual({
      ok: false,
      problems: [
        "Configuration error: SESSION_SECRET must be set (32 characters or more) unless PUBLIC_URL is an http address on this machine (localhost, 127.0.0.1 or [::1]), so that every instance hashes sign-in codes and rate-limit keys alike",
      ],
    });
    const good = parseEnv({ PUBLIC_URL: "https://tellitonce.example.gov.uk/", SESSION_SECRET: secret, ...notify });
    expect(good.ok && good.env.PUBLIC_URL).toBe("https://tellitonce.example.gov.uk");
  });

  test("wherever more than one instance could run, the session secret must be set; only the demo on this machine makes its own", () => {
    for (const PUBLIC_URL of ["http://tellitonce.internal", "http://10.0.0.5:3000", "http://127.0.0.2", "https://localhost", "http://localhost.example.org"]) {
      expect(parseEnv({ PUBLIC_URL, ...notify }).ok, PUBLIC_URL).toBe(false);
      expect(parseEnv({ PUBLIC_URL, SESSION_SECRET: secret, ...notify }).ok, PUBLIC_URL).toBe(true);
    }
    for (const PUBLIC_URL of [undefined, "http://localhost:3000", "http://127.0.0.1:8080/", "http://[::1]:3000"]) {
      expect(parseEnv({ PUBLIC_URL }).ok, PUBLIC_URL).toBe(true);
    }
  });

  test("an https service must send email through SMTP or Notify, never print codes to its log", () => {
    for (const MAIL_TRANSPORT of [undefined, "console"]) {
      const result = parseEnv({ PUBLIC_URL: "https://tellitonce.example.gov.uk", SESSION_SECRET: secret, MAIL_TRANSPORT });
      expect(result).toEqual({
        ok: false,
        problems: [
          `Configuration error: MAIL_TRANSPORT must be smtp or notify when PUBLIC_URL is https (console prints sign-in codes to the server's log)${MAIL_TRANSPORT ? ' (got "console")' : ""}`,
        ],
      });
    }
    expect(
      parseEnv({ PUBLIC_URL: "https://tellitonce.example.gov.uk", SESSION_SECRET: secret, MAIL_TRANSPORT: "smtp", SMTP_URL: "smtp://mail.internal" }).ok,
    ).toBe(true);
    expect(parseEnv({ PUBLIC_URL: "https://tellitonce.example.gov.uk", SESSION_SECRET: secret, ...notify }).ok).toBe(true);
  });

  test("the Server-Timing header is off unless the operator turns it on", () => {
    const demo = parseEnv({});
    expect(demo.ok && demo.env.SERVER_TIMING).toBe("off");
    const on = parseEnv({ SERVER_TIMING: "on" });
    expect(on.ok && on.env.SERVER_TIMING).toBe("on");
    expect(parseEnv({ SERVER_TIMING: "yes" })).toEqual({ ok: false, problems: ['Configuration error: SERVER_TIMING must be on or off (got "yes")'] });
  });

  test("names are configurable and must not be blank", () => {
    const result = parseEnv({ SERVICE_NAME: "Tell us once", ORGANISATION_NAME: "Brynmawr County Borough Council" });
    expect(result.ok && result.env.ORGANISATION_NAME).toBe("Brynmawr County Borough Council");
    // Without a Welsh name, Welsh pages use the configured English one rather than the demo's.
    expect(result.ok && result.env.ORGANISATION_NAME_CY).toBe("Brynmawr County Borough Council");
    const demo = parseEnv({});
    expect(demo.ok && demo.env.SERVICE_NAME_CY).toBe("Dweud unwaith");
    expect(parseEnv({ SERVICE_NAME: "   " }).ok).toBe(false);
  });

  describe("identity providers", () => {
    const pem = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ format: "pem", type: "pkcs8" }).toString();

    test("with neither set, residents and staff sign in with emailed codes only", () => {
      const result = parseEnv({});
      expect(result.ok && [result.env.oneLogin, result.env.staffProvider]).toEqual([null, null]);
    });

    test("GOV.UK One Login defaults to its integration environment; a key on one line, with \\n for each break, is read", () => {
      const result = parseEnv({ ONE_LOGIN_CLIENT_ID: "client", ONE_LOGIN_PRIVATE_KEY: pem.replaceAll("\n", "\\n") });
      expect(result.ok && result.env.oneLogin).toEqual({ issuer: "https://oidc.integration.account.gov.uk/", clientId: "client", privateKey: pem });
    });

    test("One Login needs both its client id and its key, and a key that is not one is refused without being echoed", () => {
      expect(parseEnv({ ONE_LOGIN_CLIENT_ID: "client" })).toEqual({
        ok: false,
        problems: ["Configuration error: ONE_LOGIN_PRIVATE_KEY must be set when either of ONE_LOGIN_CLIENT_ID and ONE_LOGIN_PRIVATE_KEY is"],
      });
      expect(parseEnv({ ONE_LOGIN_CLIENT_ID: "client", ONE_LOGIN_PRIVATE_KEY: "secret-words" })).toEqual({
        ok: false,
        problems: ["Configuration error: ONE_LOGIN_PRIVATE_KEY must be a private key in PEM form (-----BEGIN PRIVATE KEY-----…)"],
      });
    });

    test("the staff provider needs all four settings, and STAFF_OIDC_ALLOWED only domains, addresses and groups", () => {
      const whole = { STAFF_OIDC_ISSUER: "https://login.example/", STAFF_OIDC_CLIENT_ID: "staff", STAFF_OIDC_CLIENT_SECRET: "s3cret" };
      const result = parseEnv({ ...whole, STAFF_OIDC_ALLOWED: "@Council.gov.uk, Partner@charity.org group:Social-Care" });
      expect(result.ok && result.env.staffProvider).toEqual({
        issuer: "https://login.example/",
        clientId: "staff",
        clientSecret: "s3cret",
        allowed: ["@council.gov.uk", "partner@charity.org", "group:Social-Care"],
      });
      expect(parseEnv({ STAFF_OIDC_ISSUER: "https://login.example/" })).toMatchObject({
        ok: false,
        problems: expect.arrayContaining([expect.stringContaining("STAFF_OIDC_ALLOWED must be set")]),
      });
      expect(parseEnv({ ...whole, STAFF_OIDC_ALLOWED: "council.gov.uk" })).toMatchObject({ ok: false });
    });

    test("a provider's address is https, or plain http only on this machine, where a developer or a test runs one", () => {
      const staff = { STAFF_OIDC_CLIENT_ID: "staff", STAFF_OIDC_CLIENT_SECRET: "s3cret", STAFF_OIDC_ALLOWED: "@council.gov.uk" };
      const oneLogin = { ONE_LOGIN_CLIENT_ID: "client", ONE_LOGIN_PRIVATE_KEY: pem };
      expect(parseEnv({ ...staff, STAFF_OIDC_ISSUER: "http://login.council.gov.uk/" })).toEqual({
        ok: false,
        problems: [
          'Configuration error: STAFF_OIDC_ISSUER must be an https:// address, like https://login.microsoftonline.com/<tenant>/v2.0 (got "http://login.council.gov.uk/")',
        ],
      });
      expect(parseEnv({ ...oneLogin, ONE_LOGIN_ISSUER: "http://oidc.account.gov.uk/" })).toEqual({
        ok: false,
        problems: ['Configuration error: ONE_LOGIN_ISSUER must be an https:// address, like https://oidc.account.gov.uk/ (got "http://oidc.account.gov.uk/")'],
      });
      const local = parseEnv({ ...staff, STAFF_OIDC_ISSUER: "http://127.0.0.1:4000", ...oneLogin, ONE_LOGIN_ISSUER: "http://localhost:4001/" });
      expect(local.ok && [local.env.staffProvider?.issuer, local.env.oneLogin?.issuer]).toEqual(["http://127.0.0.1:4000", "http://localhost:4001/"]);
    });
  });
});
