/**
 * Nothing withheld ever shows: one story in which every text field of every
 * section says something no other field says, shared with every one of the
 * 512 possible sets of sections, and each share's summary page and its data
 * read as the professional's browser would.
 *
 * Choice fields (checkboxes and radios) cannot carry a marker: their answers
 * are option labels, which are also in the translations every page carries.
 * They are filled in all the same, but only text fields are checked.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { itemFieldId, pagePath, storySections, type Field, type ItemField, type StorySection } from "#app/models/story-sections";
import { shareThroughTheJourney, startStory } from "#tests/support/share-journey";
import { signedIn, startServerWithMail } from "#tests/support/sign-in";
import { HtmlDocument, text, type Browser } from "#tests/support/http-client";
import { serverForThisFile } from "#tests/support/server-for-file";

const server = serverForThisFile(startServerWithMail);
let alice: Browser;
let storyId: string;

const GP = "Riverside Medical Practice";
const READER = "reader@nhs.example.net";
const SECTIONS = storySections.map((section) => section.id);
const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/** What a text field is filled with, and the marker to look for: the same, except where the field needs a format. */
function answerFor(section: StorySection, field: ItemField, item?: number): { value: string; marker: string } {
  const marker = `MARK-${section.id}-${item ? `${item}-` : ""}${field.name}-7Q`;
  if (field.kind === "text" && field.format === "email") return { value: `${marker}@example.org`, marker };
  // A phone number is only digits: one no other part of a page has.
  if (field.kind === "text" && field.format === "phone") return { value: "+447700900417", marker: "+447700900417" };
  return { value: marker, marker };
}

/** Every section's markers, and the form each of its question pages is sent with. */
const markers: Record<string, string[]> = {};
const forms: { section: StorySection; path: (storyId: string) => string; fields: Record<string, string | string[]> }[] = [];
for (const section of storySections as readonly StorySection[]) {
  markers[section.id] = [];
  for (const page of section.pages) {
    const fields: Record<string, string | string[]> = { intent: "continue" };
    for (const field of page.fields as readonly Field[]) {
      if (field.kind === "checkboxes") fields[field.name] = [...field.options];
      else if (field.kind === "radios") fields[field.name] = field.options.at(-1)!;
      else if (field.kind === "list") {
        for (const item of [1, 2]) {
          for (const itemField of field.item) {
            const { value, marker } = answerFor(section, itemField, item);
            fields[itemFieldId(field, item - 1, itemField)] = value;
            markers[section.id].push(marker);
          }
        }
      } else {
        const { value, marker } = answerFor(section, field);
        fields[field.name] = value;
        markers[section.id].push(marker);
      }
    }
    forms.push({ section, path: (id) => pagePath(id, section, page), fields });
  }
}
/** The person's name goes with every share, whatever the sections. */
const NAME = "MARK-about-name-7Q";

const query = <T>(sql: string, ...params: unknown[]) => server.query<T>(sql, ...params);

/** Runs `work` on every item, `concurrency` at a time. */
async function eachOf<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

beforeAll(async () => {
  alice = await signedIn(server, "alice@example.org", "en");
  storyId = await startStory(server, alice.cookie, { name: NAME });
  for (const form of forms) {
    const answer = await alice.post(form.path(storyId), form.fields);
    if (answer.status !== 302) throw new Error(`POST ${form.path(storyId)} answered ${answer.status}`);
  }
  const published = await alice.post(`/stories/${storyId}/check`);
  if (published.headers.get("location") !== `/stories/${storyId}/published/1`) throw new Error(`publishing answered ${published.status}`);
  const [gp] = await query<{ id: string }>("select id from agencies where name = ?", GP);
  await shareThroughTheJourney(server, alice.cookie, storyId, [gp.id], "no");
});

