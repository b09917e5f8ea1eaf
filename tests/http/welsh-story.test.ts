/**
 * A whole story, published in English and shared, read in Welsh: by the
 * person on every page about it, and by a professional at each agency. No
 * English from the interface may show on a Welsh page unless it is marked
 * lang="en" (WCAG 3.1.2, language of parts), agencies go by their Welsh
 * names, and the person's own words say which language they are in.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { DefaultTreeAdapterTypes } from "parse5";
import { beforeAll, describe, expect, test } from "vitest";
import { codeFrom, shareLinkFrom } from "#tests/support/professional";
import { allParts, startStory } from "#tests/support/share-journey";
import { bodyOf, signedIn, startServerWithMail, type ReceivedEmail } from "#tests/support/sign-in";
import { attr, text, type Page, HttpClient, type Browser, accepted } from "#tests/support/http-client";
import { serverForThisFile } from "#tests/support/server-for-file";
import { root } from "./helpers";

type Node = DefaultTreeAdapterTypes.ChildNode | DefaultTreeAdapterTypes.Document;

const server = serverForThisFile(startServerWithMail);
const http = new HttpClient(() => server.url);
let resident: Browser;
let storyId: string;

/** An agency a council imported without Welsh: Welsh pages fall back to its English, marked as English. */
const COUNCIL = {
  key: "money-advice",
  name: "Riverside Money Advice Line",
  description: "Free help with money worries and debts, on the phone or in person.",
  contactEmail: "money.advice@council.example.org",
  domain: "council.example.org",
};
const HOUSING = { key: "housing-options", welsh: "Opsiynau Tai Cyngor Demo" };
const JOBCENTRE = { key: "jobcentre-plus", welsh: "Canolfan Byd Gwaith Demo" };

/** What the person wrote, in English, on every page of the story. */
const WORDS = {
  name: "Rhian Morgan",
  preferredName: "Rhi",
  email: "rhi.morgan@example.org",
  phone: "07700 900456",
  address: "4 Quarry Row, Demo Town",
  needsDetails: "Mornings are better for me than afternoons.",
  now: "My landlord wants the flat back and I have nowhere else to go with the twins.",
  past: "We moved here after the flood ruined our old house by the river.",
  matters: "Keeping the twins at the same primary school near my sister.",
  strengths: "I am organised and I never miss an appointment.",
  working: "My sister collects the twins on Wednesdays.",
  notWorking: "Letters from the council arrive after the deadline has passed.",
  goal: "Find a flat with two bedrooms before winter.",
  help: "Someone to go through the housing forms with me.",
  supportName: "My sister Eleri",
  supportHow: "She looks after the twins when I work late shifts.",
  serviceName: "Twins' health visitor",
  serviceWhat: "Checks on the twins every few months.",
  dontAsk: "Please stop asking why I left my last job.",
};
/** The words a page shows as the person wrote them (the name is a proper name, which WCAG leaves unmarked in sentences). */
const OWN_WORDS = Object.entries(WORDS)
  .filter(([field]) => field !== "name" && field !== "preferredName")
  .map(([, words]) => words);

const query = <T>(sql: string, ...params: unknown[]) => server.query<T>(sql, ...params);
const agencyId = async (key: string) => (await query<{ id: string }>("select id from agencies where key = ?", key))[0].id;
const shareOf = async (key: string, lang: "en" | "cy") =>
  (
    await query<{ id: string }>(
      "select shares.id from shares join agencies on agencies.id = shares.agency_id join consent_records on consent_records.share_id = shares.id and consent_records.kind = 'given' where agencies.key = ? and consent_records.language = ?",
      key,
      lang,
    )
  )[0].id;

/** Every interface string whose English differs from its Welsh, cut at its placeholders into runs of three words or more. */
function englishInterfaceText(): string[] {
  const dir = join(root, "app/i18n/locales");
  const runs = new Set<string>();
  const walk = (en: unknown, cy: unknown) => {
    if (typeof en === "string") {
      if (en === cy) return;
      for (const run of en.split(/\{\{[^}]*\}\}|\n/)) {
        const trimmed = run
          .trim()
          .replace(/^[,.:;()‘’“”]+|[,.:;()‘’“”]+$/g, "")
          .trim();
        if (trimmed.split(/\s+/).length >= 3) runs.add(trimmed);
      }
    } else if (en && typeof en === "object") {
      for (const [key, value] of Object.entries(en)) walk(value, (cy as Record<string, unknown> | undefined)?.[key]);
    }
  };
  for (const file of readdirSync(join(dir, "en"))) {
    walk(JSON.parse(readFileSync(join(dir, "en", file), "utf8")), JSON.parse(readFileSync(join(dir, "cy", file), "utf8")));
  }
  return [...runs];
}

