/**
 * The markup as it arrives, byte for byte: whole characters only, and the
 * document closed after everything in it. (Every page every suite loads is
 * also checked for NULs and by the Nu HTML Checker: tests/support/html-validation.ts.)
 */
import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { checkServedPage, validateKeptPages } from "#tests/support/html-validation";
import { startServer } from "#tests/support/server";
import { serverForThisFile } from "#tests/support/server-for-file";
import { attr, HttpClient, text } from "#tests/support/http-client";

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

describe("every page is the page alone, with no data for a script to render it again", () => {
  test.each([
    ["/", "get"],
    ["/accessibility?lang=cy", "get"],
    ["/no-such-page", "get"],
    ["/sign-in", "post"],
  ] as const)("%s (%s)", async (path, method) => {
    const page = method === "get" ? await http.get(path) : await http.post(path, {});
    if (method === "post") expect(page.doc.title, "a form sent with mistakes").toMatch(/^Error: /);
    expect(page.html.trimEnd().endsWith("</body></html>")).toBe(true);
    expect(page.html.indexOf("</html>")).toBe(page.html.length - "</html>".length);
    expect(page.html).not.toContain("__remix");
    // Two scripts: GOV.UK Frontend's, as a module from /assets, and the line marking <body> as scripted.
    const scripts = page.doc.tag("script").map((script) => ({ type: attr(script, "type"), src: attr(script, "src"), inline: text(script).length }));
    expect(scripts).toEqual([
      { type: "module", src: expect.stringMatching(/^\/assets\/application\.js\?v=[0-9a-f]{12}$/), inline: 0 },
      { type: undefined, src: undefined, inline: expect.any(Number) },
    ]);
    expect(page.doc.tag("link").filter((link) => attr(link, "rel") === "modulepreload")).toEqual([]);
  });
});

test("the page's script and the GOV.UK Frontend module it imports have addresses that change with their content, cached for a year", async () => {
  const start = await http.get("/");
  const script = new URL(attr(start.doc.tag("script")[0], "src")!, server.url);
  const imported = new URL((await (await fetch(script)).text()).match(/from "([^"]+)"/)![1], script);
  expect(imported.pathname).toBe("/assets/govuk-frontend.min.js");
  for (const url of [script, imported]) {
    const response = await fetch(url);
    const body = await response.text();
    expect(response.status, url.pathname).toBe(200);
    expect(response.headers.get("content-type"), url.pathname).toMatch(/^(text|application)\/javascript/);
    expect(response.headers.get("cache-control"), url.pathname).toContain("max-age=31536000");
    expect(url.searchParams.get("v"), url.pathname).toBe(createHash("sha256").update(body).digest("hex").slice(0, 12));
  }
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
