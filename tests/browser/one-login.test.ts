/**
 * Signing in with GOV.UK One Login in a real browser, on a phone, with
 * JavaScript off in English and on in Welsh, against a provider on 127.0.0.1
 * set up as One Login behaves (tests/support/identity-providers.ts): someone
 * new, someone who signed in with emailed codes before (the same account,
 * linked by their verified address), signing out through One Login, and
 * pressing cancel there. Every page of the portal's on the way is checked
 * (axe-core, the Nu HTML Checker); One Login's own pages are not the portal's.
 */
import { describe, expect } from "vitest";
import accountCy from "#app/i18n/locales/cy/account.json";
import signInCy from "#app/i18n/locales/cy/signIn.json";
import storyCy from "#app/i18n/locales/cy/story.json";
import accountEn from "#app/i18n/locales/en/account.json";
import signInEn from "#app/i18n/locales/en/signIn.json";
import storyEn from "#app/i18n/locales/en/story.json";
import { checkPage, onThisEngine } from "#tests/support/browser";
import { signInThroughProvider, startServerWithProviders } from "#tests/support/identity-providers";
import { browserFor, journeySteps, openPortal, otherLanguage, phoneRuns } from "#tests/support/journey";
import { signedIn } from "#tests/support/sign-in";

const words = { en: { signIn: signInEn, account: accountEn, story: storyEn }, cy: { signIn: signInCy, account: accountCy, story: storyCy } };

const server = openPortal({}, () => startServerWithProviders({ staffAllowed: null }));

describe.each(phoneRuns.filter(onThisEngine))("$label", ({ configuration, lang }) => {
  const browser = browserFor(server, configuration);
  const step = journeySteps();
  const w = words[lang];
  const path = () => new URL(browser.page.url()).pathname;
  const main = () => browser.page.getByRole("main");
  /** "Sign out", then "Yes, sign me out" on One Login's own page (not the portal's: reached by the form's redirect, and not checked), back to /signed-out. */
  async function signOutThroughOneLogin() {
    await browser.visit("/sign-out");
    await Promise.all([
      browser.page.waitForURL((url) => url.href.startsWith(server.oneLogin.issuer)),
      main().getByRole("button", { name: w.signIn.signOut.button }).click(),
    ]);
    await browser.navigate(() => browser.page.getByRole("button", { name: "Yes, sign me out" }).click());
    expect(path()).toBe("/signed-out");
  }
  const signInWithOneLogin = () => signInThroughProvider(browser, `/sign-in?lang=${lang}`, w.signIn.choose.oneLoginButton);
  const newcomer = { sub: `newcomer-${configuration.slug}`, email: `newcomer.${configuration.slug}@example.org` };

  step("the sign-in page offers GOV.UK One Login beside the emailed code", async () => {
    await browser.visit(`/sign-in?lang=${lang}`);
    await expect
      .poll(() => main().getByRole("heading", { level: 2 }).allTextContents())
      .toEqual([w.signIn.choose.oneLoginHeading, w.signIn.choose.emailHeading]);
    await checkPage(browser, {
      name: "sign in, two ways",
      heading: w.signIn.choose.title,
      title: w.signIn.choose.title,
      language: lang,
      screenshot: `one-login-choose-${configuration.slug}`,
    });
    await browser.visit(`/sign-in?lang=${otherLanguage(lang)}`);
    const other = words[otherLanguage(lang)];
    await checkPage(browser, {
      name: "sign in, two ways",
      heading: other.signIn.choose.title,
      language: otherLanguage(lang),
      screenshot: `one-login-choose-other-${configuration.slug}`,
    });
  });

  step("someone new signs in with One Login, in their language there too, and has an account that says so", async () => {
    server.oneLogin.signInAs(newcomer);
    expect(await signInWithOneLogin()).toBe("/stories");
    expect(server.oneLogin.authorisations.at(-1)?.get("ui_locales")).toBe(lang);
    await checkPage(browser, { name: "your stories", heading: w.story.list.title, language: lang, screenshot: `one-login-new-${configuration.slug}` });
    await browser.visit("/account");
    await expect.poll(() => main().textContent()).toContain(w.account.oneLoginOrCode);
    await checkPage(browser, {
      name: "your account, with One Login",
      heading: w.account.title,
      language: lang,
      screenshot: `one-login-account-${configuration.slug}`,
    });
    const [resident] = await server.query<{ one_login_sub: string }>("select one_login_sub from residents where email = ?", newcomer.email);
    expect(resident.one_login_sub).toBe(newcomer.sub);
  });

  step("signing out goes on to One Login, which brings them back to the signed-out page", async () => {
    await signOutThroughOneLogin();
    await checkPage(browser, {
      name: "signed out",
      heading: w.signIn.signedOut.title,
      language: lang,
      screenshot: `one-login-signed-out-${configuration.slug}`,
    });
    await browser.visit("/stories");
    expect(path()).toBe("/sign-in");
  });

  step("someone who signs in with emailed codes signs in with One Login to the same account", async () => {
    const email = `codes.${configuration.slug}@example.org`;
    await signedIn(server, email);
    const [before] = await server.query<{ id: string }>("select id from residents where email = ?", email);
    server.oneLogin.signInAs({ sub: `linked-${configuration.slug}`, email });
    expect(await signInWithOneLogin()).toBe("/stories");
    await browser.visit("/account");
    await expect.poll(() => main().textContent()).toContain(email);
    await checkPage(browser, {
      name: "your account, with One Login",
      heading: w.account.title,
      language: lang,
      screenshot: `one-login-linked-${configuration.slug}`,
    });
    expect(await server.query("select id, one_login_sub from residents where email = ?", email)).toEqual([
      { id: before.id, one_login_sub: `linked-${configuration.slug}` },
    ]);
  });

  step("pressing cancel at One Login ends on a page offering the emailed code", async () => {
    await signOutThroughOneLogin();
    server.oneLogin.cancelNext();
    expect(await signInWithOneLogin()).toBe("/sign-in/one-login/callback");
    await checkPage(browser, {
      name: "One Login cancelled",
      heading: w.signIn.provider.cancelled.title,
      language: lang,
      screenshot: `one-login-cancelled-${configuration.slug}`,
    });
    await browser.navigate(() => main().getByRole("link", { name: w.signIn.provider.emailInstead }).click());
    expect(path()).toBe("/sign-in");
  });
});
