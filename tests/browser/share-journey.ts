/**
 * A resident sharing their story on a phone, in a real Chromium at 375 px:
 * once with JavaScript off in English, once with it on in Welsh. They sign in
 * with the code from a real email, write a short story and publish it, share
 * it with three agencies (each seeing different parts), making each kind of
 * mistake on the way and putting it right, change one answer from the check
 * page, agree, then read their receipts, stop sharing with one agency and
 * change what another can see.
 *
 * The mail sink must then hold exactly the emails a person and the agencies
 * should get, none with a word of the story in it, and each agency's link must
 * be the one the database keeps the hash of and the confirmation page showed.
 *
 * Every page and error state from the published story on is also loaded in
 * the other language, and each is checked with axe-core, for sideways
 * scrolling at 375 px and for anything the browser complains about. The pages
 * on the way there (signing in, writing and publishing) are checked that way
 * by story-journey.ts, in the same configurations: here the journey only
 * passes through them.
 */
import { createHash } from "node:crypto";
import type { Locator } from "playwright-core";
import { describe, expect } from "vitest";
import commonCy from "#app/i18n/locales/cy/common.json";
import emailCy from "#app/i18n/locales/cy/email.json";
import govukCy from "#app/i18n/locales/cy/govuk.json";
import sharingCy from "#app/i18n/locales/cy/sharing.json";
import signInCy from "#app/i18n/locales/cy/signIn.json";
import startCy from "#app/i18n/locales/cy/start.json";
import storyCy from "#app/i18n/locales/cy/story.json";
import commonEn from "#app/i18n/locales/en/common.json";
import emailEn from "#app/i18n/locales/en/email.json";
import govukEn from "#app/i18n/locales/en/govuk.json";
import sharingEn from "#app/i18n/locales/en/sharing.json";
import signInEn from "#app/i18n/locales/en/signIn.json";
import startEn from "#app/i18n/locales/en/start.json";
import storyEn from "#app/i18n/locales/en/story.json";
import { checkPage, type ExpectedError } from "#tests/support/browser";
import {
  browserFor,
  datesAhead,
  fill,
  journeySteps,
  type Language,
  longDate,
  monthsAhead,
  openPortal,
  otherLanguage,
  type PhoneRun,
} from "#tests/support/journey";
import { subjectOf } from "#tests/support/professional";
import { bodyOf, type ReceivedEmail } from "#tests/support/sign-in";

const words = {
  en: { common: commonEn, email: emailEn, govuk: govukEn, sharing: sharingEn, signIn: signInEn, start: startEn, story: storyEn },
  cy: { common: commonCy, email: emailCy, govuk: govukCy, sharing: sharingCy, signIn: signInCy, start: startCy, story: storyCy },
};
/** The service's names as the emails sign off, with nothing configured. */
const names = { en: { service: "Tell it once", organisation: "Demo Council" }, cy: { service: "Dweud unwaith", organisation: "Cyngor Demo" } };

/** The story: short, and every answer something no email may ever contain. */
const answers = {
  name: "Rhiannon Price",
  matters: "My grandson Osian and the allotment on Sundays.",
  strengths: "I can mend almost anything with a screwdriver.",
  dontAsk: "Please stop asking me about the fire at the old flat.",
};
const storyWords = [...Object.values(answers), "Rhiannon", "Osian", "allotment", "screwdriver", "fire at the old flat"];

/** The story's sections in the order every page lists them. */
const sectionOrder = ["about", "story", "matters", "strengths", "working", "goals", "support", "services", "dont-ask"] as const;
type Section = (typeof sectionOrder)[number];

/** Three demo agencies (app/services/demo-agencies.server.ts), one with an apostrophe in its name, by name in each language, and what each is to see. */
const agencies = {
  earlyHelp: {
    name: { en: "Demo Council Children's Early Help", cy: "Cymorth Cynnar i Blant Cyngor Demo" },
    inbox: "early.help@demo-council.example.org",
    parts: ["about", "matters"] as Section[],
  },
  gp: {
    name: { en: "Riverside Medical Practice", cy: "Meddygfa Glan yr Afon" },
    inbox: "riverside.practice@nhs.example.net",
    parts: ["strengths", "dont-ask"] as Section[],
  },
  // Ticked first with "What you are good at" too, which the check page's Change link then takes away.
  carers: {
    name: { en: "Demo Carers Centre", cy: "Canolfan Gofalwyr Demo" },
    inbox: "info@demo-carers.example.org",
    parts: ["matters", "dont-ask"] as Section[],
  },
};
type AgencyKey = keyof typeof agencies;
const agencyKeys = Object.keys(agencies) as AgencyKey[];
const carersFirstChoice: Section[] = ["matters", "strengths", "dont-ask"];
/** What the GP's share is changed to from "Who has your story". */
const gpChanged: Section[] = ["matters", "strengths"];

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/** The subject and body of an email as a mail program shows them. */
const readEmail = (email: ReceivedEmail) => ({ to: email.to.join(", "), subject: subjectOf(email), body: bodyOf(email) });

