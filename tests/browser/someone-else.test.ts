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
import { checkPage, onThisEngine } from "#tests/support/browser";
import { browserFor, fill, openPortal, phoneRuns } from "#tests/support/journey";
import { signIn } from "#tests/support/sign-in";
import { chooseThroughTheJourney } from "#tests/support/share-journey";
import sharingCy from "#app/i18n/locales/cy/sharing.json";
import sharingEn from "#app/i18n/locales/en/sharing.json";

const words = { en: { story: storyEn, sharing: sharingEn }, cy: { story: storyCy, sharing: sharingCy } };

/** A story written for someone else, made through the pages over HTTP and saved as version 1: its id. */
async function storyFor(cookie: string, someone: Record<string, string>): Promise<string> {
  const send = (path: string, form: Record<string, string>) =>
    fetch(`${server.url}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
      body: new URLSearchParams(form).toString(),
    });
  const made = await send("/stories/new/someone", someone);
  const id = (made.headers.get("location") ?? "").slice("/stories/".length);
  expect((await send(`/stories/${id}/check`, {})).status).toBe(302);
  return id;
}

const server = openPortal();

describe.each(phoneRuns.filter(onThisEngine))("$label", ({ configuration, lang }) => {
  const t = words[lang].story;
  let cookie = "";
  const browser = browserFor(server, configuration, {
    cookie: async () => (cookie = await signIn(server, `carer-${configuration.slug}@example.org`)),
  });
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

  test("a support worker agrees for a man who asked for help: his agreement confirmed on the declaration, or nothing is shared", async () => {
    const storyId = await storyFor(cookie, { name: "Tomasz Nowak", relationship: "his support worker", basis: "asked", writerName: "Sam Patel" });
    const [gp] = await server.query<{ id: string }>("select id from agencies where name = 'Riverside Medical Practice'");
    await chooseThroughTheJourney(server, cookie, storyId, [gp.id], "no");
    const s = words[lang].sharing;
    await browser.visit(`/stories/${storyId}/share/agree?lang=${lang}`);
    await check("agree-for-someone", s.agree.title);
    expect(await press(button(s.agree.button))).toBe(400);
    await check("agree-for-someone-error", s.agree.title, { error: true });
    await main()
      .getByRole("checkbox", { name: fill(s.agree.personAgreed, { name: "Tomasz Nowak" }), exact: true })
      .check();
    await press(button(s.agree.button));
    await check("shared-for-someone", s.confirmation.title);
  });

  test("a child soon 16: the review banner; then 16, and the share pages say sharing has stopped", async () => {
    const soon = new Date(Date.now() + 10 * 24 * 60 * 60 * 1000);
    const born = {
      "dateOfBirth-day": String(soon.getUTCDate()),
      "dateOfBirth-month": String(soon.getUTCMonth() + 1),
      "dateOfBirth-year": String(soon.getUTCFullYear() - 16),
    };
    const storyId = await storyFor(cookie, { name: "Cai Hughes", relationship: "his mother", basis: "parental", writerName: "Bethan Hughes", ...born });
    await browser.visit(`/stories/${storyId}?lang=${lang}`);
    await check("task-list-review", t.taskList.title);
    await expect.poll(() => main().locator(".govuk-notification-banner").count()).toBe(1);
    // His birthday comes (the date of birth moved back a year: a clock moved on).
    await server.write(
      "update subjects set date_of_birth = ? where id = (select subject_id from stories where id = ?)",
      `${soon.getUTCFullYear() - 17}-01-01`,
      storyId,
    );
    await browser.visit(`/stories/${storyId}?lang=${lang}`);
    await check("task-list-basis-ended", t.taskList.title);
    await expect
      .poll(() => main().locator(".govuk-notification-banner__heading").textContent())
      .toContain(fill(words[lang].sharing.basisReview.endedHeading, { name: "Cai Hughes", date: "" }).split(":")[0].replace(/\s+$/, ""));
    await browser.visit(`/stories/${storyId}/share?lang=${lang}`);
    await check("share-basis-ended", words[lang].sharing.basisEnded.title);
  });
});
