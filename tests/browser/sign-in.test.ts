/**
 * Signing in and out in a real browser, on a phone, with JavaScript on and
 * off: asking for a new code keeps you on "Check your email", and after
 * signing out, the next page opened with that browser says you signed out.
 */
import { describe, expect, test } from "vitest";
import signInCy from "#app/i18n/locales/cy/signIn.json";
import signInEn from "#app/i18n/locales/en/signIn.json";
import storyEn from "#app/i18n/locales/en/story.json";
import { checkPage, configurations, onThisEngine } from "#tests/support/browser";
import { browserFor, openPortal } from "#tests/support/journey";
import { signInCodeFrom } from "#tests/support/sign-in";

const server = openPortal();

describe.each(configurations.filter((c) => c.viewport.width === 375 && onThisEngine(c)))("$label", (configuration) => {
  const browser = browserFor(server, configuration);

  test("send a new code, sign in with it, sign out, and be told so on the next page", async () => {
    const { page } = browser;
    const email = `tabs-${configuration.slug}@example.org`;
    const path = () => new URL(page.url()).pathname;
    const button = (name: string) => page.getByRole("main").getByRole("button", { name });

    await browser.visit("/sign-in?returnTo=%2Fstories&lang=en");
    await page.getByLabel(signInEn.email.title).fill(email);
    const beforeFirst = server.mail.received.length;
    await browser.submit(button(signInEn.email.continue));
    expect(path()).toBe("/sign-in/check-email");
    await server.mail.nextEmailTo(email, beforeFirst);

    // The first code went astray: ask for another.
    const beforeSecond = server.mail.received.length;
    await page.getByText(signInEn.code.notReceived).click();
    await browser.submit(button(signInEn.code.sendNew));
    expect(path()).toBe("/sign-in/check-email");
    await expect.poll(() => page.locator(".govuk-notification-banner").textContent()).toContain(signInEn.code.resent.replace("{{email}}", email));
    await checkPage(browser, { name: "new code sent", heading: signInEn.code.title, language: "en", screenshot: `sign-in-resent-${configuration.slug}` });
    const code = signInCodeFrom(await server.mail.nextEmailTo(email, beforeSecond));
    await page.getByLabel(signInEn.code.label).fill(code);
    await browser.submit(button(signInEn.code.continue));
    expect(path()).toBe("/stories");

    await browser.visit("/sign-out");
    await browser.submit(button(signInEn.signOut.button));
    expect(path()).toBe("/signed-out");

    // Another tab of the same browser opens a page.
    await browser.visit("/stories");
    expect(path()).toBe("/sign-in");
    expect(new URL(page.url()).searchParams.get("signedOut")).toBe("1");
    const banner = page.locator(".govuk-notification-banner");
    expect(await banner.textContent()).toContain(signInEn.email.signedOutTitle);
    expect(await banner.textContent()).not.toContain("60");
    await checkPage(browser, {
      name: "signed out elsewhere",
      heading: signInEn.email.title,
      language: "en",
      screenshot: `sign-in-signed-out-${configuration.slug}`,
    });
    // In Welsh too.
    await browser.visit("/sign-in?returnTo=%2Fstories&signedOut=1&lang=cy");
    expect(await banner.textContent()).toContain(signInCy.email.signedOutTitle);
    await checkPage(browser, {
      name: "signed out elsewhere",
      heading: signInCy.email.title,
      language: "cy",
      screenshot: `sign-in-signed-out-cy-${configuration.slug}`,
    });
    // Told once: the browser no longer has the session.
    await browser.visit("/stories?lang=en");
    expect(new URL(page.url()).searchParams.get("signedOut")).toBeNull();
    expect(await page.locator("h1").textContent()).not.toBe(storyEn.list.title);
  });
});
