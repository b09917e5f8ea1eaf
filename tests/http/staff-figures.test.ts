/**
 * The staff area's impact figures and audit log over HTTP, on either engine:
 * a history written into the database month by month (and one month made
 * through the pages, as residents and professionals make it) counted into
 * the tables, the chart and the CSV download; and the audit log read,
 * filtered and paged. No page shows anyone's story or name.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { attr, errorSummary, expectRedirect, HttpClient, load, text, type Browser, type Page } from "#tests/support/http-client";
import { linkSentTo, openAsProfessional, postShared } from "#tests/support/professional";
import { serverForThisFile } from "#tests/support/server-for-file";
import { publishedStory, shareThroughTheJourney } from "#tests/support/share-journey";
import { signIn, startServerWithMail } from "#tests/support/sign-in";
import { staffSignedIn } from "#tests/support/staff";
import { auditRows } from "./helpers";

const ADMIN = "figures.admin@council.example.org";
const server = serverForThisFile(() => startServerWithMail({ ADMIN_EMAILS: ADMIN, COST_PER_RETELLING: "250" }));
const http = new HttpClient(() => server.url);

/** A month `back` months before this one in UK time: its key, its name as the pages write it, and an instant in its middle. */
function month(back: number) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric", month: "numeric" })
      .formatToParts(new Date())
      .map((p) => [p.type, Number(p.value)]),
  );
  const middle = new Date(Date.UTC(parts.year, parts.month - 1 - back, 15, 12));
  const key = `${middle.getUTCFullYear()}-${String(middle.getUTCMonth() + 1).padStart(2, "0")}`;
  const name = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(middle);
  return { key, name, at: (day = 0) => new Date(middle.getTime() + day * 60 * 60 * 1000) };
}
const [M0, M1, M2, M3] = [0, 1, 2, 3].map(month);

const PERSON = "Fixture Person";
const PROFESSIONAL = "reader@nhs.example.net";

/** A story published at `publishedAt`, its resident and subject, written straight into the database: its id. */
async function storyAt(publishedAt: Date): Promise<{ storyId: string; residentId: string }> {
  const residentId = randomUUID();
  const subjectId = randomUUID();
  const storyId = randomUUID();
  await server.write("insert into residents (id, email, language, created_at) values (?, ?, 'en', ?)", residentId, `${residentId}@example.org`, publishedAt);
  await server.write("insert into subjects (id, resident_id, created_at) values (?, ?, ?)", subjectId, residentId, publishedAt);
  await server.write(
    "insert into stories (id, subject_id, owner_id, latest_version, created_at, updated_at) values (?, ?, ?, 1, ?, ?)",
    storyId,
    subjectId,
    residentId,
    publishedAt,
    publishedAt,
  );
  await server.write(
    "insert into story_versions (story_id, version, content, published_by, published_at) values (?, 1, ?, ?, ?)",
    storyId,
    JSON.stringify({ about: { name: PERSON } }),
    residentId,
    publishedAt,
  );
  return { storyId, residentId };
}

/** A share of a story with an agency, made at `createdAt`, and what happened to it: read at `views`, acknowledged at `replies`. */
async function shareAt(
  story: { storyId: string; residentId: string },
  agencyId: string,
  share: { createdAt: Date; endsAt: Date; stoppedAt?: Date; views?: Date[]; replies?: Date[] },
): Promise<void> {
  const shareId = randomUUID();
  await server.write(
    `insert into shares (id, story_id, agency_id, sections, purpose, version, keep_up_to_date, contact_allowed, contact_methods, ends_at, token_hash, status, stopped_at, created_by, created_at, updated_at)
     values (?, ?, ?, '["about"]', 'To help', 1, ?, ?, '[]', ?, ?, ?, ?, ?, ?, ?)`,
    shareId,
    story.storyId,
    agencyId,
    false,
    false,
    share.endsAt,
    randomUUID(),
    share.stoppedAt ? "stopped" : share.endsAt < new Date() ? "ended" : "active",
    share.stoppedAt ?? null,
    story.residentId,
    share.createdAt,
    share.createdAt,
  );
  for (const at of share.views ?? []) {
    await server.write(
      "insert into share_views (share_id, agency_id, email, version, sections, viewed_at) values (?, ?, ?, 1, '[\"about\"]', ?)",
      shareId,
      agencyId,
      PROFESSIONAL,
      at,
    );
  }
  for (const at of share.replies ?? []) {
    await server.write(
      "insert into share_replies (id, share_id, email, name, role, created_at) values (?, ?, ?, 'Jo Reader', 'Duty worker', ?)",
      randomUUID(),
      shareId,
      PROFESSIONAL,
      at,
    );
  }
}

