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

/**
 * Ways of writing "somewhere else" that browsers, or URL parsers, read as
 * another site, as a returnTo arrives once the query string is decoded.
 */
const bypasses = [
  "//evil.example/",
  "/\\evil.example",
  "\\/evil.example",
  "\\\\evil.example",
  "/%5cevil.example",
  "/%5Cevil.example",
  "https://evil.example/",
  "https:evil.example",
  "http:/evil.example",
  "javascript:alert(1)",
  "/\t/evil.example/x",
  "/%09/evil.example/x",
  "/\n/evil.example/x",
  "/%0A/evil.example/x",
  "/\r/evil.example/x",
  "/%0D%0A/evil.example/x",
  "/%00/evil.example",
  "\t//evil.example",
  " //evil.example",
  "  /stories",
  "/%2F/evil.example",
  "/%2f%2fevil.example",
  "%2F%2Fevil.example",
  "/\u3002/evil.example",
  "/%E3%80%82",
  "/\u3002",
  "/\u202e/stories",
  "%0A",
  "%0D%0A",
  "\n",
  "\r\n",
  "/stories\r\nSet-Cookie: session=x",
  "/%",
  "/%E3%80",
  `/${"a".repeat(300)}`,
];

describe("safeReturnTo", () => {
  test("keeps paths on this site", () => {
    expect(safeReturnTo("/stories/abc")).toBe("/stories/abc");
    expect(safeReturnTo("/stories/abc/goals/2?from=check")).toBe("/stories/abc/goals/2?from=check");
    expect(safeReturnTo("/")).toBe("/");
    expect(safeReturnTo(null)).toBeNull();
    expect(safeReturnTo("")).toBeNull();
  });

  test.each(bypasses)("refuses %j", (value) => {
    expect(safeReturnTo(value)).toBeNull();
  });

  test("whatever it is given, what it keeps can go in a Location header and stays on this site", () => {
    const base = "http://localhost:3000";
    for (let code = 0; code <= 0x10ffff; code += code < 0x3000 ? 1 : 97) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCodePoint(code);
      for (const value of [`/${char}/evil.example`, `${char}//evil.example`, `/a${char}`, `/${encodeURIComponent(char)}/evil.example`]) {
        const kept = safeReturnTo(value);
        if (kept === null) continue;
        expect(() => new Headers({ Location: kept }), JSON.stringify(value)).not.toThrow();
        expect(new URL(kept, base).origin, JSON.stringify(value)).toBe(base);
      }
    }
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
