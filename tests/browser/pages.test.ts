/**
 * Every page, as a resident's browser shows it: on a phone and a desktop, with
 * JavaScript on and off, in English and Welsh. Each must load with the right
 * status and heading, have no axe-core violations, fit a phone's width and a
 * desktop's, and (with JavaScript) be enhanced by GOV.UK Frontend without a
 * single console complaint. Each page is loaded once at phone width and then the
 * window is widened: the same document, laid out again.
 */
import type { Response } from "playwright-core";
import { afterEach, describe, expect, test } from "vitest";
import accessibilityCy from "#app/i18n/locales/cy/accessibility.json";
import commonCy from "#app/i18n/locales/cy/common.json";
import cookiesCy from "#app/i18n/locales/cy/cookies.json";
import privacyCy from "#app/i18n/locales/cy/privacy.json";
import sharedCy from "#app/i18n/locales/cy/shared.json";
import startCy from "#app/i18n/locales/cy/start.json";
import accessibilityEn from "#app/i18n/locales/en/accessibility.json";
import commonEn from "#app/i18n/locales/en/common.json";
import cookiesEn from "#app/i18n/locales/en/cookies.json";
import privacyEn from "#app/i18n/locales/en/privacy.json";
import sharedEn from "#app/i18n/locales/en/shared.json";
import startEn from "#app/i18n/locales/en/start.json";
import { auditOnce, configurations, type BrowserSession, type Configuration, onThisEngine } from "#tests/support/browser";
import { browserFor, openPortal } from "#tests/support/journey";

type Language = "en" | "cy";
const languages: Language[] = ["en", "cy"];
const serviceNames = { en: "Tell it once", cy: "Dweud unwaith" };
const strings = {
  en: { common: commonEn, start: startEn, cookies: cookiesEn, accessibility: accessibilityEn, privacy: privacyEn, shared: sharedEn },
  cy: { common: commonCy, start: startCy, cookies: cookiesCy, accessibility: accessibilityCy, privacy: privacyCy, shared: sharedCy },
};

/** More than the 256 KB the server accepts in one request. */
const OVERSIZED_CHARACTERS = 300 * 1024;

type PageCase = {
  name: string;
  status: number;
  heading: (lang: Language) => string;
  open: (browser: BrowserSession, lang: Language) => Promise<Response>;
};

const page = (name: string, path: string, heading: PageCase["heading"]): PageCase => ({
  name,
  status: 200,
  heading,
  open: (browser, lang) => browser.visit(`${path}?lang=${lang}`),
});

const server = openPortal({
  SERVICE_NAME: serviceNames.en,
  SERVICE_NAME_CY: serviceNames.cy,
  ORGANISATION_NAME: "Demo Council",
  ORGANISATION_NAME_CY: "Cyngor Demo",
});

const pages: PageCase[] = [
  page("start", "/", (lang) => strings[lang].start.title),
  page("cookies", "/cookies", (lang) => strings[lang].cookies.title),
  page("accessibility", "/accessibility", (lang) => strings[lang].accessibility.heading.replace("{{service}}", serviceNames[lang])),
  page("privacy", "/privacy", (lang) => strings[lang].privacy.title),
  page("finished reading a shared story", "/shared/finished", (lang) => strings[lang].shared.finished.title),
  {
    name: "404 not found",
    status: 404,
    heading: (lang) => strings[lang].common.errors["404"].title,
    open: (browser, lang) => browser.visit(`/no-such-page?lang=${lang}`),
  },
  {
    // The person chose a language earlier (remembered in a cookie), then follows an address asking for French.
    name: "400 unknown language",
    status: 400,
    heading: (lang) => strings[lang].common.errors["400"].title,
    open: async (browser, lang) => {
      await browser.visit(`/cookies?lang=${lang}`);
      return browser.visit("/?lang=fr");
    },
  },
  {
    // Another site's page posts a form to ours. The browser says so itself
    // (Sec-Fetch-Site: cross-site); a data: page is a different site from any
    // address. The language is in the address because the SameSite=Lax
    // language cookie is, rightly, not sent with another site's POST.
    name: "403 cross-site request",
    status: 403,
    heading: (lang) => strings[lang].common.errors["403"].title,
    open: async (browser, lang) => {
      const html = `<!doctype html><html lang="en"><title>Another website</title><form method="post" action="${server.url}/cookies?lang=${lang}"><input type="hidden" name="story" value="changed"><button>Send</button></form></html>`;
      await browser.visitAnotherSite(html);
      return browser.navigate(() => browser.page.getByRole("button", { name: "Send" }).click());
    },
  },
  {
    // The portal has no form of its own yet, so the test adds one to the
    // server's page, as a future form would be, and fills it with more than the
    // server takes. DevTools builds the form and fills it in (the way typing or
    // pasting would), so this works the same with JavaScript off: the page's
    // own scripts never run, and the submission is the browser's ordinary one.
    name: "413 request too large",
    status: 413,
    heading: (lang) => strings[lang].common.errors["413"].title,
    open: async (browser, lang) => {
      await browser.visit(`/cookies?lang=${lang}`);
      await browser.page.evaluate(
        ({ action, characters }) => {
          const form = document.createElement("form");
          form.method = "post";
          form.action = action;
          const label = document.createElement("label");
          label.htmlFor = "too-long";
          label.textContent = "Your story";
          const story = document.createElement("textarea");
          story.id = "too-long";
          story.name = "story";
          story.value = "a".repeat(characters);
          const send = document.createElement("button");
          send.textContent = "Send too much";
          form.append(label, story, send);
          document.getElementById("main-content")?.append(form);
        },
        { action: `/cookies?lang=${lang}`, characters: OVERSIZED_CHARACTERS },
      );
      return browser.navigate(() => browser.page.getByRole("button", { name: "Send too much" }).click());
    },
  },
];