/** The rows of a table on the page, by the id it has: each row's cells' text. */
function tableRows(page: Page, id: string): string[][] {
  const [table] = page.doc.all((el) => el.tagName === "table" && attr(el, "id") === id);
  return page.doc.tag("tr", table).map((row) => page.doc.all((el) => el.tagName === "th" || el.tagName === "td", row).map(text));
}

let staff: Browser;
let gp: { id: string; inbox: string };
let housing: { id: string };

beforeAll(async () => {
  staff = await staffSignedIn(server, ADMIN);
  [gp] = await server.query<{ id: string; inbox: string }>("select id, contact_email as inbox from agencies where key = 'riverside-medical-practice'");
  [housing] = await server.query<{ id: string }>("select id from agencies where key = 'housing-options'");

  // Story A: published three months ago and shared with the GP then, read twice then and once after, and acknowledged;
  // shared with Housing two months ago and stopped last month; shared with the GP again last month and read again.
  const a = await storyAt(M3.at());
  await shareAt(a, gp.id, { createdAt: M3.at(1), endsAt: M1.at(), views: [M3.at(2), M3.at(3), M2.at()], replies: [M2.at(1)] });
  await shareAt(a, housing.id, { createdAt: M2.at(), endsAt: M0.at(24 * 60), stoppedAt: M1.at(), views: [M2.at(2)] });
  await shareAt(a, gp.id, { createdAt: M1.at(1), endsAt: M0.at(24 * 90), views: [M1.at(2)] });
  // Story B: published two months ago, shared with the GP, never read.
  const b = await storyAt(M2.at(3));
  await shareAt(b, gp.id, { createdAt: M2.at(4), endsAt: M0.at(24 * 90) });
  // What remains of two deleted stories: one published and shared with two agencies, started last month; one never published.
  await server.write(
    "insert into erased_stories (story_id, started_at, versions, agencies, reason, erased_at) values (?, ?, 1, 2, 'deleted', ?), (?, ?, 0, 0, 'deleted', ?)",
    randomUUID(),
    M1.at(),
    M1.at(5),
    randomUUID(),
    M2.at(),
    M2.at(5),
  );

  // This month, through the pages: a resident shares with the GP; two professionals there read it, three times in all, and one replies.
  const resident = await signIn(server, "figures-resident@example.org");
  const storyId = await publishedStory(server, resident);
  const since = server.mail.received.length;
  await shareThroughTheJourney(server, resident, storyId, [gp.id], "no");
  const link = await linkSentTo(server, gp.inbox, since);
  for (const email of ["first.reader@nhs.example.net", "second.reader@nhs.example.net"]) {
    const reader = await openAsProfessional(server, link, email);
    expect((await http.get(`/shared/${reader.shareId}/summary`, { cookie: reader.cookie })).status).toBe(200);
    if (email.startsWith("first")) {
      expect((await http.get(`/shared/${reader.shareId}/summary`, { cookie: reader.cookie })).status).toBe(200);
      const replied = await postShared(server, `/shared/${reader.shareId}/received`, reader.cookie, { name: "Jo Reader", role: "Duty worker", message: "" });
      expect(replied.status).toBe(302);
    }
  }
});

