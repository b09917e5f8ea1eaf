/**
 * A real Chromium (Debian's package, driven by playwright-core) seeing the
 * portal as a resident does: on a phone or a desktop, with JavaScript or
 * without. Collects everything the browser complains about, and runs axe-core
 * on whatever the page shows.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import type { RunOptions } from "axe-core";
import { chromium, type Browser, type BrowserContext, type CDPSession, type ConsoleMessage, type Locator, type Page, type Response } from "playwright-core";
import { afterEach, expect } from "vitest";
import commonCy from "#app/i18n/locales/cy/common.json";
import commonEn from "#app/i18n/locales/en/common.json";
import type { RunningServer } from "#tests/support/server";
import { checkServedPage } from "#tests/support/html-validation";
import { checkPageWeight, reportPageWeights } from "#tests/support/page-weight";
import { findChromium, installHelp } from "#tests/tools/ensure-chromium.js";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export const screenshotDirectory = resolve(import.meta.dirname, "../.tmp/screenshots");

/**
 * The rules GOV.UK Frontend's own tests hold every component to. Only
 * violations are read, so axe-core need not describe every element that
 * passed (which takes it longer than running the rules).
 */
const axeOptions: RunOptions = {
  runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
  resultTypes: ["violations"],
};

export type Configuration = {
  /** e.g. "375×667, JavaScript off" */
  label: string;
  /** Short, for file names: "375-js-off" */
  slug: string;
  viewport: { width: number; height: number };
  javaScript: boolean;
};

const viewports = [
  { width: 375, height: 667 },
  { width: 1280, height: 800 },
];

/** Every way the tests look at the portal: a phone and a desktop, each with JavaScript on and off. */
export const configurations: Configuration[] = viewports.flatMap((viewport) =>
  [true, false].map((javaScript) => ({
    label: `${viewport.width}×${viewport.height}, JavaScript ${javaScript ? "on" : "off"}`,
    slug: `${viewport.width}-js-${javaScript ? "on" : "off"}`,
    viewport,
    javaScript,
  })),
);

/**
 * Whether a configuration runs on the engine of this project's portals
 * (vitest.config.ts: SQLite, or PostgreSQL with TEST_ENGINE=postgres): with
 * JavaScript off on SQLite and on on PostgreSQL. Every browser suite so runs
 * on both engines, and each of its configurations once; a test file written
 * for one setting of JavaScript (`*-js-off.test.ts`, `*-js-on.test.ts`) runs
 * only on its engine.
 */
export function onThisEngine(run: Configuration | { configuration: Configuration }): boolean {
  const configuration = "configuration" in run ? run.configuration : run;
  return configuration.javaScript === (process.env.TEST_ENGINE === "postgres");
}

/** The Chromium to drive; throws (failing the suite, never skipping it) when there is none. */
export function chromiumExecutable(): string {
  const found = findChromium();
  if ("path" in found) return found.path;
  throw new Error(installHelp(found.problem));
}

type WatchedWindow = Window & { __testProblems?: string[] };

/** What the tests read of an axe-core violation. */
type Violation = { id: string; impact: string; help: string; helpUrl: string; nodes: { target: string; summary: string }[] };

/** Runs axe-core on the document (which has it) and gives its violations as `Violation`s: the expression evaluated in the page. */
const runAxe = `axe.run(document, ${JSON.stringify(axeOptions)}).then((results) => results.violations.map((v) => ({
  id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
  nodes: v.nodes.map((node) => ({ target: node.target.join(" "), summary: node.failureSummary ?? "" })),
})))`;

/**
 * Runs in every document before the page's own scripts (through the DevTools
 * protocol, so the page's Content-Security-Policy does not apply to it).
 * It records what the browser console does not make plain: each CSP violation
 * as an event.
 */
function watchPage() {
  const problems: string[] = [];
  Object.defineProperty(window, "__testProblems", { value: problems });
  document.addEventListener("securitypolicyviolation", (event) => {
    problems.push(
      `Content-Security-Policy violation: ${event.effectiveDirective} blocked ${event.blockedURI || "inline code"} (${event.sourceFile}:${event.lineNumber})`,
    );
  });
}

