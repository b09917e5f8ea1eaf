/**
 * The staff area signed in to with the council's own identity provider in a
 * real browser, on a phone, with JavaScript off in English and on in Welsh,
 * against a provider on 127.0.0.1 set up as a council's staff directory
 * (tests/support/identity-providers.ts): a member of staff let in, and someone
 * at another domain refused. The provider's own pages are not the portal's.
 */
import { describe, expect } from "vitest";
import signInCy from "#app/i18n/locales/cy/signIn.json";
import staffCy from "#app/i18n/locales/cy/staff.json";
import signInEn from "#app/i18n/locales/en/signIn.json";
import staffEn from "#app/i18n/locales/en/staff.json";
import { checkPage, onThisEngine } from "#tests/support/browser";
import { signInThroughProvider, startServerWithProviders } from "#tests/support/identity-providers";
import { browserFor, fill, journeySteps, openPortal, phoneRuns } from "#tests/support/journey";

const words = { en: { signIn: signInEn, staff: staffEn }, cy: { signIn: signInCy, staff: staffCy } };

const server = openPortal({}, () => startServerWithProviders({ staffAllowed: "@council.example.org" }));

describe.each(phoneRuns.filter(onThisEngine))("$label", ({ configuration, lang }) => {
  const browser = browserFor(server, configuration);
  const step = journeySteps();
  const w = words[lang];
  const path = () => new URL(browser.page.url()).pathname;
  const main = () => browser.page.getByRole("main");
  const signInWithTheCouncil = () => signInThroughProvider(browser, `/staff/sign-in?lang=${lang}`, w.staff.provider.button);

  step("the staff sign-in page offers the council's account, and says for how long", async () => {
    await browser.visit(`/staff/sign-in?lang=${lang}`);
    await expect.poll(() => main().textContent()).toContain(fill(w.staff.provider.lifetime, { minutes: 60 }));
    await checkPage(browser, {
      name: "staff sign in with the council",
      heading: w.signIn.choose.title,
      language: lang,
      screenshot: `staff-provider-${configuration.slug}`,
    });
  });

  step("a member of staff signs in with their council account and reaches the staff area", async () => {
    server.staffDirectory.signInAs({ sub: `staff-${configuration.slug}`, email: `duty.desk.${configuration.slug}@council.example.org` });
    expect(await signInWithTheCouncil()).toBe("/staff");
    await checkPage(browser, { name: "staff home", heading: w.staff.home.title, language: lang, screenshot: `staff-provider-home-${configuration.slug}` });
    await browser.visit("/staff/sign-out");
    await browser.submit(main().getByRole("button", { name: w.staff.signOut.button }));
    expect(path()).toBe("/staff/signed-out");
  });

  step("someone at another domain is refused, and not let in", async () => {
    // Nobody is signed in at the provider in this browser any more.
    await browser.context.clearCookies();
    server.staffDirectory.signInAs({ sub: `outsider-${configuration.slug}`, email: `someone.${configuration.slug}@elsewhere.example.org` });
    expect(await signInWithTheCouncil()).toBe("/staff/sign-in/callback");
    await checkPage(browser, {
      name: "staff refused",
      heading: w.staff.provider.notAllowed.title,
      language: lang,
      screenshot: `staff-provider-refused-${configuration.slug}`,
    });
    await browser.visit("/staff");
    expect(path()).toBe("/staff/sign-in");
  });
});
