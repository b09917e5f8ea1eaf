/**
 * A professional reading the story a resident shared with their agency, in a
 * real Chromium, in every configuration: 375 px and 1280 px, JavaScript on and
 * off. Each configuration runs in one language (two in English, two in Welsh)
 * and loads every page and error state in the other language too.
 *
 * The resident writes a short story (one answer over several lines, one part
 * they will not share) and shares it through the share journey's pages. The
 * professional, in a browser of their own, opens the link from the agency's
 * email, is refused an address at another domain, proves a work address with
 * the emailed code, reads the summary (what was agreed, the shared parts in the
 * resident's own words, nothing else), prints it (print view and an A4 PDF)
 * and lets the resident know it was received. The resident then sees who
 * opened it and the reply on "Who has your story", and stops sharing: the
 * professional's next request is answered 410. A made-up link is a 404.
 *
 * Then, at 375 px with JavaScript on and off, a professional finishes reading
 * and goes Back (or uses a bookmark) to a page of the story: it says the story
 * is not open on this device and how to open it again. And the summary of a
 * whole story, printed to PDF, has the person's name and the page number on
 * every page, and no page left nearly empty.
 *
 * Every page and error state the professional meets is checked with axe-core,
 * for sideways scrolling at 375 px and for anything the browser complains
 * about. A screenshot of each goes to tests/.tmp/screenshots/.
 *
 * The configurations with JavaScript on run in one test file and those with
 * it off in another (shared-story-js-on.test.ts, shared-story-js-off.test.ts),
 * so that the two workers share them.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { formatDateTime } from "#app/i18n/dates";
import commonCy from "#app/i18n/locales/cy/common.json";
import govukCy from "#app/i18n/locales/cy/govuk.json";
import sharedCy from "#app/i18n/locales/cy/shared.json";
import sharingCy from "#app/i18n/locales/cy/sharing.json";
import signInCy from "#app/i18n/locales/cy/signIn.json";
import storyCy from "#app/i18n/locales/cy/story.json";
import commonEn from "#app/i18n/locales/en/common.json";
import govukEn from "#app/i18n/locales/en/govuk.json";
import sharedEn from "#app/i18n/locales/en/shared.json";
import sharingEn from "#app/i18n/locales/en/sharing.json";
import signInEn from "#app/i18n/locales/en/signIn.json";
import storyEn from "#app/i18n/locales/en/story.json";
import { type BrowserSession, checkPage, configurations, type ExpectedError, openBrowser } from "#tests/support/browser";
import { browserFor, datesAhead, fill, journeySteps, type Language, phone } from "#tests/support/journey";
import { codeFrom, linkSentTo, openAsProfessional, shareLinkFrom } from "#tests/support/professional";
import { allParts, type PageAnswers, publishedStory, shareThroughTheJourney, wholePublishedStory } from "#tests/support/share-journey";
import { bodyOf, signIn, startServerWithMail, type ServerWithMail } from "#tests/support/sign-in";

const words = {
  en: { common: commonEn, govuk: govukEn, shared: sharedEn, sharing: sharingEn, signIn: signInEn, story: storyEn },
  cy: { common: commonCy, govuk: govukCy, shared: sharedCy, sharing: sharingCy, signIn: signInCy, story: storyCy },
};
/** The service's name as the pages give it, with nothing configured. */
const serviceName = { en: "Tell it once", cy: "Dweud unwaith" };

/** Two demo agencies (app/services/demo-agencies.server.ts), by name in each language: one with one domain, one with two (so the error names both). */
const riverside = {
  name: { en: "Riverside Medical Practice", cy: "Meddygfa Glan yr Afon" },
  inbox: "riverside.practice@nhs.example.net",
  domains: ["nhs.example.net"],
  // A subdomain of the agency's domain is not the agency's domain.
  wrongEmail: "reception@riverside.nhs.example.net",
  role: "Practice nurse",
};
const housing = {
  name: { en: "Demo Council Housing Options", cy: "Opsiynau Tai Cyngor Demo" },
  inbox: "housing.options@housing.demo-council.example.org",
  domains: ["demo-council.example.org", "housing.demo-council.example.org"],
  wrongEmail: "duty.officer@demo-council.example.com",
  role: "Housing options officer",
};

/**
 * Each configuration in one language, so that each language meets JavaScript
 * on and off and both widths; with one agency each, and both answers to
 * "When you change your story, can they see the new version?".
 */
const runs = configurations.map((configuration) => {
  const lang: Language = (configuration.viewport.width === 375) === configuration.javaScript ? "en" : "cy";
  return {
    label: `${configuration.label}, in ${lang === "en" ? "English" : "Welsh"}`,
    configuration,
    lang,
    agency: lang === "en" ? riverside : housing,
    keepUpToDate: configuration.javaScript,
  };
});

/** What the resident writes: one answer over several lines (a blank one too), with characters that would be markup if not escaped. */
const story = {
  name: "Eleri Morgan-Pryce",
  matters: `Walking Bess by the river before breakfast.\nMy sister Ceri, who phones on Sundays.\n\nTea & toast with "Mam" – <never> rushed.`,
  strengths: "I keep a diary of every appointment.\nI ask when I do not understand.",
  // Written, published, and not shared with anyone.
  dontAsk: "Please do not ask me about the accident on the bypass.",
};
const firstName = "Eleri";
/** The parts shared: "About you" (the name), what matters and strengths; "What I do not want to be asked again" is not. */
const sharedSections = ["about", "matters", "strengths"] as const;

/** What the professional writes back. */
const reply = { name: "Aled Rees", message: "Thank you, Eleri.\nWe will phone you on Tuesday morning to arrange a visit." };

/** Every page size in a PDF, in points. */
function pageSizes(pdf: Buffer): { width: number; height: number }[] {
  return [...pdf.toString("latin1").matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => ({
    width: Number(m[1]),
    height: Number(m[2]),
  }));
}
/** A4 is 210 × 297 mm: 595.3 × 841.9 points. */
const isA4 = ({ width, height }: { width: number; height: number }) => Math.abs(width - 595.3) < 2 && Math.abs(height - 841.9) < 2;