/**
 * True once GOV.UK Frontend has started on the page: the page template's
 * script said the browser supports it, and every component on the page
 * (`data-module`) was started, which GOV.UK Frontend marks on its element
 * (`data-<module>-init`). Runs in the page.
 */
function govukFrontendStarted(): boolean {
  if (!document.body?.classList.contains("govuk-frontend-supported")) return false;
  return [...document.querySelectorAll("[data-module]")].every((element) => element.hasAttribute(`data-${element.getAttribute("data-module")}-init`));
}

export type BrowserSession = {
  configuration: Configuration;
  /** The server's address, against which relative addresses are resolved. */
  baseURL: string;
  context: BrowserContext;
  page: Page;
  /** Opens a path on the server and waits for it to load (and, with JavaScript, for GOV.UK Frontend to start on it). */
  visit: (url: string) => Promise<Response>;
  /** Shows a page of another website, made of `html` (a data: address, which is no site's origin). */
  visitAnotherSite: (html: string) => Promise<void>;
  /**
   * Does something that makes the page navigate (a click, a form submission)
   * and waits for the new page as `visit` does. Returns the document's response.
   */
  navigate: (trigger: () => Promise<unknown>) => Promise<Response>;
  /**
   * Presses a form's button and waits for the answer, as a person would see it:
   * the browser posts the form and loads the answer, with JavaScript or
   * without. Gives the status of the answer's document (after any redirect).
   */
  submit: (button: Locator) => Promise<number>;
  /**
   * Everything the browser complained about since the last call: console
   * errors and warnings, "Refused to …" CSP reports, uncaught exceptions,
   * failed requests and CSP violation events. A document's
   * own error status (a 404 page's "Failed to load resource … 404") is not a
   * complaint: the tests check statuses themselves.
   */
  problems: () => Promise<string[]>;
  /** axe-core's violations on the page as it is now, one readable block each. */
  accessibilityViolations: () => Promise<string[]>;
  /**
   * A full-page screenshot to tests/.tmp/screenshots/`name`.png when SCREENSHOTS
   * is set (SCREENSHOTS=1 npx vitest run --project browser); otherwise none, as
   * each takes as long as an axe-core run. A failed test gets one regardless (browserFor).
   */
  screenshot: (name: string, options?: { always?: boolean }) => Promise<void>;
  close: () => Promise<void>;
};

/**
 * Time spent, by kind, when TEST_TIMINGS is set: printed as each test file
 * closes its Chromium, to see where a browser suite's time goes.
 */
const timings = new Map<string, { count: number; ms: number }>();
export async function timed<T>(kind: string, work: () => Promise<T>): Promise<T> {
  if (!process.env.TEST_TIMINGS) return work();
  const start = performance.now();
  try {
    return await work();
  } finally {
    const entry = timings.get(kind) ?? { count: 0, ms: 0 };
    entry.count += 1;
    entry.ms += performance.now() - start;
    timings.set(kind, entry);
  }
}

/** The one Chromium a test file drives: each configuration gets a fresh context (its own cookies, storage and window size) in it. */
let running: Promise<Browser> | undefined;

function chromiumForThisFile(): Promise<Browser> {
  running ??= timed("launch Chromium", () =>
    chromium.launch({
      executablePath: chromiumExecutable(),
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    }),
  );
  return running;
}

/** Closes the file's Chromium, if it started one (openPortal does this after the file's tests). */
export async function closeChromium(): Promise<void> {
  const closing = running;
  running = undefined;
  if (closing) await (await closing).close();
  reportPageWeights();
  if (timings.size > 0) {
    const rows = [...timings]
      .sort(([, a], [, b]) => b.ms - a.ms)
      .map(([kind, { count, ms }]) => `  ${kind}: ${count} × ${Math.round(ms / count)} ms = ${(ms / 1000).toFixed(1)} s`);
    process.stderr.write(`Where the time went (${expect.getState().testPath ?? "this file"}):\n${rows.join("\n")}\n`);
    timings.clear();
  }
}

