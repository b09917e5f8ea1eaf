/**
 * Every page the HTTP and browser suites load is checked twice over: at once
 * for NUL characters (which crawlers and mail programs stop reading at), and,
 * after the test file, by the Nu HTML Checker (vnu-jar, run with Java), the
 * checker the W3C's own validator runs. The HTML is kept as the server sent it,
 * one copy of each distinct page, and checked in one batch per test file,
 * because starting Java takes seconds.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);

type Kept = { address: string; html: string };

const pages = new Map<string, Kept>();

/**
 * Checks a page the server sent for NUL characters (throwing, so the test that
 * loaded it fails there), and keeps an HTML page for the checker.
 */
export function checkServedPage(address: string, contentType: string | null, html: string): void {
  const nul = html.indexOf("\u0000");
  if (nul !== -1) {
    const around = JSON.stringify(html.slice(Math.max(0, nul - 40), nul + 40));
    throw new Error(`${address} contains U+0000 at character ${nul}: ${around}`);
  }
  if (!contentType?.startsWith("text/html")) return;
  // The same page loaded again differs only in its nonce.
  const key = createHash("sha256").update(html.replace(/ nonce="[^"]*"/g, "")).digest("hex");
  if (!pages.has(key)) pages.set(key, { address, html });
}

/**
 * Warnings that GOV.UK Frontend's own templates produce, which the components
 * copy exactly (the parity test holds them to it). Any other warning fails.
 */
const govukFrontendWarnings = [
  // The service navigation's "Menu" button, hidden until its script runs (service-navigation/template.njk).
  "Attribute “aria-hidden” is unnecessary for elements that have attribute “hidden”.",
  // The date input's fieldset, given role="group" so that JAWS reads its legend (date-input/template.njk).
  "The “group” role is unnecessary for element “fieldset”.",
];

type VnuMessage = { type: string; subType?: string; message: string; lastLine?: number; firstColumn?: number; extract?: string; url?: string };

/**
 * Runs the Nu HTML Checker over the pages kept since the last call, and
 * forgets them. Gives one readable block for each page with an error or a
 * warning in it (bar GOV.UK Frontend's own), naming the address the page was loaded from.
 */
export async function validateKeptPages(): Promise<string[]> {
  const kept = [...pages.values()];
  pages.clear();
  if (kept.length === 0) return [];
  const directory = mkdtempSync(join(tmpdir(), "tell-it-once-vnu-"));
  try {
    const files = kept.map((page, index) => {
      const file = join(directory, `${index}.html`);
      writeFileSync(file, page.html);
      return file;
    });
    const started = performance.now();
    const messages = await runChecker(files);
    if (process.env.TEST_TIMINGS) process.stderr.write(`The Nu HTML Checker: ${files.length} pages in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    const byFile = new Map<string, VnuMessage[]>();
    for (const message of messages) {
      // "info" without a sub-type is advice (such as "trailing slash on void elements", which React writes).
      if (message.type === "info" && message.subType !== "warning") continue;
      if (message.subType === "warning" && govukFrontendWarnings.includes(message.message)) continue;
      // The checker names files as "file:/tmp/…"; as a URL that is the same as "file:///tmp/…".
      const file = message.url ? new URL(message.url).href : "";
      byFile.set(file, [...(byFile.get(file) ?? []), message]);
    }
    const report = (heading: string, found: VnuMessage[] | undefined) =>
      found
        ? [
            `${heading}\n${found
              .map((m) => `  ${m.subType === "warning" ? "warning" : m.type}: ${m.message} (line ${m.lastLine}, column ${m.firstColumn}): ${JSON.stringify(m.extract ?? "")}`)
              .join("\n")}`,
          ]
        : [];
    // A message naming no file is about the run itself.
    return [...report("The checker itself", byFile.get("")), ...files.flatMap((file, index) => report(kept[index].address, byFile.get(pathToFileURL(file).href)))];
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function runChecker(files: string[]): Promise<VnuMessage[]> {
  const jar = require.resolve("vnu-jar/build/dist/vnu.jar");
  return new Promise((done, fail) => {
    // --no-langdetect: the checker guesses a page's language from all its words, even those marked
    // with a lang of their own, so a receipt quoting, word for word, a declaration agreed in Welsh
    // "appears to be written in Welsh". Language is checked by the suites themselves.
    const args = ["-jar", jar, "--format", "json", "--stdout", "--no-langdetect", ...files];
    execFile("java", args, { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      // The checker exits with 1 when it found errors; only output it cannot give is a failure to run.
      if (error && (error as NodeJS.ErrnoException).code === "ENOENT") {
        fail(new Error("The Nu HTML Checker needs Java (`java` was not found): apt-get install default-jre-headless, or run `npm test` as root."));
        return;
      }
      try {
        done((JSON.parse(stdout) as { messages: VnuMessage[] }).messages);
      } catch {
        fail(new Error(`The Nu HTML Checker gave no report:\n${stderr || error?.message}`));
      }
    });
  });
}
