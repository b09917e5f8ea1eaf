import { describe, expect, test } from "vitest";
import { HttpClient } from "#tests/support/http-client";
import { rawKey } from "#tests/support/raw-keys";
import { startServer } from "#tests/support/server";
import { serverForThisFile } from "#tests/support/server-for-file";

const server = serverForThisFile(startServer);
const http = new HttpClient(() => server.url);

const pages = ["/", "/cookies", "/accessibility", "/privacy", "/no-such-page", "/?lang=fr"];

function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");
}

describe("no page shows a raw translation key", () => {
  for (const lang of ["en", "cy"] as const) {
    test.each(pages)(`%s in ${lang}`, async (path) => {
      const { html } = await http.get(path, { lang });
      expect(html).toContain(`<html lang="${lang}"`);
      expect(visibleText(html)).not.toMatch(rawKey);
      // Titles and labels are not visible text but are read out.
      expect(html.match(/<title>([^<]*)<\/title>/)?.[1]).not.toMatch(rawKey);
      expect(html.match(/aria-label="[^"]*"/g)?.join() ?? "").not.toMatch(rawKey);
    });
  }

  test.each(pages)("%s reads differently in Welsh", async (path) => {
    const [en, cy] = await Promise.all((["en", "cy"] as const).map(async (lang) => (await http.get(path, { lang })).html));
    const h1 = (html: string) => html.match(/<h1[^>]*>([\s\S]*?)<\/h1>/)?.[1];
    expect(h1(en)).toBeTruthy();
    expect(h1(cy)).toBeTruthy();
    expect(h1(cy)).not.toBe(h1(en));
  });
});
