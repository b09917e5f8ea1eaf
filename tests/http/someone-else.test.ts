/*
 * A story written for someone else: starting one asks who it is about, then
 * who the person is and what lets the writer act for them; "Your stories"
 * lists it under the person, and the agency's summary says who wrote it, for
 * whom and on what basis.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { attr, errorSummary, expectRedirect, fieldError, HttpClient, text, type Browser, type Page } from "#tests/support/http-client";
import { linkSentTo, openAsProfessional } from "#tests/support/professional";
import { serverForThisFile } from "#tests/support/server-for-file";
import { chooseThroughTheJourney, shareThroughTheJourney } from "#tests/support/share-journey";
import { signedIn, startServerWithMail } from "#tests/support/sign-in";

const server = serverForThisFile(() => startServerWithMail());
let gwen: Browser;

beforeAll(async () => {
  gwen = await signedIn(server, "gwen.jones@example.org");
});

/** A date of birth `years` years before today, less a day when `dayLess`. */
function bornYearsAgo(years: number, daysLess = 0): Record<string, string> {
  const now = new Date();
  const born = new Date(Date.UTC(now.getUTCFullYear() - years, now.getUTCMonth(), now.getUTCDate() - daysLess));
  return {
    "dateOfBirth-day": String(born.getUTCDate()),
    "dateOfBirth-month": String(born.getUTCMonth() + 1),
    "dateOfBirth-year": String(born.getUTCFullYear()),
  };
}

const dafydd = {
  name: "Dafydd Jones",
  relationship: "his mother",
  basis: "parental",
  writerName: "Gwen Jones",
  ...bornYearsAgo(15),
};

/** The rows of the summary lists on a page: key → value. */
const summaryRows = (page: Page) =>
  Object.fromEntries(
    page.doc
      .byClass("govuk-summary-list__row")
      .map((row) => [text(page.doc.byClass("govuk-summary-list__key", row)[0]), text(page.doc.byClass("govuk-summary-list__value", row)[0])]),
  );

describe("starting a story asks whom it is about", () => {
  test("the list's button opens the question: me, or someone I care for or support", async () => {
    const list = await gwen.get("/stories");
    const [start] = list.doc.all((el) => el.tagName === "a" && text(el) === "Start a new story");
    expect(attr(start, "href")).toBe("/stories/new");
    const page = await gwen.get("/stories/new");
    expect(page.status).toBe(200);
    expect(page.doc.title).toBe("Who is this story about? – Tell it once – Demo Council");
    expect(page.doc.h1).toBe("Who is this story about?");
  });

  test("nothing chosen: 400, the error linked to the choice, and nothing made", async () => {
    const before = await server.rowCounts();
    const page = await gwen.post("/stories/new", {});
    expect(page.status).toBe(400);
    expect(page.doc.title).toMatch(/^Error: Who is this story about\?/);
    expect(errorSummary(page)).toEqual([{ href: "#whoFor", text: "Select who the story is about" }]);
    expect(fieldError(page, "whoFor")).toBe("Error: Select who the story is about");
    expect(await server.rowCounts()).toEqual(before);
  });

  test("'me' goes to the first question and 'someone' to who they are; neither makes anything", async () => {
    const before = await server.rowCounts();
    expectRedirect(await gwen.post("/stories/new", { whoFor: "me" }), "/stories/new/about");
    expectRedirect(await gwen.post("/stories/new", { whoFor: "someone" }), "/stories/new/someone");
    expect(await server.rowCounts()).toEqual(before);
  });
});