/** Every agency's English name and description: English too, wherever it comes from. */
const englishAgencyText = async () =>
  (await query<{ name: string; description: string }>("select name, description from agencies")).flatMap((a) => [a.name, a.description]);

/** The text of a page a person hears as Welsh: everything outside an element marked lang="en…". */
function textOutsideEnglish(node: Node): string {
  const parts: string[] = [];
  const walk = (n: Node) => {
    if (n.nodeName === "#text" && "value" in n) parts.push(n.value);
    if ("tagName" in n && (n.tagName === "script" || n.tagName === "style" || (attr(n, "lang") ?? "").startsWith("en"))) return;
    if ("childNodes" in n) for (const child of n.childNodes) walk(child);
  };
  walk(node);
  return parts.join(" ").replace(/\s+/g, " ");
}

let english: string[];

/** The English on a Welsh page that is not marked as English. */
async function unmarkedEnglish(page: Page): Promise<string[]> {
  expect(page.doc.lang).toBe("cy");
  const heard = textOutsideEnglish(page.doc.root);
  return [...english, ...(await englishAgencyText())].filter((run) => heard.includes(run));
}

/** The element's nearest own `lang`, below <html>. */
function nearestLang(doc: Page["doc"], target: Node): string | undefined {
  let found: string | undefined;
  const walk = (n: Node, lang: string | undefined): boolean => {
    const here = "tagName" in n && n.tagName !== "html" ? (attr(n, "lang") ?? lang) : lang;
    if (n === target) {
      found = here;
      return true;
    }
    return "childNodes" in n && n.childNodes.some((child) => walk(child as Node, here));
  };
  walk(doc.root, undefined);
  return found;
}

/** Each piece of the person's words on the page, with the language it is marked as (undefined: not marked). */
function ownWordsOn(page: Page): { words: string; lang: string | undefined }[] {
  const found: { words: string; lang: string | undefined }[] = [];
  const walk = (n: Node) => {
    if (n.nodeName === "#text" && "value" in n) {
      for (const words of OWN_WORDS) if (n.value.includes(words)) found.push({ words, lang: nearestLang(page.doc, n) });
    }
    // Only what is shown counts.
    if ("tagName" in n && n.tagName === "script") return;
    if ("childNodes" in n) for (const child of n.childNodes) walk(child);
  };
  walk(page.doc.root);
  return found;
}

/** A Welsh page: no unmarked English, and the person's words (if it shows any) marked as the English they are. */
async function expectWelshPage(page: Page, { ownWords = 0 } = {}) {
  const where = page.doc.title;
  expect(page.status, where).toBe(200);
  expect({ where, english: await unmarkedEnglish(page) }).toEqual({ where, english: [] });
  const words = ownWordsOn(page);
  expect({ where, unmarked: words.filter((w) => w.lang !== "en") }).toEqual({ where, unmarked: [] });
  expect(words.length, where).toBeGreaterThanOrEqual(ownWords);
}

/** The element around an exact piece of text. */
const elementsWithText = (page: Page, words: string) =>
  page.doc.all((el) => el.childNodes.some((child) => child.nodeName === "#text" && "value" in child && child.value === words));

async function emailsTo(to: string, since: number): Promise<ReceivedEmail[]> {
  await server.mail.nextEmailTo(to, since);
  return server.mail.received.slice(since).filter((email) => email.to.includes(to));
}

/** Writes the whole story in English, answering every question but the language it is written in, and publishes it. */
async function writeAndPublish(person: Browser): Promise<string> {
  const id = await startStory(server, person.cookie, { name: WORDS.name });
  const page = (path: string, fields: Record<string, string | string[]>) =>
    accepted(person.post(`/stories/${id}/${path}`, { ...fields, intent: "continue" }, { lang: "en" }));
  await page("about", { name: WORDS.name, preferredName: WORDS.preferredName });
  await page("about/contact", { contactBy: ["email", "phone"], email: WORDS.email, phone: WORDS.phone, address: WORDS.address, safeToLeaveMessages: "no" });
  await page("about/language", { language: "welsh", otherLanguage: "" });
  await page("about/needs", { needs: ["moreTime"], needsDetails: WORDS.needsDetails });
  await page("story", { now: WORDS.now });
  await page("story/past", { past: WORDS.past });
  await page("matters", { matters: WORDS.matters });
  await page("strengths", { strengths: WORDS.strengths });
  await page("working", { working: WORDS.working });
  await page("working/not-working", { notWorking: WORDS.notWorking });
  await page("goals", { "goals-1-goal": WORDS.goal, "goals-1-help": WORDS.help });
  await page("support", { "people-1-name": WORDS.supportName, "people-1-how": WORDS.supportHow });
  await page("services", { "services-1-name": WORDS.serviceName, "services-1-what": WORDS.serviceWhat });
  await page("dont-ask", { dontAsk: WORDS.dontAsk });
  await accepted(person.post(`/stories/${id}/check`, {}, { lang: "en" }));
  return id;
}

