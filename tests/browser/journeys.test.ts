/**
 * What a resident does with the layout on every page, in a real browser, on a
 * phone and a desktop, with JavaScript on and off: changing language without
 * losing their place, skipping past the header with the keyboard, leaving
 * for another website in one press, and starting the service.
 */
import { describe, expect, test } from "vitest";
import commonCy from "#app/i18n/locales/cy/common.json";
import govukCy from "#app/i18n/locales/cy/govuk.json";
import cookiesCy from "#app/i18n/locales/cy/cookies.json";
import privacyCy from "#app/i18n/locales/cy/privacy.json";
import startCy from "#app/i18n/locales/cy/start.json";
import commonEn from "#app/i18n/locales/en/common.json";
import govukEn from "#app/i18n/locales/en/govuk.json";
import cookiesEn from "#app/i18n/locales/en/cookies.json";
import privacyEn from "#app/i18n/locales/en/privacy.json";
import startEn from "#app/i18n/locales/en/start.json";
import { configurations, onThisEngine } from "#tests/support/browser";
import { browserFor, openPortal } from "#tests/support/journey";

const server = openPortal();

describe.each(configurations.filter(onThisEngine))("$label", (configuration) => {
  const browser = browserFor(server, configuration);

  async function where() {
    const { page } = browser;
    return {
      path: new URL(page.url()).pathname,
      lang: await page.locator("html").getAttribute("lang"),
      h1: await page.locator("h1").textContent(),
    };
  }

  test("the language switcher changes the language and keeps you on the same page", async () => {
    const { page } = browser;
    await browser.visit("/cookies?lang=en");

    const english = page.getByRole("navigation", { name: commonEn.languageNavigation.label });
    await browser.navigate(() => english.getByRole("link", { name: "Cymraeg" }).click());
    expect(await where()).toEqual({ path: "/cookies", lang: "cy", h1: cookiesCy.title });

    // The choice is remembered on the next page, reached through the footer.
    await browser.navigate(() => page.locator("footer").getByRole("link", { name: commonCy.footer.privacy }).click());
    expect(await where()).toEqual({ path: "/privacy", lang: "cy", h1: privacyCy.title });

    const welsh = page.getByRole("navigation", { name: commonCy.languageNavigation.label });
    await browser.navigate(() => welsh.getByRole("link", { name: "English" }).click());
    expect(await where()).toEqual({ path: "/privacy", lang: "en", h1: privacyEn.title });

    // ...and English is remembered too.
    await browser.navigate(() => page.locator("footer").getByRole("link", { name: commonEn.footer.cookies }).click());
    expect(await where()).toEqual({ path: "/cookies", lang: "en", h1: cookiesEn.title });

    expect(await browser.problems(), "what the browser complained about").toEqual([]);
  });

  test("the skip link is the first thing Tab reaches and takes you to the main content", async () => {
    const { page } = browser;
    await browser.visit("/?lang=en");

    await page.keyboard.press("Tab");
    const skipLink = await page.evaluate(() => {
      const focused = document.activeElement as HTMLElement | null;
      const box = focused?.getBoundingClientRect();
      return {
        isSkipLink: focused?.classList.contains("govuk-skip-link") ?? false,
        text: focused?.textContent,
        href: focused?.getAttribute("href"),
        // Hidden until focused: then it must be seen.
        visible: box !== undefined && box.width > 1 && box.height > 1,
      };
    });
    expect(skipLink).toEqual({ isSkipLink: true, text: commonEn.skipLink, href: "#main-content", visible: true });

    await page.keyboard.press("Enter");
    await expect.poll(() => new URL(page.url()).hash).toBe("#main-content");
    const landing = await page.evaluate(() => ({
      mainTop: Math.round(document.getElementById("main-content")!.getBoundingClientRect().top),
      // GOV.UK Frontend leaves room above a scrolled-to target for "Exit this page", which stays at the top.
      room: Math.round(parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0),
      focused: document.activeElement?.id ?? "",
    }));
    expect(landing.room, "room kept for the Exit this page button").toBeGreaterThan(0);
    expect(landing.mainTop, "the main content is scrolled to the top of the window, below that room").toBe(landing.room);
    if (configuration.javaScript) {
      // GOV.UK Frontend's skip link script moves focus to the main content itself.
      expect(landing.focused).toBe("main-content");
    }

    // Either way the next Tab goes on from the main content, not back through the header: first to the way out.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
      `${govukEn.exitThisPage.visuallyHiddenText} ${govukEn.exitThisPage.text}`,
    );
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(startEn.start);

    expect(await browser.problems(), "what the browser complained about").toEqual([]);
  });

  test.each([
    { path: "/?lang=en", exit: govukEn.exitThisPage },
    { path: "/sign-in?lang=cy", exit: govukCy.exitThisPage },
  ])("'$exit.text' on $path leaves for another website in one press", async ({ path, exit }) => {
    const { page, context } = browser;
    // The BBC's weather page, as GOV.UK's component goes to by default, answered here: the tests use no outside network.
    // The whole site, and for as long as this browser lives: Chromium asks for its favicon after the page has loaded,
    // which may be after this test, and an unanswered request would be a complaint in the next.
    const elsewhere = "https://www.bbc.co.uk/weather";
    await context.route("https://www.bbc.co.uk/**", (route) =>
      route.request().url() === elsewhere
        ? route.fulfill({
            contentType: "text/html; charset=utf-8",
            body: '<!doctype html><html lang="en"><title>Weather</title><h1>Weather forecast</h1></html>',
          })
        : route.fulfill({ status: 204 }),
    );
    await browser.visit(path);
    await page
      .getByRole("main")
      .getByRole("button", { name: `${exit.visuallyHiddenText} ${exit.text}` })
      .click();
    await expect.poll(() => page.url()).toBe(elsewhere);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Weather forecast");
    expect(await browser.problems(), "what the browser complained about").toEqual([]);
  });

  test.each([
    { lang: "en", text: startEn.start },
    { lang: "cy", text: startCy.start },
  ])("'$text' on the $lang start page is a link styled as a start button", async ({ lang, text }) => {
    const { page } = browser;
    await browser.visit(`/?lang=${lang}`);

    // GOV.UK's start button is a link with role="button", as the Design System's macro renders it.
    const start = page.getByRole("button", { name: text });
    const look = await start.evaluate((element) => {
      const style = getComputedStyle(element);
      const icon = element.querySelector(".govuk-button__start-icon");
      return {
        tag: element.tagName,
        href: element.getAttribute("href"),
        classes: [...element.classList],
        display: style.display,
        background: style.backgroundColor,
        color: style.color,
        bold: Number(style.fontWeight) >= 700,
        underlined: style.textDecorationLine.includes("underline"),
        arrowShown: icon !== null && getComputedStyle(icon).display !== "none" && icon.getBoundingClientRect().width > 0,
      };
    });
    expect(look).toEqual({
      tag: "A",
      href: "/sign-in",
      classes: expect.arrayContaining(["govuk-button", "govuk-button--start"]),
      display: expect.not.stringMatching(/^inline$/),
      background: expect.not.stringMatching(/^(rgba\(0, 0, 0, 0\)|transparent)$/),
      color: "rgb(255, 255, 255)",
      bold: true,
      underlined: false,
      arrowShown: true,
    });

    expect(await browser.problems(), "what the browser complained about").toEqual([]);
  });
});
