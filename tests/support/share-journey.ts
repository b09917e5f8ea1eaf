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

/** A page's answers, by field name, as its form sends them. */
export type PageAnswers = Record<string, string | string[]>;

/**
 * A new story with every question of every section answered, published as
 * version 1. Unless `answers` gives a page's answers (by its address after
 * /stories/<id>/, such as "about/contact"), the page is answered with the most
 * it can have to show: long words, long addresses, several lines, every
 * option, two of each list. `name` is the name the story is started with.
 */
export async function wholePublishedStory(
  server: ServerWithMail,
  cookie: string,
  { name, answers = {} }: { name?: string; answers?: Record<string, PageAnswers> } = {},
): Promise<string> {
  const storyId = await startStory(server, cookie, name === undefined ? undefined : { name });
  for (const section of storySections) {
    for (const page of section.pages) {
      const path = pagePath(storyId, section, page);
      const given = answers[path.slice(`/stories/${storyId}/`.length)];
      await send(server, path, cookie, given ? { ...given, intent: "continue" } : wholePage(page.fields));
    }
  }
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
