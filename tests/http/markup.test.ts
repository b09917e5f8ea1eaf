/**
 * The markup as it arrives, byte for byte: whole characters only, and the
 * document closed after everything in it. (Every page every suite loads is
 * also checked for NULs and by the Nu HTML Checker: tests/support/html-validation.ts.)
 */
import { describe, expect, test } from "vitest";
import { checkServedPage, validateKeptPages } from "#tests/support/html-validation";
import { startServer } from "#tests/support/server";
import { serverForThisFile } from "#tests/support/server-for-file";
import { HttpClient } from "#tests/support/http-client";

const server = serverForThisFile(startServer);
const http = new HttpClient(() => server.url);

/** The page's bytes exactly as sent, not decoded (a decoder may hide broken characters). */
async function bytesOf(path: string): Promise<Buffer> {
  const response = await fetch(`${server.url}${path}`, { headers: { "Accept-Encoding": "identity" } });
  return Buffer.from(await response.arrayBuffer());
}

describe("the Welsh accessibility statement, full of ’, â and ŵ", () => {
  test("has no NUL byte: no character is cut where the renderer's buffer ends", async () => {
    const bytes = await bytesOf("/accessibility?lang=cy");
    expect(bytes.length).toBeGreaterThan(6_142);
    expect(bytes.indexOf(0), "the first NUL byte").toBe(-1);
    // Every byte belongs to a whole UTF-8 character: decoding strictly throws on a broken one.
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).not.toThrow();
    expect(new TextDecoder().decode(bytes)).toContain("Cynnwys nad yw’n hygyrch");
  });
});

describe.each(["/", "/accessibility?lang=cy", "/no-such-page"])("%s", (path) => {
  test("ends with </body></html>: the scripts carrying the page's data are inside <body>", async () => {
    const page = await http.get(path);
    expect(page.html.trimEnd().endsWith("</body></html>")).toBe(true);
    expect(page.html.indexOf("</html>")).toBe(page.html.length - "</html>".length);
    expect(page.html).toContain("window.__remixContext.streamController.close();</script>");
  });
});

describe("the Nu HTML Checker the run shares", () => {
  test("reports a page's markup errors, naming where it was loaded from, and passes a valid page", async () => {
    checkServedPage("GET /broken", "text/html", '<!doctype html><html lang="en"><head><title>Broken</title></head><body><div><span></div></body></html>');
    checkServedPage("GET /whole", "text/html", '<!doctype html><html lang="en"><head><title>Whole</title></head><body><p>Fine</p></body></html>');
    const reports = await validateKeptPages();
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(/^GET \/broken\n {2}error: /);
    expect(reports[0]).toContain("“span”");
  });
});
