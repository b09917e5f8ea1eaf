/**
 * Carers, helpers and handing a story over, on a phone in a real Chromium:
 * once with JavaScript off in English, once with it on in Welsh.
 *
 * A mother writes for her 15-year-old son under parental responsibility; she
 * invites the boy's father to edit, and he accepts from the link in his email
 * and changes an answer, which her version history puts in his name; she
 * shares with two agencies; the professional at one reads who wrote the story,
 * for whom and on what basis, and whose words each answer is. At 16 the son
 * takes the story over, keeps his mother as an editor, removes his father and
 * stops one share, and each agency still sharing it is told he now manages it.
 *
 * Then a support worker writes with a man who has no email address, who asked
 * him to help: nothing is shared until the declaration confirms the man agreed,
 * and the professional reads who wrote it and on what basis.
 *
 * The helpers' pages, the invitations, the hand-over, the declaration and
 * the summary are used in the browser; what other suites cover already
 * (writing a story for someone, the share journey's choices, proving a work
 * address) is done over HTTP. Every page state met is
 * checked with axe-core and the Nu HTML checker, for sideways scrolling at
 * 375 px and for anything the browser complains about.
 */
import type { Locator } from "playwright-core";
import { beforeAll, describe, expect, test } from "vitest";
import commonCy from "#app/i18n/locales/cy/common.json";
import emailCy from "#app/i18n/locales/cy/email.json";
import govukCy from "#app/i18n/locales/cy/govuk.json";
import helpersCy from "#app/i18n/locales/cy/helpers.json";
import sharedCy from "#app/i18n/locales/cy/shared.json";
import sharingCy from "#app/i18n/locales/cy/sharing.json";
import signInCy from "#app/i18n/locales/cy/signIn.json";
import storyCy from "#app/i18n/locales/cy/story.json";
import commonEn from "#app/i18n/locales/en/common.json";
import emailEn from "#app/i18n/locales/en/email.json";
import govukEn from "#app/i18n/locales/en/govuk.json";
import helpersEn from "#app/i18n/locales/en/helpers.json";
import sharedEn from "#app/i18n/locales/en/shared.json";
import sharingEn from "#app/i18n/locales/en/sharing.json";
import signInEn from "#app/i18n/locales/en/signIn.json";
import storyEn from "#app/i18n/locales/en/story.json";
import { type BrowserSession, checkPage, onThisEngine } from "#tests/support/browser";
import { addCookie, browserFor, fill, longDate, openPortal, phoneRuns } from "#tests/support/journey";
import { publishedStoryForSomeone } from "#tests/support/helpers-journey";
import { HttpClient } from "#tests/support/http-client";
import { linkSentTo, openAsProfessional, subjectOf } from "#tests/support/professional";
import { chooseThroughTheJourney, shareThroughTheJourney } from "#tests/support/share-journey";
import { bodyOf, emailsSentTo, type ReceivedEmail, signIn, signInCodeFrom } from "#tests/support/sign-in";

const words = {
  en: { common: commonEn, email: emailEn, govuk: govukEn, helpers: helpersEn, shared: sharedEn, sharing: sharingEn, signIn: signInEn, story: storyEn },
  cy: { common: commonCy, email: emailCy, govuk: govukCy, helpers: helpersCy, shared: sharedCy, sharing: sharingCy, signIn: signInCy, story: storyCy },
};

/** The service's name as the pages and emails give it, with nothing configured. */
const serviceName = { en: "Tell it once", cy: "Dweud unwaith" };

/** Two demo agencies (app/services/demo-agencies.server.ts): their names in each language, inboxes and a work address's domain. */
const gp = { name: { en: "Riverside Medical Practice", cy: "Meddygfa Glan yr Afon" }, inbox: "riverside.practice@nhs.example.net", domain: "nhs.example.net" };
const housing = {
  name: { en: "Demo Council Housing Options", cy: "Opsiynau Tai Cyngor Demo" },
  inbox: "housing.options@housing.demo-council.example.org",
  domain: "demo-council.example.org",
};

/** The family, and the support worker and the man he writes with. */
const dafydd = { name: "Dafydd Jones", relationship: "his mother", writerName: "Gwen Jones" };
const rhysName = "Rhys Jones";
const tomasz = { name: "Tomasz Nowak", relationship: "his support worker", writerName: "Sam Patel" };

