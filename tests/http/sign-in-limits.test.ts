import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startServer, type RunningServer } from "#tests/support/server";
import { load, rowCounts, text } from "./helpers";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
});

const form = { "Content-Type": "application/x-www-form-urlencoded" };

describe("rate limits answer with a GOV.UK page, never an error", () => {
  test("a sixth code for one address within the hour: 429, the message in the error summary, no email queued", async () => {
    for (let i = 0; i < 5; i++) {
      const sent = await fetch(`${server.url}/sign-in`, { method: "POST", redirect: "manual", headers: form, body: "email=limit%40example.org" });
      await sent.arrayBuffer();
      expect(sent.status).toBe(302);
    }
    const before = rowCounts(server.databasePath);
    const page = await load(server.url, "/sign-in", { method: "POST", headers: form, body: "email=Limit%40example.org" });
    expect(page.status).toBe(429);
    expect(page.doc.title).toMatch(/^Error: Enter your email address – /);
    expect(text(page.doc.byClass("govuk-error-summary")[0])).toContain("You have asked for too many codes for this email address");
    expect(text(page.doc.byClass("govuk-error-message")[0])).toContain("You have asked for too many codes for this email address");
    const after = rowCounts(server.databasePath);
    expect(after.outbox).toBe(before.outbox);
    expect(after.sign_in_codes).toBe(before.sign_in_codes);
  });

  test("too many attempts at a code from one connection: 429 with the message, in Welsh too", async () => {
    const asked = await fetch(`${server.url}/sign-in`, { method: "POST", redirect: "manual", headers: form, body: "email=tries%40example.org" });
    const cookie = asked.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    let last: Awaited<ReturnType<typeof load>> | undefined;
    for (let i = 0; i < 31; i++) {
      last = await load(server.url, "/sign-in/check-email", { method: "POST", headers: { ...form, Cookie: `${cookie}; lang=cy` }, body: "code=000000" });
    }
    expect(last?.status).toBe(429);
    expect(last?.doc.title).toMatch(/^Gwall: /);
    expect(text(last!.doc.byClass("govuk-error-summary")[0])).toContain("Bu gormod o ymdrechion i fewngofnodi o’ch cysylltiad rhyngrwyd");
  });
});
