/**
 * Reflow (WCAG 2.2, 1.4.10): at 320 CSS pixels wide, nothing on any page
 * scrolls sideways. Every page there is, in English and Welsh, with
 * JavaScript on and off: signed out, signing in, a resident with a whole
 * story (every question answered, with long words and long addresses that
 * must wrap) published twice and shared, a share being chosen, a share
 * stopped, a professional proving their address and reading it, and the
 * error pages and form errors on the way.
 *
 * Each JavaScript setting runs in a test file of its own (reflow-js-on.test.ts,
 * reflow-js-off.test.ts) with a portal of its own, set up the same way.
 */
import { beforeAll, describe, expect, test } from "vitest";
import govukCy from "#app/i18n/locales/cy/govuk.json";
import sharedCy from "#app/i18n/locales/cy/shared.json";
import sharingCy from "#app/i18n/locales/cy/sharing.json";
import signInCy from "#app/i18n/locales/cy/signIn.json";
import storyCy from "#app/i18n/locales/cy/story.json";
import govukEn from "#app/i18n/locales/en/govuk.json";
import sharedEn from "#app/i18n/locales/en/shared.json";
import sharingEn from "#app/i18n/locales/en/sharing.json";
import signInEn from "#app/i18n/locales/en/signIn.json";
import storyEn from "#app/i18n/locales/en/story.json";
import { pagePath, storySections } from "#app/models/story-sections";
import type { Configuration } from "#tests/support/browser";
import { browserFor, type Language, languages, openPortal } from "#tests/support/journey";
import { codeFrom, linkSentTo, openAsProfessional, postShared } from "#tests/support/professional";
import { allParts, chooseThroughTheJourney, LONG_WORD, shareThroughTheJourney, wholePublishedStory } from "#tests/support/share-journey";
import { signIn } from "#tests/support/sign-in";

const words = {
  en: { govuk: govukEn, shared: sharedEn, sharing: sharingEn, signIn: signInEn, story: storyEn },
  cy: { govuk: govukCy, shared: sharedCy, sharing: sharingCy, signIn: signInCy, story: storyCy },
};

/** The narrowest screen WCAG's reflow asks for: 320 CSS pixels (1280 px at 400% zoom). */
const narrow: Configuration[] = [true, false].map((javaScript) => ({
  label: `320×640, JavaScript ${javaScript ? "on" : "off"}`,
  slug: `320-js-${javaScript ? "on" : "off"}`,
  viewport: { width: 320, height: 640 },
  javaScript,
}));

/** Dozens of pages each: several times longer on a loaded machine. Each step waits for what the page shows; this only stops a run that hangs. */
const LIMIT = 10 * 60_000;

type AgencyRow = { id: string; name: string; contact_email: string };

/**
 * Every page at 320 px with JavaScript on, or off, with a portal of its own:
 * each setting is a test file of its own (reflow-js-on.test.ts,
 * reflow-js-off.test.ts), so that the two run at once.
 */
