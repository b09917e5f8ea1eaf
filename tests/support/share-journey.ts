/**
 * A story started, published and shared through the pages a person uses, over
 * HTTP, for suites about what happens to stories and shares afterwards.
 */
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

/**
 * Shares the story with `agencies` (ids) for 6 months, through every page of
 * the journey: "About you" and "What matters" unless `parts` says otherwise,
 * and no contact unless `contact` gives the contact page's answers.
 */
export async function shareThroughTheJourney(
  server: ServerWithMail,
  cookie: string,
  storyId: string,
  agencies: string[],
  keepUpToDate: "yes" | "no",
  { parts = ["about", "matters"], contact = { contact: "no" } }: { parts?: string[]; contact?: Record<string, string | string[]> } = {},
) {
  const share = (step = "") => `/stories/${storyId}/share${step}`;
  await send(server, share(), cookie, { agencies });
  for (const id of agencies) await send(server, share(`/parts/${id}`), cookie, { parts });
  await send(server, share("/how-long"), cookie, { endsIn: "6" });
  await send(server, share("/updates"), cookie, { keepUpToDate });
  await send(server, share("/contact"), cookie, contact);
  const agreePage = await (await fetch(`${server.url}${share("/agree")}`, { headers: { Cookie: cookie } })).text();
  const declaration = agreePage.match(/name="declaration" value="([0-9a-f]+)"|value="([0-9a-f]+)" name="declaration"/);
  if (!declaration) throw new Error("the agree page has no declaration hash");
  await send(server, share("/agree"), cookie, { declaration: declaration[1] ?? declaration[2] });
}
