/**
 * Every page the HTTP and browser suites load is checked twice over: at once
 * for NUL characters (which crawlers and mail programs stop reading at), and by
 * the Nu HTML Checker (vnu-jar, run with Java), the checker the W3C's own
 * validator runs: one copy of each distinct page, as the server sent it, sent
 * to the one checker the run starts (tests/setup/html-checker.ts) as soon as
 * the page arrives, while the test goes on. What the checker found is reported
 * after each test file.
 */
import { createHash } from "node:crypto";
import { inject } from "vitest";

type Kept = { address: string; messages: Promise<VnuMessage[] | { failed: unknown }> };

const pages = new Map<string, Kept>();

/**
 * Checks a page the server sent for NUL characters (throwing, so the test that
 * loaded it fails there), and has the checker check an HTML page.
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
  if (pages.has(key)) return;
  // Kept as a promise that cannot fail, so that nothing goes unhandled before validateKeptPages reads it.
  pages.set(key, { address, messages: inTurn(() => check(inject("htmlChecker"), html)).catch((failed: unknown) => ({ failed })) });
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
 * What the Nu HTML Checker found in the pages kept since the last call, once
 * it has checked them all; forgets them. Gives one readable block for each
 * page with an error or a warning in it (bar GOV.UK Frontend's own), naming the
 * address the page was loaded from.
 */
export async function validateKeptPages(): Promise<string[]> {
  const kept = [...pages.values()];
  pages.clear();
  const started = performance.now();
  const reports: string[] = [];
  for (const { address, messages } of kept) {
    const found = await messages;
    if ("failed" in found) throw found.failed;
    reports.push(...report(address, found));
  }
  if (process.env.TEST_TIMINGS) {
    process.stderr.write(`The Nu HTML Checker: ${kept.length} pages, ${((performance.now() - started) / 1000).toFixed(1)} s waited for after the file\n`);
  }
  return reports;
}

/** How many pages a test file has the checker check at once: with the other worker's, enough to keep it busy. */
const AT_ONCE = 2;
let checking = 0;
const waiting: (() => void)[] = [];

/** Runs `work` once fewer than AT_ONCE run. */
async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (checking >= AT_ONCE) await new Promise<void>((turn) => waiting.push(turn));
  checking += 1;
  try {
    return await work();
  } finally {
    checking -= 1;
    waiting.shift()?.();
  }
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
  await (answering ??= firstAnswer(checker));
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
