/**
 * How a person may be contacted, said in one vocabulary everywhere (the
 * story's "About you", a share's contact page, the professional's consent
 * panel), and what a professional must not do put first on the summary they
 * read and print, as a warning.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { linkSentTo, openAsProfessional } from "#tests/support/professional";
import { shareThroughTheJourney, startStory } from "#tests/support/share-journey";
import { signedIn, startServerWithMail } from "#tests/support/sign-in";
import { attr, type Page, text, type Browser, HttpClient } from "#tests/support/http-client";
import { serverForThisFile } from "#tests/support/server-for-file";

const server = serverForThisFile(startServerWithMail);
const http = new HttpClient(() => server.url);
let alice: Browser;
let storyId: string;
/** The summary as a verified professional at each agency reads it, by language. */
const summaries: Record<string, Record<"en" | "cy", Page>> = {};

const GP = "Riverside Medical Practice"; // sees "About you": contact by email or text message
const HOUSING = "Demo Council Housing Options"; // sees only "What matters": contact by letter
const INBOX: Record<string, string> = { [GP]: "riverside.practice@nhs.example.net", [HOUSING]: "housing.options@housing.demo-council.example.org" };
const READER: Record<string, string> = { [GP]: "dr.ada@nhs.example.net", [HOUSING]: "officer@housing.demo-council.example.org" };

/** The labels of a page's checkboxes called `name`, with their values. */
function options(page: Page, name: string): [string | undefined, string][] {
  return page.doc
    .all((el) => el.tagName === "input" && attr(el, "name") === name)
    .map((input) => [attr(input, "value"), text(page.doc.all((el) => el.tagName === "label" && attr(el, "for") === attr(input, "id"))[0])]);
}

/** The elements of <main>'s content column in order, from the page's h1 on. */
function fromHeading(page: Page) {
  const h1 = page.doc.one("h1");
  const column = h1.parentNode as Parameters<typeof page.doc.all>[1];
  const elements = page.doc.all(() => true, column).filter((el) => el.parentNode === column);
  return elements.slice(elements.indexOf(h1));
}

/** Whether an element, or one around it, is left out of the printout. */
const hiddenInPrint = (el: { parentNode?: unknown; attrs?: { name: string; value: string }[] } | null | undefined): boolean =>
  Boolean(el?.attrs) &&
  ((el!.attrs!.find((a) => a.name === "class")?.value ?? "").split(/\s+/).includes("app-no-print") || hiddenInPrint(el!.parentNode as typeof el));

beforeAll(async () => {
  alice = await signedIn(server, "alice@example.org", "en");
  storyId = await startStory(server, alice.cookie);
  const contact = await alice.post(`/stories/${storyId}/about/contact`, {
    contactBy: ["email", "text"],
    email: "sam@example.org",
    phone: "07700 900 982",
    address: "1 Mill Lane, Demo",
    safeToLeaveMessages: "no",
    intent: "save",
  });
  expect(contact.status).toBe(302);
  expect((await alice.post(`/stories/${storyId}/matters`, { matters: "My dog, Bess.", intent: "continue" })).status).toBe(302);
  expect((await alice.post(`/stories/${storyId}/check`, {})).status).toBe(302);

  const agencies = Object.fromEntries((await server.query<{ id: string; name: string }>("select id, name from agencies")).map((row) => [row.name, row.id]));
  const shares: [string, { parts?: string[]; contact: Record<string, string | string[]> }][] = [
    [GP, { contact: { contact: "yes", contactMethods: ["email", "text"] } }],
    [HOUSING, { parts: ["matters"], contact: { contact: "yes", contactMethods: ["letter"] } }],
  ];
  for (const [agency, choices] of shares) {
    const since = server.mail.received.length;
    await shareThroughTheJourney(server, alice.cookie, storyId, [agencies[agency]], "no", choices);
    const opened = await openAsProfessional(server, await linkSentTo(server, INBOX[agency], since), READER[agency]);
    const summary = (lang: "en" | "cy") => http.get(`/shared/${opened.shareId}/summary`, { cookie: opened.cookie, lang });
    summaries[agency] = { en: await summary("en"), cy: await summary("cy") };
    for (const page of Object.values(summaries[agency])) expect(page.status).toBe(200);
  }
});