describe("who the story is for", () => {
  test("nothing typed: 400, each missing answer in page order, and nothing made", async () => {
    const before = await server.rowCounts();
    const page = await gwen.post("/stories/new/someone", {});
    expect(page.status).toBe(400);
    expect(errorSummary(page)).toEqual([
      { href: "#name", text: "Enter their full name" },
      { href: "#relationship", text: "Enter how you know them" },
      { href: "#basis", text: "Select what lets you act for them" },
      { href: "#writerName", text: "Enter your full name" },
    ]);
    expect(await server.rowCounts()).toEqual(before);
  });

  test.each([
    {
      what: "parental responsibility with no date of birth",
      form: { ...dafydd, "dateOfBirth-day": "", "dateOfBirth-month": "", "dateOfBirth-year": "" },
      href: "#dateOfBirth-day",
      error: "Enter their date of birth: parental responsibility is for a child under 16",
    },
    {
      what: "parental responsibility for someone 16 today",
      form: { ...dafydd, ...bornYearsAgo(16) },
      href: "#dateOfBirth-day",
      error: "Parental responsibility is for a child under 16: they are 16 or over, so choose another answer to what lets you act for them",
    },
    {
      what: "a date of birth with no month",
      form: { ...dafydd, "dateOfBirth-month": "" },
      href: "#dateOfBirth-month",
      error: "Their date of birth must include a month",
    },
    {
      what: "a date of birth that is not a date",
      form: { ...dafydd, "dateOfBirth-day": "31", "dateOfBirth-month": "2" },
      href: "#dateOfBirth-day",
      error: "Their date of birth must be a real date",
    },
    {
      what: "a date of birth to come",
      form: { ...dafydd, basis: "asked", ...bornYearsAgo(0, -2) },
      href: "#dateOfBirth-day",
      error: "Their date of birth must be in the past",
    },
    { what: "'other' with nothing explained", form: { ...dafydd, basis: "other" }, href: "#basisOther", error: "Explain what lets you act for them" },
    { what: "a basis the page does not offer", form: { ...dafydd, basis: "guardian" }, href: "#basis", error: "Select what lets you act for them" },
    { what: "a name too long", form: { ...dafydd, name: "D".repeat(101) }, href: "#name", error: "Their name must be 100 characters or fewer" },
  ])("$what: 400, one error, what was typed kept, nothing made", async ({ form, href, error }) => {
    const before = await server.rowCounts();
    const page = await gwen.post("/stories/new/someone", form);
    expect(page.status).toBe(400);
    expect(errorSummary(page)).toEqual([{ href, text: error }]);
    expect(attr(page.doc.all((el) => attr(el, "name") === "relationship")[0], "value")).toBe(form.relationship);
    expect(await server.rowCounts()).toEqual(before);
  });

  let storyId: string;

  test("a mother for her 15-year-old son: one story, sent twice, about him, on her name and basis, begun with his name", async () => {
    const page = await gwen.get("/stories/new/someone");
    expect(page.doc.h1).toBe("Who are you writing this story for?");
    const story = attr(page.doc.all((el) => attr(el, "name") === "story")[0], "value") ?? "";
    const first = await gwen.post("/stories/new/someone", { ...dafydd, story });
    expectRedirect(first, `/stories/${story}`);
    expectRedirect(await gwen.post("/stories/new/someone", { ...dafydd, story }), `/stories/${story}`);
    storyId = story;
    const subjects = await server.query<Record<string, unknown>>(
      "select subjects.name, writer_name, relationship, basis, date_of_birth, basis_detail from subjects join stories on stories.subject_id = subjects.id where stories.id = ?",
      storyId,
    );
    const born = bornYearsAgo(15);
    const dateOfBirth = `${born["dateOfBirth-year"]}-${born["dateOfBirth-month"].padStart(2, "0")}-${born["dateOfBirth-day"].padStart(2, "0")}`;
    expect(subjects).toEqual([
      { name: "Dafydd Jones", writer_name: "Gwen Jones", relationship: "his mother", basis: "parental", date_of_birth: dateOfBirth, basis_detail: null },
    ]);
    const [about] = await server.query<{ content: string }>("select content from story_sections where story_id = ? and section = 'about'", storyId);
    expect(JSON.parse(about.content)).toEqual({ name: "Dafydd Jones" });
  });

  test("'Your stories' lists her own story under 'About you' and his under his name", async () => {
    const own = await gwen.post("/stories/new/about", { name: "Gwen Jones", intent: "save" });
    expect([own.status, own.headers.get("location")]).toEqual([302, expect.stringMatching(/^\/stories\/[0-9a-f-]{36}\?saved=1$/)]);
    const list = await gwen.get("/stories");
    const headings = list.doc.tag("h2", list.doc.one("main")).map(text);
    expect(headings).toEqual(["About you", "About Dafydd Jones"]);
    expect(text(list.doc.one("main"))).toContain("Dafydd Jones");
  });

  test("each long answer asks whose words it is: needed to continue, not to save for later, and refused unless offered", async () => {
    const page = await gwen.get(`/stories/${storyId}/matters`);
    // Every page of his story says whose it is.
    expect(page.doc.byClass("govuk-caption-l").map(text)).toEqual(["Dafydd Jones’s story, written by you"]);
    expect((await gwen.get(`/stories/${storyId}`)).doc.byClass("govuk-caption-l").map(text)).toEqual(["Dafydd Jones’s story, written by you"]);
    const legend = page.doc.byClass("govuk-fieldset__legend").map(text);
    expect(legend).toEqual(["Whose words are these?"]);
    expect(text(page.doc.one("main"))).toContain("Dafydd Jones’s own words, written down by me");
    const before = await server.rowCounts();
    const refused = await gwen.post(`/stories/${storyId}/matters`, { matters: "Football on Saturdays.", intent: "continue" });
    expect(refused.status).toBe(400);
    expect(errorSummary(refused)).toEqual([{ href: "#mattersVoice", text: "Select whose words these are" }]);
    expect((await gwen.post(`/stories/${storyId}/matters`, { matters: "Football on Saturdays.", mattersVoice: "ours", intent: "continue" })).status).toBe(400);
    expect(await server.rowCounts()).toEqual(before);
    expect((await gwen.post(`/stories/${storyId}/matters`, { matters: "Football on Saturdays.", intent: "save" })).status).toBe(302);
    // A story about the writer themselves asks no such thing.
    const own = await gwen.get("/stories");
    const ownId = own.doc
      .all((el) => el.tagName === "a" && text(el) === "Gwen Jones")
      .map((a) => attr(a, "href"))[0]
      ?.slice("/stories/".length);
    expect(ownId).toMatch(/^[0-9a-f-]{36}$/);
    const ownMatters = await gwen.get(`/stories/${ownId}/matters`);
    expect([ownMatters.doc.byClass("govuk-fieldset__legend"), ownMatters.doc.byClass("govuk-caption-l")]).toEqual([[], []]);
  });

  test("an agency's summary says who wrote it, for whom and on what basis, in English and in Welsh, and whose words each answer is", async () => {
    expect((await gwen.post(`/stories/${storyId}/matters`, { matters: "Football on Saturdays.", mattersVoice: "theirs", intent: "continue" })).status).toBe(
      302,
    );
    expect((await gwen.post(`/stories/${storyId}/strengths`, { strengths: "He never gives up.", strengthsVoice: "mine", intent: "continue" })).status).toBe(
      302,
    );
    const check = await gwen.get(`/stories/${storyId}/check`);
    expect(summaryRows(check)).toMatchObject({
      "What matters": "Football on Saturdays.Dafydd Jones’s own words, written down by Gwen Jones",
      Strengths: "He never gives up.Gwen Jones’s view",
    });
    expect((await gwen.post(`/stories/${storyId}/check`)).status).toBe(302);
    const [gp] = await server.query<{ id: string; contact_email: string }>("select id, contact_email from agencies where name = 'Riverside Medical Practice'");
    const since = server.mail.received.length;
    await shareThroughTheJourney(server, gwen.jar.get("session")!, storyId, [gp.id], "no");
    const link = await linkSentTo(server, gp.contact_email, since);
    const opened = await openAsProfessional(server, link, "dr.jones@nhs.example.net");
    const read = (lang: "en" | "cy") => new HttpClient(server.url).get(`/shared/${opened.shareId}/summary`, { cookie: opened.cookie, lang });
    const english = await read("en");
    expect(english.status).toBe(200);
    expect(summaryRows(english)).toMatchObject({
      "Who this is about": "Dafydd Jones",
      "Written by": "Gwen Jones (his mother) for Dafydd Jones – parental responsibility",
    });
    expect(english.doc.byClass("app-voice").map(text)).toEqual(["Dafydd Jones’s own words, written down by Gwen Jones"]);
    const welsh = await read("cy");
    expect(summaryRows(welsh)).toMatchObject({
      "Am bwy mae hon": "Dafydd Jones",
      "Wedi’i hysgrifennu gan": "Gwen Jones (his mother) ar gyfer Dafydd Jones – cyfrifoldeb rhiant",
    });
  });

  test("a daughter with a lasting power of attorney: its reference goes with the basis", async () => {
    const form = { name: "Emrys Davies", relationship: "his daughter", basis: "lpa", lpaReference: "7000-1234-5678", writerName: "Nia Davies" };
    const made = await gwen.post("/stories/new/someone", form);
    expect(made.status).toBe(302);
    const id = (made.headers.get("location") ?? "").slice("/stories/".length);
    expect((await gwen.post(`/stories/${id}/check`)).status).toBe(302);
    const version = await gwen.get(`/stories/${id}/versions/1`);
    expect(summaryRows(version)["Written by"]).toBe(
      "Nia Davies (his daughter) for Emrys Davies – lasting power of attorney for health and welfare, reference 7000-1234-5678",
    );
  });
});