/** A mistake to make on a page, in either language, and what the page should say about it. */
type Mistake = {
  name: string;
  /** Makes the mistake on the page as it is; gives the status of the answer. */
  make: (lang: Language) => Promise<number>;
  errors: (lang: Language) => ExpectedError[];
  /** Checks what the person chose or typed is still there after the error. */
  kept: (lang: Language) => Promise<void>;
};

type ShareRow = { id: string; agency: string; inbox: string; token_hash: string; sections: string; stopped_at: number | null };

/**
 * The journey in one of the phone runs (phoneRuns), with a portal of its own:
 * each run is a test file of its own (share-journey-js-off.test.ts and
 * share-journey-js-on.test.ts), so that the two run at once.
 */
export function shareJourney({ label, configuration, lang }: PhoneRun): void {
  const server = openPortal();
  describe(label, () => {
    const browser = browserFor(server, configuration);
    const other = otherLanguage(lang);
    const email = `sharer-${configuration.slug}@example.com`;
    let screenshots = 0;

    const page = () => browser.page;
    const main = () => page().getByRole("main");
    const path = () => new URL(page().url()).pathname;
    const headings = async () => (await page().locator("h1").allTextContents()).map((text) => text.replace(/\s+/g, " ").trim());

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

    const button = (name: string) => main().getByRole("button", { name, exact: true });
    const link = (name: string) => main().getByRole("link", { name, exact: true });
    const textbox = (name: string, within: Locator = main()) => within.getByRole("textbox", { name, exact: true });
    const checkbox = (name: string) => main().getByRole("checkbox", { name, exact: true });
    const radio = (name: string) => main().getByRole("radio", { name, exact: true });

    /** What a person would notice going wrong on the page as it is now, in `language` (see checkPage). */
    const check = (name: string, heading: string, language: Language, { error = false } = {}) =>
      checkPage(browser, {
        name,
        heading,
        language,
        error,
        screenshot: `share-${configuration.slug}-${String(++screenshots).padStart(2, "0")}-${language}-${name}`,
      });

    /** The error summary and inline error after a mistake, and what the person chose still there. */
    async function checkMistake(mistake: Mistake, heading: string, language: Language, status: number) {
      const name = `${mistake.name}-error`;
      expect.soft(status, `${name} (${language}): the status of the answer to the POST`).toBe(400);
      await expect.poll(headings, { message: `${name}: still on the same page` }).toEqual([heading]);
      const listed = await page()
        .locator(".govuk-error-summary")
        .getByRole("link")
        .evaluateAll((links) => links.map((a) => ({ message: a.textContent?.trim() ?? "", href: a.getAttribute("href") ?? "" })));
      const expected = mistake.errors(language);
      expect.soft(listed, `${name} (${language}): the error summary lists the field and links to it`).toEqual(expected);
      const inline = (await main().locator(".govuk-error-message").allTextContents()).map((text) => text.replace(/\s+/g, " ").trim());
      for (const { message, href } of expected) {
        expect
          .soft(
            await page()
              .locator(`[id="${href.slice(1)}"]`)
              .count(),
            `${name}: the summary's link ${href} goes to a field on the page`,
          )
          .toBe(1);
        expect
          .soft(inline, `${name} (${language}): the field's own error message`)
          .toContain(`${words[language].govuk.errorMessage.visuallyHiddenText}: ${message}`);
      }
      await mistake.kept(language);
      await check(name, heading, language, { error: true });
    }

    /**
     * Checks the page as it is, then the same address in the other language,
     * then comes back. With a mistake, makes it in the other language and then
     * in this one, and leaves the page showing the error, its summary's link
     * followed, so that it can be put right.
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
      const href = mistake.errors(lang)[0].href;
      await page().locator(".govuk-error-summary").getByRole("link").first().click();
      if (configuration.javaScript) {
        // GOV.UK Frontend's error summary script moves focus to the field itself.
        await expect.poll(() => page().evaluate(() => document.activeElement?.id), { message: `${name}: focus after the summary link` }).toBe(href.slice(1));
      } else {
        await expect.poll(() => new URL(page().url()).hash, { message: `${name}: the summary link's target` }).toBe(href);
      }
    }

    /**
     * A page on the way to sharing that story-journey.ts checks in full in
     * this configuration, in both languages: here, only that the journey reached
     * it and that the browser had nothing to complain about.
     */
    async function passThrough(name: string, heading: (language: Language) => string) {
      await expect.poll(headings, { message: `${name}: the page's one h1` }).toEqual([heading(lang)]);
      expect.soft(await browser.problems(), `${name}: what the browser complained about`).toEqual([]);
    }

    /** A part of the story by the name every sharing page gives it. */
    const partName = (section: Section, l: Language) => (section === "about" ? words[l].sharing.parts.about : words[l].story.sections[section].title);
    /** The parts an agency sees as the pages list them: the name always first. */
    const partNames = (sections: readonly Section[], l: Language) => [words[l].sharing.declaration.name, ...sections.map((section) => partName(section, l))];

    /** Ticks exactly `sections` among the page's part checkboxes, by clicking as a person would. */
    async function tickParts(sections: readonly Section[]) {
      for (const section of sectionOrder) await checkbox(partName(section, lang)).setChecked(sections.includes(section));
    }
    const tickedParts = async () => {
      const ticked: Section[] = [];
      for (const section of sectionOrder) if (await checkbox(partName(section, lang)).isChecked()) ticked.push(section);
      return ticked;
    };

    /** The summary card headed `title`: each row's key, and its value's list items (or its text when it has none). */
    async function card(title: string) {
      const found = main()
        .locator(".govuk-summary-card")
        .filter({ has: page().getByRole("heading", { name: title, exact: true }) });
      expect(await found.count(), `one card for ${title}`).toBe(1);
      return rows(found);
    }
    async function rows(within: Locator) {
      const found = await within.locator(".govuk-summary-list__row").evaluateAll((items) =>
        items.map((row) => {
          const value = row.querySelector(".govuk-summary-list__value") as HTMLElement | null;
          const listItems = [...(value?.querySelectorAll("li") ?? [])].map((li) => li.textContent?.trim() ?? "");
          return [
            row.querySelector(".govuk-summary-list__key")?.textContent?.trim() ?? "",
            listItems.length > 0 ? listItems : (value?.innerText.trim() ?? ""),
          ] as const;
        }),
      );
      return Object.fromEntries(found) as Record<string, string | string[]>;
    }

    async function unsentEmails(): Promise<number> {
      const [{ unsent }] = await server.query<{ unsent: number }>("select count(*) as unsent from outbox where status <> 'sent'");
      return unsent;
    }

    async function sharesInDatabase(storyId: string): Promise<ShareRow[]> {
      return await server.query<ShareRow>(
        `select shares.id, agencies.name as agency, agencies.contact_email as inbox, shares.token_hash, shares.sections, shares.stopped_at
         from shares join agencies on agencies.id = shares.agency_id where shares.story_id = ?`,
        storyId,
      );
    }

    /** The journey's steps; what one step finds, the next goes on from. */
    const step = journeySteps();
    const t = words[lang];
    const sharing = (l: Language) => words[l].sharing;
    // Before any step: the end date of each share is six months from a day between then and now.
    const since = new Date();
    const endsOn = () => datesAhead(6, since, lang);
    const partsHeading = (key: AgencyKey) => (l: Language) => `${agencies[key].name[l]} ${sharing(l).parts.title}`;
    const partsPaths: Partial<Record<AgencyKey, string>> = {};
    const shareOf = (key: AgencyKey) => shares.find((share) => share.agency === agencies[key].name.en)!;
    const stopped = agencies.earlyHelp.name;
    /** How many emails the sink held before the journey. */
    let mailAtStart = 0;
    let storyPath = "";
    let storyId = "";
    /** Each agency's link, as the confirmation page showed it. */
    let confirmedLinks = {} as Record<AgencyKey, string>;
    /** The shares as the database keeps them once agreed. */
    let shares: ShareRow[] = [];

    step("start, and sign in with the code from the email", async () => {
      mailAtStart = server.mail.received.length;
      // Start, sign in with the code from the email, and start a story.
      await browser.visit(`/?lang=${lang}`);
      await passThrough("start", (l) => words[l].start.title);
      await follow(main().getByRole("button", { name: t.start.start }));
      expect(path()).toBe("/sign-in");
      await passThrough("sign-in", (l) => words[l].signIn.email.title);
      await textbox(t.signIn.email.title).fill(email);
      await press(button(t.signIn.email.continue));
      expect(path()).toBe("/sign-in/check-email");
      const signInEmail = readEmail(await server.mail.nextEmailTo(email, mailAtStart));
      const code = signInEmail.body.match(/^(\d{6})\r?$/m)?.[1];
      expect(code, "a 6-digit code on a line of its own").toBeDefined();
      await passThrough("check-email", (l) => words[l].signIn.code.title);
      await textbox(t.signIn.code.label).fill(code!);
      await press(button(t.signIn.code.continue));
      expect(path()).toBe("/stories");
      await passThrough("your-stories", (l) => words[l].story.list.title);
    });

    step("a short story: a name (saving it makes the story) and three sections", async () => {
      // A short story: a name (saving it makes the story) and three sections.
      await follow(button(t.story.list.start));
      await passThrough("who-for", (l) => words[l].story.whoFor.title);
      await main().getByRole("radio", { name: t.story.whoFor.me, exact: true }).check();
      await press(button(t.story.question.continue));
      expect(path()).toBe("/stories/new/about");
      await passThrough("about-name", (l) => words[l].story.pages.about.name.heading);
      await textbox(t.story.fields.about.name.label).fill(answers.name);
      await press(button(t.story.question.save));
      storyPath = path();
      expect(storyPath).toMatch(/^\/stories\/[0-9a-f-]{36}$/);
      storyId = storyPath.slice("/stories/".length);
      await passThrough("task-list-new", (l) => words[l].story.taskList.title);
      const pages = [
        { section: "matters", label: (l: Language) => words[l].story.fields.matters.matters.label, text: answers.matters },
        { section: "strengths", label: (l: Language) => words[l].story.fields.strengths.strengths.label, text: answers.strengths },
        { section: "dont-ask", label: (l: Language) => words[l].story.fields["dont-ask"].dontAsk.label, text: answers.dontAsk },
      ] as const;
      for (const { section, label, text } of pages) {
        await follow(link(t.story.sections[section].title));
        await passThrough(section, label);
        await textbox(label(lang)).fill(text);
        await press(button(t.story.question.continue));
        expect(path()).toBe(storyPath);
      }
    });

    step("publish it", async () => {
      // Publish it.
      await follow(link(t.story.taskList.checkLink));
      await passThrough("story-check-answers", (l) => words[l].story.check.title);
      await press(button(fill(t.story.check.publish, { version: 1 })));
      expect(path()).toBe(`${storyPath}/published/1`);
      await passThrough("published", (l) => fill(words[l].story.published.title, { version: 1 }));
      await follow(link(t.story.published.backLink));
      expect(path()).toBe(storyPath);
      await checkBothLanguages("task-list-published", (l) => words[l].story.taskList.title);
    });

    step("share: no agency chosen first, then three", async () => {
      // Share: no agency chosen first, then three.
      await follow(main().getByRole("button", { name: t.sharing.taskList.button, exact: true }));
      expect(path()).toBe(`${storyPath}/share`);
      await checkBothLanguages("agencies", (l) => sharing(l).agencies.title, {
        name: "agencies-none",
        make: (l) => press(button(sharing(l).continue)),
        errors: (l) => [{ message: sharing(l).agencies.errors.required, href: "#agencies" }],
        kept: async (l) => expect.soft(await main().getByRole("checkbox", { checked: true }).count(), `agencies-none (${l}): nothing ticked`).toBe(0),
      });
      for (const key of agencyKeys) await checkbox(agencies[key].name[lang]).check();
      await press(button(t.sharing.continue));
    });

    step("which parts, agency by agency: none ticked once, then each its own", async () => {
      // Which parts, agency by agency in the order the list gave them: none ticked once, then each its own.
      for (const [index] of agencyKeys.entries()) {
        expect(path()).toMatch(new RegExp(`^${storyPath}/share/parts/[0-9a-f-]{36}$`));
        const caption = (await main().locator(".govuk-caption-l").textContent())?.trim();
        const key = agencyKeys.find((k) => agencies[k].name[lang] === caption);
        expect(key, `the parts page names one of the chosen agencies (${caption})`).toBeDefined();
        partsPaths[key!] = path();
        const heading = partsHeading(key!);
        expect.soft(await tickedParts(), `${key}: nothing ticked to start with`).toEqual([]);
        if (index === 1) {
          await checkBothLanguages(`parts-${key}`, heading, {
            name: `parts-${key}-none`,
            make: async (l) => {
              for (const box of await main().getByRole("checkbox").all()) await box.uncheck();
              return press(button(sharing(l).continue));
            },
            errors: (l) => [{ message: sharing(l).parts.errors.required, href: "#parts" }],
            kept: async (l) => expect.soft(await main().getByRole("checkbox", { checked: true }).count(), `parts-none (${l}): nothing ticked`).toBe(0),
          });
        } else {
          await checkBothLanguages(`parts-${key}`, heading);
        }
        await tickParts(key === "carers" ? carersFirstChoice : agencies[key!].parts);
        await press(button(t.sharing.continue));
      }
      expect(Object.keys(partsPaths).sort()).toEqual([...agencyKeys].sort());
    });

    step("how long: a date more than 12 months away first, then 6 months", async () => {
      // How long: a date more than 12 months away first, then 6 months.
      expect(path()).toBe(`${storyPath}/share/how-long`);
      const dateGroup = (l: Language) => main().getByRole("group", { name: sharing(l).howLong.dateLegend, exact: true });
      const dateBox = (l: Language, part: "day" | "month" | "year") => textbox(words[l].govuk.dateInput[`${part}Label`], dateGroup(l));
      const tooFar = monthsAhead(24);
      const typed = { day: String(tooFar.getUTCDate()), month: String(tooFar.getUTCMonth() + 1), year: String(tooFar.getUTCFullYear()) };
      await checkBothLanguages("how-long", (l) => sharing(l).howLong.title, {
        name: "how-long-too-far",
        make: async (l) => {
          await radio(sharing(l).howLong.date).check();
          for (const part of ["day", "month", "year"] as const) await dateBox(l, part).fill(typed[part]);
          return press(button(sharing(l).continue));
        },
        errors: (l) => [{ message: fill(sharing(l).howLong.errors.tooFar, { date: longDate(monthsAhead(12), l) }), href: "#endDate-day" }],
        kept: async (l) => {
          expect.soft(await radio(sharing(l).howLong.date).isChecked(), `how-long-too-far (${l}): "Choose a date" still chosen`).toBe(true);
          for (const part of ["day", "month", "year"] as const) {
            expect.soft(await dateBox(l, part).inputValue(), `how-long-too-far (${l}): the ${part} as typed`).toBe(typed[part]);
          }
        },
      });
      await radio(t.sharing.howLong.months["6"]).check();
      for (const part of ["day", "month", "year"] as const) await dateBox(lang, part).fill("");
      await press(button(t.sharing.continue));
    });

    step("keep up to date, and contact", async () => {
      // Keep up to date, and contact.
      expect(path()).toBe(`${storyPath}/share/updates`);
      await checkBothLanguages("updates", (l) => sharing(l).updates.title);
      await radio(t.sharing.updates.yes).check();
      await press(button(t.sharing.continue));
      expect(path()).toBe(`${storyPath}/share/contact`);
      await checkBothLanguages("contact", (l) => sharing(l).contact.title);
      await radio(t.sharing.contact.yes).check();
      await checkbox(t.story.fields.about.contactBy.options.letter).check();
      await press(button(t.sharing.continue));
    });

    step("check your answers, changing the carers' parts through its Change link", async () => {
      // Check your answers; change the carers' parts through its Change link, and come back.
      expect(path()).toBe(`${storyPath}/share/check`);
      await checkBothLanguages("check", (l) => sharing(l).check.title);
      expect((await card(agencies.carers.name[lang]))[t.sharing.check.parts]).toEqual(partNames(carersFirstChoice, lang));
      await follow(link(`${t.sharing.change} ${t.sharing.check.partsHidden} (${agencies.carers.name[lang]})`));
      expect(path()).toBe(partsPaths.carers);
      expect(await tickedParts(), "the carers' parts as chosen").toEqual(carersFirstChoice);
      await check("parts-carers-change", partsHeading("carers")(lang), lang);
      await tickParts(agencies.carers.parts);
      await press(button(t.sharing.continue));
      expect(path(), "a change from the check page comes straight back to it").toBe(`${storyPath}/share/check`);
      for (const key of agencyKeys) expect((await card(agencies[key].name[lang]))[t.sharing.check.parts], key).toEqual(partNames(agencies[key].parts, lang));
      const summary = await rows(main().locator(".govuk-summary-list").first());
      expect(summary[t.sharing.check.howLong]).toBeOneOf(endsOn());
      expect(summary[t.sharing.check.agencies]).toEqual(expect.arrayContaining(agencyKeys.map((key) => agencies[key].name[lang])));
      await check("check-changed", t.sharing.check.title, lang);
    });

    step("the declaration names each agency, its parts and the end date", async () => {
      // The declaration names each agency, its parts and the end date.
      await follow(main().getByRole("button", { name: t.sharing.continue, exact: true }));
      expect(path()).toBe(`${storyPath}/share/agree`);
      await checkBothLanguages("agree", (l) => sharing(l).agree.title);
      const blocks = await main()
        .locator(".app-declaration")
        .evaluateAll((sections) =>
          sections.map((section) => ({
            heading: section.querySelector("h2")?.textContent?.trim() ?? "",
            parts: [...section.querySelectorAll("li")].map((li) => li.textContent?.trim() ?? ""),
            paragraphs: [...section.querySelectorAll("p")].map((p) => p.textContent?.trim() ?? ""),
          })),
        );
      expect(blocks.map((block) => block.heading).sort()).toEqual(
        agencyKeys.map((key) => fill(t.sharing.declaration.heading, { agency: agencies[key].name[lang] })).sort(),
      );
      for (const key of agencyKeys) {
        const block = blocks.find((b) => b.heading === fill(t.sharing.declaration.heading, { agency: agencies[key].name[lang] }));
        expect(block?.parts, `${key}: the parts agreed to`).toEqual(partNames(agencies[key].parts, lang));
        expect(block?.paragraphs, `${key}: the end date`).toContainEqual(expect.toBeOneOf(endsOn().map((date) => fill(t.sharing.declaration.until, { date }))));
      }
    });

    step("agree and share: the confirmation shows each agency's link, once", async () => {
      // Agree and share: the confirmation shows each agency's link, once.
      expect(await press(button(t.sharing.agree.button))).toBe(200);
      await expect.poll(headings).toEqual([t.sharing.confirmation.title]);
      const shown = await main()
        .locator(".app-share-link")
        .evaluateAll((paragraphs) =>
          paragraphs.map((p) => ({ heading: p.previousElementSibling?.textContent?.trim() ?? "", link: p.textContent?.trim() ?? "" })),
        );
      expect(shown.map((s) => s.heading).sort()).toEqual(
        agencyKeys.map((key) => fill(t.sharing.confirmation.linkFor, { agency: agencies[key].name[lang] })).sort(),
      );
      confirmedLinks = Object.fromEntries(
        agencyKeys.map((key) => [key, shown.find((s) => s.heading === fill(t.sharing.confirmation.linkFor, { agency: agencies[key].name[lang] }))?.link ?? ""]),
      ) as Record<AgencyKey, string>;
      for (const key of agencyKeys) expect(confirmedLinks[key], key).toMatch(new RegExp(`^${server.url}/shared/[A-Za-z0-9_-]{43}$`));
      expect(new Set(Object.values(confirmedLinks)).size).toBe(3);
      const mainText = (await main().textContent()) ?? "";
      for (const key of agencyKeys) expect(mainText.split(confirmedLinks[key]).length - 1, `${key}: its link shown once`).toBe(1);
      await check("confirmation", t.sharing.confirmation.title, lang);
      // Seen again, in either language, the page no longer shows any link.
      for (const language of [other, lang]) {
        await browser.visit(inLanguage(language));
        await check(`confirmation-again`, words[language].sharing.confirmation.title, language);
        expect(await page().content(), `the links are not shown again (${language})`).not.toContain("/shared/");
      }

      shares = await sharesInDatabase(storyId);
      // The database keeps each agency's English name beside its Welsh.
      expect(shares.map((share) => share.agency).sort()).toEqual(agencyKeys.map((key) => agencies[key].name.en).sort());
      for (const key of agencyKeys) expect(JSON.parse(shareOf(key).sections), `${key}: the sections kept`).toEqual(agencies[key].parts);
    });

    step("who has your story: the three, each with its own parts", async () => {
      // Who has your story: the three, each with its own parts.
      await follow(link(t.sharing.confirmation.whoHasLink));
      expect(path()).toBe(`${storyPath}/shares`);
      await checkBothLanguages("who-has", (l) => sharing(l).whoHas.title);
      for (const key of agencyKeys) {
        const shownCard = await card(agencies[key].name[lang]);
        expect(shownCard[t.sharing.whoHas.parts], `${key}: the parts on its card`).toEqual(partNames(agencies[key].parts, lang));
        expect(shownCard[t.sharing.whoHas.status], `${key}: shared`).toBe(t.sharing.whoHas.states.active);
        expect(shownCard[t.sharing.whoHas.ends], `${key}: until`).toBeOneOf(endsOn());
      }
    });

    step("each receipt, and its JSON download", async () => {
      // Each receipt, and its JSON download.
      for (const key of agencyKeys) {
        const name = agencies[key].name[lang];
        await follow(link(`${t.sharing.whoHas.receiptLink} (${name})`));
        expect(path()).toBe(`${storyPath}/shares/${shareOf(key).id}/receipt`);
        await checkBothLanguages(`receipt-${key}`, (l) => sharing(l).receipt.title);
        const receipt = await rows(main().locator(".govuk-summary-list").first());
        expect(receipt[t.sharing.receipt.agency]).toBe(name);
        expect(receipt[t.sharing.receipt.parts], `${key}: the parts on its receipt`).toEqual(partNames(agencies[key].parts, lang));
        expect(receipt[t.sharing.receipt.ends]).toBeOneOf(endsOn());
        const download = link(t.sharing.receipt.download);
        expect(await download.getAttribute("download")).not.toBeNull();
        const json = await browser.context.request.get((await download.getAttribute("href"))!);
        expect(json.status(), `${key}: the receipt download`).toBe(200);
        expect(json.headers()["content-type"]).toMatch(/^application\/json/);
        const body = await json.json();
        expect(body.recipient.name).toBe(name);
        expect(body.shareID).toBe(shareOf(key).id);
        expect(body.services[0].purposes[0].piiCategory, `${key}: the parts in the JSON receipt`).toEqual(agencies[key].parts);
        expect(JSON.stringify(body)).not.toMatch(new RegExp(storyWords.join("|")));
        await follow(link(t.sharing.receipt.whoHasLink));
        expect(path()).toBe(`${storyPath}/shares`);
      }
      await check("who-has-after-receipts", t.sharing.whoHas.title, lang);
    });

    step("stop sharing with Early Help", async () => {
      // Stop sharing with Early Help: the confirmation page, then stopped.
      await follow(link(`${t.sharing.whoHas.actions.stop} (${stopped[lang]})`));
      expect(path()).toBe(`${storyPath}/shares/${shareOf("earlyHelp").id}/stop`);
      await checkBothLanguages("stop", (l) => fill(sharing(l).stop.heading, { agency: stopped[l] }));
      await press(button(t.sharing.stop.button));
      expect(path()).toBe(`${storyPath}/shares`);
      expect((await main().locator(".govuk-notification-banner").textContent()) ?? "").toContain(
        fill(t.sharing.whoHas.done.stopped, { agency: stopped[lang] }),
      );
      await checkBothLanguages("who-has-stopped", (l) => sharing(l).whoHas.title);
      const stoppedCard = await card(stopped[lang]);
      expect(stoppedCard[t.sharing.whoHas.status]).toBe(t.sharing.whoHas.states.stopped);
      expect(await link(`${t.sharing.whoHas.actions.stop} (${stopped[lang]})`).count(), "a stopped share cannot be stopped again").toBe(0);
    });

    step("change what the GP can see", async () => {
      // Change what the GP can see.
      const gp = agencies.gp.name;
      await follow(link(`${t.sharing.whoHas.actions.change} ${t.sharing.whoHas.partsHidden} (${gp[lang]})`));
      expect(path()).toBe(`${storyPath}/shares/${shareOf("gp").id}/parts`);
      expect(await tickedParts(), "the GP's parts as agreed").toEqual(agencies.gp.parts);
      await checkBothLanguages("change-parts", (l) => fill(sharing(l).changeParts.heading, { agency: gp[l] }));
      await tickParts(gpChanged);
      await press(button(t.sharing.changeParts.button));
      expect(path()).toBe(`${storyPath}/shares`);
      expect((await main().locator(".govuk-notification-banner").textContent()) ?? "").toContain(fill(t.sharing.whoHas.done.changed, { agency: gp[lang] }));
      await checkBothLanguages("who-has-changed", (l) => sharing(l).whoHas.title);
      expect((await card(gp[lang]))[t.sharing.whoHas.parts]).toEqual(partNames(gpChanged, lang));
      expect((await card(agencies.carers.name[lang]))[t.sharing.whoHas.parts]).toEqual(partNames(agencies.carers.parts, lang));
      const after = await sharesInDatabase(storyId);
      expect(JSON.parse(after.find((share) => share.agency === gp.en)!.sections)).toEqual(gpChanged);
      expect(after.find((share) => share.agency === stopped.en)!.stopped_at).not.toBeNull();
      expect(after.filter((share) => share.stopped_at !== null)).toHaveLength(1);
    });

    step("the emails: exactly the right ones, none holding the story's words", async () => {
      // The sink: exactly one sign-in email, a link to each agency, one receipt, one "access ended" — nothing else.
      const expectedCount = 6;
      await expect.poll(() => server.mail.received.length - mailAtStart, { timeout: 15_000, message: "emails arrived" }).toBeGreaterThanOrEqual(expectedCount);
      // ...and nothing else is waiting to go: every email the service queued has been sent.
      await expect.poll(async () => await unsentEmails(), { timeout: 15_000, message: "emails still in the outbox" }).toBe(0);
      const received = server.mail.received.slice(mailAtStart).map(readEmail);
      expect(received.map((e) => e.to).sort()).toEqual([email, email, ...agencyKeys.map((key) => agencies[key].inbox), agencies.earlyHelp.inbox].sort());
      const e = t.email;
      const values = names[lang];
      // An agency's email is in both languages, the person's first, each naming the agency in its language: its inbox's language is not known.
      const both = (key: "shareLink" | "shareStopped", agency: Record<Language, string>) =>
        `${fill(e[key].subject, { ...values, agency: agency[lang] })} / ${fill(words[other].email[key].subject, { ...names[other], agency: agency[other] })}`;
      const subjects = {
        signIn: fill(e.signInCode.subject, values),
        receipt: fill(e.shareReceipt.subject, values),
        link: (agency: Record<Language, string>) => both("shareLink", agency),
        stopped: (agency: Record<Language, string>) => both("shareStopped", agency),
      };
      const toResident = received.filter((m) => m.to === email);
      expect(toResident.map((m) => m.subject).sort()).toEqual([subjects.signIn, subjects.receipt].sort());
      const receiptEmail = toResident.find((m) => m.subject === subjects.receipt)!;
      for (const key of agencyKeys) {
        expect(receiptEmail.body, `the receipt email lists ${key}'s parts`).toContain(
          `${agencies[key].name[lang]}: ${partNames(agencies[key].parts, lang).join(", ")}`,
        );
      }
      expect(receiptEmail.body).toContain(`${server.url}${storyPath}/shares`);
      expect(receiptEmail.body).not.toContain("/shared/");
      for (const key of agencyKeys) {
        const { name, inbox } = agencies[key];
        const toAgency = received.filter((m) => m.to === inbox);
        const linkEmail = toAgency.find((m) => m.subject === subjects.link(name));
        expect(linkEmail, `${key}: one link email`).toBeDefined();
        expect(toAgency.filter((m) => m.subject === subjects.link(name))).toHaveLength(1);
        const links = [...linkEmail!.body.matchAll(/https?:\/\/\S+\/shared\/([A-Za-z0-9_-]+)/g)];
        // Once in each language.
        expect(
          links.map((m) => m[0]),
          `${key}: the link in its email is the one the confirmation showed`,
        ).toEqual([confirmedLinks[key], confirmedLinks[key]]);
        expect(linkEmail!.body).toContain(fill(words[other].email.shareLink.verify, { agency: name[other] }));
        expect(sha256(links[0][1]), `${key}: the database keeps the SHA-256 of its token`).toBe(shareOf(key).token_hash);
        expect(linkEmail!.body).toContain(fill(e.shareLink.verify, { agency: name[lang] }));
        expect(toAgency.map((m) => m.subject)).toEqual(
          key === "earlyHelp" ? expect.arrayContaining([subjects.link(name), subjects.stopped(name)]) : [subjects.link(name)],
        );
      }
      const stoppedEmail = received.find((m) => m.subject === subjects.stopped(stopped));
      expect(stoppedEmail?.to).toBe(agencies.earlyHelp.inbox);
      expect(stoppedEmail?.body).toContain(e.shareStopped.link);
      for (const message of received) {
        for (const word of storyWords)
          expect.soft(`${message.subject}\n${message.body}`, `an email to ${message.to} must not hold the story's words`).not.toContain(word);
      }
    });
  });
}
