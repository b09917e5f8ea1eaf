/**
 * A resident writing their story on a phone, start to finish, in a real
 * Chromium at 375 px: once with JavaScript off in English, once with it on in
 * Welsh. They sign in with the code from a real email, answer every question
 * of every section (adding goals and removing one), make each kind of mistake
 * and put it right, save version 1, change an answer, save version 2, read
 * both versions and sign out.
 *
 * Every page and every error state is also loaded in the other language, and
 * each is checked with axe-core, for sideways scrolling at 375 px and for
 * anything the browser complains about (console errors, CSP violations,
 * failed requests). A screenshot of each goes to tests/.tmp/screenshots/.
 */
import type { Locator } from "playwright-core";
import { describe, expect } from "vitest";
import commonCy from "#app/i18n/locales/cy/common.json";
import govukCy from "#app/i18n/locales/cy/govuk.json";
import signInCy from "#app/i18n/locales/cy/signIn.json";
import startCy from "#app/i18n/locales/cy/start.json";
import storyCy from "#app/i18n/locales/cy/story.json";
import commonEn from "#app/i18n/locales/en/common.json";
import govukEn from "#app/i18n/locales/en/govuk.json";
import signInEn from "#app/i18n/locales/en/signIn.json";
import startEn from "#app/i18n/locales/en/start.json";
import storyEn from "#app/i18n/locales/en/story.json";
import { checkPage, type ExpectedError } from "#tests/support/browser";
import { browserFor, fill, journeySteps, type Language, openPortal, otherLanguage, type PhoneRun } from "#tests/support/journey";
import { signInCodeFrom } from "#tests/support/sign-in";

const words = {
  en: { common: commonEn, govuk: govukEn, signIn: signInEn, start: startEn, story: storyEn },
  cy: { common: commonCy, govuk: govukCy, signIn: signInCy, start: startCy, story: storyCy },
};

/**
 * What the person writes: every answer different, so each can be found where
 * it should be; some with line breaks, and some with characters that would be
 * markup if the page did not escape them.
 */
const answers = {
  name: `Siân O'Brien & "Nan" Hughes`,
  preferredName: "Nan",
  email: "sian.obrien@example.com",
  phone: "07700 900 982",
  address: "1 Stryd Fawr\nLlandudno\nLL30 1AA",
  otherLanguage: "Polish",
  needsDetails: "Mornings are best for me. Please speak slowly.",
  now: `I look after my mum, who has dementia.\nShe calls me her "rock" & I say <b>we're a team</b>.`,
  past: "I was in hospital for a month in 2021.",
  matters: "My dog Bran and my walks on the prom.",
  mattersChanged: `Bran, my dog <b>always</b> & my friends' "brew club".\nTea with Mam on Sundays.`,
  strengths: "I am organised and I never give up.",
  working: "My neighbour Gwen helps with the shopping.",
  notWorking: "Too many forms, and the buses after six.",
  goals: [
    { goal: "Get back to work full time", help: "Someone to sit with Mum in the day" },
    { goal: "Learn to drive", help: "Lessons near home" },
    { goal: "Sleep through the night", help: "A sitter one night a week" },
  ],
  person: { name: "Ann, my sister", how: "Rings me every evening" },
  service: { name: "Dr Rees at Craig-y-Don surgery", what: "My medication" },
  dontAsk: "Please do not ask me about my dad.",
  /** More than the 5,000 characters a story answer may have: what a long paste might be. */
  tooLong: "I have so much to say about this. ".repeat(150).slice(0, 5001),
};

/** A mistake to make on a page, in either language, and what the page should say about it. */
type Mistake = {
  name: string;
  /** Makes the mistake on the page as it is; gives the status of the answer. */
  make: (lang: Language) => Promise<number>;
  errors: (lang: Language) => ExpectedError[];
  /** Input id → what must still be in it after the error. */
  kept?: Record<string, string>;
};

/**
 * The journey in one of the phone runs (phoneRuns), with a portal of its own:
 * each run is a test file of its own (story-journey-js-off.test.ts and
 * story-journey-js-on.test.ts), so that the two run at once.
 */
