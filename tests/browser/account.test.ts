/**
 * "Your account" in a real Chromium, as a person uses it: reading and
 * downloading their data, changing their address with the code the new one
 * receives, deleting a story that was shared, then deleting the account. At
 * 375 px and 1280 px, JavaScript off and on, in English and Welsh; every page
 * and error state checked with axe-core, for sideways scrolling, and for
 * anything the browser complains about.
 */
import type { Locator } from "playwright-core";
import { describe, expect } from "vitest";
import accountCy from "#app/i18n/locales/cy/account.json";
import accountEn from "#app/i18n/locales/en/account.json";
import signInCy from "#app/i18n/locales/cy/signIn.json";
import signInEn from "#app/i18n/locales/en/signIn.json";
import storyCy from "#app/i18n/locales/cy/story.json";
import storyEn from "#app/i18n/locales/en/story.json";
import { checkPage, configurations, onThisEngine } from "#tests/support/browser";
import { browserFor, fill, journeySteps, openPortal, type Language } from "#tests/support/journey";
import { publishedStory, shareThroughTheJourney } from "#tests/support/share-journey";
import { signIn, signInCodeFrom } from "#tests/support/sign-in";

const words = { en: { account: accountEn, signIn: signInEn, story: storyEn }, cy: { account: accountCy, signIn: signInCy, story: storyCy } };

const server = openPortal();

/** Every configuration, each in one language, so that both languages meet both widths and both ways of running. */
const runs = configurations.map((configuration, index) => ({ configuration, lang: (index % 2 === 0 ? "en" : "cy") as Language }));

describe.each(runs.filter(onThisEngine))("$configuration.label, in $lang", ({ configuration, lang }) => {
  const t = words[lang];
  const person = `account-${configuration.slug}@example.org`;
  const newAddress = `moved-${configuration.slug}@example.org`;
  let cookie = "";
  let storyId = "";
  const browser = browserFor(server, configuration, {
    cookie: async () => (cookie = await signIn(server, person)),
  });
  const main = () => browser.page.getByRole("main");
  const press = (button: Locator) => browser.submit(button);
  const button = (name: string) => main().getByRole("button", { name, exact: true });
  const link = (name: string) => main().getByRole("link", { name, exact: true });
  const check = (name: string, heading: string, { error = false } = {}) =>
    checkPage(browser, { name, heading, language: lang, error, screenshot: `account-${configuration.slug}-${lang}-${name}` });
  const step = journeySteps();

  step("Your account: the address, the data, and deleting", async () => {
    storyId = await publishedStory(server, cookie);
    const [gp] = await server.query<{ id: string }>("select id from agencies where name = 'Riverside Medical Practice'");
    await shareThroughTheJourney(server, cookie, storyId, [gp.id], "yes");
    // The navigation's link (behind "Menu" on a phone with JavaScript; the HTTP suite checks it is there).
    await browser.visit(`/account?lang=${lang}`);
    await check("account", t.account.title);
  });

  step("reading the data on one page, and the same as a file", async () => {
    await browser.navigate(() => link(t.account.read).click());
    await check("your-data", t.account.readTitle);
    await expect.poll(() => main().textContent()).toContain("Sam Jones");
    const file = await browser.context.request.get(`${server.url}/account/data.json`);
    expect(file.status()).toBe(200);
    expect((await file.json()).account.email).toBe(person);
  });

  step("changing the address: nothing typed, then the code the new address receives", async () => {
    await browser.visit(`/account/email?lang=${lang}`);
    await check("change-email", t.account.changeEmail.title);
    expect(await press(button(t.account.changeEmail.button))).toBe(400);
    await check("change-email-error", t.account.changeEmail.title, { error: true });
    const since = server.mail.received.length;
    await main().getByRole("textbox", { name: t.account.changeEmail.label, exact: true }).fill(newAddress);
    await press(button(t.account.changeEmail.button));
    await check("change-email-code", t.signIn.code.title);
    const code = signInCodeFrom(await server.mail.nextEmailTo(newAddress, since));
    await main().getByRole("textbox", { name: t.signIn.code.label, exact: true }).fill(code);
    await press(button(t.signIn.code.continue));
    await check("account-changed", t.account.title);
    await expect.poll(() => main().locator(".govuk-notification-banner").textContent()).toContain(fill(t.account.changed, { email: newAddress }));
  });

  step("deleting a story that was shared: what happens, then gone", async () => {
    await browser.visit(`/stories/${storyId}/delete?lang=${lang}`);
    await check("delete-story", t.story.delete.heading);
    await expect.poll(() => main().textContent()).toContain(lang === "en" ? "Riverside Medical Practice" : "Meddygfa Glan yr Afon");
    await press(button(t.story.delete.button));
    await check("story-deleted", t.story.list.title);
    expect(await server.query("select id from stories where id = ?", storyId)).toEqual([]);
  });

  step("deleting the account: the page, then signed out", async () => {
    await browser.visit(`/account/delete?lang=${lang}`);
    await check("delete-account", t.account.deleteAccount.title);
    await press(button(t.account.deleteAccount.button));
    await check("account-deleted", t.account.deleteAccount.doneTitle);
    expect(await server.query("select id from residents where email = ?", newAddress)).toEqual([]);
  });
});