/** Through the share journey in `lang`, returning each page on the way (the confirmation last). */
async function share(person: Browser, agencies: string[], lang: "en" | "cy"): Promise<Page[]> {
  const path = (step = "") => `/stories/${storyId}/share${step}`;
  const pages: Page[] = [await person.get(path(), { lang })];
  await accepted(person.post(path(), { agencies }, { lang }));
  for (const id of agencies) {
    pages.push(await person.get(path(`/parts/${id}`), { lang }));
    await accepted(person.post(path(`/parts/${id}`), { parts: allParts }, { lang }));
  }
  pages.push(await person.get(path("/how-long"), { lang }));
  await accepted(person.post(path("/how-long"), { endsIn: "6" }, { lang }));
  pages.push(await person.get(path("/updates"), { lang }));
  await accepted(person.post(path("/updates"), { keepUpToDate: "yes" }, { lang }));
  pages.push(await person.get(path("/contact"), { lang }));
  await accepted(person.post(path("/contact"), { contact: "yes", contactMethods: ["email"] }, { lang }));
  pages.push(await person.get(path("/check"), { lang }));
  const agree = await person.get(path("/agree"), { lang });
  pages.push(agree);
  const hash = attr(agree.doc.all((el) => attr(el, "name") === "declaration")[0], "value")!;
  pages.push(await accepted(person.post(path("/agree"), { declaration: hash }, { lang })));
  return pages;
}

/** A professional opens the link and proves a work address, in Welsh throughout; the pages they saw on the way. */
async function readAsProfessional(link: string, workEmail: string): Promise<{ shareId: string; pages: Page[] }> {
  const reader = http.browser({ lang: "cy" });
  const opened = await reader.get(new URL(link).pathname);
  const shareId = opened.headers.get("location")!.split("/")[2];
  const pages = [await reader.get(`/shared/${shareId}/email`)];
  const since = server.mail.received.length;
  await accepted(reader.post(`/shared/${shareId}/email`, { email: workEmail }));
  const code = codeFrom(await server.mail.nextEmailTo(workEmail, since));
  pages.push(await reader.get(`/shared/${shareId}/code`));
  // Proving the address replaces the browser's access cookie.
  await accepted(reader.post(`/shared/${shareId}/code`, { code }));
  pages.push(await reader.get(`/shared/${shareId}/summary`));
  pages.push(await reader.get(`/shared/${shareId}/received`));
  return { shareId, pages };
}

let welshShare: Page[];
let professionals: { housing: Awaited<ReturnType<typeof readAsProfessional>>; council: Awaited<ReturnType<typeof readAsProfessional>> };
let agencyEmails: { housing: ReceivedEmail; council: ReceivedEmail };
let receiptEmail: ReceivedEmail;

beforeAll(async () => {
  english = englishInterfaceText();
  const now = new Date();
  await server.write(
    "insert into agencies (id, key, name, description, contact_email, domains, active, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "9d8c7b6a-0000-4000-8000-000000000001",
    COUNCIL.key,
    COUNCIL.name,
    COUNCIL.description,
    COUNCIL.contactEmail,
    JSON.stringify([COUNCIL.domain]),
    true,
    now,
    now,
  );

  resident = await signedIn(server, "rhian@example.org");
  storyId = await writeAndPublish(resident);
  const since = server.mail.received.length;
  await share(resident, [await agencyId(HOUSING.key), await agencyId(COUNCIL.key)], "en");
  agencyEmails = {
    housing: (await emailsTo("housing.options@housing.demo-council.example.org", since))[0],
    council: (await emailsTo(COUNCIL.contactEmail, since))[0],
  };
  professionals = {
    housing: await readAsProfessional(shareLinkFrom(agencyEmails.housing), "officer@housing.demo-council.example.org"),
    council: await readAsProfessional(shareLinkFrom(agencyEmails.council), `worker@${COUNCIL.domain}`),
  };
  const beforeWelsh = server.mail.received.length;
  welshShare = await share(resident, [await agencyId(JOBCENTRE.key), await agencyId(COUNCIL.key)], "cy");
  receiptEmail = (await emailsTo("rhian@example.org", beforeWelsh))[0];
});