/** What is written: "His garden." is publishedStoryForSomeone's answer, in the person's own words. */
const answers = {
  matters: "His garden.",
  strengths: "He never gives up on a hard level of a game.",
  mattersByRhys: "His garden, and fixing bikes with Taid.",
};

/** The link an invitation email carries. */
function invitationLinkIn(email: ReceivedEmail): string {
  const link = bodyOf(email).match(/https?:\/\/\S+\/invitations\/[0-9a-f-]{36}/)?.[0];
  if (!link) throw new Error("the invitation email has no /invitations/ link");
  return link;
}

const server = openPortal();

describe.each(phoneRuns.filter(onThisEngine))("$label", ({ configuration, lang }) => {
  const t = words[lang];
  const { slug } = configuration;
  const address = (who: string) => `${who}-${slug}@example.org`;
  const emails = { gwen: address("gwen"), rhys: address("rhys"), dafydd: address("dafydd"), sam: address("sam") };

  /** Gwen and Sam signed in; Rhys and Dafydd sign in from their invitations' links; the professional proves a work address. */
  const cookies = { gwen: "", sam: "" };
  const gwen = browserFor(server, configuration, { cookie: async () => (cookies.gwen = await signIn(server, emails.gwen)) });
  const rhys = browserFor(server, configuration);
  const son = browserFor(server, configuration);
  const professional = browserFor(server, configuration);
  const sam = browserFor(server, configuration, { cookie: async () => (cookies.sam = await signIn(server, emails.sam)) });
  // Each has chosen the run's language before (the language switcher remembers it in a cookie).
  beforeAll(async () => {
    for (const person of [gwen, rhys, son, professional, sam]) await addCookie(person, `lang=${lang}`);
  });

  let screenshots = 0;

  const main = (s: BrowserSession) => s.page.getByRole("main");
  const path = (s: BrowserSession) => new URL(s.page.url()).pathname;
  const button = (s: BrowserSession, name: string) => main(s).getByRole("button", { name, exact: true });
  const link = (s: BrowserSession, name: string) => main(s).getByRole("link", { name, exact: true });
  const textbox = (s: BrowserSession, name: string) => main(s).getByRole("textbox", { name, exact: true });
  const radio = (s: BrowserSession, name: string) => main(s).getByRole("radio", { name, exact: true });
  const follow = (s: BrowserSession, target: Locator) => s.navigate(() => target.click());
  const texts = async (target: Locator) => (await target.allTextContents()).map((text) => text.replace(/\s+/g, " ").trim());
  const errorSummary = (s: BrowserSession) => texts(s.page.locator(".govuk-error-summary a"));
  const banner = (s: BrowserSession) => s.page.locator(".govuk-notification-banner");
  /** A signed-in person's requests over HTTP, with the session their browser has. */
  const overHttp = (cookie: string) => new HttpClient(server.url).browser({ cookie });

  /** What a person would notice going wrong on the page as it is now (see checkPage), its <title> naming it as its h1 does. */
  const check = (s: BrowserSession, name: string, heading: string, { error = false } = {}) =>
    checkPage(s, {
      name,
      heading,
      language: lang,
      error,
      title: heading,
      screenshot: `carers-${slug}-${lang}-${String(++screenshots).padStart(2, "0")}-${name}`,
    });

  /**
   * That the page shows `heading`, as its one h1: for a page in a state
   * another suite audits (check audits each state this one is first to meet).
   */
  const shows = (s: BrowserSession, heading: string) =>
    expect.poll(async () => texts(s.page.locator("h1")), { message: `the page at ${path(s)} shows "${heading}"` }).toEqual([heading]);

  /** The cells of each body row of the `index`th table in the main part of the page, as text. */
  const tableRows = (s: BrowserSession, index = 0) =>
    main(s)
      .locator("table")
      .nth(index)
      .locator("tbody tr")
      .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll("th, td")].map((cell) => (cell.textContent ?? "").replace(/\s+/g, " ").trim())));

  /** Each summary list row's key and value, as text, within `within`. */
  const summaryRows = (within: Locator) =>
    within
      .locator(".govuk-summary-list__row")
      .evaluateAll((rows) =>
        rows.map((row) =>
          [".govuk-summary-list__key", ".govuk-summary-list__value"].map((part) => (row.querySelector(part)?.textContent ?? "").replace(/\s+/g, " ").trim()),
        ),
      );

  /** The summary card of one agency's share on "Who has your story". */
  const shareCard = (s: BrowserSession, agency: string) =>
    main(s)
      .locator(".govuk-summary-card")
      .filter({ has: s.page.getByRole("heading", { name: agency, exact: true }) });

  /** "Gwen Jones (his mother) for Dafydd Jones – parental responsibility", as the summary gives who wrote a story. */
  const writtenFor = (writer: { name: string; relationship: string; writerName: string }, basis: "parental" | "asked") =>
    fill(t.story.summary.writtenFor, {
      writer: writer.writerName,
      relationship: writer.relationship,
      name: writer.name,
      basis: t.story.summary.basisShort[basis],
    });

  /**
   * A journey's steps, in order, as journeySteps makes them (a failure names
   * its step, and each step after it fails at once, naming that step). An
   * `aside` is a step no later step goes on from: its failure does not stop them.
   */
  function journey() {
    let failed: string | undefined;
    const define = (name: string, body: () => Promise<void>, leadsOn: boolean) => {
      const run = async () => {
        if (failed !== undefined) throw new Error(`Not run: this step goes on from the step "${failed}", which failed.`);
        try {
          await body();
        } catch (error) {
          if (leadsOn) failed = name;
          throw error;
        }
      };
      test(name, run);
    };
    return {
      step: (name: string, body: () => Promise<void>) => define(name, body, true),
      aside: (name: string, body: () => Promise<void>) => define(name, body, false),
    };
  }

  /**
   * Opens an invitation's link signed out, as from the email: the sign-in
   * pages (the address, then the emailed code) lead back to the invitation.
   */
  async function signInFromTheLink(s: BrowserSession, email: string, invitationLink: string) {
    await s.visit(invitationLink);
    expect(path(s), "the invitation asks a person signed out to sign in").toBe("/sign-in");
    await textbox(s, t.signIn.email.title).fill(email);
    const since = server.mail.received.length;
    await s.submit(button(s, t.signIn.email.continue));
    expect(path(s)).toBe("/sign-in/check-email");
    await textbox(s, t.signIn.code.label).fill(signInCodeFrom(await server.mail.nextEmailTo(email, since)));
    await s.submit(button(s, t.signIn.code.continue));
    expect(path(s), "signed in, back at the invitation").toBe(new URL(invitationLink).pathname);
  }

  describe("a mother writes for her son; his father helps; at 16 he takes the story over", () => {
    const { step, aside } = journey();
    let storyId = "";
    const story = () => `/stories/${storyId}`;
    const agencyIds = { gp: "", housing: "" };
    let shareIds = { gp: "", housing: "" };
    let rhysInvitation = "";
    let mailBeforeSharing = 0;
    let mailBeforeTakeOver = 0;

    step(
      "Gwen writes a story for Dafydd, 15, under parental responsibility (over HTTP: someone-else.test.ts uses its pages): his words, then her view, saved as version 2",
      async () => {
        const writer = overHttp(cookies.gwen);
        const now = new Date();
        storyId = await publishedStoryForSomeone(writer, {
          ...dafydd,
          basis: "parental",
          "dateOfBirth-day": String(now.getUTCDate()),
          "dateOfBirth-month": String(now.getUTCMonth() + 1),
          "dateOfBirth-year": String(now.getUTCFullYear() - 15),
        });
        const strengths = await writer.post(`${story()}/strengths`, { strengths: answers.strengths, strengthsVoice: "mine", intent: "continue" });
        expect(strengths.status).toBe(302);
        expect((await writer.post(`${story()}/check`)).status, "saving version 2").toBe(302);
        await gwen.visit(story());
        await shows(gwen, t.story.taskList.title);
        expect(await banner(gwen).count(), "15 and more than a month from 16: no review banner").toBe(0);
        expect(await link(gwen, t.helpers.list.taskListLink).count(), "the owner is offered the helpers' page").toBe(1);
      },
    );

    step("Gwen opens People helping; sends an invitation with nothing typed (each error in page order), then invites Rhys to edit", async () => {
      const h = t.helpers;
      await follow(gwen, link(gwen, h.list.taskListLink));
      expect(path(gwen)).toBe(`${story()}/helpers`);
      await check(gwen, "helpers-none", h.list.title);
      expect(await main(gwen).textContent()).toContain(h.list.none);
      expect(await texts(main(gwen).locator("h2"))).toEqual([h.list.helpersHeading, fill(h.list.handOverHeading, { name: dafydd.name })]);

      await follow(gwen, button(gwen, h.list.inviteButton));
      expect(path(gwen)).toBe(`${story()}/helpers/invite`);
      await check(gwen, "invite", h.invite.title);
      expect(await gwen.submit(button(gwen, h.invite.send))).toBe(400);
      await check(gwen, "invite-nothing-typed", h.invite.title, { error: true });
      expect(await errorSummary(gwen)).toEqual([h.invite.errors.nameRequired, h.invite.errors.email.required, h.invite.errors.permissionRequired]);

      await textbox(gwen, h.invite.name).fill(rhysName);
      await textbox(gwen, h.invite.email).fill(emails.rhys);
      await radio(gwen, h.roles.edit).check();
      const since = server.mail.received.length;
      await gwen.submit(button(gwen, h.invite.send));
      expect(path(gwen)).toBe(`${story()}/helpers`);
      rhysInvitation = new URL(gwen.page.url()).searchParams.get("invitation") ?? "";
      await check(gwen, "helpers-invited", h.list.title);
      expect(await texts(banner(gwen))).toEqual([expect.stringContaining(fill(h.list.done.invited, { name: rhysName }))]);
      expect(await texts(main(gwen).locator("h2"))).toContain(h.list.waitingHeading);
      expect((await tableRows(gwen))[0][0], "Rhys is waiting, by name and address").toBe(`${rhysName}${emails.rhys}`);

      const [invitation] = await emailsSentTo(server, emails.rhys, since);
      expect(subjectOf(invitation)).toBe(fill(t.email.helperInvitation.subject, { inviter: dafydd.writerName, service: serviceName[lang] }));
      expect(invitationLinkIn(invitation)).toBe(`${server.url}/invitations/${rhysInvitation}`);
    });

    step("Rhys signs in from the link in his email, answers nothing (an error), accepts, and changes an answer", async () => {
      const h = t.helpers;
      const [invitation] = await emailsSentTo(server, emails.rhys, 0);
      await signInFromTheLink(rhys, emails.rhys, invitationLinkIn(invitation));
      const title = fill(h.invitation.helpTitle, { inviter: dafydd.writerName });
      await check(rhys, "invitation-to-help", title);
      expect(await summaryRows(main(rhys))).toEqual([
        [h.invitation.about, dafydd.name],
        [h.invitation.invitedBy, dafydd.writerName],
        [h.invitation.youCould, h.roles.editHint],
        [h.invitation.until, expect.any(String)],
      ]);
      expect(await rhys.submit(button(rhys, h.invitation.continue))).toBe(400);
      await check(rhys, "invitation-to-help-nothing-chosen", title, { error: true });
      expect(await errorSummary(rhys)).toEqual([h.invitation.errors.answerRequired]);

      await radio(rhys, h.invitation.yes).check();
      await rhys.submit(button(rhys, h.invitation.continue));
      expect(path(rhys)).toBe(story());
      expect(new URL(rhys.page.url()).searchParams.get("welcome")).toBe("helping");
      await check(rhys, "task-list-helping", t.story.taskList.title);
      expect(await texts(banner(rhys))).toEqual([expect.stringContaining(h.welcome.helping)]);
      expect(await texts(main(rhys).locator(".govuk-inset-text").first())).toEqual([fill(h.taskList.helping, { owner: dafydd.writerName })]);
      expect(await link(rhys, h.list.taskListLink).count(), "a helper is not offered the helpers' page").toBe(0);

      await follow(rhys, link(rhys, t.story.sections.matters.title));
      const matters = textbox(rhys, t.story.fields.matters.matters.label);
      expect(await matters.inputValue()).toBe(answers.matters);
      await matters.fill(answers.mattersByRhys);
      await rhys.submit(button(rhys, t.story.question.continue));
      expect(path(rhys), "back to the task list").toBe(story());
    });

    step("Gwen's version history: version 1 saved by her, and Rhys's change since, in his name", async () => {
      await gwen.visit(`${story()}/versions`);
      await check(gwen, "versions-changed-by-helper", t.story.versions.title);
      const [saved] = await tableRows(gwen, 0);
      expect(saved.slice(0, 2)).toEqual([
        expect.stringMatching(/^2\b/),
        expect.stringMatching(new RegExp(`${fill(t.helpers.history.savedBy, { name: t.helpers.people.you })}$`)),
      ]);
      expect(await texts(main(gwen).locator("h2"))).toContain(t.helpers.history.changesHeading);
      expect(await tableRows(gwen, 1)).toEqual([[t.story.sections.matters.title, rhysName, expect.any(String)]]);
    });

    step("Gwen shares with the GP and Housing Options; Who has your story says who shared each", async () => {
      [{ id: agencyIds.gp }] = await server.query<{ id: string }>("select id from agencies where name = ?", gp.name.en);
      [{ id: agencyIds.housing }] = await server.query<{ id: string }>("select id from agencies where name = ?", housing.name.en);
      mailBeforeSharing = server.mail.received.length;
      await shareThroughTheJourney(server, cookies.gwen, storyId, [agencyIds.gp, agencyIds.housing], "yes", {
        parts: ["about", "matters", "strengths"],
      });
      const shares = await server.query<{ id: string; agency_id: string }>("select id, agency_id from shares where story_id = ?", storyId);
      shareIds = {
        gp: shares.find((share) => share.agency_id === agencyIds.gp)?.id ?? "",
        housing: shares.find((share) => share.agency_id === agencyIds.housing)?.id ?? "",
      };
      expect(Object.values(shareIds).every(Boolean), "a share with each agency").toBe(true);
      // Each agency's inbox has its link.
      await linkSentTo(server, gp.inbox, mailBeforeSharing);
      await linkSentTo(server, housing.inbox, mailBeforeSharing);

      await gwen.visit(`${story()}/shares`);
      await shows(gwen, t.sharing.whoHas.title);
      for (const agency of [gp, housing]) {
        expect(await summaryRows(shareCard(gwen, agency.name[lang])), agency.name.en).toContainEqual([t.helpers.history.sharedBy, t.helpers.people.you]);
      }
    });

    step("the GP's professional opens the link from the agency's email and proves a work address", async () => {
      const opened = await openAsProfessional(server, await linkSentTo(server, gp.inbox, mailBeforeSharing), `duty.${slug}@${gp.domain}`);
      expect(opened.shareId).toBe(shareIds.gp);
      await addCookie(professional, opened.cookie);
    });

    aside("the professional reads who wrote the story, for whom and on what basis, and whose words each answer is", async () => {
      await professional.visit(`/shared/${shareIds.gp}/summary`);
      const heading = fill(t.shared.summary.title, { name: dafydd.name });
      await check(professional, "summary-written-for-someone", heading);
      expect(await summaryRows(main(professional))).toContainEqual([t.story.summary.writtenBy, writtenFor(dafydd, "parental")]);
      if (lang === "en") expect(writtenFor(dafydd, "parental")).toBe("Gwen Jones (his mother) for Dafydd Jones – parental responsibility");
      // The newest version saved, 2: Rhys's change, not saved as a version, is not there.
      expect(await main(professional).textContent()).toContain(answers.matters);
      expect(await main(professional).textContent()).not.toContain(answers.mattersByRhys);
      expect(await texts(main(professional).locator(".app-voice"))).toEqual([
        fill(t.story.voice.labelTheirs, { name: dafydd.name, writer: dafydd.writerName }),
        fill(t.story.voice.labelMine, { writer: dafydd.writerName }),
      ]);
    });

    step("Dafydd turns 16: Gwen's task list says parental responsibility has ended", async () => {
      const now = new Date();
      // His 16th birthday was yesterday (the date of birth moved back: a clock moved on).
      const birthday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 1));
      const born = new Date(Date.UTC(birthday.getUTCFullYear() - 16, birthday.getUTCMonth(), birthday.getUTCDate()));
      await server.write(
        "update subjects set date_of_birth = ? where id = (select subject_id from stories where id = ?)",
        born.toISOString().slice(0, 10),
        storyId,
      );
      await gwen.visit(story());
      await shows(gwen, t.story.taskList.title);
      expect(await texts(banner(gwen).locator(".govuk-notification-banner__heading"))).toEqual([
        fill(t.sharing.basisReview.endedHeading, { name: dafydd.name, date: longDate(birthday, lang) }),
      ]);
    });

    step("Gwen hands the story over: the page, no address (an error), then Dafydd's own", async () => {
      const h = t.helpers;
      await follow(gwen, link(gwen, h.list.taskListLink));
      await shows(gwen, h.list.title);
      const [row] = await tableRows(gwen);
      expect(row.slice(0, 2)).toEqual([`${rhysName}${emails.rhys}`, expect.stringContaining(h.roles.edit)]);
      await follow(gwen, button(gwen, h.list.handOverButton));
      expect(path(gwen)).toBe(`${story()}/hand-over`);
      const title = fill(h.handOver.title, { name: dafydd.name });
      await check(gwen, "hand-over", title);
      expect(await gwen.submit(button(gwen, h.handOver.send))).toBe(400);
      await check(gwen, "hand-over-no-address", title, { error: true });
      expect(await errorSummary(gwen)).toEqual([h.invite.errors.email.required]);

      await textbox(gwen, fill(h.handOver.email, { name: dafydd.name })).fill(emails.dafydd);
      const since = server.mail.received.length;
      await gwen.submit(button(gwen, h.handOver.send));
      expect(path(gwen)).toBe(`${story()}/helpers`);
      await check(gwen, "helpers-hand-over-sent", h.list.title);
      expect(await texts(banner(gwen))).toEqual([expect.stringContaining(fill(h.list.done.handOver, { name: dafydd.name }))]);
      // "You have invited Dafydd Jones to take this story over, at <his address>. They can accept until …"
      const [waiting] = fill(h.list.handOverWaiting, { name: dafydd.name, email: emails.dafydd, date: "\n" }).split("\n");
      expect(await main(gwen).textContent()).toContain(waiting);
      const [invitation] = await emailsSentTo(server, emails.dafydd, since);
      expect(subjectOf(invitation)).toBe(fill(t.email.takeOverInvitation.subject, { inviter: dafydd.writerName, service: serviceName[lang] }));
    });

    step("Dafydd signs in from the link, says yes without saying what his mother may do (an error), then keeps her as an editor", async () => {
      const h = t.helpers;
      const [invitation] = await emailsSentTo(server, emails.dafydd, 0);
      await signInFromTheLink(son, emails.dafydd, invitationLinkIn(invitation));
      await check(son, "invitation-to-take-over", h.invitation.takeOverTitle);
      expect(await main(son).textContent()).toContain(fill(h.invitation.takeOverIntro, { inviter: dafydd.writerName }));
      await radio(son, h.invitation.yes).check();
      expect(await son.submit(button(son, h.invitation.continue))).toBe(400);
      await check(son, "invitation-to-take-over-no-choice", h.invitation.takeOverTitle, { error: true });
      expect(await errorSummary(son)).toEqual([fill(h.invitation.errors.formerOwnerRequired, { inviter: dafydd.writerName })]);

      await radio(son, h.invitation.yes).check();
      await radio(son, h.roles.edit).check();
      mailBeforeTakeOver = server.mail.received.length;
      await son.submit(button(son, h.invitation.continue));
      expect(path(son)).toBe(story());
      await check(son, "task-list-taken-over", t.story.taskList.title);
      expect(await texts(banner(son))).toEqual([expect.stringContaining(h.welcome.owner)]);
      expect(await main(son).locator(".govuk-caption-l").count(), "his own story: no 'for Dafydd Jones' caption").toBe(0);
    });

    step("Your stories: Dafydd's own; for Gwen, among the stories she helps with", async () => {
      await son.visit("/stories");
      await shows(son, t.story.list.title);
      // Rhys's change is not saved as a version yet.
      expect(await tableRows(son)).toEqual([[dafydd.name, fill(t.story.list.changed, { version: 2 })]]);
      expect(await texts(main(son).locator("h2")), "nothing he helps with").not.toContain(t.helpers.stories.helpingHeading);

      await gwen.visit("/stories");
      await check(gwen, "your-stories-helping", t.story.list.title);
      expect(await texts(main(gwen).locator("h2"))).toEqual([t.helpers.stories.helpingHeading]);
      expect(await tableRows(gwen)).toEqual([[dafydd.name, fill(t.story.list.changed, { version: 2 })]]);
      await follow(gwen, link(gwen, dafydd.name));
      expect(await texts(main(gwen).locator(".govuk-inset-text").first())).toEqual([fill(t.helpers.taskList.helping, { owner: dafydd.name })]);
    });

    step("each agency still sharing the story is emailed that Dafydd now manages it", async () => {
      for (const agency of [gp, housing]) {
        const told = await emailsSentTo(server, agency.inbox, mailBeforeTakeOver);
        expect(told.map(subjectOf), agency.name.en).toEqual([
          `${fill(emailEn.storyHandedOver.subject, { agency: agency.name.en })} / ${fill(emailCy.storyHandedOver.subject, { agency: agency.name.cy })}`,
        ]);
        expect(bodyOf(told[0]), "the email does not name him").not.toContain(dafydd.name);
      }
    });

    step("Dafydd removes his father (asked first); Rhys's next request finds nothing there", async () => {
      const h = t.helpers;
      await son.visit(story());
      await follow(son, link(son, h.list.taskListLink));
      await check(son, "helpers-after-take-over", h.list.title);
      const helpers = await tableRows(son);
      expect(helpers.map((row) => row.slice(0, 2))).toEqual([
        [`${dafydd.writerName}${emails.gwen}`, expect.stringContaining(h.roles.edit)],
        [`${rhysName}${emails.rhys}`, expect.stringContaining(h.roles.edit)],
      ]);
      expect(await main(son).textContent(), "his own story: nothing to hand over").not.toContain(h.list.handOverButton);

      await follow(son, link(son, `${h.list.remove} ${rhysName}`));
      const title = fill(h.end.removeTitle, { name: rhysName });
      await check(son, "remove-helper", title);
      await son.submit(button(son, h.end.removeButton));
      expect(path(son)).toBe(`${story()}/helpers`);
      await shows(son, h.list.title);
      expect(await texts(banner(son))).toEqual([expect.stringContaining(fill(h.list.done.removed, { name: rhysName }))]);
      expect((await tableRows(son)).map((row) => row[0])).toEqual([`${dafydd.writerName}${emails.gwen}`]);

      const refused = await rhys.visit(story());
      expect(refused.status(), "the story is no longer there for Rhys").toBe(404);
      await shows(rhys, t.common.errors["404"].title);
      expect(await main(rhys).textContent()).not.toContain(dafydd.name);
    });

    step("Dafydd stops sharing with Housing Options: asked first; the GP's share carries on", async () => {
      const s = t.sharing;
      await son.visit(story());
      await follow(son, link(son, s.whoHas.taskListLink));
      await check(son, "who-has-after-take-over", s.whoHas.title);
      for (const agency of [gp, housing]) {
        expect(await summaryRows(shareCard(son, agency.name[lang])), agency.name.en).toContainEqual([t.helpers.history.sharedBy, dafydd.writerName]);
      }
      const agency = housing.name[lang];
      await follow(son, shareCard(son, agency).getByRole("link", { name: `${s.whoHas.actions.stop} (${agency})`, exact: true }));
      expect(path(son)).toBe(`${story()}/shares/${shareIds.housing}/stop`);
      await shows(son, fill(s.stop.heading, { agency }));
      await son.submit(button(son, s.stop.button));
      expect(path(son)).toBe(`${story()}/shares`);
      await shows(son, s.whoHas.title);
      expect(await texts(banner(son))).toEqual([expect.stringContaining(fill(s.whoHas.done.stopped, { agency }))]);
      expect(await summaryRows(shareCard(son, gp.name[lang]))).toContainEqual([s.whoHas.status, s.whoHas.states.active]);
      expect(await summaryRows(shareCard(son, agency))).toContainEqual([s.whoHas.status, s.whoHas.states.stopped]);
      const states = await server.query<{ id: string; status: string }>("select id, status from shares where story_id = ?", storyId);
      expect(Object.fromEntries(states.map((share) => [share.id, share.status]))).toEqual({ [shareIds.gp]: "active", [shareIds.housing]: "stopped" });
    });
  });

  describe("a support worker writes with a man who has no email address, who asked him to help", () => {
    const { step, aside } = journey();
    let tomaszStoryId = "";
    let tomaszShareId = "";

    step("Sam writes a story with Tomasz, who asked him to help (over HTTP): an answer in Tomasz's own words, saved as version 1", async () => {
      tomaszStoryId = await publishedStoryForSomeone(overHttp(cookies.sam), { ...tomasz, basis: "asked" });
    });

    step("Sam agrees to share with the GP: not without confirming Tomasz agreed (an error), then shared", async () => {
      const s = t.sharing;
      const [{ id: gpId }] = await server.query<{ id: string }>("select id from agencies where name = ?", gp.name.en);
      await chooseThroughTheJourney(server, cookies.sam, tomaszStoryId, [gpId], "no");
      await sam.visit(`/stories/${tomaszStoryId}/share/agree`);
      await shows(sam, s.agree.title);
      expect(await main(sam).textContent()).toContain(fill(s.declaration.onBehalf, { writtenBy: writtenFor(tomasz, "asked") }));
      expect(await sam.submit(button(sam, s.agree.button))).toBe(400);
      await check(sam, "agree-for-tomasz-not-confirmed", s.agree.title, { error: true });
      expect(await errorSummary(sam)).toEqual([fill(s.agree.errors.personAgreed, { name: tomasz.name })]);
      expect(await server.query("select id from shares where story_id = ?", tomaszStoryId), "nothing shared").toEqual([]);

      await main(sam)
        .getByRole("checkbox", { name: fill(s.agree.personAgreed, { name: tomasz.name }), exact: true })
        .check();
      const since = server.mail.received.length;
      await sam.submit(button(sam, s.agree.button));
      await shows(sam, s.confirmation.title);
      const opened = await openAsProfessional(server, await linkSentTo(server, gp.inbox, since), `reception.${slug}@${gp.domain}`);
      await addCookie(professional, opened.cookie);
      tomaszShareId = opened.shareId;
    });

    aside("the GP's professional reads who wrote Tomasz's story, on what basis, and whose words it is", async () => {
      await professional.visit(`/shared/${tomaszShareId}/summary`);
      await shows(professional, fill(t.shared.summary.title, { name: tomasz.name }));
      expect(await summaryRows(main(professional))).toContainEqual([t.story.summary.writtenBy, writtenFor(tomasz, "asked")]);
      expect(await texts(main(professional).locator(".app-voice"))).toEqual([
        fill(t.story.voice.labelTheirs, { name: tomasz.name, writer: tomasz.writerName }),
      ]);
    });
  });

  describe("a child's story started from 'Who is this story about?', as the pages lead to it", () => {
    const { step } = journey();

    step("the date of birth typed is read, and the story starts", async () => {
      await sam.visit("/stories");
      await follow(sam, button(sam, t.story.list.start));
      await radio(sam, t.story.whoFor.someone).check();
      await sam.submit(button(sam, t.story.question.continue));
      expect(path(sam)).toBe("/stories/new/someone");
      const someone = t.story.someone;
      await textbox(sam, someone.fields.name).fill("Cai Hughes");
      await textbox(sam, someone.fields.relationship).fill("his special guardian");
      await textbox(sam, t.govuk.dateInput.dayLabel).fill("15");
      await textbox(sam, t.govuk.dateInput.monthLabel).fill("1");
      await textbox(sam, t.govuk.dateInput.yearLabel).fill(String(new Date().getUTCFullYear() - 10));
      await radio(sam, someone.bases.parental).check();
      await textbox(sam, someone.fields.writerName).fill("Sam Patel");
      await sam.submit(button(sam, t.story.question.continue));
      expect(await errorSummary(sam), "no error: the date of birth typed was sent").toEqual([]);
      expect(path(sam), "the new story's task list").toMatch(/^\/stories\/[0-9a-f-]{36}$/);
    });
  });
});
