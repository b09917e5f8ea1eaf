/**
 * Starting a story for someone else on a phone in a real Chromium: once with
 * JavaScript off in English, once with it on in Welsh. Each page and each
 * error state is checked with axe-core, for sideways scrolling at 375 px and
 * for anything the browser complains about.
 */
import type { Locator } from "playwright-core";
import { describe, expect, test } from "vitest";
import storyCy from "#app/i18n/locales/cy/story.json";
import storyEn from "#app/i18n/locales/en/story.json";
import { checkPage } from "#tests/support/browser";
import { browserFor, fill, openPortal, phoneRuns } from "#tests/support/journey";
import { signIn } from "#tests/support/sign-in";

const words = { en: { story: storyEn }, cy: { story: storyCy } };

const server = openPortal();

describe.each(phoneRuns)("$label", ({ configuration, lang }) => {
  const t = words[lang].story;
  const browser = browserFor(server, configuration, { cookie: () => signIn(server, `carer-${configuration.slug}@example.org`) });
  const page = () => browser.page;
  const main = () => page().getByRole("main");
  const press = (button: Locator) => browser.submit(button);
  const button = (name: string) => main().getByRole("button", { name, exact: true });
  const textbox = (name: string) => main().getByRole("textbox", { name, exact: true });

  /** What a resident would notice going wrong on the page as it is now (see checkPage). */
  const check = (name: string, heading: string, { error = false } = {}) =>
    checkPage(browser, { name, heading, language: lang, error, screenshot: `someone-else-${configuration.slug}-${lang}-${name}` });

  test("who the story is about: the question, nothing chosen, then someone I care for", async () => {
    await browser.visit(`/stories?lang=${lang}`);
    await browser.navigate(() => main().getByRole("button", { name: t.list.start, exact: true }).click());
    await check("who-for", t.whoFor.title);
    expect(await press(button(t.question.continue))).toBe(400);
    await check("who-for-error", t.whoFor.title, { error: true });
    await main().getByRole("radio", { name: t.whoFor.someone, exact: true }).check();
    await press(button(t.question.continue));
    await check("someone", t.someone.title);
  });

  test("who they are: nothing typed, a child of 16, then a 15-year-old son under parental responsibility", async () => {
    await browser.visit(`/stories/new/someone?lang=${lang}`);
    expect(await press(button(t.question.continue))).toBe(400);
    await check("someone-error", t.someone.title, { error: true });
    await expect
      .poll(() => main().locator(".govuk-error-summary a").allTextContents())
      .toEqual([t.someone.errors.nameRequired, t.someone.errors.relationshipRequired, t.someone.errors.basisRequired, t.someone.errors.writerNameRequired]);

    const now = new Date();
    await textbox(t.someone.fields.name).fill("Dafydd Jones");
    await textbox(t.someone.fields.relationship).fill("his mother");
    await main().getByRole("radio", { name: t.someone.bases.parental, exact: true }).check();
    await textbox(t.someone.fields.writerName).fill("Gwen Jones");
    const year = main().getByRole("textbox", { name: lang === "en" ? "Year" : "Blwyddyn", exact: true });
    await main()
      .getByRole("textbox", { name: lang === "en" ? "Day" : "Diwrnod", exact: true })
      .fill(String(now.getUTCDate()));
    await main()
      .getByRole("textbox", { name: lang === "en" ? "Month" : "Mis", exact: true })
      .fill(String(now.getUTCMonth() + 1));
    await year.fill(String(now.getUTCFullYear() - 16));
    expect(await press(button(t.question.continue))).toBe(400);
    await check("someone-sixteen", t.someone.title, { error: true });
    await expect.poll(() => main().locator(".govuk-error-summary a").allTextContents()).toEqual([t.someone.errors.dateOfBirth.sixteen]);

    await year.fill(String(now.getUTCFullYear() - 15));
    await press(button(t.question.continue));
    await check("task-list-someone", t.taskList.title);

    // Each long answer says whose words it is.
    await browser.visit(`${new URL(page().url()).pathname}/matters?lang=${lang}`);
    const matters = t.fields.matters.matters.label;
    await check("matters-someone", matters);
    await main().getByRole("textbox", { name: matters, exact: true }).fill("Football on Saturdays.");
    expect(await press(button(t.question.continue))).toBe(400);
    await check("matters-someone-error", matters, { error: true });
    await expect.poll(() => main().locator(".govuk-error-summary a").allTextContents()).toEqual([t.errors.voice]);
    await main()
      .getByRole("radio", { name: fill(t.voice.theirs, { name: "Dafydd Jones" }), exact: true })
      .check();
    await press(button(t.question.continue));
    await check("task-list-someone-saved", t.taskList.title);
    await browser.visit(`/stories?lang=${lang}`);
    await check("your-stories-someone", t.list.title);
    expect(await main().locator("h2").allTextContents()).toEqual([fill(t.list.aboutSomeone, { name: "Dafydd Jones" })]);
  });
});
