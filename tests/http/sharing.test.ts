import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { startStory } from "#tests/support/share-journey";
import { signedIn, startServerWithMail, bodyOf } from "#tests/support/sign-in";
import { attr, load, type Page, text, type Browser, errorSummary, expectRedirect } from "#tests/support/http-client";
import { serverForThisFile } from "#tests/support/server-for-file";
import { root } from "./helpers";
import { rawKey } from "#tests/support/raw-keys";

const server = serverForThisFile(startServerWithMail);
let alice: Browser;
let bob: Browser;
let storyId: string;
let unpublishedId: string;
let agencyIds: Record<string, string>;

const GP = "Riverside Medical Practice";
const HOUSING = "Demo Council Housing Options";
const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/** What the database holds for sharing: no refused request may change any of it. */
async function sharingRows() {
  return {
    drafts: await query("select * from share_drafts order by story_id"),
    shares: await query("select * from shares order by id"),
    records: await query("select * from consent_records order by id"),
    outbox: (await server.rowCounts()).outbox,
  };
}

const query = <T>(sql: string, ...params: unknown[]) => server.query<T>(sql, ...params);

/** A refused form: 400, "Error:" in the title, the summary linking to the field, and nothing saved. */
async function expectRefused(path: string, fields: Record<string, string | string[]>, href: string, message: string) {
  const before = await sharingRows();
  const page = await alice.post(path, fields);
  expect(page.status).toBe(400);
  expect(page.doc.title).toMatch(/^Error: /);
  expect(errorSummary(page)).toEqual([{ href, text: message }]);
  expect(text(page.doc.byClass("govuk-error-message")[0])).toBe(`Error: ${message}`);
  expect(page.doc.all((el) => attr(el, "id") === href.slice(1))).toHaveLength(1);
  expect(await sharingRows()).toEqual(before);
}

/** Where each form in the page's main content posts to. */
const formActions = (page: Page) => page.doc.tag("form", page.doc.one("main")).map((form) => attr(form, "action"));

const checkedValues = (page: Page) => page.doc.all((el) => el.tagName === "input" && attr(el, "checked") !== undefined).map((el) => attr(el, "value"));

function expectSharingPage(page: Page, title: string) {
  expect(page.status).toBe(200);
  expect(page.doc.title).toBe(`${title} – Tell it once – Demo Council`);
  expect(page.doc.byClass("govuk-exit-this-page")).toHaveLength(1);
  expect(text(page.doc.one("main"))).not.toMatch(rawKey);
}

const day = (date: Date) => ({
  "endDate-day": String(date.getUTCDate()),
  "endDate-month": String(date.getUTCMonth() + 1),
  "endDate-year": String(date.getUTCFullYear()),
});
const monthsFromNow = (months: number) => {
  const date = new Date();
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 15));
};

beforeAll(async () => {
  alice = await signedIn(server, "alice@example.org", "en");
  bob = await signedIn(server, "bob@example.org", "en");

  storyId = await startStory(server, alice.cookie);
  expect((await alice.post(`/stories/${storyId}/about`, { name: "Sam Jones", intent: "continue" })).status).toBe(302);
  expect((await alice.post(`/stories/${storyId}/about/contact`, { contactBy: ["email", "text"], email: "sam@example.org", intent: "save" })).status).toBe(302);
  expect((await alice.post(`/stories/${storyId}/matters`, { matters: "My dog, Bess.", intent: "continue" })).status).toBe(302);
  expect((await alice.post(`/stories/${storyId}/check`)).status).toBe(302);

  unpublishedId = await startStory(server, alice.cookie);
  const start = await alice.get(`/stories/${storyId}/share`);
  agencyIds = Object.fromEntries(
    start.doc
      .all((el) => el.tagName === "input" && attr(el, "name") === "agencies")
      .map((input) => {
        const label = start.doc.all((el) => el.tagName === "label" && attr(el, "for") === attr(input, "id"))[0];
        return [text(label), attr(input, "value")!];
      }),
  );
});