describe("the agency directory in Welsh", () => {
  test("choosing agencies: each by its Welsh name and description, and one with no Welsh by its English, marked as English", async () => {
    const [choose] = welshShare;
    await expectWelshPage(choose);
    const labels = choose.doc.byClass("govuk-checkboxes__label").map(text);
    expect(labels).toContain(HOUSING.welsh);
    expect(labels).toContain(JOBCENTRE.welsh);
    expect(labels).toContain("Cyngor ar Bopeth Demo");
    expect(text(choose.doc.one("main"))).toContain("Help os nad oes gennych chi unman i fyw");
    for (const words of [COUNCIL.name, COUNCIL.description]) {
      const [element] = elementsWithText(choose, words);
      expect(attr(element, "lang"), words).toBe("en");
    }
  });

  test("the same page in English is all English", async () => {
    const page = await resident.get(`/stories/${storyId}/share`, { lang: "en" });
    const labels = page.doc.byClass("govuk-checkboxes__label").map(text);
    expect(labels).toContain("Demo Council Housing Options");
    expect(labels).toContain(COUNCIL.name);
    expect(page.html).not.toContain(HOUSING.welsh);
    expect(page.doc.all((el) => attr(el, "lang") !== undefined, page.doc.one("main"))).toEqual([]);
  });

  test("the Welsh part of each agency's email names the agency in Welsh, or in English when it has no Welsh", () => {
    const [, housingWelsh] = bodyOf(agencyEmails.housing).split(/\r?\n---\r?\n/);
    expect(housingWelsh).toContain(`Mae rhywun wedi rhannu ei stori gyda ${HOUSING.welsh}`);
    expect(housingWelsh).not.toContain("Demo Council Housing Options");
    const [councilEnglish, councilWelsh] = bodyOf(agencyEmails.council).split(/\r?\n---\r?\n/);
    expect(councilEnglish).toContain(`shared their story with ${COUNCIL.name}`);
    expect(councilWelsh).toContain(`Mae rhywun wedi rhannu ei stori gyda ${COUNCIL.name}`);
  });

  test("the Welsh email to an agency assumes no gender", () => {
    const [, welsh] = bodyOf(agencyEmails.housing).split(/\r?\n---\r?\n/);
    expect(welsh).toContain("oni bai bod y person yn rhoi’r gorau i rannu cyn hynny");
    expect(welsh).not.toMatch(/\bei (fod|bod)\b/);
  });

  test("the receipt emailed to someone who shared in Welsh names each agency in Welsh", () => {
    const body = bodyOf(receiptEmail);
    expect(body).toContain(`${JOBCENTRE.welsh}: Eich enw`);
    expect(body).toContain(`${COUNCIL.name}: Eich enw`);
    expect(body).not.toContain("Demo Jobcentre Plus");
  });
});