/** A mistake to make on a page, in either language, and what the page should say about it. */
type Mistake = {
  name: string;
  /** Makes the mistake on the page as it is; gives the status of the answer. */
  make: (language: Language) => Promise<number>;
  errors: (language: Language) => ExpectedError[];
  /** Input id → what must still be in it after the error. */
  kept?: Record<string, string>;
};

/**
 * The journey in each configuration with JavaScript on, or off, with `server`
 * the test file's portal. The two configurations with the same setting share a
 * file (shared-story-js-on.test.ts, shared-story-js-off.test.ts): each page
 * state they meet, in a language with that setting, is audited once, at
 * whichever width meets it first.
 */
export function readingASharedStory(server: ServerWithMail, javaScript: boolean): void {
  describe.each(runs.filter((run) => run.configuration.javaScript === javaScript))("$label", ({ configuration, lang, agency, keepUpToDate }) => {
    const other: Language = lang === "en" ? "cy" : "en";
    const t = words[lang];
    const residentEmail = `resident-${configuration.slug}@example.org`;
    // At the agency's last domain: for Housing Options, the second of its two.
    const workEmail = `duty.${configuration.slug}@${agency.domains.at(-1)}`;
    // Before any step: the share is made, and ends six months on, on a day between then and now.
    const since = new Date();
    const endsOn = (l: Language) => datesAhead(6, since, l);

    /** The resident's browser, signed in; the professional's, a browser of its own with none of the resident's cookies. */
    const resident = browserFor(server, configuration, { cookie: () => signIn(server, residentEmail) });
    const professional = browserFor(server, configuration);
    const step = journeySteps();
    let storyId = "";
    let shareId = "";
    let emailedLink = "";
    /** Each time the summary's loader answered 200 to the professional: each is one line in the access log. */
    let summaryLoads = 0;
    let screenshots = 0;

    beforeAll(() => {
      professional.page.on("response", (response) => {
        const url = new URL(response.url());
        if (shareId && response.status() === 200 && new RegExp(`^/shared/${shareId}/summary(\\.data)?$`).test(url.pathname)) summaryLoads += 1;
      });
    });

    const main = (s: BrowserSession) => s.page.getByRole("main");
    const path = (s: BrowserSession) => new URL(s.page.url()).pathname;
    const headings = (s: BrowserSession) => async () => (await s.page.locator("h1").allTextContents()).map((text) => text.replace(/\s+/g, " ").trim());
    const button = (s: BrowserSession, name: string) => main(s).getByRole("button", { name, exact: true });
    const link = (s: BrowserSession, name: string) => main(s).getByRole("link", { name, exact: true });
    const textbox = (s: BrowserSession, name: string) => main(s).getByRole("textbox", { name, exact: true });
    const follow = (s: BrowserSession, target: Locator) => s.navigate(() => target.click());
    const sharedPath = (page: "email" | "code" | "summary" | "received") => `/shared/${shareId}/${page}`;

    /** The page's address (without any #fragment) asking for `language`. */
    function inLanguage(s: BrowserSession, language: Language): string {
      const url = new URL(s.page.url());
      url.searchParams.set("lang", language);
      return `${url.pathname}${url.search}`;
    }

    /** What a person would notice going wrong on the page as it is now, in `language`; `title` is the page's name in its <title> (see checkPage). */
    const check = (s: BrowserSession, name: string, heading: string, language: Language, { error = false, title = heading } = {}) =>
      checkPage(s, {
        name,
        heading,
        language,
        error,
        title,
        screenshot: `shared-${configuration.slug}-${String(++screenshots).padStart(2, "0")}-${language}-${name}`,
      });

    /** The error summary and inline errors after a mistake, and what was typed still there. */
    async function checkMistake(mistake: Mistake, heading: string, language: Language, status: number) {
      const name = `${mistake.name}-error`;
      const s = professional;
      expect.soft(status, `${name} (${language}): the status of the answer to the POST`).toBe(400);
      await expect.poll(headings(s), { message: `${name}: still on the same page` }).toEqual([heading]);
      const listed = await s.page
        .locator(".govuk-error-summary")
        .getByRole("link")
        .evaluateAll((links) => links.map((a) => ({ message: a.textContent?.trim() ?? "", href: a.getAttribute("href") ?? "" })));
      const expected = mistake.errors(language);
      expect.soft(listed, `${name} (${language}): the error summary lists each field, in order, and links to it`).toEqual(expected);
      // (With JavaScript, a character count over its limit shows its count as an error message too: that one has no id.)
      const inline = (await main(s).locator('.govuk-error-message[id$="-error"]').allTextContents()).map((text) => text.replace(/\s+/g, " ").trim());
      const hidden = words[language].govuk.errorMessage.visuallyHiddenText;
      expect.soft(inline, `${name} (${language}): each field's own error message`).toEqual(expected.map(({ message }) => `${hidden}: ${message}`));
      for (const { href } of expected) {
        expect.soft(await s.page.locator(`[id="${href.slice(1)}"]`).count(), `${name}: the summary's link ${href} goes to a field on the page`).toBe(1);
      }
      for (const [id, value] of Object.entries(mistake.kept ?? {})) {
        expect.soft(await s.page.locator(`[id="${id}"]`).inputValue(), `${name} (${language}): what was typed in #${id} is still there`).toBe(value);
      }
      await check(s, name, heading, language, { error: true });
    }

    /**
     * Checks the professional's page as it is, then the same address in the
     * other language; makes each mistake there, then back in this language, so
     * every page and error state is checked in both. Leaves the page in this
     * language (showing the last mistake, if any).
     */
    async function checkBothLanguages(name: string, heading: (language: Language) => string, mistakes: Mistake[] = []) {
      const s = professional;
      await check(s, name, heading(lang), lang);
      await s.visit(inLanguage(s, other));
      await check(s, name, heading(other), other);
      for (const mistake of mistakes) await checkMistake(mistake, heading(other), other, await mistake.make(other));
      await s.visit(inLanguage(s, lang));
      await expect.poll(headings(s), { message: `${name}: back in ${lang}` }).toEqual([heading(lang)]);
      for (const mistake of mistakes) await checkMistake(mistake, heading(lang), lang, await mistake.make(lang));
      if (mistakes.length === 0) return;
      // The error summary's first link takes you to the field.
      const href = mistakes.at(-1)!.errors(lang)[0].href;
      await s.page.locator(".govuk-error-summary").getByRole("link").first().click();
      if (configuration.javaScript) {
        // GOV.UK Frontend's error summary script moves focus to the field itself.
        await expect.poll(() => s.page.evaluate(() => document.activeElement?.id), { message: `${name}: focus after the summary link` }).toBe(href.slice(1));
      } else {
        await expect.poll(() => new URL(s.page.url()).hash, { message: `${name}: the summary link's target` }).toBe(href);
      }
    }

    /** A summary list's rows: each key, and its value's list items (or its text, line breaks kept, when it has none). */
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

    /** The summary card headed `title`. */
    function card(s: BrowserSession, title: string): Locator {
      return main(s)
        .locator(".govuk-summary-card")
        .filter({ has: s.page.getByRole("heading", { name: title, exact: true }) });
    }

    /** For each element `selector` finds, whether it is rendered (not display: none, nor inside something that is) in the media emulated. */
    const visible = (s: BrowserSession, selector: string) =>
      s.page.locator(selector).evaluateAll((elements) => elements.map((element) => element.checkVisibility()));

    /** The name every sharing page gives a part of the story. */
    const partName = (section: string, l: Language) =>
      section === "about" ? words[l].sharing.parts.about : words[l].story.sections[section as keyof typeof storyEn.sections].title;
    /** The heading a part has on the summary an agency reads. */
    const summaryTitle = (section: string, l: Language) => words[l].story.sections[section as keyof typeof storyEn.sections].summaryTitle;

    step("the resident writes their story and shares three parts of it through the share pages", async () => {
      const r = resident;
      const mailAtStart = server.mail.received.length;
      await r.visit(`/stories?lang=${lang}`);
      // Start a new story: saving the name makes it.
      await follow(r, button(r, t.story.list.start));
      await main(r).getByRole("radio", { name: t.story.whoFor.me, exact: true }).check();
      await r.submit(button(r, t.story.question.continue));
      await textbox(r, t.story.fields.about.name.label).fill(story.name);
      await r.submit(button(r, t.story.question.save));
      const storyPath = path(r);
      expect(storyPath).toMatch(/^\/stories\/[0-9a-f-]{36}$/);
      storyId = storyPath.slice("/stories/".length);
      const answers = [
        { section: "matters", label: t.story.fields.matters.matters.label, text: story.matters },
        { section: "strengths", label: t.story.fields.strengths.strengths.label, text: story.strengths },
        { section: "dont-ask", label: t.story.fields["dont-ask"].dontAsk.label, text: story.dontAsk },
      ] as const;
      for (const { section, label, text } of answers) {
        await follow(r, link(r, t.story.sections[section].title));
        await textbox(r, label).fill(text);
        await r.submit(button(r, t.story.question.continue));
        expect(path(r), `${section}: back to the task list`).toBe(storyPath);
      }
      await follow(r, link(r, t.story.taskList.checkLink));
      await r.submit(button(r, fill(t.story.check.publish, { version: 1 })));
      expect(path(r)).toBe(`${storyPath}/published/1`);
      await follow(r, link(r, t.story.published.backLink));

      // Share: the agency; three parts; 6 months; updates; contact by letter; check; agree.
      await follow(r, main(r).getByRole("button", { name: t.sharing.taskList.button, exact: true }));
      expect(path(r)).toBe(`${storyPath}/share`);
      await main(r).getByRole("checkbox", { name: agency.name[lang], exact: true }).check();
      await r.submit(button(r, t.sharing.continue));
      expect(path(r)).toMatch(new RegExp(`^${storyPath}/share/parts/[0-9a-f-]{36}$`));
      for (const box of await main(r).getByRole("checkbox").all()) await box.uncheck();
      for (const section of sharedSections)
        await main(r)
          .getByRole("checkbox", { name: partName(section, lang), exact: true })
          .check();
      await r.submit(button(r, t.sharing.continue));
      expect(path(r)).toBe(`${storyPath}/share/how-long`);
      await main(r).getByRole("radio", { name: t.sharing.howLong.months["6"], exact: true }).check();
      await r.submit(button(r, t.sharing.continue));
      expect(path(r)).toBe(`${storyPath}/share/updates`);
      await main(r)
        .getByRole("radio", { name: keepUpToDate ? t.sharing.updates.yes : t.sharing.updates.no, exact: true })
        .check();
      await r.submit(button(r, t.sharing.continue));
      expect(path(r)).toBe(`${storyPath}/share/contact`);
      await main(r).getByRole("radio", { name: t.sharing.contact.yes, exact: true }).check();
      await main(r).getByRole("checkbox", { name: t.story.fields.about.contactBy.options.letter, exact: true }).check();
      await r.submit(button(r, t.sharing.continue));
      expect(path(r)).toBe(`${storyPath}/share/check`);
      await follow(r, main(r).getByRole("button", { name: t.sharing.continue, exact: true }));
      expect(path(r)).toBe(`${storyPath}/share/agree`);
      const beforeAgreeing = server.mail.received.length;
      await r.submit(button(r, t.sharing.agree.button));
      await expect.poll(headings(r)).toEqual([t.sharing.confirmation.title]);
      const shown = (await main(r).locator(".app-share-link").allTextContents()).map((text) => text.trim());

      // The agency's inbox gets the link the confirmation page showed.
      emailedLink = shareLinkFrom(await server.mail.nextEmailTo(agency.inbox, beforeAgreeing));
      expect(shown, "the confirmation page shows the agency's link, the one in its email").toEqual([emailedLink]);
      expect(emailedLink).toMatch(new RegExp(`^${server.url}/shared/[A-Za-z0-9_-]{43}$`));
      expect(
        server.mail.received.slice(mailAtStart).every((email) => !bodyOf(email).includes("Bess")),
        "no email holds the story's words",
      ).toBe(true);
      expect(await r.problems(), "what the resident's browser complained about").toEqual([]);
    });

    step("the professional opens the emailed link, is refused an address at another domain, and proves a work address with the emailed code", async () => {
      const p = professional;
      expect(emailedLink, "the resident shared the story").not.toBe("");
      expect(await p.context.cookies(), "the professional's browser starts with no cookies").toEqual([]);

      // The link is exchanged for a cookie and left behind: the token stays out of the address bar and history.
      const opened = await p.visit(emailedLink);
      const exchanged = opened.request().redirectedFrom();
      expect(exchanged?.url(), "the link was answered with a redirect").toBe(emailedLink);
      expect((await exchanged!.response())?.status()).toBe(302);
      expect(opened.status()).toBe(200);
      shareId = path(p).match(/^\/shared\/([0-9a-f-]{36})\/email$/)?.[1] ?? "";
      expect(shareId, `the link leads to /shared/<share id>/email, not ${path(p)}`).not.toBe("");
      expect(p.page.url()).not.toContain(emailedLink.slice(-43));
      const cookie = (await p.context.cookies(`${server.url}${sharedPath("email")}`)).find((c) => c.name === `share-${shareId}`);
      expect(cookie, "the share's cookie").toMatchObject({ path: "/shared/", httpOnly: true, sameSite: "Lax" });

      // In Welsh, the professional chooses it from the header, as a person would.
      if (lang === "cy") await follow(p, p.page.locator('header a[hreflang="cy"]'));
      const caption = fill(t.shared.caption, { agency: agency.name[lang] });
      expect((await main(p).locator(".govuk-caption-l").textContent())?.trim()).toBe(caption);

      const addressBox = (l: Language) => textbox(p, words[l].shared.email.title);
      const domains = (l: Language) => agency.domains.map((domain) => `@${domain}`).join(` ${words[l].shared.or} `);
      await checkBothLanguages("work-email", (l) => words[l].shared.email.title, [
        {
          name: "work-email-empty",
          make: async (l) => {
            await addressBox(l).fill("");
            return p.submit(button(p, words[l].shared.email.continue));
          },
          errors: (l) => [{ message: words[l].shared.errors.email.required, href: "#email" }],
        },
        {
          name: "work-email-wrong-domain",
          make: async (l) => {
            await addressBox(l).fill(agency.wrongEmail);
            return p.submit(button(p, words[l].shared.email.continue));
          },
          errors: (l) => [{ message: fill(words[l].shared.errors.email.wrongDomain, { agency: agency.name[l], domains: domains(l) }), href: "#email" }],
          kept: { email: agency.wrongEmail },
        },
      ]);
      expect(
        server.mail.received.some((email) => email.to.includes(agency.wrongEmail)),
        "no code went to the address at another domain",
      ).toBe(false);

      const beforeCode = server.mail.received.length;
      await addressBox(lang).fill(workEmail);
      await p.submit(button(p, t.shared.email.continue));
      expect(path(p)).toBe(sharedPath("code"));
      const code = codeFrom(await server.mail.nextEmailTo(workEmail, beforeCode));
      expect((await main(p).textContent()) ?? "").toContain(fill(t.signIn.code.sent, { email: workEmail }));

      const wrongCode = code === "000000" ? "111111" : "000000";
      const codeBox = (l: Language) => textbox(p, words[l].signIn.code.label);
      await checkBothLanguages("code", (l) => words[l].signIn.code.title, [
        {
          name: "code-wrong",
          make: async (l) => {
            await codeBox(l).fill(wrongCode);
            return p.submit(button(p, words[l].signIn.code.continue));
          },
          errors: (l) => [{ message: words[l].signIn.errors.code.wrong, href: "#code" }],
          kept: { code: wrongCode },
        },
      ]);
      await codeBox(lang).fill(code);
      await p.submit(button(p, t.signIn.code.continue));
      expect(path(p)).toBe(sharedPath("summary"));
    });

    step("the summary shows what was agreed and the shared parts in the resident's own words, and nothing else", async () => {
      const p = professional;
      expect(path(p)).toBe(sharedPath("summary"));
      const heading = (l: Language) => fill(words[l].shared.summary.title, { name: story.name });
      await checkBothLanguages("summary", heading);

      expect((await main(p).locator(".govuk-caption-l").textContent())?.trim()).toBe(fill(t.shared.caption, { agency: agency.name[lang] }));
      const consentTitle = fill(t.shared.summary.consentTitle, { name: firstName });
      const panel = card(p, consentTitle);
      expect(await panel.count(), `one card "${consentTitle}"`).toBe(1);
      expect(await rows(panel)).toEqual({
        [t.shared.summary.agency]: agency.name[lang],
        [t.shared.summary.sharedOn]: expect.toBeOneOf(datesAhead(0, since, lang)),
        [t.shared.summary.until]: expect.toBeOneOf(endsOn(lang)),
        [t.shared.summary.parts]: [t.shared.summary.name, ...sharedSections.map((section) => summaryTitle(section, lang))],
        [t.shared.summary.version]: fill(keepUpToDate ? t.shared.summary.versionLatest : t.shared.summary.versionAgreed, { version: 1 }),
        [t.shared.summary.updated]: formatDateTime(await publishedAt(), lang),
        [t.shared.summary.contact]: fill(t.shared.summary.contactYes, { methods: t.story.fields.about.contactBy.inline.letter }),
      });
      await expect
        .poll(() =>
          main(p)
            .getByRole("link", { name: fill(t.shared.summary.received, { name: firstName }), exact: true })
            .getAttribute("href"),
        )
        .toBe(sharedPath("received"));

      // The shared parts, in order, in the resident's words exactly (line breaks kept); nothing changed yet.
      const sections = main(p).locator(".app-story-section");
      expect((await sections.locator("h2").allTextContents()).map((text) => text.trim())).toEqual(sharedSections.map((section) => summaryTitle(section, lang)));
      expect((await rows(main(p).locator(".govuk-summary-list").nth(1)))[t.story.summary.about], "who it is about").toBe(story.name);
      expect((await rows(sections.nth(0)))[t.story.fields.about.name.summary]).toBe(story.name);
      /** A section's writing as the page renders it: innerText keeps the line breaks a person sees. */
      const written = (section: string) =>
        sections
          .filter({ has: p.page.locator(`#summary-${section}`) })
          .locator(".app-story-text")
          .evaluateAll((spans) => spans.map((span) => (span as HTMLElement).innerText));
      expect(await written("matters"), "what matters, as written over several lines").toEqual([story.matters]);
      expect(await written("strengths")).toEqual([story.strengths]);
      expect(await main(p).locator("b, never").count(), "nothing typed became markup").toBe(0);
      expect(await main(p).locator(".govuk-tag--yellow").count(), `first view: no "${t.story.summary.changed}" tag`).toBe(0);

      // The part not shared is nowhere: not on the page, not in the data the page was sent.
      expect(await p.page.locator("#summary-dont-ask").count()).toBe(0);
      expect(await main(p).innerText()).not.toContain(summaryTitle("dont-ask", lang));
      expect(await p.page.content(), "the unshared answer is not in the page or its data").not.toContain("accident on the bypass");
      expect(await p.problems()).toEqual([]);
    });

    step("printing shows the consent and the story without the service's header, navigation, footer or buttons, on A4", async () => {
      const p = professional;
      const printedOn = (when: Date) =>
        endsOn(lang).map((ends) =>
          fill(t.shared.summary.printedOn, { date: formatDateTime(when, lang), service: serviceName[lang], agency: agency.name[lang], endsOn: ends }),
        );

      // On screen, the "Printed on" line is not shown; the print button only where scripts run.
      expect(await visible(p, ".app-print-only"), "the printed-on line, on screen").toEqual([false]);
      const printButton = main(p).locator(".app-print-button");
      const hint = main(p).locator(".app-print-hint");
      if (configuration.javaScript) {
        expect(await printButton.isVisible(), "the print button, with JavaScript").toBe(true);
        expect(await printButton.textContent()).toBe(t.shared.summary.print);
        expect(await hint.isVisible(), "the hint is not needed with JavaScript").toBe(false);
        await p.page.evaluate(() => {
          const recorded = window as unknown as Window & { printCalls: number };
          recorded.printCalls = 0;
          window.print = () => {
            recorded.printCalls += 1;
          };
        });
        await main(p).getByRole("button", { name: t.shared.summary.print, exact: true }).click();
        await expect
          .poll(() => p.page.evaluate(() => (window as unknown as { printCalls: number }).printCalls), { message: "the button calls window.print()" })
          .toBe(1);
      } else {
        expect(await printButton.count(), "the button is in the page").toBe(1);
        expect(await printButton.isVisible(), "a button that needs JavaScript is hidden without it").toBe(false);
        expect(await hint.isVisible(), "the hint says how to print instead").toBe(true);
        expect((await hint.textContent())?.trim()).toBe(t.shared.summary.printNoScript);
      }

      const before = new Date();
      await p.visit(sharedPath("summary"));
      const after = new Date();
      await p.page.emulateMedia({ media: "print" });
      try {
        const hidden = {
          header: ".govuk-template__header",
          "service navigation": ".govuk-service-navigation",
          "language navigation": "header nav",
          footer: ".govuk-template__footer",
          "skip link": ".govuk-skip-link",
          buttons: "main .govuk-button",
          "print hint": ".app-print-hint",
        };
        for (const [what, selector] of Object.entries(hidden)) {
          const shown = await visible(p, selector);
          expect.soft(shown.length, `${what} (${selector}) is in the page`).toBeGreaterThan(0);
          expect.soft(shown, `${what} is not printed`).toEqual(shown.map(() => false));
        }
        expect(await visible(p, ".app-consent-panel"), "the consent panel is printed").toEqual([true]);
        expect(await visible(p, ".app-story-section"), "the story is printed").toEqual(sharedSections.map(() => true));
        expect(await visible(p, ".app-print-only"), "the printed-on line is printed").toEqual([true]);
        const line = (await main(p).locator(".app-print-only").textContent())?.trim();
        expect([...printedOn(before), ...printedOn(after)], "the printed-on line").toContain(line);

        // A PDF of the print view: A4 because the page asks for it (@page), and as asked for.
        for (const options of [{ preferCSSPageSize: true }, { format: "A4" }]) {
          const pdf = await p.page.pdf(options);
          expect(pdf.subarray(0, 5).toString("latin1"), `${JSON.stringify(options)}: a PDF`).toBe("%PDF-");
          expect(pdf.length).toBeGreaterThan(5_000);
          const sizes = pageSizes(pdf);
          expect(sizes.length, `${JSON.stringify(options)}: pages`).toBeGreaterThan(0);
          expect(
            sizes.filter((size) => !isA4(size)),
            `${JSON.stringify(options)}: every page A4 (595 × 842 points)`,
          ).toEqual([]);
        }
      } finally {
        await p.page.emulateMedia({ media: "screen" });
      }
      expect(await p.problems()).toEqual([]);
    });

    step("the professional lets the resident know it was received: mistakes first, then sent", async () => {
      const p = professional;
      await follow(p, main(p).getByRole("link", { name: fill(t.shared.summary.received, { name: firstName }), exact: true }));
      expect(path(p)).toBe(sharedPath("received"));
      const box = (l: Language, name: "name" | "role" | "message") => textbox(p, words[l].shared.received[name]);
      const send = (l: Language) => p.submit(button(p, words[l].shared.received.send));
      const tooLong = "I will read this properly tomorrow. ".repeat(15).slice(0, 501);
      await checkBothLanguages("received", (l) => fill(words[l].shared.received.title, { name: firstName }), [
        {
          name: "received-empty",
          make: async (l) => {
            for (const field of ["name", "role", "message"] as const) await box(l, field).fill("");
            return send(l);
          },
          errors: (l) => [
            { message: words[l].shared.errors.name.required, href: "#name" },
            { message: words[l].shared.errors.role.required, href: "#role" },
          ],
        },
        {
          name: "received-message-too-long",
          make: async (l) => {
            await box(l, "name").fill(reply.name);
            await box(l, "role").fill(agency.role);
            await box(l, "message").fill(tooLong);
            return send(l);
          },
          errors: (l) => [{ message: words[l].shared.errors.message.tooLong, href: "#message" }],
          kept: { name: reply.name, role: agency.role, message: tooLong },
        },
      ]);

      const beforeReply = server.mail.received.length;
      await box(lang, "message").fill(reply.message);
      await send(lang);
      expect(path(p)).toBe(sharedPath("summary"));
      expect(new URL(p.page.url()).search).toBe("?received=1");
      const banner = (l: Language) => fill(words[l].shared.summary.receivedDone, { name: firstName });
      expect((await main(p).locator(".govuk-notification-banner--success").textContent()) ?? "").toContain(banner(lang));
      await checkBothLanguages("summary-received", (l) => fill(words[l].shared.summary.title, { name: story.name }));
      expect((await main(p).locator(".govuk-notification-banner--success").textContent()) ?? "").toContain(banner(lang));
      await p.page.emulateMedia({ media: "print" });
      try {
        expect(await visible(p, ".govuk-notification-banner"), "the banner is not printed").toEqual([false]);
        expect(await visible(p, ".app-consent-panel")).toEqual([true]);
      } finally {
        await p.page.emulateMedia({ media: "screen" });
      }

      // The resident is emailed who replied, never the message (that waits behind sign-in).
      const told = bodyOf(await server.mail.nextEmailTo(residentEmail, beforeReply));
      expect(told).toContain(reply.name);
      expect(told).toContain(agency.name[lang]);
      expect(told).not.toContain("Tuesday morning");
    });

    step("the resident sees who opened their story and the reply, then stops sharing: the professional's next request is refused", async () => {
      const r = resident;
      const p = professional;
      await r.visit(`/stories/${storyId}/shares`);
      await check(r, "who-has", t.sharing.whoHas.title, lang);
      const shareCard = card(r, agency.name[lang]);
      expect(await shareCard.count()).toBe(1);

      // Every time the summary was loaded, newest first, by the address proven, at version 1.
      const views = (
        await server.query<{ viewed_at: number }>("select viewed_at from share_views where share_id = ? order by viewed_at desc, id desc", shareId)
      ).map((row) => row.viewed_at);
      const replied = (await server.query<{ created_at: number }>("select created_at from share_replies where share_id = ?", shareId)).map(
        (row) => row.created_at,
      );
      expect(views.length, "one line in the access log each time the summary was shown").toBe(summaryLoads);
      // Views in the same minute make one line saying how many times.
      const minutes: { when: string; times: number }[] = [];
      for (const viewedAt of views) {
        const when = formatDateTime(new Date(viewedAt), lang);
        if (minutes.at(-1)?.when === when) minutes.at(-1)!.times += 1;
        else minutes.push({ when, times: 1 });
      }
      expect((await rows(shareCard))[t.sharing.whoHas.views]).toEqual(
        minutes.map(({ when, times }) =>
          fill(times > 1 ? t.sharing.whoHas.viewedByTimes : t.sharing.whoHas.viewedBy, { email: workEmail, when, version: 1, times }),
        ),
      );
      expect(replied).toHaveLength(1);
      const replies = await shareCard.locator(".app-replies > li").evaluateAll((items) =>
        items.map((li) => ({
          by: (li.querySelector(".app-story-text") as HTMLElement | null)?.innerText,
          from: li.querySelector(".govuk-hint")?.textContent?.trim(),
          message: (li.querySelector(".app-reply-message") as HTMLElement | null)?.innerText,
        })),
      );
      expect(replies).toEqual([
        {
          by: fill(t.sharing.whoHas.repliedBy, { name: reply.name, role: agency.role, when: formatDateTime(new Date(replied[0]), lang) }),
          from: fill(t.sharing.whoHas.replyEmail, { email: workEmail }),
          message: reply.message,
        },
      ]);

      // Access that has run out (8 hours on, here written into the database): 401, "open the link again", in both languages.
      const held = await server.query<{ id_hash: string; expires_at: number }>("select id_hash, expires_at from share_access where share_id = ?", shareId);
      await server.write("update share_access set expires_at = ? where share_id = ?", new Date(Date.now() - 1000), shareId);
      for (const language of [lang, other]) {
        expect((await p.visit(`${sharedPath("summary")}?lang=${language}`)).status(), `the summary after 8 hours (${language})`).toBe(401);
        expect((await main(p).textContent()) ?? "").toContain(words[language].common.errors["401"].body);
        await check(p, "timed-out", words[language].common.errors["401"].title, language);
      }
      for (const row of held) await server.write("update share_access set expires_at = ? where id_hash = ?", new Date(row.expires_at), row.id_hash);
      expect((await p.visit(`${sharedPath("summary")}?lang=${lang}`)).status(), "the summary once access is live again").toBe(200);

      // Stop sharing, from its own page.
      await follow(r, main(r).getByRole("link", { name: `${t.sharing.whoHas.actions.stop} (${agency.name[lang]})`, exact: true }));
      expect(path(r)).toBe(`/stories/${storyId}/shares/${shareId}/stop`);
      // The page's title is its short name; its heading asks the question.
      await check(r, "stop", fill(t.sharing.stop.heading, { agency: agency.name[lang] }), lang, { title: t.sharing.stop.title });
      const beforeStopping = server.mail.received.length;
      await r.submit(button(r, t.sharing.stop.button));
      expect(path(r)).toBe(`/stories/${storyId}/shares`);
      expect((await main(r).locator(".govuk-notification-banner").textContent()) ?? "").toContain(
        fill(t.sharing.whoHas.done.stopped, { agency: agency.name[lang] }),
      );
      // The agency is told (and the next configuration's emails come after this one).
      await server.mail.nextEmailTo(agency.inbox, beforeStopping);

      // The professional reloads the summary: 410, "no longer shared", in both languages; the link itself too.
      const gone = (l: Language) => words[l].common.errors["410"].title;
      const reloaded = await p.navigate(() => p.page.reload());
      expect(reloaded.status(), "the summary after sharing stopped").toBe(410);
      expect(path(p)).toBe(sharedPath("summary"));
      expect((await main(p).textContent()) ?? "").toContain(t.common.errors["410"].stopped);
      expect(await main(p).locator(".app-story-section, .app-consent-panel").count(), "nothing of the story is left on the page").toBe(0);
      await check(p, "gone", gone(lang), lang);
      expect((await p.visit(inLanguage(p, other))).status()).toBe(410);
      await check(p, "gone", gone(other), other);
      expect((await p.visit(inLanguage(p, lang))).status()).toBe(410);
      expect((await p.visit(emailedLink)).status(), "the emailed link after sharing stopped").toBe(410);
      await expect.poll(headings(p)).toEqual([gone(lang)]);
      expect(await p.page.content()).not.toContain("Bess");
    });

    test("a made-up link is not found", async () => {
      const p = professional;
      const madeUp = `/shared/${randomBytes(32).toString("base64url")}`;
      for (const language of [lang, other]) {
        const response = await p.visit(`${madeUp}?lang=${language}`);
        expect(response.status(), `a made-up link (${language})`).toBe(404);
        await check(p, "not-found", words[language].common.errors["404"].title, language);
      }
    });

    /** When the resident's version 1 was published. */
    async function publishedAt(): Promise<Date> {
      const [{ published_at }] = await server.query<{ published_at: number }>(
        "select published_at from story_versions where story_id = ? and version = 1",
        storyId,
      );
      return new Date(published_at);
    }
  });
}

