import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { env } from "#app/config/env.server";
import { transportFor, type MailMessage } from "./transports.server";

const message: MailMessage = {
  to: "sam@example.com",
  subject: "Your sign in code for Tell it once",
  body: "Enter this code to sign in to Tell it once:\n\n482913\n\nThe code expires in 15 minutes.",
  reference: "outbox-7",
};

describe("the console transport", () => {
  test("prints the recipient, subject and body, so the demo's sign-in codes can be read in the server log", async () => {
    const printed = vi.spyOn(console, "log").mockImplementation(() => {});

    await transportFor({ ...env, MAIL_TRANSPORT: "console" }).send(message);

    const output = printed.mock.calls.flat().join("\n");
    expect(output).toContain("sam@example.com");
    expect(output).toContain("Subject: Your sign in code for Tell it once");
    expect(output).toContain("482913");
  });
});

// A Notify API key is "<name>-<service id>-<secret>"; the client signs a JWT with the secret.
const serviceId = randomUUID();
const secret = randomUUID();
const apiKey = `tell_it_once_test-${serviceId}-${secret}`;
const templateId = randomUUID();

type NotifyRequest = {
  method?: string;
  path?: string;
  userAgent?: string;
  bearer: { iss?: string; iat?: number } | "invalid" | "missing";
  body: Record<string, unknown>;
};

function verifyBearer(request: IncomingMessage): NotifyRequest["bearer"] {
  const token = request.headers.authorization?.match(/^Bearer (.+)$/)?.[1];
  if (!token) return "missing";
  const [header, payload, signature] = token.split(".");
  const expected = createHmac("sha256", secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature ?? "", "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "invalid";
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { iss?: string; iat?: number };
}

/** Plays the GOV.UK Notify API on 127.0.0.1: accepts emails, or refuses them as Notify does a team-only key. */
async function startFakeNotify() {
  const state = { refuse: false, requests: [] as NotifyRequest[] };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
      const bearer = verifyBearer(request);
      state.requests.push({ method: request.method, path: request.url, userAgent: request.headers["user-agent"], bearer, body });
      response.setHeader("Content-Type", "application/json");
      if (typeof bearer === "string") {
        response.statusCode = 403;
        response.end(JSON.stringify({ status_code: 403, errors: [{ error: "AuthError", message: "Invalid token: signature, api token not found" }] }));
      } else if (state.refuse) {
        response.statusCode = 400;
        response.end(
          JSON.stringify({
            status_code: 400,
            errors: [{ error: "BadRequestError", message: `Can’t send to this recipient using a team-only API key (${String(body.email_address)})` }],
          }),
        );
      } else {
        response.statusCode = 201;
        response.end(
          JSON.stringify({ id: randomUUID(), reference: body.reference, content: { subject: "", body: "", from_email: "x@notifications.service.gov.uk" } }),
        );
      }
    });
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  const { port } = server.address() as AddressInfo;
  return { state, url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((closed) => server.close(() => closed())) };
}

describe("the GOV.UK Notify transport", () => {
  let notify: Awaited<ReturnType<typeof startFakeNotify>>;
  beforeAll(async () => {
    notify = await startFakeNotify();
  });
  afterAll(() => notify.close());
  beforeEach(() => {
    notify.state.requests.length = 0;
    notify.state.refuse = false;
  });

  const transport = () =>
    transportFor({ ...env, MAIL_TRANSPORT: "notify", NOTIFY_API_URL: notify.url, NOTIFY_API_KEY: apiKey, NOTIFY_TEMPLATE_ID: templateId });

  test("posts the email through the official client to the generic template, signed with the key", async () => {
    const before = Math.floor(Date.now() / 1000);

    await transport().send(message);

    expect(notify.state.requests).toHaveLength(1);
    const [request] = notify.state.requests;
    expect(request).toMatchObject({ method: "POST", path: "/v2/notifications/email" });
    expect(request.userAgent).toMatch(/^NOTIFY-API-NODE-CLIENT\//);
    expect(request.bearer).toMatchObject({ iss: serviceId });
    expect((request.bearer as { iat: number }).iat).toBeGreaterThanOrEqual(before);
    expect(request.body).toEqual({
      template_id: templateId,
      email_address: "sam@example.com",
      personalisation: { subject: message.subject, body: message.body },
      reference: "outbox-7",
    });
  });

  test("a refusal rejects with Notify's reason, without the address", async () => {
    notify.state.refuse = true;

    const sending = transport().send(message);

    await expect(sending).rejects.toThrow("Notify 400 BadRequestError: Can’t send to this recipient using a team-only API key ([address])");
  });

  test("a wrong key is refused, and says so", async () => {
    const wrongKey = `tell_it_once_test-${serviceId}-${randomUUID()}`;
    const sending = transportFor({
      ...env,
      MAIL_TRANSPORT: "notify",
      NOTIFY_API_URL: notify.url,
      NOTIFY_API_KEY: wrongKey,
      NOTIFY_TEMPLATE_ID: templateId,
    }).send(message);

    await expect(sending).rejects.toThrow(/^Notify 403 AuthError/);
    expect(notify.state.requests[0].bearer).toBe("invalid");
  });
});
