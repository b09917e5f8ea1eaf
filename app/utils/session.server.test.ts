import { describe, expect, test } from "vitest";
import { requireResident, safeReturnTo } from "./session.server";

async function redirectOf(run: () => unknown): Promise<Response> {
  try {
    run();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
  throw new Error("expected a redirect");
}

describe("requireResident", () => {
  test("sends someone who is not signed in to sign in, to come back to the same page", async () => {
    const response = await redirectOf(() => requireResident(new Request("http://localhost/stories/abc/goals")));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/sign-in?returnTo=%2Fstories%2Fabc%2Fgoals");
  });

  test("says the session timed out when the cookie names one that has ended", async () => {
    const request = new Request("http://localhost/stories", { headers: { Cookie: "session=no-such-session" } });
    const response = await redirectOf(() => requireResident(request));
    expect(response.headers.get("Location")).toBe("/sign-in?returnTo=%2Fstories&timedOut=1");
    expect(response.headers.get("Set-Cookie")).toMatch(/^session=; .*Max-Age=0/);
  });
});

describe("safeReturnTo", () => {
  test("keeps paths on this site and drops anything that could lead elsewhere", () => {
    expect(safeReturnTo("/stories/abc")).toBe("/stories/abc");
    expect(safeReturnTo("//evil.example/")).toBeNull();
    expect(safeReturnTo("/\\evil.example")).toBeNull();
    expect(safeReturnTo("https://evil.example/")).toBeNull();
    expect(safeReturnTo(null)).toBeNull();
  });
});

describe("the account's language", () => {
  test("follows a form posted in the other language, and a GET never writes it", async () => {
    const { db } = await import("#db/client.server");
    const { residents } = await import("#db/schema");
    const { findOrCreateResident } = await import("#app/models/resident.server");
    const { createSession } = await import("#app/models/session.server");
    const now = new Date();
    const token = db.transaction((tx) => createSession(tx, findOrCreateResident(tx, "lang@example.org", "en", now).id, now));
    const languageOf = () => db.select().from(residents).all().find((r) => r.email === "lang@example.org")?.language;

    requireResident(new Request("http://localhost/stories", { headers: { Cookie: `session=${token}; lang=cy` } }));
    expect(languageOf()).toBe("en");

    requireResident(new Request("http://localhost/stories", { method: "POST", headers: { Cookie: `session=${token}; lang=cy` } }));
    expect(languageOf()).toBe("cy");
  });
});