/** The 429 page, with a server of its own. */
export function tooManyLinksLeadingNowhere(): void {
  describe("a connection that tries too many links leading nowhere", () => {
    let limited: ServerWithMail;
    let browser: BrowserSession;
    const madeUp = () => `/shared/${randomBytes(32).toString("base64url")}`;

    beforeAll(async () => {
      // A server of its own: the limit counts every link from this machine's address.
      limited = await startServerWithMail();
      browser = await openBrowser(phone(false), limited.url);
    });
    afterAll(async () => {
      await browser?.close();
      await limited?.stop();
    });

    test("gets the 429 page, in both languages, with nothing wrong on it", async () => {
      // The misses that use up the limit need no browser: it counts every link from this machine's address.
      for (let miss = 0; miss < 10; miss++) expect((await fetch(`${limited.url}${madeUp()}`, { redirect: "manual" })).status).toBe(404);
      for (const language of ["en", "cy"] as const) {
        expect((await browser.visit(`${madeUp()}?lang=${language}`)).status()).toBe(429);
        expect(await browser.page.locator("h1").allTextContents()).toEqual([words[language].common.errors["429"].title]);
        expect(await browser.page.locator("html").getAttribute("lang")).toBe(language);
        expect(await browser.problems()).toEqual([]);
        expect(await browser.accessibilityViolations()).toEqual([]);
      }
    });
  });
}

