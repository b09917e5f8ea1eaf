import { describe, expect, test } from "vitest";
import { safeReturnTo } from "./session.server";

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