describe("nothing withheld ever shows", () => {
  test("the story published holds every marker, each in its own section", async () => {
    const [version] = await query<{ content: string }>("select content from story_versions where story_id = ? and version = 1", storyId);
    const content = JSON.parse(version.content) as Record<string, unknown>;
    expect(Object.keys(content)).toEqual(SECTIONS);
    for (const id of SECTIONS) {
      const own = JSON.stringify(content[id]);
      const others = JSON.stringify(SECTIONS.filter((other) => other !== id).map((other) => content[other]));
      for (const marker of markers[id]) {
        expect(own, marker).toContain(marker);
        expect(others, marker).not.toContain(marker);
      }
    }
    expect(markers.about).toContain(NAME);
    expect(Object.values(markers).flat()).toHaveLength(new Set(Object.values(markers).flat()).size);
  });

  test("for each of the 512 sets of sections, the summary and its data hold exactly the markers of the sections shared, and the name", async () => {
    // One share made through the journey, copied with each set of sections; each with a browser already verified at the GP.
    const shares: { id: string; token: string; sections: string[] }[] = [];
    const [template] = await server.query<{ id: string }>("select * from shares where story_id = ?", storyId);
    const columns = Object.keys(template);
    const now = Date.now();
    for (let subset = 0; subset < 2 ** SECTIONS.length; subset++) {
      const sections = SECTIONS.filter((_, bit) => subset & (1 << bit));
      const share = { id: randomUUID(), token: randomBytes(32).toString("base64url"), sections };
      const changed: Record<string, unknown> = {
        id: share.id,
        sections: JSON.stringify(sections),
        token_hash: sha256(randomBytes(32).toString("base64url")),
        // Agreeing to be contacted by email and phone must not bring the address or number in with it.
        contact_allowed: true,
        contact_methods: JSON.stringify(["email", "phone"]),
      };
      await server.write(
        `insert into shares (${columns.join(", ")}) select ${columns.map((c) => (c in changed ? "?" : c)).join(", ")} from shares where id = ?`,
        ...columns.filter((c) => c in changed).map((c) => changed[c]),
        template.id,
      );
      await server.write(
        "insert into share_access (id_hash, share_id, email, verified_at, expires_at, created_at) values (?, ?, ?, ?, ?, ?)",
        sha256(share.token),
        share.id,
        READER,
        new Date(now),
        new Date(now + 8 * 60 * 60 * 1000),
        new Date(now),
      );
      shares.push(share);
    }

    const failures: string[] = [];
    await eachOf(shares, 6, async ({ id, token, sections }) => {
      const headers = { Cookie: `share-${id}=${token}; lang=en` };
      const [page, data] = await Promise.all(
        [`/shared/${id}/summary`, `/shared/${id}/summary.data`].map(async (path) => {
          // Read as sent, not through the client: 512 pages of one template need not each go to the HTML checker.
          const response = await fetch(`${server.url}${path}`, { headers, redirect: "manual" });
          return { status: response.status, body: await response.text() };
        }),
      );
      const label = sections.length > 0 ? sections.join("+") : "(no sections)";
      if (page.status !== 200 || data.status !== 200) {
        failures.push(`${label}: the page answered ${page.status}, its data ${data.status}`);
        return;
      }
      const shown = text(new HtmlDocument(page.body).one("main"));
      for (const section of SECTIONS) {
        const shared = sections.includes(section);
        for (const marker of markers[section]) {
          const expected = shared || marker === NAME;
          if (expected && !shown.includes(marker)) failures.push(`${label}: the page does not show ${marker}`);
          if (expected && !data.body.includes(marker)) failures.push(`${label}: the data lacks ${marker}`);
          if (!expected && page.body.includes(marker)) failures.push(`${label}: the page has ${marker}`);
          if (!expected && data.body.includes(marker)) failures.push(`${label}: the data has ${marker}`);
        }
      }
    });
    expect({ count: failures.length, first: failures.slice(0, 30) }).toEqual({ count: 0, first: [] });

    // The access log says what each was shown: one line for the page and one for its data.
    const logged = await query<{ share_id: string; sections: string; n: number }>(
      `select share_id, cast(sections as text) as sections, count(*) as n from share_views where email = ? group by share_id, cast(sections as text)`,
      READER,
    );
    expect(new Map(logged.map((row) => [row.share_id, [JSON.parse(row.sections), row.n]]))).toEqual(
      new Map(shares.map((share) => [share.id, [share.sections, 2]])),
    );
  }, 90_000);
});
