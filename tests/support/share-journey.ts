/**
 * A story started, published and shared through the pages a person uses, over
 * HTTP, for suites about what happens to stories and shares afterwards.
 */
import { itemFieldId, pagePath, storySections, type Field, type ItemField } from "#app/models/story-sections";
import type { ServerWithMail } from "#tests/support/sign-in";

async function send(server: ServerWithMail, path: string, cookie: string, fields: Record<string, string | string[]> = {}): Promise<Response> {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
  const response = await fetch(`${server.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: `${cookie}; lang=en` },
    body: body.toString(),
  });
  if (response.status >= 400) throw new Error(`POST ${path} answered ${response.status}`);
  return response;
}

/**
 * A new story, made as a person makes one: "Start a new story" opens the first
 * question, and saving an answer there (`fields`) makes the story. Its id.
 */
export async function startStory(server: ServerWithMail, cookie: string, fields: Record<string, string> = { name: "Sam Jones" }): Promise<string> {
  const location = (await send(server, "/stories/new/about", cookie, { ...fields, intent: "save" })).headers.get("location") ?? "";
  const storyId = location.match(/^\/stories\/([0-9a-f-]{36})\?saved=1$/)?.[1];
  if (!storyId) throw new Error(`saving a new story's first answer went to "${location}"`);
  return storyId;
}

/** A new story with a name and one more answer, published as version 1. */
export async function publishedStory(server: ServerWithMail, cookie: string): Promise<string> {
  const storyId = await startStory(server, cookie);
  await send(server, `/stories/${storyId}/about`, cookie, { name: "Sam Jones", intent: "continue" });
  await send(server, `/stories/${storyId}/matters`, cookie, { matters: "My dog, Bess.", intent: "continue" });
  await send(server, `/stories/${storyId}/check`, cookie);
  return storyId;
}

/** A word no line can break inside, as real answers have: a Welsh place name. */
export const LONG_WORD = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch";

/** An answer to one text question, at most `maxLength` long, with a long word and an address that must wrap on a phone. */
function answerFor(field: ItemField): string {
  if (field.kind === "text" && field.format === "email") return "siân.ap.dafydd.long-address@housing-support.demo-council.example.org";
  if (field.kind === "text" && field.format === "phone") return "+44 7700 900 982";
  const words = `Siân ap Dafydd o ${LONG_WORD}, https://www.demo-council.example.org/services/housing-support/someone-to-talk-to`;
  if (field.kind === "text") return words.slice(0, field.maxLength);
  return `${words}.\nShe has written more than one line here, as people do, and it goes on for a while so that it wraps.`.slice(0, field.maxLength);
}

/** Every field of a question page filled in, as the page sends them: every option ticked, two items in a list. */
function wholePage(fields: readonly Field[]): Record<string, string | string[]> {
  const form: Record<string, string | string[]> = { intent: "continue" };
  for (const field of fields) {
    if (field.kind === "checkboxes") form[field.name] = [...field.options];
    else if (field.kind === "radios") form[field.name] = field.options[field.options.length - 1];
    else if (field.kind === "list") {
      for (const index of [0, 1]) for (const item of field.item) form[itemFieldId(field, index, item)] = answerFor(item);
    } else form[field.name] = answerFor(field);
  }
  return form;
}

/**
 * A new story with every question of every section answered (long words,
 * long addresses, several lines, every option, two of each list), published
 * as version 1: the most a page can have to show.
 */
export async function wholePublishedStory(server: ServerWithMail, cookie: string): Promise<string> {
  const storyId = await startStory(server, cookie);
  for (const section of storySections) {
    for (const page of section.pages) await send(server, pagePath(storyId, section, page), cookie, wholePage(page.fields));
  }
  await send(server, `/stories/${storyId}/check`, cookie);
  return storyId;
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

/**
 * A new story with every part written, the long ones at length and the lists
 * several items long (enough for a few printed pages), published as version 1.
 */
export async function wholeStory(server: ServerWithMail, cookie: string, name: string): Promise<string> {
  const storyId = await startStory(server, cookie, { name });
  const list = (field: string, items: Record<string, string>[]) =>
    Object.fromEntries(items.flatMap((item, n) => Object.entries(item).map(([key, value]) => [`${field}-${n}-${key}`, value])));
  const pages: [string, Record<string, string | string[]>][] = [
    ["about", { name, preferredName: name.split(" ")[0] }],
    ["about/contact", { contactBy: ["email", "letter"], email: "resident@example.org", address: "12 Riverside Walk\nDemo Town\nDT1 2AB", safeToLeaveMessages: "no" }],
    ["about/language", { language: "welsh" }],
    ["about/needs", { needs: ["moreTime", "someoneWithMe"], needsDetails: "Please give me time to answer, and let my sister come with me." }],
    ["story", { now: atLength("What is happening now", 5) }],
    ["story/past", { past: atLength("What from the past matters", 4) }],
    ["matters", { matters: atLength("What matters to me", 3) }],
    ["strengths", { strengths: atLength("My strengths", 3) }],
    ["working", { working: atLength("What is working", 3) }],
    ["working/not-working", { notWorking: atLength("What is not working", 4) }],
    ["goals", list("goals", ["Get back to my allotment", "Sort out my letters", "Sleep better", "See my grandchildren more", "Feel safe at home"].map((goal) => ({ goal, help: atLength(`What would help me ${goal.toLowerCase()}`, 1) })))],
    ["support", list("people", ["My sister", "My neighbour", "My friend from chapel"].map((person) => ({ name: person, how: atLength(`How ${person.toLowerCase()} helps`, 1) })))],
    ["services", list("services", ["GP surgery", "Housing officer", "Mental health team"].map((service) => ({ name: service, what: atLength(`What the ${service.toLowerCase()} does`, 1) })))],
    ["dont-ask", { dontAsk: "Please do not ask me again about the night of the fire." }],
  ];
  for (const [path, fields] of pages) await send(server, `/stories/${storyId}/${path}`, cookie, { ...fields, intent: "continue" });
  await send(server, `/stories/${storyId}/check`, cookie);
  return storyId;
}

/** Every part of a story, as the parts page names them. */
export const allParts = storySections.map((section) => section.id);

/** What the share journey is told, beyond the agencies and whether they see new versions. */
export type JourneyChoices = { parts?: string[]; contact?: Record<string, string | string[]> };

/**
 * Answers every page of the share journey up to the declaration, without
 * agreeing: `agencies` (ids) for 6 months, seeing new versions or not; "About
 * you" and "What matters" unless `parts` says otherwise, and no contact unless
 * `contact` gives the contact page's answers.
 */
export async function chooseThroughTheJourney(
  server: ServerWithMail,
  cookie: string,
  storyId: string,
  agencies: string[],
  keepUpToDate: "yes" | "no",
  { parts = ["about", "matters"], contact = { contact: "no" } }: JourneyChoices = {},
) {
  const share = (step = "") => `/stories/${storyId}/share${step}`;
  await send(server, share(), cookie, { agencies });
  for (const id of agencies) await send(server, share(`/parts/${id}`), cookie, { parts });
  await send(server, share("/how-long"), cookie, { endsIn: "6" });
  await send(server, share("/updates"), cookie, { keepUpToDate });
  await send(server, share("/contact"), cookie, contact);
}

/** As chooseThroughTheJourney, then agrees to the declaration, sharing the story. */
export async function shareThroughTheJourney(
  server: ServerWithMail,
  cookie: string,
  storyId: string,
  agencies: string[],
  keepUpToDate: "yes" | "no",
  choices: JourneyChoices = {},
) {
  await chooseThroughTheJourney(server, cookie, storyId, agencies, keepUpToDate, choices);
  const agree = `/stories/${storyId}/share/agree`;
  const agreePage = await (await fetch(`${server.url}${agree}`, { headers: { Cookie: cookie } })).text();
  const declaration = agreePage.match(/name="declaration" value="([0-9a-f]+)"|value="([0-9a-f]+)" name="declaration"/);
  if (!declaration) throw new Error("the agree page has no declaration hash");
  await send(server, agree, cookie, { declaration: declaration[1] ?? declaration[2] });
}