/** Opens a browser window for one configuration, in a context of its own; relative addresses are resolved against `baseURL`. */
export async function openBrowser(configuration: Configuration, baseURL: string): Promise<BrowserSession> {
  const chromiumBrowser = await chromiumForThisFile();
  const context = await timed("new context", () =>
    chromiumBrowser.newContext({
      // JavaScript is switched off per page below instead, by the same DevTools
      // command this option sends, so that axe-core can be let run briefly on a
      // page that was loaded and rendered without any of the portal's scripts.
      javaScriptEnabled: true,
      viewport: configuration.viewport,
      baseURL,
      locale: "en-GB",
    }),
  );

  const page = await context.newPage();
  const { javaScript } = configuration;
  let devtools: CDPSession | undefined;
  const devtoolsSession = async () => (devtools ??= await context.newCDPSession(page));
  /**
   * Evaluates `expression` in the page's document through our own DevTools
   * session: for axe-core's 650 KB of source, 45–70 ms quicker per audit
   * than Playwright's evaluate, which passes it through its own protocol first.
   */
  const evaluate = async <T>(expression: string, { awaitPromise = false } = {}): Promise<T> => {
    const { result, exceptionDetails } = await (await devtoolsSession()).send("Runtime.evaluate", { expression, awaitPromise, returnByValue: true });
    if (exceptionDetails) throw new Error(`In ${page.url()}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value as T;
  };
  // Turning script execution off (or on) from our own DevTools session is what
  // `javaScriptEnabled: false` does from Playwright's. The setting is per page
  // and holds across navigations, so each page is parsed and rendered exactly
  // as in a browser with JavaScript off: no inline script, no bundle, no
  // `js-enabled` class. (The JavaScript-off tests check that class is absent.)
  // Only axe-core needs script execution, and gets it after the page loaded.
  const setScriptsDisabled = async (disabled: boolean) => {
    await (await devtoolsSession()).send("Emulation.setScriptExecutionDisabled", { value: disabled });
  };
  if (javaScript) await context.addInitScript(watchPage);
  else await setScriptsDisabled(true);

  const complaints: string[] = [];
  // "Failed to load resource" lines that are only a document reporting its own error status.
  const expectedFailures = new Set<string>();
  // Chromium reports most CSP violations as console errors ("Refused to …", "Applying inline style violates …").
  page.on("console", (message: ConsoleMessage) => {
    const text = message.text();
    if (message.type() === "error" || message.type() === "warning" || /Refused to /.test(text)) {
      const status = text.match(/^Failed to load resource: the server responded with a status of (\d{3})/)?.[1];
      if (status && expectedFailures.has(`${status} ${message.location().url}`)) return;
      complaints.push(`console ${message.type()}: ${text} (${message.location().url})`);
    }
  });
  page.on("pageerror", (error) => complaints.push(`uncaught ${error.name}: ${error.message}`));
  page.on("requestfailed", (request) => {
    const reason = request.failure()?.errorText;
    // With script execution off, Chromium cancels every script download and gives "csp" as the reason.
    if (!javaScript && request.resourceType() === "script" && reason === "csp") return;
    // The browser itself dropped the request because the page it was for went away (the favicon, often).
    if (reason === "net::ERR_ABORTED") return;
    complaints.push(`request failed: ${request.method()} ${request.url()}: ${reason}`);
  });
  /** Moves the page's own records of CSP violations into `complaints`. */
  const collectPageRecords = async () => {
    if (!javaScript || !page.url().startsWith("http")) return;
    const recorded = await page.evaluate(() => (window as WatchedWindow).__testProblems?.splice(0) ?? []);
    complaints.push(...recorded);
  };

  // The documents the server answered, recorded as they arrive; the helpers below wait for the page to load, then read these.
  const documents: Response[] = [];
  page.on("response", (response) => {
    const request = response.request();
    if (!request.isNavigationRequest() || response.frame() !== page.mainFrame()) return;
    if (response.status() >= 400) expectedFailures.add(`${response.status()} ${response.url()}`);
    if (response.status() < 300 || response.status() >= 400) documents.push(response);
  });

  const waitForGovukFrontend = async () => {
    try {
      await page.waitForFunction(govukFrontendStarted);
    } catch (error) {
      throw new Error(`GOV.UK Frontend did not start on ${page.url()}: ${(error as Error).message}`, { cause: error });
    }
  };

  const settle = async (response: Response | null) => {
    if (!response) throw new Error(`No document response for ${page.url()}`);
    // The page as the server sent it (the DOM would hide a NUL or a misplaced tag), for the HTML checks.
    if (response.url().startsWith("http")) {
      const { pathname, search } = new URL(response.url());
      const contentType = response.headers()["content-type"] ?? null;
      const [method, html] = [response.request().method(), await response.text()];
      checkServedPage(`${method} ${pathname}${search}`, contentType, html);
      if (contentType?.startsWith("text/html")) await checkPageWeight({ method, url: response.url(), status: response.status(), html, javaScript });
    }
    if (javaScript && page.url().startsWith("http")) await waitForGovukFrontend();
    return response;
  };

  const navigate = async (trigger: () => Promise<unknown>) => {
    await collectPageRecords();
    const seen = documents.length;
    // The page the trigger leads to has loaded: the one thing a person waits for.
    const loaded = page.waitForEvent("load");
    await trigger();
    await loaded;
    if (documents.length === seen) throw new Error(`A new page loaded at ${page.url()} without a document from the server`);
    return settle(documents[documents.length - 1]);
  };

  return {
    configuration,
    baseURL,
    context,
    page,
    submit: (button) => timed("submit a form", async () => (await navigate(() => button.click())).status()),
    visit: (url) =>
      timed("visit a page", async () => {
        await collectPageRecords();
        return settle(await page.goto(url));
      }),
    navigate: (trigger) => timed("follow a link", () => navigate(trigger)),
    visitAnotherSite: async (html) => {
      await collectPageRecords();
      await page.goto(`data:text/html,${encodeURIComponent(html)}`);
    },
    problems: async () => {
      await collectPageRecords();
      return complaints.splice(0);
    },
    accessibilityViolations: () =>
      timed("axe-core", async () => {
        // Anything the page did wrong is reported before axe-core gets to run.
        await collectPageRecords();
        if (!javaScript) await setScriptsDisabled(false);
        try {
          if (!(await evaluate<boolean>("typeof window.axe === 'object'"))) await evaluate(axeSource);
          const violations = await evaluate<Violation[]>(runAxe, { awaitPromise: true });
          return violations.map(
            (v) =>
              `${v.id} (${v.impact}): ${v.help}\n  ${v.helpUrl}\n` +
              v.nodes.map((node) => `  - ${node.target}\n      ${node.summary.replace(/\n/g, "\n      ")}`).join("\n"),
          );
        } finally {
          if (!javaScript) await setScriptsDisabled(true);
        }
      }),
    screenshot: (name, { always = false } = {}) =>
      timed("screenshot", async () => {
        if (!always && !process.env.SCREENSHOTS) return;
        mkdirSync(screenshotDirectory, { recursive: true });
        await page.screenshot({ path: join(screenshotDirectory, `${name}.png`), fullPage: true });
      }),
    close: () => context.close(),
  };
}

/** After a failed test, adds what the server printed if the server has stopped answering. */
export function explainServerFailures(server: () => RunningServer | undefined): void {
  afterEach(async ({ task }) => {
    const running = server();
    if (task.result?.state !== "fail" || !running) return;
    const failure = await serverFailure(running);
    if (failure) throw new Error(failure);
  });
}

async function serverFailure(server: RunningServer): Promise<string | null> {
  try {
    const response = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(2_000) });
    if (response.ok) return null;
  } catch {
    // Not answering at all.
  }
  return `The server at ${server.url} stopped answering /healthz. What it printed:\n${server.output()}`;
}

/**
 * Each page state audited with axe-core, by state (its language, JavaScript on
 * or off, and its name), with the configuration that audited it. The same
 * state met again at another width is not audited again: the page is the same
 * HTML in the same state (reflow.ts checks layout at 320 px, and every
 * check of the page but axe-core still runs at every width).
 */
const audited = new Map<string, Configuration>();
/** Every state met, and which configuration saw it: each must be in `audited`. */
const met: { state: string; configuration: Configuration }[] = [];

/** The page's state as audits key it. */
const stateKey = (session: BrowserSession, language: string, name: string) =>
  `${language}, JavaScript ${session.configuration.javaScript ? "on" : "off"}: ${name}`;

/**
 * axe-core's violations on the page as it is now, in the state named `name`
 * in `language`, unless a configuration of another width already audited
 * that state (then none: its violations were reported there).
 */
export async function auditOnce(session: BrowserSession, language: string, name: string): Promise<string[]> {
  const state = stateKey(session, language, name);
  met.push({ state, configuration: session.configuration });
  const by = audited.get(state);
  if (by && by.viewport.width !== session.configuration.viewport.width) return [];
  audited.set(state, session.configuration);
  return session.accessibilityViolations();
}

/** Forgets the states audited and met: a test file starts with none (openPortal calls this), though its worker may have run another file before. */
export function startAuditRecord(): void {
  audited.clear();
  met.length = 0;
}

/** The states this file met that no configuration audited with axe-core (none, unless auditOnce was bypassed); and how many were met and audited. */
export function auditRecord(): { unaudited: string[]; met: number; audited: number } {
  return { unaudited: [...new Set(met.map((m) => m.state))].filter((state) => !audited.has(state)), met: met.length, audited: audited.size };
}

/** An error a page should show: its words, and where its link in the error summary goes. */
export type ExpectedError = { message: string; href: string };

const errorTitlePrefix = { en: commonEn.errorTitlePrefix, cy: commonCy.errorTitlePrefix };

/**
 * What a person would notice going wrong on the page as it is now, in
 * `language`: one h1 (`heading`), the page's language, its title (starting
 * "Error:" after a mistake, and naming the page when `title` is given), its
 * scripts run or not as configured, no sideways scrolling, nothing the
 * browser complained about, no axe-core violations. Ends with a screenshot
 * named `screenshot`.
 */
export async function checkPage(
  session: BrowserSession,
  page: { name: string; heading: string; language: "en" | "cy"; error?: boolean; title?: string; screenshot: string },
): Promise<void> {
  const { name, heading, language, error = false, title } = page;
  const { configuration } = session;
  const headings = async () => (await session.page.locator("h1").allTextContents()).map((text) => text.replace(/\s+/g, " ").trim());
  await expect.poll(headings, { message: `${name}: the page's one h1` }).toEqual([heading]);
  expect.soft(await session.page.locator("html").getAttribute("lang"), `${name}: <html lang>`).toBe(language);
  const prefix = `${errorTitlePrefix[language]} `;
  const shown = await session.page.title();
  if (title !== undefined) {
    const named = `${error ? prefix : ""}${title}`.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    expect.soft(shown, `${name} (${language}): the title names the page${error ? ", after the error prefix" : ""}`).toMatch(new RegExp(`^${named} – `));
  } else if (error) {
    expect.soft(shown, `${name}: the title says there is an error`).toMatch(new RegExp(`^${prefix}`));
  } else {
    expect.soft(shown, `${name}: the title`).not.toMatch(new RegExp(`^${errorTitlePrefix[language]}`));
  }
  const scripted = ((await session.page.locator("body").getAttribute("class")) ?? "").split(/\s+/).includes("js-enabled");
  expect.soft(scripted, `${name}: the page's scripts ran (or, with JavaScript off, did not)`).toBe(configuration.javaScript);
  const width = await session.page.evaluate(() => document.documentElement.scrollWidth);
  expect.soft(width, `${name} (${language}): page width (wider than the window means sideways scrolling)`).toBeLessThanOrEqual(configuration.viewport.width);
  expect.soft(await session.problems(), `${name} (${language}): what the browser complained about`).toEqual([]);
  const violations = await auditOnce(session, language, `${name}${error ? " (with errors)" : ""}`);
  expect.soft(violations, `${name} (${language}): axe-core violations:\n${violations.join("\n")}`).toEqual([]);
  // Last: a full-page screenshot resizes the page and leaves it scrolled elsewhere.
  await session.screenshot(page.screenshot);
}