/** The demo GP practice's id, from the directory the server seeded. */
async function riversideId(server: ServerWithMail): Promise<string> {
  const [{ id }] = await server.query<{ id: string }>("select id from agencies where name = ?", riverside.name.en);
  return id;
}

/** A resident's story (`write` writes it) shared with Riverside (`parts`), and a professional there who has proven their address: their browser's cookie. */
async function sharedWithAProfessional(
  server: ServerWithMail,
  resident: string,
  write: (cookie: string) => Promise<string>,
  parts: string[],
  workEmail: string,
) {
  const cookie = await signIn(server, resident);
  const storyId = await write(cookie);
  const since = server.mail.received.length;
  await shareThroughTheJourney(server, cookie, storyId, [await riversideId(server)], "no", { parts });
  return openAsProfessional(server, await linkSentTo(server, riverside.inbox, since), workEmail);
}

/** After finishing reading on a phone with JavaScript on, or off. */
export function afterFinishingReading(server: ServerWithMail, javaScript: boolean): void {
  describe.each(configurations.filter((configuration) => configuration.viewport.width === 375 && configuration.javaScript === javaScript))(
    "after finishing reading on a device ($label)",
    (configuration) => {
      const lang: Language = configuration.javaScript ? "en" : "cy";
      const other: Language = lang === "en" ? "cy" : "en";
      let shareId = "";
      /** A professional's browser, with access to a story they have proven their address for. */
      const browser = browserFor(server, configuration, {
        cookie: async () => {
          const proven = await sharedWithAProfessional(
            server,
            `finisher-${configuration.slug}@example.org`,
            (cookie) => publishedStory(server, cookie),
            ["about", "matters"],
            `desk.${configuration.slug}@nhs.example.net`,
          );
          shareId = proven.shareId;
          return proven.cookie;
        },
      });

      const headings = async () => (await browser.page.locator("h1").allTextContents()).map((text) => text.replace(/\s+/g, " ").trim());

      /** The page for a story not open in this browser: true whatever the reason, and saying how to open it again. */
      async function checkNotOpenHere(name: string, language: Language) {
        const notOpen = words[language].common.errors.notOpenHere;
        await checkPage(browser, {
          name,
          heading: notOpen.title,
          title: notOpen.title,
          language,
          screenshot: `shared-finished-${configuration.slug}-${name}-${language}`,
        });
        const main = (await browser.page.getByRole("main").textContent()) ?? "";
        expect(main).toContain(notOpen.why);
        expect(main).toContain(notOpen.again);
        expect(main).not.toContain(words[language].common.errors["404"].pasted);
      }

      test("Back, or a bookmark, says the story is not open on this device and how to open it again, in both languages", async () => {
        const summary = `/shared/${shareId}/summary`;
        expect((await browser.visit(`${summary}?lang=${lang}`)).status()).toBe(200);
        await browser.submit(browser.page.getByRole("main").getByRole("button", { name: words[lang].shared.summary.finish, exact: true }));
        expect(new URL(browser.page.url()).pathname).toBe("/shared/finished");
        await expect.poll(headings).toEqual([words[lang].shared.finished.title]);

        // The page was never stored (no-store), so the browser asks for it again.
        expect((await browser.navigate(() => browser.page.goBack())).status()).toBe(404);
        expect(new URL(browser.page.url()).pathname).toBe(summary);
        await checkNotOpenHere("back", lang);
        expect(await browser.page.content()).not.toContain("Bess");

        for (const language of [lang, other]) {
          expect((await browser.visit(`${summary}?lang=${language}`)).status(), `a bookmark to the summary (${language})`).toBe(404);
          await checkNotOpenHere("bookmark", language);
        }
      });
    },
  );
}

