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

  test("an https service must have a session secret", () => {
    const result = parseEnv({ PUBLIC_URL: "https://tellitonce.example.gov.uk" });
    expect(result.ok).toBe(false);
    const good = parseEnv({ PUBLIC_URL: "https://tellitonce.example.gov.uk/", SESSION_SECRET: "x".repeat(32) });
    expect(good.ok && good.env.PUBLIC_URL).toBe("https://tellitonce.example.gov.uk");
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
});