/** Each page is loaded on a phone, checked, then checked again with the window widened to a desktop's: the same document, laid out again. */
const widths = [true, false].map((javaScript) => ({
  label: `JavaScript ${javaScript ? "on" : "off"}`,
  phone: configurations.find((c) => c.javaScript === javaScript && c.viewport.width === 375)!,
  desktop: configurations.find((c) => c.javaScript === javaScript && c.viewport.width === 1280)!,
}));

describe.each(widths.filter(({ phone }) => onThisEngine(phone)))("$label, at 375 and 1280 px", ({ phone, desktop }) => {
  const browser = browserFor(server, phone);

  afterEach(async () => {
    await browser.page.setViewportSize(phone.viewport);
  });

  describe.each(languages)("in %s", (lang) => {
    test.each(pages)("$name", async ({ name, status, heading, open }) => {
      const response = await open(browser, lang);
      const { page } = browser;

      expect.soft(response.status(), "status").toBe(status);
      expect.soft(await page.locator("html").getAttribute("lang"), "<html lang>").toBe(lang);
      expect.soft(await page.locator("h1").allTextContents(), "the page's one h1").toEqual([heading(lang)]);

      const bodyClasses = ((await page.locator("body").getAttribute("class")) ?? "").split(/\s+/);
      if (phone.javaScript) {
        expect.soft(bodyClasses, "body classes set by the page template's script").toEqual(expect.arrayContaining(["js-enabled", "govuk-frontend-supported"]));
      } else {
        // Proves this browser really ran none of the page's scripts.
        expect.soft(bodyClasses, "body classes with JavaScript off").not.toContain("js-enabled");
      }

      /** The page fits the window as it is now, and the browser has nothing to complain about. */
      const checkLayout = async ({ slug, viewport: { width } }: Configuration) => {
        await browser.screenshot(`${slug}-${lang}-${name.replace(/\W+/g, "-")}`);
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        expect.soft(scrollWidth, `at ${width} px: page width (more than the viewport means sideways scrolling)`).toBeLessThanOrEqual(width);
        expect.soft(await browser.problems(), `at ${width} px: what the browser complained about`).toEqual([]);
      };
      await checkLayout(phone);
      // The same state at either width: audited once, on the phone.
      const violations = await auditOnce(browser, lang, name);
      expect.soft(violations, `axe-core violations:\n${violations.join("\n")}`).toEqual([]);

      await page.setViewportSize(desktop.viewport);
      await checkLayout(desktop);
    });
  });
});

describe.each(widths.filter(({ phone }) => onThisEngine(phone)))("$label: the audit itself", ({ phone }) => {
  const browser = browserFor(server, phone);

  test("axe-core finds what is wrong on a page made to be wrong", async () => {
    await browser.visitAnotherSite(
      `<!doctype html><html lang="en"><title>Wrong</title><main><h1>Wrong</h1><img src="data:,"><input type="text"><p style="color:#ccc;background:#fff">Faint</p></main></html>`,
    );
    const violations = await browser.accessibilityViolations();
    expect(violations.map((violation) => violation.slice(0, violation.indexOf(" ")))).toEqual(expect.arrayContaining(["color-contrast", "image-alt", "label"]));
    expect(violations.join("\n")).toContain("- img");
  });
});
