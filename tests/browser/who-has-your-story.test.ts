/**
 * "Who has your story" and its actions on a phone in a real Chromium: once
 * with JavaScript off in English, once with it on in Welsh. Each page and
 * each error state is checked with axe-core, for sideways scrolling at 375 px
 * and for anything the browser complains about.
 */
import type { Locator } from "playwright-core";
import { describe, expect, test } from "vitest";
import commonCy from "#app/i18n/locales/cy/common.json";
import sharingCy from "#app/i18n/locales/cy/sharing.json";
import commonEn from "#app/i18n/locales/en/common.json";
import sharingEn from "#app/i18n/locales/en/sharing.json";
import { auditOnce, onThisEngine } from "#tests/support/browser";
import { browserFor, fill, openPortal, phoneRuns } from "#tests/support/journey";
import { publishedStory, shareThroughTheJourney } from "#tests/support/share-journey";
import { signIn } from "#tests/support/sign-in";

const words = { en: { common: commonEn, sharing: sharingEn }, cy: { common: commonCy, sharing: sharingCy } };
const GP = "Riverside Medical Practice";
/** The GP by the name each language's pages give it (app/services/demo-agencies.server.ts). */
const gpName = { en: GP, cy: "Meddygfa Glan yr Afon" };

const server = openPortal();

describe.each(phoneRuns.filter(onThisEngine))("$label", ({ configuration, lang }) => {
  const t = words[lang].sharing;
  let storyId: string;
  let shareId: string;
  /** Signed in, with a published story shared with the GP. */
  const browser = browserFor(server, configuration, {
    cookie: async () => {
      const cookie = await signIn(server, `resident-${configuration.slug}@example.org`);
      storyId = await publishedStory(server, cookie);
      const [gp] = await server.query<{ id: string }>("select id from agencies where name = ?", GP);
      await shareThroughTheJourney(server, cookie, storyId, [gp.id], "yes");
      [{ id: shareId }] = await server.query<{ id: string }>("select id from shares where story_id = ?", storyId);
      return cookie;
    },
  });

  const page = () => browser.page;
  const main = () => page().getByRole("main");
  const shares = () => `/stories/${storyId}/shares`;
  const action = (kind: string) => `${shares()}/${shareId}/${kind}?lang=${lang}`;
  const headings = async () => (await page().locator("h1").allTextContents()).map((text) => text.trim());

  const press = (button: Locator) => browser.submit(button);

  /** What a resident would notice going wrong on the page as it is now. */
  async function check(name: string, heading: string, { error = false } = {}) {
    await expect.poll(headings, { message: `${name}: the page's one h1` }).toEqual([heading]);
    expect.soft(await page().locator("html").getAttribute("lang"), `${name}: <html lang>`).toBe(lang);
    const prefix = words[lang].common.errorTitlePrefix;
    expect.soft((await page().title()).startsWith(`${prefix} `), `${name}: "${prefix}" in the title`).toBe(error);
    expect.soft(await page().evaluate(() => document.documentElement.scrollWidth), `${name}: page width`).toBeLessThanOrEqual(375);
    expect.soft(await browser.problems(), `${name}: what the browser complained about`).toEqual([]);
    const violations = await auditOnce(browser, lang, name);
    expect.soft(violations, `${name}: axe-core violations:\n${violations.join("\n")}`).toEqual([]);
    await browser.screenshot(`who-has-${configuration.slug}-${lang}-${name}`);
  }

  const button = (name: string) => main().getByRole("button", { name, exact: true });

  test("the list of shares", async () => {
    await browser.visit(`${shares()}?lang=${lang}`);
    await check("list", t.whoHas.title);
  });

  test("change what they can see: the page, none ticked, then changed", async () => {
    await browser.visit(action("parts"));
    const heading = fill(t.changeParts.heading, { agency: gpName[lang] });
    await check("parts", heading);
    for (const box of await main().getByRole("checkbox").all()) await box.uncheck();
    expect(await press(button(t.changeParts.button))).toBe(400);
    await check("parts-error", heading, { error: true });
    await main().getByRole("checkbox", { name: t.parts.about, exact: true }).check();
    await press(button(t.changeParts.button));
    await check("list-changed", t.whoHas.title);
  });

  test("extend: the page, nothing chosen, then 12 months", async () => {
    await browser.visit(action("extend"));
    const heading = fill(t.extend.heading, { agency: gpName[lang] });
    await check("extend", heading);
    expect(await press(button(t.extend.button))).toBe(400);
    await check("extend-error", heading, { error: true });
    await main().getByRole("radio", { name: t.howLong.months["12"], exact: true }).check();
    await press(button(t.extend.button));
    await check("list-extended", t.whoHas.title);
  });

  test("send a new link: the page, then the link shown once", async () => {
    await browser.visit(action("resend"));
    await check("resend", fill(t.resend.heading, { agency: gpName[lang] }));
    expect(await press(button(t.resend.button))).toBe(200);
    await check("resend-sent", fill(t.resend.sent, { agency: gpName[lang] }));
    await expect.poll(() => main().locator(".app-share-link").textContent()).toMatch(/\/shared\/[A-Za-z0-9_-]{43}$/);
  });

  test("stop sharing: the confirmation page, then stopped; the share can no longer be changed", async () => {
    await browser.visit(action("stop"));
    await check("stop", fill(t.stop.heading, { agency: gpName[lang] }));
    await press(button(t.stop.button));
    await check("list-stopped", t.whoHas.title);
    await browser.visit(action("parts"));
    await check("not-active", t.notActive.title);
  });
});
