/**
 * What the browser suites share: the portal they drive (the built server and
 * its mail sink, started once per file), a browser for each configuration,
 * journeys written as named steps, and the few words and dates the pages fill
 * in.
 */
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import {
  auditRecord,
  type BrowserSession,
  type Configuration,
  closeChromium,
  configurations,
  explainServerFailures,
  openBrowser,
  startAuditRecord,
} from "#tests/support/browser";
import { startServerWithMail, type ServerWithMail } from "#tests/support/sign-in";

export type Language = "en" | "cy";
export const languages: Language[] = ["en", "cy"];
export const otherLanguage = (lang: Language): Language => (lang === "en" ? "cy" : "en");

/** An object whose every property is read from `current()`, once it is there: what a hook starts, named before the hook runs. */
function lateBound<T extends object>(what: string, current: () => T | undefined): T {
  return new Proxy({} as T, {
    get(_, property) {
      const value = current();
      if (!value) throw new Error(`${what} is not running: it starts in a beforeAll hook`);
      return Reflect.get(value, property, value);
    },
  });
}

/**
 * The portal for this test file: the built server, sending its email to a
 * sink of its own, started before the file's tests and stopped after them
 * (with the Chromium the file used). A failed test says what the server
 * printed if it stopped answering. `start` starts it, with more beside it (the
 * identity providers of tests/support/identity-providers.ts, say).
 */
export function openPortal<Portal extends ServerWithMail = ServerWithMail>(
  env: Record<string, string> = {},
  start: (env: Record<string, string>) => Promise<Portal> = startServerWithMail as (env: Record<string, string>) => Promise<Portal>,
): Portal {
  let server: Portal | undefined;
  beforeAll(async () => {
    startAuditRecord();
    server = await start(env);
  });
  explainServerFailures(() => server);
  afterAll(async () => {
    try {
      await closeChromium();
    } finally {
      await server?.stop();
    }
    // Each page state the file met was audited with axe-core by one configuration or another.
    expect(auditRecord().unaudited, "page states never audited with axe-core").toEqual([]);
  });
  return lateBound("The portal", () => server);
}

/**
 * A browser in `configuration` for the tests of the describe block this is
 * called in, opened before them and closed after. With `cookie` (a
 * `name=value` pair, as signIn gives), it starts with that cookie, as if it
 * had signed in (or proven a work address) itself.
 */
export function browserFor(portal: ServerWithMail, configuration: Configuration, { cookie }: { cookie?: () => string | Promise<string> } = {}): BrowserSession {
  let browser: BrowserSession | undefined;
  beforeAll(async () => {
    browser = await openBrowser(configuration, portal.url);
    if (cookie) await addCookie(browser, await cookie());
  });
  afterEach(async ({ task }) => {
    // What the browser showed when a test failed.
    if (task.result?.state === "fail" && browser)
      await browser.screenshot(`failed-${configuration.slug}-${task.name.replace(/\W+/g, "-").slice(0, 80)}`, { always: true });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return lateBound(`The browser (${configuration.label})`, () => browser);
}

/** Gives a browser a cookie (`name=value`) the server set elsewhere: a resident's session, or a professional's access to a share (which is only sent to /shared/). */
export async function addCookie(browser: BrowserSession, cookie: string): Promise<void> {
  const [name, value] = [cookie.slice(0, cookie.indexOf("=")), cookie.slice(cookie.indexOf("=") + 1)];
  const { hostname } = new URL(browser.baseURL);
  if (name.startsWith("share-")) await browser.context.addCookies([{ name, value, domain: hostname, path: "/shared/", httpOnly: true, sameSite: "Lax" }]);
  else await browser.context.addCookies([{ name, value, url: browser.baseURL }]);
}

/** The configuration at phone width with JavaScript on or off. */
export function phone(javaScript: boolean): Configuration {
  const found = configurations.find((c) => c.viewport.width === 375 && c.javaScript === javaScript);
  if (!found) throw new Error("no 375 px configuration");
  return found;
}

/** How the resident journeys run: on a phone, with JavaScript off in English and on in Welsh (each page also seen in the other language). */
export const phoneRuns = [
  { label: "375×667, JavaScript off, in English", configuration: phone(false), lang: "en" as Language },
  { label: "375×667, JavaScript on, in Welsh", configuration: phone(true), lang: "cy" as Language },
];
export type PhoneRun = (typeof phoneRuns)[number];

/** The phone run with JavaScript on or off: a journey that takes long runs each in a test file of its own, so that two run at once. */
export function phoneRun(javaScript: boolean): PhoneRun {
  return phoneRuns.find((run) => run.configuration.javaScript === javaScript)!;
}

/**
 * Defines a journey's steps, in order, as tests of the describe block it is
 * called in, sharing what earlier steps found through the block's variables:
 * a failure names the journey, the configuration and the step. Once a step
 * has thrown, each step after it fails at once naming that step, since it
 * would start from a page the journey never reached. (A soft assertion's
 * failure lets the journey go on, as it does within a step.)
 */
export function journeySteps(timeout?: number) {
  let failed: string | undefined;
  return function step(name: string, body: () => Promise<void>): void {
    test(
      name,
      async () => {
        if (failed !== undefined) throw new Error(`Not run: this step goes on from the step "${failed}", which failed.`);
        try {
          await body();
        } catch (error) {
          failed = name;
          throw error;
        }
      },
      timeout,
    );
  };
}

/** An interface string with its {{placeholders}} filled as i18next fills them (`{{n, number}}` grouped for `lang`). */
export function fill(template: string, values: Record<string, string | number>, lang: Language = "en"): string {
  return template.replace(/\{\{\s*(\w+)(,\s*number)?\s*\}\}/g, (_, key: string, asNumber?: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`no value for {{${key}}} in "${template}"`);
    return asNumber ? new Intl.NumberFormat(lang).format(Number(value)) : String(value);
  });
}

/** `months` on from `from`, in UTC, the 31st becoming the month's last day (as consent-rules does it). */
export function monthsAhead(months: number, from = new Date()): Date {
  const date = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + months, from.getUTCDate()));
  if (date.getUTCDate() !== from.getUTCDate()) date.setUTCDate(0);
  return date;
}

/** A date as the pages write it: "3 March 2026" ("3 Mawrth 2026"). */
export const longDate = (date: Date, lang: Language) =>
  new Intl.DateTimeFormat(lang === "cy" ? "cy-GB" : "en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(date);

/**
 * What a page may write for a date the server set `months` on from the day it
 * did something, some time between `since` and now: one date, or two when
 * midnight UTC came between the server setting it and the test reading it.
 */
export function datesAhead(months: number, since: Date, lang: Language): string[] {
  return [...new Set([since, new Date()].map((day) => longDate(monthsAhead(months, day), lang)))];
}