export function reflowAt(javaScript: boolean): void {
  const configuration = narrow.find((c) => c.javaScript === javaScript)!;
  const server = openPortal();
  let resident: string;
  let storyId: string;
  const shareIds: Record<"gp" | "housing", string> = { gp: "", housing: "" };
  /** The GP's link: the one emailed, then each new one the resident sends. */
  let gpLink: string;
  let stoppedLink: string;
  /** An agency for each configuration to choose, and agree to share with, in the browser. */
  let toChoose: string[];

  beforeAll(async () => {
    resident = await signIn(server, "reflow@example.org");
    storyId = await wholePublishedStory(server, resident);
    const agencies = await server.query<AgencyRow>("select id, name, contact_email from agencies");
    const agency = (name: string) => agencies.find((row) => row.name === name)!;
    const gp = agency("Riverside Medical Practice");
    const housing = agency("Demo Council Housing Options");

    // Shared whole with two agencies; the GP keeps up to date.
    const since = server.mail.received.length;
    await shareThroughTheJourney(server, resident, storyId, [gp.id, housing.id], "yes", { parts: allParts });
    gpLink = await linkSentTo(server, gp.contact_email, since);
    stoppedLink = await linkSentTo(server, housing.contact_email, since);
    const shareOf = async (agencyId: string) =>
      (await server.query<{ id: string }>("select id from shares where story_id = ? and agency_id = ?", storyId, agencyId))[0].id;
    shareIds.gp = await shareOf(gp.id);
    shareIds.housing = await shareOf(housing.id);

    // A GP reads it and replies; the resident publishes version 2 and stops sharing with housing.
    const reader = await openAsProfessional(server, gpLink, "duty.desk@nhs.example.net");
    const replied = await postShared(server, `/shared/${reader.shareId}/received`, reader.cookie, {
      name: "Dr Siân ap Dafydd",
      role: "Duty GP",
      message: `Thank you. We will call you about ${LONG_WORD} on Tuesday.`,
    });
    expect(replied.status).toBe(302);
    const post = (path: string, fields: Record<string, string> = {}) =>
      fetch(`${server.url}${path}`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: resident },
        body: new URLSearchParams(fields).toString(),
      });
    expect((await post(`/stories/${storyId}/matters`, { matters: `What matters changed: ${LONG_WORD}.`, intent: "continue" })).status).toBe(302);
    expect((await post(`/stories/${storyId}/check`)).status).toBe(302);
    expect((await post(`/stories/${storyId}/shares/${shareIds.housing}/stop`)).status).toBe(302);
    toChoose = [agency("Demo Carers Centre").id, agency("Demo Council Children's Early Help").id];
  });

  describe(configuration.label, () => {
    const browser = browserFor(server, configuration);

    const page = () => browser.page;
    const main = () => page().getByRole("main");
    const withLanguage = (path: string, lang: Language) => `${path}${path.includes("?") ? "&" : "?"}lang=${lang}`;

    /** The page as it is now fits the window: no sideways scrolling, naming what sticks out if anything does. */
    async function expectNoSidewaysScrolling(name: string) {
      const { scrollWidth, innerWidth, wider } = await page().evaluate(() => {
        const width = window.innerWidth;
        const right = (box: DOMRect) => Math.round(box.right + window.scrollX);
        const sticksOut = [...document.body.querySelectorAll("*")].filter((element) => right(element.getBoundingClientRect()) > width);
        // The innermost of them (what makes its ancestors wide), and words that run out of their box.
        const innermost = sticksOut
          .filter((element) => !sticksOut.some((other) => other !== element && element.contains(other)))
          .map((element) => `<${element.tagName.toLowerCase()} class="${element.className}"> to ${right(element.getBoundingClientRect())} px`);
        const words: string[] = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const range = document.createRange();
          range.selectNodeContents(node);
          if (right(range.getBoundingClientRect()) > width && !node.parentElement?.closest(".govuk-visually-hidden")) {
            words.push(`"${node.textContent?.trim().slice(0, 40)}" to ${right(range.getBoundingClientRect())} px`);
          }
        }
        return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, wider: [...innermost, ...words].slice(0, 6) };
      });
      expect.soft(scrollWidth, `${name} (${page().url()}) is ${scrollWidth} px wide; sticking out: ${wider.join("; ")}`).toBeLessThanOrEqual(innerWidth);
    }

    /** Opens `path` in each language and checks it. */
    async function visitEach(name: string, path: string) {
      for (const lang of languages) {
        await browser.visit(withLanguage(path, lang));
        expect.soft(new URL(page().url()).pathname, `${name}: the page itself, not one it sends you on to`).toBe(path);
        await expectNoSidewaysScrolling(`${name} (${lang})`);
      }
    }

    test(
      "signed out: the start page, the information pages, signing in with its mistakes, and the error pages",
      async () => {
        await browser.context.clearCookies();
        for (const [name, path] of [
          ["start", "/"],
          ["cookies", "/cookies"],
          ["accessibility", "/accessibility"],
          ["privacy", "/privacy"],
          ["signed out", "/signed-out"],
          ["finished reading", "/shared/finished"],
          ["page not found", "/no-such-page"],
          ["unknown share link", `/shared/${"A".repeat(43)}`],
          ["stopped share link", new URL(stoppedLink).pathname],
        ]) {
          await visitEach(name, path);
        }
        for (const lang of languages) {
          await browser.visit(withLanguage("/cookies", lang));
          await browser.visit("/?lang=fr");
          await expectNoSidewaysScrolling(`unknown language (${lang})`);

          const t = words[lang].signIn;
          await browser.visit(withLanguage("/sign-in", lang));
          await expectNoSidewaysScrolling(`sign in (${lang})`);
          expect(await browser.submit(main().getByRole("button", { name: t.email.continue }))).toBe(400);
          await expectNoSidewaysScrolling(`sign in, no address (${lang})`);
          await main().getByRole("textbox", { name: t.email.title }).fill(`reflow-${configuration.slug}-${lang}@example.org`);
          await browser.submit(main().getByRole("button", { name: t.email.continue }));
          await expect.poll(() => new URL(page().url()).pathname).toBe("/sign-in/check-email");
          await expectNoSidewaysScrolling(`check your email (${lang})`);
          await main().getByRole("textbox", { name: t.code.label }).fill("12");
          expect(await browser.submit(main().getByRole("button", { name: t.code.continue, exact: true }))).toBe(400);
          await expectNoSidewaysScrolling(`check your email, a code too short (${lang})`);
        }
      },
      LIMIT,
    );

    test(
      "a resident: a whole story published twice, its versions, sharing it, and who has it",
      async () => {
        await browser.context.clearCookies();
        const [name, value] = [resident.slice(0, resident.indexOf("=")), resident.slice(resident.indexOf("=") + 1)];
        await browser.context.addCookies([{ name, value, url: server.url }]);
        const story = `/stories/${storyId}`;
        // A share chosen up to the declaration, for this browser to agree to at the end.
        const chosen = toChoose[narrow.indexOf(configuration)];
        await chooseThroughTheJourney(server, resident, storyId, [chosen], "no", { parts: allParts });
        await visitEach("your stories", "/stories");
        await visitEach("task list", story);
        for (const section of storySections) {
          for (const question of section.pages) await visitEach(`question ${section.id}/${question.id}`, pagePath(storyId, section, question));
        }
        for (const [pageName, path] of [
          ["check your answers", `${story}/check`],
          ["preview", `${story}/preview`],
          ["published 2", `${story}/published/2`],
          ["version history", `${story}/versions`],
          ["version 1", `${story}/versions/1`],
          ["version 2", `${story}/versions/2`],
          ["choose agencies", `${story}/share`],
          ["choose parts", `${story}/share/parts/${chosen}`],
          ["how long", `${story}/share/how-long`],
          ["keep up to date", `${story}/share/updates`],
          ["contact", `${story}/share/contact`],
          ["check sharing", `${story}/share/check`],
          ["declaration", `${story}/share/agree`],
          ["who has your story", `${story}/shares`],
          ["receipt", `${story}/shares/${shareIds.gp}/receipt`],
          ["change parts", `${story}/shares/${shareIds.gp}/parts`],
          ["extend", `${story}/shares/${shareIds.gp}/extend`],
          ["new link", `${story}/shares/${shareIds.gp}/resend`],
          ["stop sharing", `${story}/shares/${shareIds.gp}/stop`],
          ["receipt of a stopped share", `${story}/shares/${shareIds.housing}/receipt`],
          ["stopping a stopped share", `${story}/shares/${shareIds.housing}/stop`],
        ]) {
          await visitEach(pageName, path);
        }

        // Mistakes, in each language: hidden characters in a name, an address too long, a date too far away.
        for (const lang of languages) {
          const t = words[lang];
          await browser.visit(withLanguage(`${story}/about`, lang));
          await main().getByRole("textbox", { name: t.story.fields.about.name.label }).fill(`Siân\u202E ${LONG_WORD}`);
          expect(await browser.submit(main().getByRole("button", { name: t.story.question.continue }))).toBe(400);
          await expectNoSidewaysScrolling(`a name with a hidden character (${lang})`);

          await browser.visit(withLanguage(`${story}/about/contact`, lang));
          await main().getByRole("textbox", { name: t.story.fields.about.address.label }).fill(`${LONG_WORD} `.repeat(10));
          expect(await browser.submit(main().getByRole("button", { name: t.story.question.continue }))).toBe(400);
          await expectNoSidewaysScrolling(`an address too long (${lang})`);

          await browser.visit(withLanguage(`${story}/share/how-long`, lang));
          await main().getByRole("radio", { name: t.sharing.howLong.date }).check();
          const dates = main().getByRole("group", { name: t.sharing.howLong.dateLegend });
          await dates.getByRole("textbox", { name: t.govuk.dateInput.dayLabel }).fill("1");
          await dates.getByRole("textbox", { name: t.govuk.dateInput.monthLabel }).fill("1");
          await dates.getByRole("textbox", { name: t.govuk.dateInput.yearLabel }).fill(String(new Date().getUTCFullYear() + 3));
          expect(await browser.submit(main().getByRole("button", { name: t.sharing.continue }))).toBe(400);
          await expectNoSidewaysScrolling(`an end date too far away (${lang})`);
        }

        // Agreeing shows each agency's link once, and so does sending a new link: long addresses.
        const lang: Language = configuration.javaScript ? "cy" : "en";
        await browser.visit(withLanguage(`${story}/share/agree`, lang));
        expect(await browser.submit(main().getByRole("button", { name: words[lang].sharing.agree.button }))).toBe(200);
        await expect.poll(() => main().getByText("/shared/").count()).toBeGreaterThan(0);
        await expectNoSidewaysScrolling(`shared: the links (${lang})`);
        await browser.visit(withLanguage(`${story}/shares/${shareIds.gp}/resend`, lang));
        await browser.submit(main().getByRole("button", { name: words[lang].sharing.resend.button }));
        await expect.poll(() => main().getByText("/shared/").count()).toBeGreaterThan(0);
        await expectNoSidewaysScrolling(`a new link (${lang})`);
        // The old link stops working: the professional opens this one.
        gpLink = (await main().locator(".app-share-link").textContent())!.trim();
      },
      LIMIT,
    );

    test(
      "a professional: proving a work address, with its mistakes, reading the whole story, and replying",
      async () => {
        await browser.context.clearCookies();
        const lang: Language = configuration.javaScript ? "en" : "cy";
        const other: Language = lang === "en" ? "cy" : "en";
        await browser.visit(new URL(gpLink).pathname);
        await expect.poll(() => new URL(page().url()).pathname).toBe(`/shared/${shareIds.gp}/email`);
        for (const l of [other, lang]) {
          const t = words[l].shared;
          await browser.visit(withLanguage(`/shared/${shareIds.gp}/email`, l));
          await expectNoSidewaysScrolling(`work email (${l})`);
          await main().getByRole("textbox", { name: t.email.title }).fill(`someone.with.a.long.name@${LONG_WORD.toLowerCase()}.example.org`);
          expect(await browser.submit(main().getByRole("button", { name: t.email.continue }))).toBe(400);
          await expectNoSidewaysScrolling(`work email at another domain (${l})`);
        }
        const address = `reader-${configuration.slug}@nhs.example.net`;
        const since = server.mail.received.length;
        await main().getByRole("textbox", { name: words[lang].shared.email.title }).fill(address);
        await browser.submit(main().getByRole("button", { name: words[lang].shared.email.continue }));
        await expect.poll(() => new URL(page().url()).pathname).toBe(`/shared/${shareIds.gp}/code`);
        const code = codeFrom(await server.mail.nextEmailTo(address, since));
        for (const l of [other, lang]) {
          await browser.visit(withLanguage(`/shared/${shareIds.gp}/code`, l));
          await expectNoSidewaysScrolling(`code (${l})`);
          await main().getByRole("textbox", { name: words[l].signIn.code.label }).fill("12");
          expect(await browser.submit(main().getByRole("button", { name: words[l].signIn.code.continue, exact: true }))).toBe(400);
          await expectNoSidewaysScrolling(`code too short (${l})`);
        }
        await main().getByRole("textbox", { name: words[lang].signIn.code.label }).fill(code);
        await browser.submit(main().getByRole("button", { name: words[lang].signIn.code.continue, exact: true }));
        await expect.poll(() => new URL(page().url()).pathname).toBe(`/shared/${shareIds.gp}/summary`);

        await visitEach("the whole story, as the GP reads it", `/shared/${shareIds.gp}/summary`);
        for (const l of [other, lang]) {
          const t = words[l].shared;
          await browser.visit(withLanguage(`/shared/${shareIds.gp}/received`, l));
          await expectNoSidewaysScrolling(`let them know (${l})`);
          await main().getByRole("textbox", { name: t.received.name }).fill(`Dr ${LONG_WORD}\u202E`);
          expect(await browser.submit(main().getByRole("button", { name: t.received.send }))).toBe(400);
          await expectNoSidewaysScrolling(`let them know, with mistakes (${l})`);
        }
      },
      LIMIT,
    );
  });
}