describe("before sharing", () => {
  test("a published story's task list offers Share your story", async () => {
    const tasks = await alice.get(`/stories/${storyId}`);
    const button = tasks.doc.all((el) => el.tagName === "a" && (attr(el, "class") ?? "").includes("govuk-button") && text(el) === "Share your story");
    expect(button.map((a) => attr(a, "href"))).toEqual([`/stories/${storyId}/share`]);
    expect(text((await alice.get(`/stories/${unpublishedId}`)).doc.one("main"))).not.toContain("Share your story");
  });

  test("a story with no saved version gets a page saying to save one first; the later pages and the forms lead there", async () => {
    const page = await alice.get(`/stories/${unpublishedId}/share`);
    expectSharingPage(page, "Save a version of your story before you share it");
    expect(page.doc.all((el) => el.tagName === "a" && attr(el, "href") === `/stories/${unpublishedId}/check`)).toHaveLength(1);
    expect(page.doc.tag("form", page.doc.one("main"))).toHaveLength(0);
    expectRedirect(await alice.get(`/stories/${unpublishedId}/share/how-long`), `/stories/${unpublishedId}/share`);
    expectRedirect(await alice.post(`/stories/${unpublishedId}/share`, { agencies: agencyIds[GP] }), `/stories/${unpublishedId}/share`);
    expectRedirect(await alice.post(`/stories/${unpublishedId}/share/agree`, { declaration: "x" }), `/stories/${unpublishedId}/share`);
    expect((await sharingRows()).drafts).toEqual([]);
  });
});