export function storyJourney({ label, configuration, lang }: PhoneRun): void {
  const server = openPortal();
  describe(label, () => {
    const browser = browserFor(server, configuration);
    const other = otherLanguage(lang);
    const email = `resident-${configuration.slug}@example.com`;
    let screenshots = 0;

    const page = () => browser.page;
    const path = () => new URL(page().url()).pathname;
    const headings = async () => (await page().locator("h1").allTextContents()).map((text) => text.trim());

    /** The page's address (without any #fragment) asking for `language`. */
    function inLanguage(language: Language): string {
      const url = new URL(page().url());
      url.searchParams.set("lang", language);
      return `${url.pathname}${url.search}`;
    }

    /** Follows a link: always a new document, with or without JavaScript. */
    async function follow(link: Locator) {
      await browser.navigate(() => link.click());
    }

    const press = (button: Locator) => browser.submit(button);
    /** Continue on a question page, which must lead to `next`. */
    const continueTo = async (next: string) => {
      await press(button(t.story.question.continue));
      expect(path()).toBe(next);
    };

    const button = (name: string) => page().getByRole("main").getByRole("button", { name, exact: true });
    const link = (name: string) => page().getByRole("main").getByRole("link", { name, exact: true });
    const textbox = (name: string, within: Locator = page().getByRole("main")) => within.getByRole("textbox", { name, exact: true });

    /** What a resident would notice going wrong on the page as it is now, in `language` (see checkPage). */
    const check = (name: string, heading: string, language: Language, { error = false } = {}) =>
      checkPage(browser, {
        name,
        heading,
        language,
        error,
        screenshot: `story-${configuration.slug}-${String(++screenshots).padStart(2, "0")}-${language}-${name}`,
      });

    /** The error summary and inline errors after a mistake, and what the person typed still there. */
    async function checkMistake(mistake: Mistake, heading: string, language: Language, status: number) {
      const name = `${mistake.name}-error`;
      expect.soft(status, `${name} (${language}): the status of the answer to the POST`).toBe(400);
      await expect.poll(headings, { message: `${name}: still on the same page` }).toEqual([heading]);
      const summary = page().locator(".govuk-error-summary");
      const listed = await summary
        .getByRole("link")
        .evaluateAll((links) => links.map((a) => ({ message: a.textContent?.trim() ?? "", href: a.getAttribute("href") ?? "" })));
      const expected = mistake.errors(language);
      expect.soft(listed, `${name} (${language}): the error summary lists each field and links to it`).toEqual(expected);
      for (const { message, href } of expected) {
        if (!href.startsWith("#")) continue;
        const id = href.slice(1);
        expect.soft(await page().locator(`[id="${id}"]`).count(), `${name}: the summary's link ${href} goes to a field on the page`).toBe(1);
        expect.soft(await page().locator(`[id="${id}-error"]`).textContent(), `${name}: the field's own error message`).toContain(message);
      }
      for (const [id, value] of Object.entries(mistake.kept ?? {})) {
        expect.soft(await page().locator(`[id="${id}"]`).inputValue(), `${name} (${language}): what was typed in #${id} is still there`).toBe(value);
      }
      await check(name, heading, language, { error: true });
    }

    /**
     * Checks the page as it is, then the same address in the other language,
     * then comes back. With a mistake, makes it in the other language and then
     * in this one, and leaves the page showing the error so that it can be put right.
     */
    async function checkBothLanguages(name: string, heading: (language: Language) => string, mistake?: Mistake) {
      await check(name, heading(lang), lang);
      await browser.visit(inLanguage(other));
      await check(name, heading(other), other);
      if (mistake) await checkMistake(mistake, heading(other), other, await mistake.make(other));
      await browser.visit(inLanguage(lang));
      if (!mistake) {
        await expect.poll(headings, { message: `${name}: back in ${lang}` }).toEqual([heading(lang)]);
        return;
      }
      await checkMistake(mistake, heading(lang), lang, await mistake.make(lang));
      // The summary's first link takes you to the field (another page's, for the check page).
      const first = page().locator(".govuk-error-summary").getByRole("link").first();
      const href = mistake.errors(lang)[0].href;
      if (!href.startsWith("#")) return;
      await first.click();
      if (configuration.javaScript) {
        // GOV.UK Frontend's error summary script moves focus to the field itself.
        await expect.poll(() => page().evaluate(() => document.activeElement?.id), { message: `${name}: focus after the summary link` }).toBe(href.slice(1));
      } else {
        await expect.poll(() => new URL(page().url()).hash, { message: `${name}: the summary link's target` }).toBe(href);
      }
    }

    /** The rows of the summary card headed `title`: [key, value as shown]. */
    async function cardRows(title: string) {
      const card = page()
        .locator(".govuk-summary-card")
        .filter({ has: page().getByRole("heading", { name: title, exact: true }) });
      return card
        .locator(".govuk-summary-list__row")
        .evaluateAll((rows) =>
          rows.map((row) => [
            row.querySelector(".govuk-summary-list__key")?.textContent?.trim(),
            (row.querySelector(".govuk-summary-list__value") as HTMLElement | null)?.innerText.trim(),
          ]),
        );
    }

    /** The person's own words as the page shows them (line breaks as rendered), for each piece of their writing on it. */
    const shownWords = () =>
      page()
        .locator("main .app-story-text")
        .evaluateAll((spans) => spans.map((span) => (span as HTMLElement).innerText));

    /** Their words were shown as text: nothing they typed became markup. */
    async function expectEscaped(where: string) {
      expect.soft(await page().locator("main b").count(), `${where}: no <b> element made from what was typed`).toBe(0);
    }

    /** The journey's steps; what one step finds, the next goes on from. */
    const step = journeySteps();
    const t = words[lang];
    const story = (language: Language) => words[language].story;
    const signIn = (language: Language) => words[language].signIn;
    const field = (language: Language) => story(language).fields;
    const nameBox = (l: Language) => textbox(field(l).about.name.label);
    const preferredNameBox = (l: Language) => textbox(field(l).about.preferredName.label);
    const about = t.story.fields.about;
    const goalWords = (l: Language) => field(l).goals.goals;
    const keptGoals = [answers.goals[0], answers.goals[2]];
    let storyPath = "";
    /** The sign-in code from the email, and one that is not it. */
    let code = "";
    let wrongCode = "";

    step("the start page, and Start now", async () => {
      // The start page, and "Start now".
      await browser.visit(`/?lang=${lang}`);
      await checkBothLanguages("start", (l) => words[l].start.title);
      await follow(page().getByRole("button", { name: t.start.start }));
      expect(path()).toBe("/sign-in");
    });

    step("sign in: an empty email address first, then the right one", async () => {
      // Sign in: an empty email address first, then the right one.
      const emailBox = (l: Language) => textbox(signIn(l).email.title);
      await checkBothLanguages("sign-in", (l) => signIn(l).email.title, {
        name: "sign-in-empty-email",
        make: async (l) => {
          await emailBox(l).fill("");
          return press(button(signIn(l).email.continue));
        },
        errors: (l) => [{ message: signIn(l).errors.email.required, href: "#email" }],
        kept: { email: "" },
      });
      const sent = server.mail.received.length;
      await emailBox(lang).fill(email);
      await press(button(t.signIn.email.continue));
      expect(path()).toBe("/sign-in/check-email");
      code = signInCodeFrom(await server.mail.nextEmailTo(email, sent));
      wrongCode = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    });

    step("check your email: a wrong code first, then the one from the email", async () => {
      // Check your email: a wrong code first, then the one from the email.
      const codeBox = (l: Language) => textbox(signIn(l).code.label);
      await checkBothLanguages("check-email", (l) => signIn(l).code.title, {
        name: "check-email-wrong-code",
        make: async (l) => {
          await codeBox(l).fill(wrongCode);
          return press(button(signIn(l).code.continue));
        },
        errors: (l) => [{ message: signIn(l).errors.code.wrong, href: "#code" }],
        kept: { code: wrongCode },
      });
      await codeBox(lang).fill(code);
      await press(button(t.signIn.code.continue));
      expect(path()).toBe("/stories");
    });

    step("your stories, then a new story, made by saving its first answer", async () => {
      // Your stories, then a new one: its first question, where saving an answer makes the story.
      await checkBothLanguages("your-stories", (l) => story(l).list.title);
      await follow(button(t.story.list.start));
      expect(path()).toBe("/stories/new");
      await checkBothLanguages("who-for", (l) => story(l).whoFor.title);
      await page().getByRole("main").getByRole("radio", { name: t.story.whoFor.me, exact: true }).check();
      await continueTo("/stories/new/about");
      await checkBothLanguages("about-name-new", (l) => story(l).pages.about.name.heading);
      await preferredNameBox(lang).fill(answers.preferredName);
      await press(button(t.story.question.save));
      storyPath = path();
      expect(storyPath).toMatch(/^\/stories\/[0-9a-f-]{36}$/);
      await checkBothLanguages("task-list-new", (l) => story(l).taskList.title);
    });

    step("saving a version with no name yet takes you to the name question", async () => {
      // Saving a version with no name yet: the error takes you to the name question.
      await follow(link(t.story.taskList.checkLink));
      expect(path()).toBe(`${storyPath}/check`);
      await checkBothLanguages("check-answers-empty", (l) => story(l).check.title, {
        name: "check-answers-publish-without-name",
        make: (l) => press(button(fill(story(l).check.publish, { version: 1 }, l))),
        errors: (l) => [{ message: story(l).errors.publishName, href: `${storyPath}/about#name` }],
      });
      await follow(page().locator(".govuk-error-summary").getByRole("link", { name: t.story.errors.publishName }));
      expect(path()).toBe(`${storyPath}/about`);
    });

    step("about you: the name (missing first), contact, language and needs", async () => {
      // About you: the name page, first without a name.
      await checkBothLanguages("about-name", (l) => story(l).pages.about.name.heading, {
        name: "about-name-missing",
        make: async (l) => {
          await nameBox(l).fill("");
          await preferredNameBox(l).fill(answers.preferredName);
          return press(button(story(l).question.continue));
        },
        errors: (l) => [{ message: field(l).about.name.required, href: "#name" }],
        kept: { name: "", preferredName: answers.preferredName },
      });
      await nameBox(lang).fill(answers.name);
      await continueTo(`${storyPath}/about/contact`);

      await checkBothLanguages("about-contact", (l) => story(l).pages.about.contact.heading);
      await page().getByRole("checkbox", { name: about.contactBy.options.email, exact: true }).check();
      await page().getByRole("checkbox", { name: about.contactBy.options.text, exact: true }).check();
      await textbox(about.email.label).fill(answers.email);
      await textbox(about.phone.label).fill(answers.phone);
      await textbox(about.address.label).fill(answers.address);
      await page().getByRole("radio", { name: about.safeToLeaveMessages.options.yes, exact: true }).check();
      await continueTo(`${storyPath}/about/language`);

      await checkBothLanguages("about-language", (l) => story(l).pages.about.language.heading);
      const group = (legend: string) => page().getByRole("main").getByRole("group", { name: legend, exact: true });
      await group(about.language.label).getByRole("radio", { name: about.language.options.other, exact: true }).check();
      // The answers here are in English, whichever language the service is in.
      await group(about.writtenIn.label).getByRole("radio", { name: about.writtenIn.options.english, exact: true }).check();
      await textbox(about.otherLanguage.label).fill(answers.otherLanguage);
      await continueTo(`${storyPath}/about/needs`);

      await checkBothLanguages("about-needs", (l) => story(l).pages.about.needs.heading);
      await page().getByRole("checkbox", { name: about.needs.options.easyRead, exact: true }).check();
      await page().getByRole("checkbox", { name: about.needs.options.moreTime, exact: true }).check();
      await textbox(about.needsDetails.label).fill(answers.needsDetails);
      await continueTo(storyPath);
    });

    step("what is happening: an answer too long first", async () => {
      // What is happening: first more than 5,000 characters.
      await follow(link(t.story.sections.story.title));
      const nowBox = (l: Language) => textbox(field(l).story.now.label);
      await checkBothLanguages("story-now", (l) => field(l).story.now.label, {
        name: "story-now-too-long",
        make: async (l) => {
          await nowBox(l).fill(answers.tooLong);
          return press(button(story(l).question.continue));
        },
        errors: (l) => [{ message: fill(story(l).errors.tooLong, { label: field(l).story.now.summary, limit: 5000 }, l), href: "#now" }],
        kept: { now: answers.tooLong },
      });
      await nowBox(lang).fill(answers.now);
      await continueTo(`${storyPath}/story/past`);
      await checkBothLanguages("story-past", (l) => field(l).story.past.label);
      await textbox(t.story.fields.story.past.label).fill(answers.past);
      await continueTo(storyPath);
    });

    step("the sections with one piece of writing on each page", async () => {
      // The sections with one piece of writing on each page.
      const writing: { section: keyof typeof storyEn.sections; pages: { name: string; label: (l: Language) => string; text: string }[] }[] = [
        { section: "matters", pages: [{ name: "matters", label: (l) => field(l).matters.matters.label, text: answers.matters }] },
        { section: "strengths", pages: [{ name: "strengths", label: (l) => field(l).strengths.strengths.label, text: answers.strengths }] },
        {
          section: "working",
          pages: [
            { name: "working", label: (l) => field(l).working.working.label, text: answers.working },
            { name: "not-working", label: (l) => field(l).working.notWorking.label, text: answers.notWorking },
          ],
        },
      ];
      for (const { section, pages } of writing) {
        await follow(link(t.story.sections[section].title));
        for (const { name, label, text } of pages) {
          await checkBothLanguages(name, label);
          await textbox(label(lang)).fill(text);
          await press(button(t.story.question.continue));
        }
        expect(path()).toBe(storyPath);
      }
    });

    step("goals: add three, remove the second", async () => {
      // Goals: add three, remove the second.
      await follow(link(t.story.sections.goals.title));
      const goal = (number: number) => page().getByRole("group", { name: fill(goalWords(lang).item, { number }, lang), exact: true });
      const goalHeading = (l: Language) => story(l).pages.goals.goals.heading;
      const goalsShown = async () =>
        page()
          .locator("main fieldset")
          .evaluateAll((sets) => sets.map((set) => [...set.querySelectorAll("textarea")].map((box) => box.value)));
      await checkBothLanguages("goals-1", goalHeading);
      for (const [index, { goal: text, help }] of answers.goals.entries()) {
        const number = index + 1;
        if (number > 1) {
          await press(button(goalWords(lang).add));
          await checkBothLanguages(`goals-${number}`, goalHeading);
        }
        await textbox(goalWords(lang).fields.goal.label, goal(number)).fill(text);
        await textbox(goalWords(lang).fields.help.label, goal(number)).fill(help);
      }
      expect(await goalsShown()).toEqual(answers.goals.map(({ goal: text, help }) => [text, help]));
      await press(button(`${goalWords(lang).remove} ${fill(goalWords(lang).removeHidden, { number: 2 }, lang)}`));
      expect(await goalsShown(), "goals 1 and 3 are left, numbered 1 and 2").toEqual(keptGoals.map(({ goal: text, help }) => [text, help]));
      expect(
        await page()
          .getByRole("group", { name: fill(goalWords(lang).item, { number: 3 }, lang), exact: true })
          .count(),
      ).toBe(0);
      await checkBothLanguages("goals-after-remove", goalHeading);
      expect(await goalsShown(), "the two goals are still there after changing language").toEqual(keptGoals.map(({ goal: text, help }) => [text, help]));
      await continueTo(storyPath);
    });

    step("people who support you, services you see, and what not to ask", async () => {
      // People who support you, and services you already see: one of each, on the list's first item.
      const lists = [
        {
          id: "support",
          list: (l: Language) => field(l).support.people,
          heading: (l: Language) => story(l).pages.support.people.heading,
          item: answers.person,
        },
        {
          id: "services",
          list: (l: Language) => field(l).services.services,
          heading: (l: Language) => story(l).pages.services.services.heading,
          item: answers.service,
        },
      ] as const;
      for (const { id, list, heading, item } of lists) {
        await follow(link(t.story.sections[id].title));
        await checkBothLanguages(id, heading);
        const first = page().getByRole("group", { name: fill(list(lang).item, { number: 1 }, lang), exact: true });
        const labels = list(lang).fields as Record<string, { label: string }>;
        for (const [name, value] of Object.entries(item)) await textbox(labels[name].label, first).fill(value);
        await continueTo(storyPath);
      }

      await follow(link(t.story.sections["dont-ask"].title));
      await checkBothLanguages("dont-ask", (l) => field(l)["dont-ask"].dontAsk.label);
      await textbox(t.story.fields["dont-ask"].dontAsk.label).fill(answers.dontAsk);
      await continueTo(storyPath);
    });

    step("every section is completed", async () => {
      // Every section is completed.
      const statuses = await page()
        .locator(".govuk-task-list__item")
        .evaluateAll((items) => items.map((item) => item.querySelector(".govuk-task-list__status")?.textContent?.trim()));
      expect(statuses).toEqual(Object.keys(storyEn.sections).map(() => t.story.taskList.status.completed));
      await checkBothLanguages("task-list-completed", (l) => story(l).taskList.title);
    });

    step("check your answers: everything there, as typed", async () => {
      // Check your answers: everything there, the goals as left, the words as typed.
      await follow(link(t.story.taskList.checkLink));
      await checkBothLanguages("check-answers", (l) => story(l).check.title);
      const goalRows = keptGoals.flatMap(({ goal: text, help }, index) => [
        [fill(goalWords(lang).fields.goal.summary, { number: index + 1 }, lang), text],
        [fill(goalWords(lang).fields.help.summary, { number: index + 1 }, lang), help],
      ]);
      expect(await cardRows(t.story.sections.goals.title)).toEqual(goalRows);
      expect(await cardRows(t.story.sections.story.title)).toEqual([
        [t.story.fields.story.now.summary, answers.now],
        [t.story.fields.story.past.summary, answers.past],
      ]);
      const aboutRows = await cardRows(t.story.sections.about.title);
      expect(aboutRows).toEqual(
        expect.arrayContaining([
          [about.name.summary, answers.name],
          [about.address.summary, answers.address],
          [about.otherLanguage.summary, answers.otherLanguage],
        ]),
      );
      await expectEscaped("check your answers");
    });

    step("save version 1", async () => {
      // Save version 1: only the resident can see it, and sharing is the next step.
      await press(button(fill(t.story.check.publish, { version: 1 }, lang)));
      expect(path()).toBe(`${storyPath}/published/1`);
      expect(await page().locator(".govuk-panel__body").textContent()).toBe(t.story.published.onlyYou);
      await checkBothLanguages("published-1", (l) => fill(story(l).published.title, { version: 1 }, l));
      expect(await page().locator(`main a.govuk-button[href="${storyPath}/share"]`).count(), "sharing offered as the next step").toBe(1);
    });

    step("change one answer and save version 2", async () => {
      // Change one answer through its Change link, and save version 2.
      await follow(link(t.story.published.backLink));
      await check("task-list-published", t.story.taskList.title, lang);
      await follow(link(t.story.taskList.checkLink));
      await follow(link(`${t.story.check.change} ${t.story.fields.matters.matters.summary} (${t.story.sections.matters.title})`));
      expect(path()).toBe(`${storyPath}/matters`);
      const mattersBox = textbox(t.story.fields.matters.matters.label);
      expect(await mattersBox.inputValue()).toBe(answers.matters);
      await check("matters-change", t.story.fields.matters.matters.label, lang);
      await mattersBox.fill(answers.mattersChanged);
      await continueTo(storyPath);
      await checkBothLanguages("task-list-changed", (l) => story(l).taskList.title);
      await follow(link(t.story.taskList.checkLink));
      expect(await cardRows(t.story.sections.matters.title)).toEqual([[t.story.fields.matters.matters.summary, answers.mattersChanged]]);
      await check("check-answers-changed", t.story.check.title, lang);
      await press(button(fill(t.story.check.publish, { version: 2 }, lang)));
      expect(path()).toBe(`${storyPath}/published/2`);
      expect(await page().locator(".govuk-panel__body").textContent()).toBe(t.story.published.onlyYou);
      await checkBothLanguages("published-2", (l) => fill(story(l).published.title, { version: 2 }, l));
    });

    step("the preview shows the new answer as typed", async () => {
      // The preview: the new answer, its line break kept (innerText only keeps a line
      // break that is rendered) and its <b> shown as text.
      await follow(link(t.story.published.previewLink));
      expect(path()).toBe(`${storyPath}/preview`);
      await checkBothLanguages("preview", (l) => story(l).preview.title);
      const previewWords = await shownWords();
      expect(previewWords).toContain(answers.mattersChanged);
      expect(previewWords).toContain(answers.now);
      expect(previewWords).not.toContain(answers.matters);
      expect(previewWords[0], "who it is about").toBe(answers.name);
      const wordsLang = await page()
        .locator("main .app-story-text")
        .evaluateAll((spans) => [...new Set(spans.map((span) => span.getAttribute("lang")))]);
      expect(wordsLang, "the words marked as the English they were written in").toEqual(["en"]);
      await expectEscaped("preview");
    });

    step("the versions, and version 1 as it was", async () => {
      // The versions: 2 (the latest) and 1; version 1 as it was.
      await follow(link(t.govuk.backLink.text));
      expect(path()).toBe(storyPath);
      await follow(link(t.story.taskList.versionsLink));
      await checkBothLanguages("versions", (l) => story(l).versions.title);
      const versions = await page()
        .locator("main tbody tr")
        .evaluateAll((rows) => rows.map((row) => row.querySelector("td, th")?.textContent?.replace(/\s+/g, " ").trim()));
      expect(versions).toEqual([`2 ${t.story.versions.latest}`, "1"]);
      await follow(link(`${t.story.versions.view} ${fill(t.story.versions.viewHidden, { version: 1 }, lang)}`));
      expect(path()).toBe(`${storyPath}/versions/1`);
      await checkBothLanguages("version-1", (l) => fill(story(l).version.heading, { version: 1 }, l));
      const versionWords = await shownWords();
      expect(versionWords).toContain(answers.matters);
      expect(versionWords).not.toContain(answers.mattersChanged);
      expect(versionWords).toContain(answers.now);
      await expectEscaped("version 1");
    });

    step("your stories says which version is published", async () => {
      // Your stories says which version is published, and shows the name as typed.
      // On a phone with JavaScript the navigation is folded behind "Menu", as a person would find it.
      const menu = page().locator(".govuk-service-navigation__toggle");
      if (await menu.isVisible()) {
        await menu.click();
        expect(await menu.getAttribute("aria-expanded")).toBe("true");
      }
      await follow(page().getByRole("navigation").getByRole("link", { name: t.common.navigation.stories, exact: true }));
      expect(path()).toBe("/stories");
      const listed = await page()
        .locator("main tbody tr")
        .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll("td, th")].map((cell) => cell.textContent?.trim())));
      expect(listed).toEqual([[answers.name, fill(t.story.list.published, { version: 2 }, lang)]]);
      await check("your-stories-published", t.story.list.title, lang);
    });

    step("sign out: the story is no longer there without signing in", async () => {
      // Sign out, and the story is no longer there without signing in.
      await browser.visit("/sign-out");
      await checkBothLanguages("sign-out", (l) => signIn(l).signOut.title);
      await press(button(t.signIn.signOut.button));
      expect(path()).toBe("/signed-out");
      await checkBothLanguages("signed-out", (l) => signIn(l).signedOut.title);
      await browser.visit(storyPath);
      expect(path()).toBe("/sign-in");
      expect(new URL(page().url()).searchParams.get("returnTo")).toBe(storyPath);
      await check("sign-in-after-sign-out", t.signIn.email.title, lang);
      expect(await page().getByRole("navigation").getByRole("button", { name: t.common.navigation.signOut }).count(), "no Sign out button").toBe(0);
    });
  });
}