/** Each page of a PDF as pdftotext (Debian's poppler-utils) reads it: the page's height and each word with where it is, in points. */
function pdfPages(pdf: Buffer): { height: number; words: { text: string; top: number; bottom: number }[] }[] {
  const directory = mkdtempSync(join(tmpdir(), "tell-it-once-pdf-"));
  try {
    const file = join(directory, "summary.pdf");
    writeFileSync(file, pdf);
    let xhtml: string;
    try {
      xhtml = execFileSync("pdftotext", ["-bbox", file, "-"], { encoding: "utf8" });
    } catch (error) {
      throw new Error(`Reading the printed PDF needs pdftotext (Debian's poppler-utils: npm test installs it when run as root): ${(error as Error).message}`, {
        cause: error,
      });
    }
    const unescaped = (text: string) =>
      text
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, "&");
    return xhtml
      .split("<page ")
      .slice(1)
      .map((page) => ({
        height: Number(page.match(/height="([\d.]+)"/)![1]),
        words: [...page.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map(([, top, bottom, text]) => ({
          text: unescaped(text),
          top: Number(top),
          bottom: Number(bottom),
        })),
      }));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/**
 * Some paragraphs, as a person with a lot to say writes them: a few sentences
 * each, with line breaks between, `paragraphs` long.
 */
function atLength(topic: string, paragraphs: number): string {
  const sentences = [
    `${topic}.`,
    "Most days start well if I have slept, and I like to be outside before the street gets busy.",
    "My sister comes on Tuesdays and we cook together, which is the best part of my week.",
    "When letters arrive that I do not understand I put them in a drawer, and then I worry about them at night.",
    "I would rather talk to someone in person than on the phone, and I need a little time to answer.",
    "If plans change, please tell me a day before so I can get used to the idea.",
  ];
  return Array.from({ length: paragraphs }, (_, n) => sentences.slice(n % 2).join(" ")).join("\n\n");
}

/** Every part of `name`'s story written, the long ones at length and the lists several items long: enough for a few printed pages. */
function writtenAtLength(name: string): Record<string, PageAnswers> {
  const list = (field: string, items: Record<string, string>[]) =>
    Object.fromEntries(items.flatMap((item, n) => Object.entries(item).map(([key, value]) => [`${field}-${n}-${key}`, value])));
  return {
    about: { name, preferredName: name.split(" ")[0] },
    "about/contact": {
      contactBy: ["email", "letter"],
      email: "resident@example.org",
      address: "12 Riverside Walk\nDemo Town\nDT1 2AB",
      safeToLeaveMessages: "no",
    },
    "about/language": { language: "welsh" },
    "about/needs": { needs: ["moreTime", "someoneWithMe"], needsDetails: "Please give me time to answer, and let my sister come with me." },
    story: { now: atLength("What is happening now", 5) },
    "story/past": { past: atLength("What from the past matters", 4) },
    matters: { matters: atLength("What matters to me", 3) },
    strengths: { strengths: atLength("My strengths", 3) },
    working: { working: atLength("What is working", 3) },
    "working/not-working": { notWorking: atLength("What is not working", 4) },
    goals: list(
      "goals",
      ["Get back to my allotment", "Sort out my letters", "Sleep better", "See my grandchildren more", "Feel safe at home"].map((goal) => ({
        goal,
        help: atLength(`What would help me ${goal.toLowerCase()}`, 1),
      })),
    ),
    support: list(
      "people",
      ["My sister", "My neighbour", "My friend from chapel"].map((person) => ({ name: person, how: atLength(`How ${person.toLowerCase()} helps`, 1) })),
    ),
    services: list(
      "services",
      ["GP surgery", "Housing officer", "Mental health team"].map((service) => ({
        name: service,
        what: atLength(`What the ${service.toLowerCase()} does`, 1),
      })),
    ),
    "dont-ask": { dontAsk: "Please do not ask me again about the night of the fire." },
  };
}

/** The summary of a whole story, printed to PDF from a desktop without JavaScript. */
export function printedWholeStory(server: ServerWithMail): void {
  describe("the printed summary of a whole story", () => {
    const name = "Rhiannon Ellis-Bowen";
    let shareId = "";
    const desktopWithoutJavaScript = configurations.find((configuration) => configuration.viewport.width === 1280 && !configuration.javaScript)!;
    const browser = browserFor(server, desktopWithoutJavaScript, {
      cookie: async () => {
        const proven = await sharedWithAProfessional(
          server,
          "whole-story@example.org",
          (cookie) => wholePublishedStory(server, cookie, { name, answers: writtenAtLength(name) }),
          allParts,
          "printer@nhs.example.net",
        );
        shareId = proven.shareId;
        return proven.cookie;
      },
    });

    test.each(["en", "cy"] as const)("in %s: every A4 page has the person's name and its number, and no page is nearly empty", async (language) => {
      expect((await browser.visit(`/shared/${shareId}/summary?lang=${language}`)).status()).toBe(200);
      const pages = pdfPages(await browser.page.pdf({ preferCSSPageSize: true }));
      expect(pages.length, "pages: a whole story takes several").toBeGreaterThanOrEqual(3);
      const head = fill(words[language].shared.summary.runningHead, { name, agency: riverside.name[language] });
      // Below the page's bottom margin (18 mm) is only the page number.
      const bottomMargin = (18 / 25.4) * 72;
      pages.forEach((page, n) => {
        const label = `page ${n + 1} of ${pages.length}`;
        const text = page.words.map((word) => word.text).join(" ");
        expect(text, `${label}: the person's name at the top`).toContain(head);
        expect(text, `${label}: its number`).toMatch(new RegExp(`(^| )${n + 1} / ${pages.length}( |$)`));
        const body = page.words.filter((word) => word.bottom < page.height - bottomMargin);
        expect(body.length, `${label}: words beyond the name at the top`).toBeGreaterThan(head.split(" ").length + 10);
        if (n === pages.length - 1) return;
        // Filled at least two thirds of the way down: nothing pushed a whole block on, leaving the rest blank.
        const filled = Math.max(...body.map((word) => word.bottom)) / (page.height - bottomMargin);
        expect(filled, `${label}: how far down the page the writing reaches`).toBeGreaterThan(2 / 3);
      });
      const all = pages.flatMap((page) => page.words.map((word) => word.text)).join(" ");
      expect(all, "the last part of the story is printed").toContain("night of the fire.");
    });
  });
}