describe("one vocabulary of ways to be contacted", () => {
  test("the story's question and a share's contact page offer the same ways, in the same words", async () => {
    const ways = [
      ["email", "Email"],
      ["phone", "Phone call"],
      ["text", "Text message"],
      ["letter", "Letter"],
    ];
    expect(options(await alice.get(`/stories/${storyId}/about/contact`), "contactBy")).toEqual(ways);
    // A share's contact page is reached with a journey under way: choose an agency and its parts first.
    const agency = (await server.query<{ id: string }>("select id from agencies where name = ?", "Citizens Advice Demo"))[0].id;
    expect((await alice.post(`/stories/${storyId}/share`, { agencies: agency })).status).toBe(302);
    expect((await alice.post(`/stories/${storyId}/share/parts/${agency}`, { parts: "matters" })).status).toBe(302);
    expect((await alice.post(`/stories/${storyId}/share/how-long`, { endsIn: "3" })).status).toBe(302);
    expect((await alice.post(`/stories/${storyId}/share/updates`, { keepUpToDate: "no" })).status).toBe(302);
    const page = await alice.get(`/stories/${storyId}/share/contact`);
    expect(options(page, "contactMethods")).toEqual(ways);
    expect(options(await alice.get(`/stories/${storyId}/share/contact`, { lang: "cy" }), "contactMethods")).toEqual(
      options(await alice.get(`/stories/${storyId}/about/contact`, { lang: "cy" }), "contactBy"),
    );
  });

  test("the professional's consent panel and the person's About section say the same ways", () => {
    const page = summaries[GP].en;
    const rows = page.doc.byClass("govuk-summary-list__row").map((row) => [text(page.doc.byClass("govuk-summary-list__key", row)[0]), row]);
    const value = (key: string) => page.doc.byClass("govuk-summary-list__value", rows.find(([k]) => k === key)![1] as never)[0];
    expect(text(value("Contacting them"))).toBe("They agreed that you can contact them by: email, text message.");
    expect(page.doc.tag("li", value("Happy to be contacted by")).map(text)).toEqual(["Email", "Text message"]);
    expect(text(value("Safe to leave messages"))).toBe("No, do not leave messages");
  });
});

describe("what a professional must not do, first on the page", () => {
  test("the first thing after the heading is a warning: the ways agreed, no messages, no letters to the address", () => {
    const page = summaries[GP].en;
    const [heading, first] = fromHeading(page);
    expect(text(heading)).toBe("Sam Jones’s story");
    expect(attr(first, "class")).toBe("govuk-warning-text");
    expect(text(first)).toBe(
      "!Warning Contact them only by: email, text message. They said it is not safe to leave them messages, such as a voicemail, a text message or a letter, that someone else where they live might see or hear. Do not send letters to the address in their story.",
    );
    // The printout keeps it: nothing around it is left out of print.
    expect(hiddenInPrint(first)).toBe(false);
  });

  test("in Welsh too", () => {
    const [, first] = fromHeading(summaries[GP].cy);
    expect(text(first)).toBe(
      "!Rhybudd Dim ond drwy’r ffyrdd hyn y dylech chi gysylltu â nhw: e-bost, neges destun. Maen nhw wedi dweud nad yw’n ddiogel gadael negeseuon iddyn nhw, fel neges llais, neges destun neu lythyr, y gallai rhywun arall lle maen nhw’n byw eu gweld neu eu clywed. Peidiwch ag anfon llythyrau i’r cyfeiriad yn eu stori.",
    );
  });

  test("an agency that cannot read 'About you', and may write, gets no such warning: nothing withheld decides it", () => {
    const page = summaries[HOUSING].en;
    const [, first] = fromHeading(page);
    expect(text(first)).not.toMatch(/Contact them only|not safe to leave|Do not send letters/);
    expect(text(page.doc.one("main"))).not.toMatch(/Mill Lane|not safe to leave/);
  });
});
