/**
 * Every page the HTTP and browser suites load is checked twice over: at once
 * for NUL characters (which crawlers and mail programs stop reading at), and,
 * after the test file, by the Nu HTML Checker (vnu-jar, run with Java), the
 * checker the W3C's own validator runs. The HTML is kept as the server sent it,
 * one copy of each distinct page, and checked after each test file by the
 * one checker the run starts (tests/setup/html-checker.ts), because starting
 * Java takes seconds.
 */
import { createHash } from "node:crypto";

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
  const key = createHash("sha256")
    .update(html.replace(/ nonce="[^"]*"/g, ""))
    .digest("hex");
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

type VnuMessage = { type: string; subType?: string; message: string; lastLine?: number; firstColumn?: number; extract?: string };

/** Advice the checker gives that is not about the markup: its guess at a page's language from all its words (see below). */
const notAboutMarkup = /^This document appears to be written in /;

/**
 * Runs the Nu HTML Checker over the pages kept since the last call, and
 * forgets them. Gives one readable block for each page with an error or a
 * warning in it (bar GOV.UK Frontend's own), naming the address the page was loaded from.
 * `checker` is the address of the run's one checker (tests/setup/html-checker.ts).
 */
export async function validateKeptPages(checker: string): Promise<string[]> {
  const kept = [...pages.values()];
  pages.clear();
  if (kept.length === 0) return [];
  await (answering ??= firstAnswer(checker));
  const started = performance.now();
  const reports: string[] = [];
  // A few at a time: the checker answers each in milliseconds once warm.
  for (let index = 0; index < kept.length; index += 4) {
    const batch = kept.slice(index, index + 4);
    const answers = await Promise.all(batch.map((page) => check(checker, page.html)));
    batch.forEach((page, n) => reports.push(...report(page.address, answers[n])));
  }
  if (process.env.TEST_TIMINGS) process.stderr.write(`The Nu HTML Checker: ${kept.length} pages in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return reports;
}

/** The run's checker answering for the first time: it starts with the run, and takes seconds to. */
let answering: Promise<void> | undefined;

async function firstAnswer(checker: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      if ((await fetch(checker, { method: "POST", headers: { "Content-Type": "text/html; charset=utf-8" }, body: "<!doctype html><title>ready</title>" })).ok)
        return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`The Nu HTML Checker (${checker}) did not answer within 120 s`);
    await new Promise((done) => setTimeout(done, 250));
  }
}

async function check(checker: string, html: string): Promise<VnuMessage[]> {
  const answer = await fetch(checker, { method: "POST", headers: { "Content-Type": "text/html; charset=utf-8" }, body: html });
  if (!answer.ok) throw new Error(`The Nu HTML Checker answered ${answer.status}: ${await answer.text()}`);
  return ((await answer.json()) as { messages: VnuMessage[] }).messages;
}

/** One block for a page with an error or a warning in it, or nothing. */
function report(address: string, messages: VnuMessage[]): string[] {
  const found = messages.filter(
    (m) =>
      // "info" without a sub-type is advice (such as "trailing slash on void elements", which React writes).
      !(m.type === "info" && m.subType !== "warning") &&
      !(m.subType === "warning" && govukFrontendWarnings.includes(m.message)) &&
      // The checker guesses a page's language from all its words, even those marked with a lang of their own, so a
      // receipt quoting, word for word, a declaration agreed in Welsh "appears to be written in Welsh". Language is
      // checked by the suites themselves.
      !notAboutMarkup.test(m.message),
  );
  if (found.length === 0) return [];
  return [
    `${address}\n${found
      .map(
        (m) =>
          `  ${m.subType === "warning" ? "warning" : m.type}: ${m.message} (line ${m.lastLine}, column ${m.firstColumn}): ${JSON.stringify(m.extract ?? "")}`,
      )
      .join("\n")}`,
  ];
}