describe("the receipt read in Welsh", () => {
  test("of a share agreed in English: why in Welsh, and the words agreed quoted as the English they are", async () => {
    const page = await resident.get(`/stories/${storyId}/shares/${await shareOf(HOUSING.key, "en")}/receipt`, { lang: "cy" });
    await expectWelshPage(page);
    const rows = page.doc
      .byClass("govuk-summary-list__row")
      .map((row) => [text(page.doc.byClass("govuk-summary-list__key", row)[0]), text(page.doc.byClass("govuk-summary-list__value", row)[0])]);
    expect(rows).toContainEqual(["Wedi’i rhannu gyda", HOUSING.welsh]);
    expect(rows).toContainEqual(["Pam", `Er mwyn i ${HOUSING.welsh} ddeall eich sefyllfa a’ch helpu, heb ofyn i chi adrodd eich stori eto.`]);
    const [wording] = page.doc.byClass("govuk-inset-text");
    expect(attr(wording, "lang")).toBe("en");
    expect(text(wording)).toContain("Sharing with Demo Council Housing Options");
  });

  test("of a share agreed in Welsh with an agency that has no Welsh: its name marked as English wherever it shows", async () => {
    const page = await resident.get(`/stories/${storyId}/shares/${await shareOf(COUNCIL.key, "cy")}/receipt`, { lang: "cy" });
    await expectWelshPage(page);
    const [wording] = page.doc.byClass("govuk-inset-text");
    expect(attr(wording, "lang")).toBe("cy");
    expect(text(wording)).toContain(`Rhannu gyda ${COUNCIL.name}`);
    for (const element of elementsWithText(page, COUNCIL.name)) expect(attr(element, "lang")).toBe("en");
    expect(elementsWithText(page, COUNCIL.name).length).toBeGreaterThanOrEqual(2);
  });

  test("the JSON receipt says each record's language, with the purpose and the agency's name in it", async () => {
    const json = async (shareId: string) => JSON.parse((await resident.get(`/stories/${storyId}/shares/${shareId}/receipt.json`, { lang: "cy" })).html);
    const inEnglish = await json(await shareOf(HOUSING.key, "en"));
    expect(inEnglish.language).toBe("en");
    expect(inEnglish.recipient.name).toBe("Demo Council Housing Options");
    expect(inEnglish.services[0].purposes[0].purpose).toBe(
      "So that Demo Council Housing Options can understand your situation and help you, without asking you to tell your story again.",
    );
    const inWelsh = await json(await shareOf(JOBCENTRE.key, "cy"));
    expect(inWelsh.language).toBe("cy");
    expect(inWelsh.recipient.name).toBe(JOBCENTRE.welsh);
    expect(inWelsh.services[0].purposes[0]).toMatchObject({
      purpose: `Er mwyn i ${JOBCENTRE.welsh} ddeall eich sefyllfa a’ch helpu, heb ofyn i chi adrodd eich stori eto.`,
      thirdPartyName: JOBCENTRE.welsh,
    });
  });

  test("in English, the receipt of a share agreed in Welsh gives why in English and quotes the Welsh as Welsh", async () => {
    const page = await resident.get(`/stories/${storyId}/shares/${await shareOf(JOBCENTRE.key, "cy")}/receipt`, { lang: "en" });
    expect(text(page.doc.one("main"))).toContain("So that Demo Jobcentre Plus can understand your situation and help you");
    const [wording] = page.doc.byClass("govuk-inset-text");
    expect(attr(wording, "lang")).toBe("cy");
  });
});

describe("no unmarked English on a Welsh page", () => {
  test("the share journey in Welsh, its declaration and its confirmation", async () => {
    expect(welshShare).toHaveLength(9);
    for (const page of welshShare) await expectWelshPage(page);
    const declaration = welshShare[welshShare.length - 2];
    expect(text(declaration.doc.one("main"))).toContain(`Rhannu gyda ${JOBCENTRE.welsh}`);
  });

  test("every page about the story, as the person who wrote it", async () => {
    const shares = (await query<{ id: string }>("select id from shares where story_id = ?", storyId)).map((row) => row.id);
    const paths = [
      "/stories",
      `/stories/${storyId}`,
      `/stories/${storyId}/check`,
      `/stories/${storyId}/preview`,
      `/stories/${storyId}/versions`,
      `/stories/${storyId}/versions/1`,
      `/stories/${storyId}/published/1`,
      `/stories/${storyId}/shares`,
      ...shares.flatMap((id) => ["receipt", "stop", "parts", "extend", "resend"].map((page) => `/stories/${storyId}/shares/${id}/${page}`)),
    ];
    for (const path of paths) {
      const page = await resident.get(path, { lang: "cy" });
      const showsStory = /\/(check|preview|versions\/1)$/.test(path);
      await expectWelshPage(page, { ownWords: showsStory ? OWN_WORDS.length : 0 });
    }
  });

  test("a professional reading in Welsh, at an agency with a Welsh name and at one without", async () => {
    for (const { pages } of [professionals.housing, professionals.council]) {
      for (const page of pages) await expectWelshPage(page);
    }
    const summary = professionals.housing.pages[2];
    expect(
      ownWordsOn(summary)
        .map((w) => w.words)
        .sort(),
    ).toEqual(expect.arrayContaining([...OWN_WORDS].sort()));
    expect(text(summary.doc.one("main"))).toContain(HOUSING.welsh);
    const councilSummary = professionals.council.pages[2];
    const named = elementsWithText(councilSummary, COUNCIL.name);
    expect(named.length).toBeGreaterThanOrEqual(1);
    for (const element of named) expect(attr(element, "lang")).toBe("en");
  });
});