describe("sharing with two agencies, without JavaScript", () => {
  const share = (step = "") => `/stories/${storyId}/share${step}`;
  let links: string[] = [];
  let confirmationHtml = "";

  test("choose agencies: checkboxes with descriptions, at least one", async () => {
    const page = await alice.get(share());
    expectSharingPage(page, "Who do you want to share your story with?");
    expect(page.doc.h1).toBe("Who do you want to share your story with?");
    expect(Object.keys(agencyIds)).toContain(GP);
    expect(Object.keys(agencyIds)).toContain(HOUSING);
    expect(page.doc.byClass("govuk-checkboxes__hint").map(text)).toContain(
      "A GP surgery on Mill Lane: appointments with doctors and nurses, prescriptions and health checks.",
    );
    await expectRefused(share(), {}, "#agencies", "Select at least one organisation to share your story with");
    expectRedirect(await alice.post(share(), { agencies: [agencyIds[HOUSING], agencyIds[GP]] }), share(`/parts/${agencyIds[HOUSING]}`));
  });

  test("after a mistake on the first page the form, and so the address, is the page's own: no ?index", async () => {
    // Without JavaScript the browser shows the answer to a form at the address it posted to.
    const refused = await alice.post(share(), {});
    expect(refused.status).toBe(400);
    expect(formActions(refused)).toEqual([share()]);
    expect(formActions(await alice.get(share()))).toEqual([share()]);
  });

  test("which parts, per agency: nothing ticked at first, the name always goes (said, not ticked), at least one", async () => {
    const page = await alice.get(share(`/parts/${agencyIds[HOUSING]}`));
    expectSharingPage(page, "Which parts of your story can they see?");
    expect(page.doc.h1).toBe(`${HOUSING} Which parts of your story can they see?`);
    // Consent is a clear act: nothing starts ticked, not even the parts Alice has written.
    expect(checkedValues(page)).toEqual([]);
    expect(page.html).not.toMatch(/\schecked/);
    // The parts she has not written are there to tick, and say so.
    expect(page.doc.all((el) => el.tagName === "input" && attr(el, "name") === "parts").map((el) => attr(el, "value"))).toHaveLength(9);
    expect(text(page.doc.one("main")).split("You have not written this part yet.")).toHaveLength(8);
    expect(text(page.doc.one("main"))).toContain("Your name is always shared");
    await expectRefused(share(`/parts/${agencyIds[HOUSING]}`), {}, "#parts", "Select at least one part of your story to share");
    // However the empty form arrives (a body with no fields may come without a Content-Type), it gets the message, not an error page.
    const before = await sharingRows();
    const bare = await load(server.url, share(`/parts/${agencyIds[HOUSING]}`), { method: "POST", headers: { Cookie: `${alice.cookie}; lang=en` } });
    expect(bare.status).toBe(400);
    expect(errorSummary(bare)).toEqual([{ href: "#parts", text: "Select at least one part of your story to share" }]);
    expect(await sharingRows()).toEqual(before);
    expectRedirect(await alice.post(share(`/parts/${agencyIds[HOUSING]}`), { parts: ["about"] }), share(`/parts/${agencyIds[GP]}`));
    expectRedirect(await alice.post(share(`/parts/${agencyIds[GP]}`), { parts: ["matters", "about", "strengths"] }), share("/how-long"));
    expect(checkedValues(await alice.get(share(`/parts/${agencyIds[GP]}`)))).toEqual(["about", "matters", "strengths"]);
  });

  test("how long: 3, 6 or 12 months or a date, checked as GOV.UK asks", async () => {
    const page = await alice.get(share("/how-long"));
    expectSharingPage(page, "How long can they see your story for?");
    expect(page.doc.all((el) => el.tagName === "input" && attr(el, "name") === "endsIn").map((el) => attr(el, "value"))).toEqual(["3", "6", "12", "date"]);
    expect(checkedValues(page)).toEqual([]);
    // Without JavaScript the date is there to fill in: its inputs are in the page, not behind a script.
    expect(page.doc.all((el) => attr(el, "id") === "endDate-day")).toHaveLength(1);

    const path = share("/how-long");
    await expectRefused(path, {}, "#endsIn", "Select how long they can see your story for");
    await expectRefused(path, { endsIn: "date", ...day(new Date(Date.UTC(2020, 0, 1))) }, "#endDate-day", "The date sharing ends must be after today");
    const today = new Date();
    const lastDay = new Date(Date.UTC(today.getUTCFullYear() + 1, today.getUTCMonth(), today.getUTCDate()));
    const limit = lastDay.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
    await expectRefused(path, { endsIn: "date", ...day(monthsFromNow(14)) }, "#endDate-day", `The date sharing ends must be on or before ${limit}`);
    await expectRefused(
      path,
      { endsIn: "date", "endDate-day": "31", "endDate-month": "2", "endDate-year": String(new Date().getUTCFullYear() + 1) },
      "#endDate-day",
      "The date sharing ends must be a real date",
    );
    await expectRefused(
      path,
      { endsIn: "date", "endDate-day": "3", "endDate-month": "", "endDate-year": "2027" },
      "#endDate-month",
      "The date sharing ends must include a month",
    );

    const wrong = await alice.post(path, { endsIn: "date", "endDate-day": "3", "endDate-month": "", "endDate-year": "2027" });
    expect(wrong.doc.byClass("govuk-input--error").map((el) => attr(el, "id"))).toEqual(["endDate-month"]);
    expect(attr(wrong.doc.all((el) => attr(el, "id") === "endDate-year")[0], "value")).toBe("2027");

    expectRedirect(await alice.post(path, { endsIn: "date", ...day(monthsFromNow(2)) }), share("/updates"));
  });

  test("keep them up to date, and may they contact you: nothing chosen at first", async () => {
    const updates = await alice.get(share("/updates"));
    expectSharingPage(updates, "When you change your story, can they see the new version?");
    expect(checkedValues(updates)).toEqual([]);
    await expectRefused(share("/updates"), {}, "#keepUpToDate", "Select yes if they can see your story when you change it");
    expectRedirect(await alice.post(share("/updates"), { keepUpToDate: "no" }), share("/contact"));

    const contact = await alice.get(share("/contact"));
    expectSharingPage(contact, "Can they contact you about your story?");
    // Alice's story says email and text messages suit her; that is no answer to this question.
    expect(checkedValues(contact)).toEqual([]);
    await expectRefused(share("/contact"), { contact: "yes" }, "#contactMethods", "Select how they can contact you");
    expectRedirect(await alice.post(share("/contact"), { contact: "yes", contactMethods: ["email"] }), share("/check"));
  });

  test("check your answers, each with a Change link back into the journey", async () => {
    const page = await alice.get(share("/check"));
    expectSharingPage(page, "Check your answers before you share your story");
    const main = text(page.doc.one("main"));
    const ends = monthsFromNow(2).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
    expect(main).toContain(ends);
    expect(main).toContain("They only see your story as it is today");
    expect(main).toContain("They can contact you by: email");
    expect(page.doc.byClass("govuk-summary-card__title").map(text)).toEqual([HOUSING, GP]);
    expect(page.doc.all((el) => el.tagName === "a" && text(el).startsWith("Change")).map((a) => attr(a, "href"))).toEqual([
      share(),
      share("/how-long"),
      share("/updates"),
      share("/contact"),
      share(`/parts/${agencyIds[HOUSING]}`),
      share(`/parts/${agencyIds[GP]}`),
    ]);
    // Changing an answer from here comes straight back here.
    expectRedirect(await alice.post(share("/updates"), { keepUpToDate: "no" }), share("/check"));
  });

  test("the declaration names each agency, the parts, the purpose, the end date, their own rules and how to stop", async () => {
    const page = await alice.get(share("/agree"));
    expectSharingPage(page, "Agree to share your story");
    const blocks = page.doc.byClass("app-declaration");
    expect(blocks.map((block) => text(page.doc.tag("h2", block)[0]))).toEqual([`Sharing with ${HOUSING}`, `Sharing with ${GP}`]);
    const gp = text(blocks[1]);
    expect(gp).toContain("What matters to you");
    expect(gp).toContain(`So that ${GP} can understand your situation and help you, without asking you to tell your story again.`);
    expect(gp).toContain("under their own rules");
    expect(gp).toContain("Stop sharing");
    expect(text(blocks[0])).not.toContain("What matters to you");
    expect(page.doc.all((el) => el.tagName === "button").map(text)).toContain("Agree and share");
  });

  test("Agree and share: a confirmation panel showing each agency's link once; one link email per agency inbox and one receipt", async () => {
    const agreePage = await alice.get(share("/agree"));
    const hash = attr(agreePage.doc.all((el) => attr(el, "name") === "declaration")[0], "value")!;
    const shownLines = agreePage.doc.byClass("app-declaration").map((block) => page_lines(agreePage, block));
    const mailBefore = server.mail.received.length;

    const page = await alice.post(share("/agree"), { declaration: hash });
    confirmationHtml = page.html;
    expectSharingPage(page, "Your story has been shared");
    expect(text(page.doc.byClass("govuk-panel__title")[0])).toBe("Your story has been shared");
    expect(text(page.doc.byClass("govuk-panel__body")[0])).toBe("We have emailed you a receipt");
    const main = text(page.doc.one("main"));
    links = [...main.matchAll(/http:\/\/127\.0\.0\.1:\d+\/shared\/[A-Za-z0-9_-]{43}/g)].map((m) => m[0]);
    expect(links).toHaveLength(2);
    expect(new Set(links).size).toBe(2);
    expect(page.doc.byClass("app-share-link").map(text)).toEqual(links);

    const rows = await query<{ id: string; agency_id: string; token_hash: string; sections: string; version: number; keep_up_to_date: number }>(
      "select * from shares where story_id = ? order by created_at",
      storyId,
    );
    expect(rows.map((row) => [row.agency_id, JSON.parse(row.sections), row.version, row.keep_up_to_date])).toEqual(
      expect.arrayContaining([
        [agencyIds[HOUSING], ["about"], 1, 0],
        [agencyIds[GP], ["about", "matters", "strengths"], 1, 0],
      ]),
    );
    const tokens = links.map((link) => link.slice(-43));
    expect(rows.map((row) => row.token_hash).sort()).toEqual(tokens.map(sha256).sort());

    // Each record keeps the words shown, line for line, with their hash.
    const records = await query<{
      share_id: string;
      agency_id: string;
      kind: string;
      wording: string;
      wording_hash: string;
      basis: string;
      method: string;
      language: string;
    }>("select * from consent_records where share_id in (select id from shares where story_id = ?)", storyId);
    expect(records).toHaveLength(2);
    for (const record of records) {
      expect(record).toMatchObject({ kind: "given", basis: "self", method: "online", language: "en" });
      expect(record.wording_hash).toBe(sha256(record.wording));
      expect(shownLines).toContainEqual(record.wording.split("\n").map((line) => line.replace(/^• /, "")));
    }
    expect((await sharingRows()).drafts).toEqual([]);

    const agencyInbox = { [HOUSING]: "housing.options@housing.demo-council.example.org", [GP]: "riverside.practice@nhs.example.net" };
    for (const [name, inbox] of Object.entries(agencyInbox)) {
      const email = await server.mail.nextEmailTo(inbox, mailBefore);
      const body = bodyOf(email);
      const token = tokens[rows.findIndex((row) => row.agency_id === agencyIds[name])];
      expect(body).toContain(`Someone has shared their story with ${name} using Tell it once.`);
      expect(body).toContain(`${server.url}/shared/${token}`);
      expect(body).not.toMatch(/Sam|Bess/);
    }
    const receipt = bodyOf(await server.mail.nextEmailTo("alice@example.org", mailBefore));
    expect(receipt).toContain(`${HOUSING}: Your name, About you`);
    expect(receipt).toContain(`${server.url}/stories/${storyId}/shares`);
    expect(receipt).not.toMatch(/Bess|\/shared\//);
    await new Promise((settle) => setTimeout(settle, 300));
    const sent = server.mail.received.slice(mailBefore).map((email) => email.to.join());
    expect(sent.sort()).toEqual(["alice@example.org", ...Object.values(agencyInbox)].sort());

    const events = (await query<{ detail: string }>("select detail from audit_events where event = 'story_shared'")).map((row) => JSON.parse(row.detail));
    expect(events.map((detail) => Object.keys(detail).sort())).toEqual([
      ["agency", "consent", "resident", "share", "story"],
      ["agency", "consent", "resident", "share", "story"],
    ]);
    expect(server.output()).not.toContain(tokens[0]);
  });

  test("the links are never shown again: not on the page seen later, nor anywhere else; sending the form again goes to the receipts", async () => {
    expect(confirmationHtml).not.toBe("");
    const [shareId] = (await query<{ id: string }>("select id from shares where story_id = ?", storyId)).map((row) => row.id);
    const later = await alice.get(share("/agree"));
    expectSharingPage(later, "Your story has been shared");
    expect(text(later.doc.one("main"))).toContain("We only show the links to your story once");
    for (const path of [
      share("/agree"),
      share(),
      share("/check"),
      `/stories/${storyId}`,
      `/stories/${storyId}/shares/${shareId}/receipt`,
      `/stories/${storyId}/shares/${shareId}/receipt.json`,
    ]) {
      const page = await alice.get(path);
      for (const link of links) expect(page.html, path).not.toContain(link.slice(-43));
    }
    const again = await alice.post(share("/agree"), { declaration: "anything" });
    expect([again.status, again.headers.get("location")]).toEqual([303, `/stories/${storyId}/shares`]);
    expect(await query("select id from shares where story_id = ?", storyId)).toHaveLength(2);
  });

  test("the receipt page, and the receipt to download as JSON after Kantara / ISO/IEC 27560", async () => {
    const [row] = await query<{ id: string; ends_at: number }>("select id, ends_at from shares where story_id = ? and agency_id = ?", storyId, agencyIds[GP]);
    const [story] = await query<{ subject_id: string }>("select subject_id from stories where id = ?", storyId);
    const page = await alice.get(`/stories/${storyId}/shares/${row.id}/receipt`);
    expectSharingPage(page, "Your consent receipt");
    const main = text(page.doc.one("main"));
    expect(main).toContain(GP);
    expect(main).toContain("What matters to you");
    expect(main).toContain("Agreed to share");
    expect(main).toContain(`Sharing with ${GP}`);
    // The agreed words keep their list as a list, as on the page where they were agreed.
    const agreedParts = page.doc.all((el) => el.tagName === "ul" && (attr(el, "class") ?? "").includes("govuk-list--bullet"));
    expect(agreedParts.map((ul) => text(ul))).toContainEqual(expect.stringContaining("Your name"));
    const download = page.doc.all((el) => el.tagName === "a" && attr(el, "download") !== undefined);
    expect(download.map((a) => attr(a, "href"))).toEqual([`/stories/${storyId}/shares/${row.id}/receipt.json`]);

    const response = await alice.get(`/stories/${storyId}/shares/${row.id}/receipt.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="consent-receipt-${row.id}.json"`);
    const json = JSON.parse(response.html);
    expect(json).toMatchObject({
      version: "KI-CR-v1.1.0",
      jurisdiction: "GB",
      collectionMethod: "online",
      language: "en",
      piiPrincipalId: story.subject_id,
      piiControllers: [{ piiController: "Demo Council", email: "tellitonce@example.org" }],
      policyUrl: `${server.url}/privacy`,
      services: [
        {
          service: "Tell it once",
          purposes: [
            {
              purpose: `So that ${GP} can understand your situation and help you, without asking you to tell your story again.`,
              consentType: "EXPLICIT",
              piiCategory: ["about", "matters", "strengths"],
              termination: new Date(row.ends_at).toISOString(),
              thirdPartyName: GP,
            },
          ],
        },
      ],
      recipient: { id: agencyIds[GP], name: GP },
      state: "active",
    });
    expect(json.history).toEqual([expect.objectContaining({ event: "given", piiCategory: ["about", "matters", "strengths"] })]);
    expect(json.consentReceiptID).toBe(json.history[0].consentRecordID);
    expect(JSON.stringify(json)).not.toMatch(/Sam|Bess/);
  });
});

describe("in Welsh", () => {
  test("every share page reads in Welsh, with no raw translation keys, errors included", async () => {
    const [shareId] = (await query<{ id: string }>("select id from shares where story_id = ?", storyId)).map((row) => row.id);
    const started = await alice.post(`/stories/${storyId}/share`, { agencies: [agencyIds[GP]] });
    expect(started.status).toBe(302);
    const steps: [string, Record<string, string | string[]>][] = [
      [`/parts/${agencyIds[GP]}`, { parts: ["about", "goals"] }],
      ["/how-long", { endsIn: "3" }],
      ["/updates", { keepUpToDate: "yes" }],
      ["/contact", { contact: "yes", contactMethods: ["email", "letter"] }],
    ];
    for (const [step, fields] of steps) {
      expect((await alice.post(`/stories/${storyId}/share${step}`, fields)).status).toBe(302);
    }
    const paths = [
      `/stories/${storyId}`,
      `/stories/${storyId}/share`,
      `/stories/${storyId}/share/parts/${agencyIds[GP]}`,
      `/stories/${storyId}/share/how-long`,
      `/stories/${storyId}/share/updates`,
      `/stories/${storyId}/share/contact`,
      `/stories/${storyId}/share/check`,
      `/stories/${storyId}/share/agree`,
      `/stories/${storyId}/shares/${shareId}/receipt`,
      `/stories/${unpublishedId}/share`,
    ];
    for (const path of paths) {
      const page = await alice.get(path, { lang: "cy" });
      expect(page.status, path).toBe(200);
      expect(page.doc.lang).toBe("cy");
      expect(text(page.doc.one("main")), path).not.toMatch(rawKey);
      expect(page.doc.title, path).not.toMatch(rawKey);
      // "Cyhoeddi" (publish) sounds public: a saved version is shared only by these pages.
      expect(`${page.doc.title} ${text(page.doc.one("main"))}`, path).not.toMatch(/cyhoedd/i);
      expect(text((await alice.get(path)).doc.one("main")), path).not.toMatch(/publish/i);
    }
    const refused = await alice.post(
      `/stories/${storyId}/share/how-long`,
      { endsIn: "date", "endDate-day": "1", "endDate-month": "", "endDate-year": "" },
      { lang: "cy" },
    );
    expect(refused.status).toBe(400);
    expect(errorSummary(refused)).toEqual([{ href: "#endDate-month", text: "Rhaid i’r dyddiad y daw’r rhannu i ben gynnwys mis a blwyddyn" }]);
    expect(refused.doc.title).toMatch(/^Gwall: /);
    const declaration = text((await alice.get(`/stories/${storyId}/share/agree`, { lang: "cy" })).doc.byClass("app-declaration")[0]);
    // The GP by its Welsh name, from the directory.
    expect(declaration).toContain("Er mwyn i Meddygfa Glan yr Afon ddeall eich sefyllfa");
    expect(declaration).toContain("e-bost, llythyr");
  });
});

/** The lines of a declaration block as shown: the heading, each paragraph, each list item. */
function page_lines(page: Page, block: Parameters<typeof text>[0]): string[] {
  return page.doc.all((el) => ["h2", "p", "li"].includes(el.tagName), block).map(text);
}

describe("only the owner can share", () => {
  test("an unknown agency in the address is not found, GET and POST", async () => {
    for (const path of [
      `/stories/${storyId}/share/parts/00000000-0000-4000-8000-000000000000`,
      `/stories/${storyId}/share/parts/${agencyIds["Demo Jobcentre Plus"]}`,
    ]) {
      expect((await alice.get(path)).status).toBe(404);
      expect((await alice.post(path, { parts: "about" })).status).toBe(404);
    }
    expect((await alice.get(`/stories/${storyId}/shares/00000000-0000-4000-8000-000000000000/receipt`)).status).toBe(404);
  });

  test("every share route answers 404 to another resident, GET and POST, and changes nothing", async () => {
    // A draft in progress, so each page has something it could have shown.
    expect((await alice.post(`/stories/${storyId}/share`, { agencies: agencyIds[GP] })).status).toBe(302);
    const [shareId] = (await query<{ id: string }>("select id from shares where story_id = ?", storyId)).map((row) => row.id);
    // Every route module of the journey and the receipt, with an address that reaches it.
    const table: Record<string, string> = {
      "stories.$storyId.share._index.tsx": `/stories/${storyId}/share`,
      "stories.$storyId.share.parts.$agencyId.tsx": `/stories/${storyId}/share/parts/${agencyIds[GP]}`,
      "stories.$storyId.share.how-long.tsx": `/stories/${storyId}/share/how-long`,
      "stories.$storyId.share.updates.tsx": `/stories/${storyId}/share/updates`,
      "stories.$storyId.share.contact.tsx": `/stories/${storyId}/share/contact`,
      "stories.$storyId.share.check.tsx": `/stories/${storyId}/share/check`,
      "stories.$storyId.share.agree.tsx": `/stories/${storyId}/share/agree`,
      "stories.$storyId.shares.$shareId.receipt.tsx": `/stories/${storyId}/shares/${shareId}/receipt`,
      "stories.$storyId.shares.$shareId.receipt[.json].ts": `/stories/${storyId}/shares/${shareId}/receipt.json`,
    };
    // The same pattern stories.test.ts leaves to this table.
    const sharing = /^stories\.\$storyId\.(share\.|shares\.\$shareId\.receipt)/;
    expect(Object.keys(table).sort()).toEqual(
      readdirSync(join(root, "app/routes"))
        .filter((file) => sharing.test(file))
        .sort(),
    );
    const routes = Object.values(table);
    const before = await sharingRows();
    const answers: string[] = [];
    for (const path of routes) {
      answers.push(`GET ${path} ${(await bob.get(path)).status}`);
      const posted = await bob.post(path, { agencies: agencyIds[HOUSING], parts: "about", endsIn: "3", keepUpToDate: "yes", contact: "no", declaration: "x" });
      answers.push(`POST ${path} ${posted.status}`);
    }
    expect(answers).toEqual(routes.flatMap((path) => [`GET ${path} 404`, `POST ${path} 404`]));
    expect(await sharingRows()).toEqual(before);
  });
});