describe("agreeing to share for someone else", () => {
  /** A published story written for someone else, by `writer`, with its sharing chosen up to the declaration. */
  async function readyToAgree(writer: Browser, someone: Record<string, string>) {
    const made = await writer.post("/stories/new/someone", someone);
    expect(made.status).toBe(302);
    const id = (made.headers.get("location") ?? "").slice("/stories/".length);
    expect((await writer.post(`/stories/${id}/check`)).status).toBe(302);
    const [gp] = await server.query<{ id: string }>("select id from agencies where name = 'Riverside Medical Practice'");
    await chooseThroughTheJourney(server, writer.jar.get("session")!, id, [gp.id], "no");
    const agree = await writer.get(`/stories/${id}/share/agree`);
    expect(agree.status).toBe(200);
    const declaration = attr(agree.doc.all((el) => attr(el, "name") === "declaration")[0], "value") ?? "";
    return { id, agree, declaration };
  }

  const consentRecordsOf = (storyId: string) =>
    server.query<{ basis: string; wording: string }>(
      "select consent_records.basis, wording from consent_records join shares on shares.id = consent_records.share_id where shares.story_id = ?",
      storyId,
    );

  const mr = { name: "Tomasz Nowak", relationship: "his support worker", basis: "asked", writerName: "Sam Patel" };

  test("'he asked me to help': the declaration says so, and sharing waits for his agreement to be confirmed", async () => {
    const worker = await signedIn(server, "sam.patel@council.example.gov.uk");
    const { id, agree, declaration } = await readyToAgree(worker, mr);
    const words = text(agree.doc.all((el) => attr(el, "id") === "declaration")[0]);
    expect(words).toContain("Written by Sam Patel (his support worker) for Tomasz Nowak – they asked for help and agree. You agree to this for them.");
    expect(words).toContain("Tomasz Nowak asked you to help and has agreed to share their story in this way.");

    const before = await server.rowCounts();
    const refused = await worker.post(`/stories/${id}/share/agree`, { declaration });
    expect(refused.status).toBe(400);
    expect(errorSummary(refused)).toEqual([{ href: "#personAgreed", text: "Confirm that Tomasz Nowak has agreed to share their story in this way" }]);
    expect(await server.rowCounts()).toEqual(before);

    const shared = await worker.post(`/stories/${id}/share/agree`, { declaration, personAgreed: "yes" });
    expect(shared.status).toBe(200);
    const [record] = await consentRecordsOf(id);
    expect(record.basis).toBe("asked");
    expect(record.wording).toContain("Tomasz Nowak asked you to help and has agreed to share their story in this way.");
  });

  test("a parent's declaration and consent record say who agreed, for whom and on what basis", async () => {
    const parent = await signedIn(server, "rhian.evans@example.org");
    const { id, declaration } = await readyToAgree(parent, { ...dafydd, name: "Osian Evans", writerName: "Rhian Evans" });
    expect((await parent.post(`/stories/${id}/share/agree`, { declaration })).status).toBe(200);
    const [record] = await consentRecordsOf(id);
    expect(record.basis).toBe("parental");
    expect(record.wording).toContain("Written by Rhian Evans (his mother) for Osian Evans – parental responsibility. You agree to this for them.");
    // The receipt, on the page and as data, says the same.
    const [{ id: shareId }] = await server.query<{ id: string }>("select id from shares where story_id = ?", id);
    const receipt = await parent.get(`/stories/${id}/shares/${shareId}/receipt`);
    expect(text(receipt.doc.one("main"))).toContain(
      "Written by Rhian Evans (his mother) for Osian Evans – parental responsibility. You agree to this for them.",
    );
    const data = (await (
      await fetch(`${server.url}/stories/${id}/shares/${shareId}/receipt.json`, { headers: { Cookie: parent.jar.get("session")! } })
    ).json()) as {
      history: { basis: string; piiPrincipalId: string }[];
    };
    expect(data.history.map((event) => event.basis)).toEqual(["parental"]);
  });

  test("parental responsibility: a review banner from 30 days before 16, then no new shares", async () => {
    const parent = await signedIn(server, "bethan.hughes@example.org");
    const made = await parent.post("/stories/new/someone", { ...dafydd, name: "Cai Hughes", writerName: "Bethan Hughes", ...bornYearsAgo(16, -10) });
    const id = (made.headers.get("location") ?? "").slice("/stories/".length);
    expect((await parent.post(`/stories/${id}/check`)).status).toBe(302);
    const taskList = await parent.get(`/stories/${id}`);
    const banner = taskList.doc.byClass("govuk-notification-banner")[0];
    expect(text(banner)).toMatch(/Cai Hughes will be 16 on \d{1,2} \w+ \d{4}/);
    expect(text(banner)).toContain("Parental responsibility, which lets you share this story, ends then. After that you cannot share it with anyone new.");
    // Sharing is still open until the birthday.
    expect((await parent.get(`/stories/${id}/share`)).doc.h1).toBe("Who do you want to share your story with?");

    // The birthday comes (a clock moved on: the date of birth moved back).
    const sixteen = bornYearsAgo(16);
    await server.write(
      "update subjects set date_of_birth = ? where id = (select subject_id from stories where id = ?)",
      `${sixteen["dateOfBirth-year"]}-${sixteen["dateOfBirth-month"].padStart(2, "0")}-${sixteen["dateOfBirth-day"].padStart(2, "0")}`,
      id,
    );
    const after = text((await parent.get(`/stories/${id}`)).doc.byClass("govuk-notification-banner")[0]);
    expect(after).toMatch(/Cai Hughes was 16 on \d{1,2} \w+ \d{4}: parental responsibility, which let you share this story, has ended/);
    expect(after).not.toContain("will be 16");
    const start = await parent.get(`/stories/${id}/share`);
    expect(start.doc.h1).toBe("You cannot share this story now");
    const before = await server.rowCounts();
    expectRedirect(await parent.post(`/stories/${id}/share/how-long`, { endsIn: "6" }), `/stories/${id}/share`);
    expect(await server.rowCounts()).toEqual(before);
  });
});
