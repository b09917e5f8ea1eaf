/**
 * What a browser transfers for each page the browser suites load: the HTML,
 * the stylesheets it links and, with JavaScript on, the scripts it loads and
 * every module they import, each gzip-compressed. Each page is held to its
 * budget as it is loaded, so the suite that visits a page too heavy fails.
 */
import { gzipSync } from "node:zlib";
import { expect } from "vitest";

/** The most a page may weigh, gzip, in KB (1,000 bytes): the same page with JavaScript off, and with it on. */
export const pageWeightBudget = { javaScriptOff: 40, javaScriptOn: 60 };

type Asset = { gzip: number; imports: string[] };

/** Each stylesheet and script, once per address: their addresses change with their content. */
const assets = new Map<string, Promise<Asset>>();

/** The modules a script imports statically by address, written as `from "./…"` or `import "/…"` (minified or not). */
function staticImports(code: string): string[] {
  return [...code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{0,2}\/[^"'\s]+)["']/g)].map((match) => match[1]);
}

function asset(url: string): Promise<Asset> {
  let found = assets.get(url);
  if (!found) {
    found = fetch(url).then(async (response) => {
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      const body = Buffer.from(await response.arrayBuffer());
      const imports = url.split("?")[0].endsWith(".js") ? staticImports(body.toString("utf8")).map((specifier) => new URL(specifier, url).href) : [];
      return { gzip: gzipSync(body).length, imports };
    });
    assets.set(url, found);
  }
  return found;
}

/** Every attribute `name` of a tag matching `tag` in `html`. */
function attributes(html: string, tag: RegExp, name: string): string[] {
  return [...html.matchAll(tag)].flatMap((match) =>
    [...match[0].matchAll(new RegExp(`\\s${name}="([^"]*)"`, "g"))].map((found) => found[1].replace(/&amp;/g, "&")),
  );
}

export type PageWeight = { html: number; css: number; js: number; scripts: number; total: number };

/** The gzip size of a page as `url` sent it, with what it loads. */
export async function pageWeight(url: string, html: string, javaScript: boolean): Promise<PageWeight> {
  const stylesheets = attributes(html, /<link\b[^>]*\brel="stylesheet"[^>]*>/g, "href");
  const scripts = javaScript
    ? [
        ...attributes(html, /<script\b[^>]*>/g, "src"),
        ...attributes(html, /<link\b[^>]*\brel="modulepreload"[^>]*>/g, "href"),
        // Modules an inline script imports.
        ...[...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].flatMap((match) => staticImports(match[1])),
      ]
    : [];
  const css = (await Promise.all([...new Set(stylesheets.map((href) => new URL(href, url).href))].map(asset))).reduce((sum, found) => sum + found.gzip, 0);
  const loaded = new Set<string>();
  let js = 0;
  for (let queue = scripts.map((src) => new URL(src, url).href); queue.length > 0;) {
    const next = queue.shift()!;
    if (loaded.has(next)) continue;
    loaded.add(next);
    const found = await asset(next);
    js += found.gzip;
    queue.push(...found.imports);
  }
  const htmlSize = gzipSync(html).length;
  return { html: htmlSize, css, js, scripts: loaded.size, total: htmlSize + css + js };
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

/**
 * Each kind of page seen (JavaScript on or off, method, address with its
 * identifiers as `:id`, status, language, and whether it shows a form's
 * errors), with its weight, for PAGE_WEIGHTS=1 to print.
 */
const seen = new Map<string, PageWeight>();

/** An address's path with the parts that identify a story, share or token written `:id`. */
function pathPattern(url: string): string {
  return new URL(url).pathname
    .split("/")
    .map((part) => (/\d/.test(part) && part.length > 3 ? ":id" : /^\d+$/.test(part) ? ":n" : part))
    .join("/");
}

/** Weighs the page `url` sent and holds it to the budget (a soft failure, so a journey goes on). */
export async function checkPageWeight({
  method,
  url,
  status,
  html,
  javaScript,
}: {
  method: string;
  url: string;
  status: number;
  html: string;
  javaScript: boolean;
}) {
  const weight = await pageWeight(url, html, javaScript);
  const lang = html.match(/<html\b[^>]*\blang="([^"]+)"/)?.[1] ?? "?";
  const errors = html.includes("govuk-error-summary") ? ", with errors" : "";
  const page = `JavaScript ${javaScript ? "on" : "off"}: ${method} ${pathPattern(url)} ${status} (${lang}${errors})`;
  seen.set(page, weight);
  const budget = (javaScript ? pageWeightBudget.javaScriptOn : pageWeightBudget.javaScriptOff) * 1000;
  expect
    .soft(
      weight.total,
      `${page} weighs ${kb(weight.total)} gzip, over its ${kb(budget)} budget: HTML ${kb(weight.html)}, CSS ${kb(weight.css)}, JavaScript ${kb(weight.js)} (${weight.scripts} files)`,
    )
    .toBeLessThanOrEqual(budget);
}

/** With PAGE_WEIGHTS set, prints each kind of page seen since the last call with its weight (closeChromium calls this after each file). */
export function reportPageWeights(): void {
  if (process.env.PAGE_WEIGHTS && seen.size > 0) {
    const rows = [...seen]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([page, w]) => `  page weight: ${page}: ${kb(w.total)} (HTML ${kb(w.html)}, CSS ${kb(w.css)}, JavaScript ${kb(w.js)} in ${w.scripts} files)`);
    process.stderr.write(`Page weights (${expect.getState().testPath ?? "this file"}):\n${rows.join("\n")}\n`);
  }
  seen.clear();
}