describe("the impact figures", () => {
  test("each month's figures, counted as the README defines them, in three tables with their totals", async () => {
    const page = await staff.get("/staff/figures");
    expect(page.status).toBe(200);
    expect(page.doc.h1).toBe("Impact figures");
    const reach = tableRows(page, "figures-reach");
    expect(reach[0]).toEqual(["Month", "Stories published", "Agencies reached"]);
    // The last four months, oldest first, then the total of the twelve months shown.
    expect(reach.slice(-5)).toEqual([
      [M3.name, "1", "1"],
      [M2.name, "1", "2"],
      [M1.name, "1", "2"],
      [M0.name, "1", "1"],
      ["Total", "4", "6"],
    ]);
    expect(reach).toHaveLength(1 + 12 + 1);
    expect(tableRows(page, "figures-retellings").slice(-5)).toEqual([
      [M3.name, "1", "£250"],
      [M2.name, "1", "£250"],
      [M1.name, "0", "£0"],
      [M0.name, "1", "£250"],
      ["Total", "3", "£750"],
    ]);
    expect(tableRows(page, "figures-shares").slice(-5)).toEqual([
      [M3.name, "1", "0", "0"],
      [M2.name, "3", "0", "0"],
      [M1.name, "2", "1", "1"],
      [M0.name, "3", "0", "0"],
      ["Total", "–", "1", "1"],
    ]);
    expect(tableRows(page, "figures-reading").slice(-5)).toEqual([
      [M3.name, "2", "0"],
      [M2.name, "2", "1"],
      [M1.name, "1", "0"],
      [M0.name, "3", "1"],
      ["Total", "8", "2"],
    ]);
    const summary = page.doc.byClass("govuk-summary-list__row").map(text);
    expect(summary).toContain("Retellings avoided in these months3");
    expect(summary).toContain("Estimated cost of the assessments avoided, at £250 each£750");
  });

  test("the chart is drawn on the server as one image named after the table that gives its figures, with no style or script", async () => {
    const page = await staff.get("/staff/figures");
    const [chart] = page.doc.tag("svg").filter((svg) => attr(svg, "id") === "figures-chart");
    expect(attr(chart, "role")).toBe("img");
    expect(attr(chart, "aria-label")).toBe(
      "Bar chart of stories published, agencies reached and retellings avoided in each of the last 12 months. The tables ‘Stories and agencies reached by month’ and ‘Retellings avoided by month’ below give the same figures.",
    );
    // A swatch for each of the three series, and a bar for each in each of twelve months.
    expect(page.doc.tag("rect", chart)).toHaveLength(3 + 12 * 3);
    expect(page.doc.all((el) => attr(el, "style") !== undefined)).toEqual([]);
    expect(page.doc.tag("script", chart)).toEqual([]);
    expect(page.doc.tag("style")).toEqual([]);
  });

  test("in Welsh, with the months' Welsh names", async () => {
    const page = await staff.get("/staff/figures", { lang: "cy" });
    expect(page.doc.h1).toBe("Ffigurau effaith");
    const welshName = new Intl.DateTimeFormat("cy-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(M3.at());
    expect(tableRows(page, "figures-reach").map((row) => row[0])).toContain(welshName);
  });

  test("no page of figures shows anyone's story, name or address", async () => {
    const page = await staff.get("/staff/figures");
    for (const personal of [PERSON, "Sam Jones", PROFESSIONAL, "first.reader@", "figures-resident@", "Jo Reader"]) expect(page.html).not.toContain(personal);
  });
});

describe("the download", () => {
  /** The download as the browser saves it: its headers, and its bytes as text (a byte order mark included, which text() would drop). */
  const download = async (path = "/staff/figures.csv") => {
    const response = await fetch(`${server.url}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: server.url, "Sec-Fetch-Site": "same-origin", Cookie: staff.cookie },
    });
    return { status: response.status, headers: response.headers, csv: Buffer.from(await response.arrayBuffer()).toString("utf8") };
  };

  test("is every month since the service started, as a CSV file to save, and each download is audited", async () => {
    const before = (await auditRows(server)).filter((row) => row.event === "figures_downloaded").length;
    const answer = await download();
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(answer.headers.get("content-disposition")).toBe(`attachment; filename="figures-${M3.key}-to-${M0.key}.csv"`);
    expect(answer.csv.startsWith("\uFEFF")).toBe(true);
    expect(answer.csv.slice(1).split("\r\n")).toEqual([
      "Month,Stories published,Agencies reached,Shares active at the month’s end,Shares stopped,Shares ended,Views,Acknowledgements,Retellings avoided,Estimated cost avoided",
      `${M3.key},1,1,1,0,0,2,0,1,250`,
      `${M2.key},1,2,3,0,0,2,1,1,250`,
      `${M1.key},1,2,2,1,1,1,0,0,0`,
      `${M0.key},1,1,3,0,0,3,1,1,250`,
      "",
    ]);
    const downloads = (await auditRows(server)).filter((row) => row.event === "figures_downloaded");
    expect(downloads).toHaveLength(before + 1);
    expect(JSON.parse(downloads.at(-1)!.detail!)).toEqual({ staff: expect.stringMatching(/^[0-9a-f]{12}$/), months: 4 });
  });

  test("in Welsh, its headings are Welsh", async () => {
    const answer = await download("/staff/figures.csv?lang=cy");
    expect(answer.csv.slice(1).split("\r\n")[0]).toMatch(/^Mis,Straeon wedi’u cyhoeddi,/);
  });

  test("an address typed or followed goes to the figures page, and nobody else can download", async () => {
    expectRedirect(await staff.get("/staff/figures.csv"), "/staff/figures");
    const stranger = await load(server.url, "/staff/figures.csv", { method: "POST", headers: { Origin: server.url, "Sec-Fetch-Site": "same-origin" } });
    expectRedirect(stranger, "/staff/sign-in?returnTo=%2Fstaff%2Ffigures.csv");
    const resident = await signIn(server, "curious-resident@example.org");
    const asResident = await load(server.url, "/staff/figures.csv", {
      method: "POST",
      headers: { Origin: server.url, "Sec-Fetch-Site": "same-origin", Cookie: resident },
    });
    expect(asResident.status).toBe(302);
  });
});

describe("the audit log", () => {
  const ids = (page: Page) => page.doc.tag("tr", page.doc.one("tbody")).map((row) => text(page.doc.tag("td", row)[1]));

  test("shows events newest first, each with when, what and its identifiers, never an address", async () => {
    const page = await staff.get("/staff/audit");
    expect(page.status).toBe(200);
    const events = ids(page);
    expect(events).toContain("Staff signed in");
    expect(events).toContain("Story shared");
    expect(text(page.doc.one("tbody"))).not.toContain("@");
    const reference = (await auditRows(server)).find((row) => row.event === "staff_signed_in")!;
    expect(text(page.doc.one("tbody"))).toContain(`Staff reference: ${JSON.parse(reference.detail!).staff}`);
  });

  test("filters by kind of event and by day", async () => {
    const shared = await staff.get("/staff/audit?event=story_shared");
    expect(ids(shared)).toEqual(["Story shared"]);
    // Today in UK time, as the filter reads a day.
    const today = Object.fromEntries(
      new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric", month: "numeric", day: "numeric" })
        .formatToParts(new Date())
        .map((p) => [p.type, p.value]),
    );
    const onToday = await staff.get(
      `/staff/audit?from-day=${today.day}&from-month=${today.month}&from-year=${today.year}&to-day=${today.day}&to-month=${today.month}&to-year=${today.year}&event=staff_signed_in`,
    );
    expect(ids(onToday)).toEqual(["Staff signed in"]);
    const longAgo = await staff.get("/staff/audit?from-day=1&from-month=1&from-year=2020&to-day=2&to-month=1&to-year=2020");
    expect(text(longAgo.doc.one("main"))).toContain("No events match.");
  });

  test("a filter with mistakes says each with its field, and the page's title says there is an error", async () => {
    const wrong = await staff.get("/staff/audit?from-day=31&from-month=2&from-year=2026&to-day=1&to-month=&to-year=2026&event=made_up");
    expect(wrong.status).toBe(400);
    expect(wrong.doc.title).toMatch(/^Error: Audit log – /);
    expect(errorSummary(wrong)).toEqual([
      { href: "#from-day", text: "The from date must be a real date" },
      { href: "#to-month", text: "The to date must include a month" },
      { href: "#event", text: "Select a kind of event from the list" },
    ]);
    const backwards = await staff.get("/staff/audit?from-day=2&from-month=3&from-year=2026&to-day=1&to-month=3&to-year=2026");
    expect(errorSummary(backwards)).toEqual([{ href: "#to-day", text: "The to date must be the same as or after the from date" }]);
    const welsh = await staff.get("/staff/audit?from-day=31&from-month=2&from-year=2026", { lang: "cy" });
    expect(welsh.doc.title).toMatch(/^Gwall: Log archwilio – /);
    expect(errorSummary(welsh)).toEqual([{ href: "#from-day", text: "Rhaid i’r dyddiad o fod yn ddyddiad go iawn" }]);
  });

  test("is paged fifty events at a time, and a page past the last shows the last", async () => {
    for (let i = 0; i < 120; i++) await server.write("insert into audit_events (event, detail) values ('test_paging', ?)", JSON.stringify({ n: i }));
    const first = await staff.get("/staff/audit?event=test_paging");
    expect(text(first.doc.one("main"))).toContain("Events found: 120. Page 1 of 3.");
    expect(ids(first)).toHaveLength(50);
    const next = first.doc.all((el) => el.tagName === "a" && attr(el, "rel") === "next")[0];
    expect(attr(next, "href")).toBe("/staff/audit?event=test_paging&page=2");
    expect(first.doc.all((el) => el.tagName === "a" && attr(el, "rel") === "prev")).toEqual([]);
    const last = await staff.get("/staff/audit?event=test_paging&page=3");
    expect(ids(last)).toHaveLength(20);
    expect(text(last.doc.one("tbody"))).toContain("n: 0");
    const beyond = await staff.get("/staff/audit?event=test_paging&page=99");
    expect(text(beyond.doc.one("main"))).toContain("Page 3 of 3.");
  });
});
