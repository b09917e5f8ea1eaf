/**
 * The agency directory in the staff area, over HTTP: adding, changing and no
 * longer offering agencies (a link already sent keeps working, a new share
 * cannot choose it), single addresses beside whole domains, and importing a
 * file from the browser by the command's all-or-nothing rules. Every change
 * is audited by the staff member's reference, never an address.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { attr, errorSummary, expectRedirect, fieldError, HttpClient, load, text, type Browser } from "#tests/support/http-client";
import { linkSentTo, openAsProfessional, openLink } from "#tests/support/professional";
import { serverForThisFile } from "#tests/support/server-for-file";
import { publishedStory, shareThroughTheJourney } from "#tests/support/share-journey";
import { signIn, startServerWithMail } from "#tests/support/sign-in";
import { STAFF_COOKIE, staffSignedIn } from "#tests/support/staff";
import { auditedDetails, auditRows } from "./helpers";

const ADMIN = "directory.admin@council.example.org";
const server = serverForThisFile(() => startServerWithMail({ ADMIN_EMAILS: ADMIN }));
const http = new HttpClient(() => server.url);

let staff: Browser;
beforeAll(async () => {
  staff = await staffSignedIn(server, ADMIN);
});

type AgencyRow = { id: string; key: string; name: string; name_cy: string | null; domains: string; addresses: string; active: number; contact_email: string };
const agency = async (key: string) => (await server.query<AgencyRow>("select * from agencies where key = ?", key))[0];
const gp = {
  key: "riverside-gp",
  name: "Riverside GP",
  nameCy: "Meddyg Teulu Glan yr Afon",
  description: "A GP surgery on the river.",
  descriptionCy: "Meddygfa ar lan yr afon.",
  contactEmail: "Riverside.GP@nhs.example.net",
  domains: "NHS.example.net\nriverside.nhs.example.net riverside.nhs.example.net",
  addresses: "",
};

/** A resident with a story shared with one agency, and the link the agency's inbox was sent. */
async function sharedWith(agencyId: string, inbox: string, resident: string) {
  const cookie = await signIn(server, resident);
  const storyId = await publishedStory(server, cookie);
  const since = server.mail.received.length;
  await shareThroughTheJourney(server, cookie, storyId, [agencyId], "no");
  return { cookie, storyId, link: await linkSentTo(server, inbox, since) };
}

describe("adding an agency", () => {
  test("a form sent with nothing, or with mistakes, says each in the page's order and adds nothing", async () => {
    const before = await server.rowCounts();
    const empty = await staff.post("/staff/agencies/new", {});
    expect(empty.status).toBe(400);
    expect(empty.doc.title).toMatch(/^Error: Add an agency – /);
    expect(errorSummary(empty)).toEqual([
      { href: "#key", text: "Enter a key" },
      { href: "#name", text: "Enter the agency’s name" },
      { href: "#description", text: "Enter what the agency does" },
      { href: "#contactEmail", text: "Enter the inbox for shared stories" },
      { href: "#domains", text: "Enter at least one email domain, or at least one single email address below" },
    ]);
    const wrong = await staff.post("/staff/agencies/new", {
      ...gp,
      key: "Riverside GP",
      description: "d".repeat(201),
      contactEmail: "riverside at nhs",
      domains: "nhs.example.net\nduty@nhs.example.net",
      addresses: "not an address",
    });
    expect(wrong.status).toBe(400);
    expect(errorSummary(wrong).map((error) => error.text)).toEqual([
      "Key must only include lower-case letters, numbers and hyphens, like housing-options",
      "What the agency does must be 200 characters or fewer",
      "Enter the inbox as an email address, like duty.desk@council.example.org",
      "Enter duty@nhs.example.net as a single email address below, not as a domain",
      "Enter not as an email address, like name@nhs.example.net",
    ]);
    // What was typed is kept.
    expect(attr(wrong.doc.all((el) => attr(el, "id") === "name")[0], "value")).toBe("Riverside GP");
    expect(fieldError(wrong, "domains")).toBe("Error: Enter duty@nhs.example.net as a single email address below, not as a domain");
    const after = await server.rowCounts();
    expect(after.agencies).toBe(before.agencies);
    expect(await auditedDetails(server, "agency_added")).toEqual([]);
  });

  test("an agency added is offered to residents at once, with its Welsh, its domains in lower case, and the addition audited", async () => {
    const added = await staff.post("/staff/agencies/new", gp);
    const row = await agency("riverside-gp");
    expectRedirect(added, `/staff/agencies?done=added&agency=${row.id}`);
    expect(row).toMatchObject({ name: "Riverside GP", name_cy: "Meddyg Teulu Glan yr Afon", contact_email: "riverside.gp@nhs.example.net", active: 1 });
    expect(JSON.parse(row.domains)).toEqual(["nhs.example.net", "riverside.nhs.example.net"]);
    expect(JSON.parse(row.addresses)).toEqual([]);
    const list = await staff.follow(added);
    expect(text(list.doc.byClass("govuk-notification-banner")[0])).toContain("Riverside GP has been added.");
    const reference = (await auditedDetails(server, "staff_signed_in"))[0].staff;
    expect(await auditedDetails(server, "agency_added")).toEqual([{ agency: row.id, staff: reference }]);

    const resident = await signIn(server, "chooser@example.org");
    const storyId = await publishedStory(server, resident);
    const choose = await http.get(`/stories/${storyId}/share`, { cookie: resident });
    expect(text(choose.doc.one("main"))).toContain("Riverside GP");
    const welsh = await http.get(`/stories/${storyId}/share`, { cookie: resident, lang: "cy" });
    expect(text(welsh.doc.one("main"))).toContain("Meddyg Teulu Glan yr Afon");
  });

  test("a key another agency has is refused, and nothing changes", async () => {
    const taken = await staff.post("/staff/agencies/new", { ...gp, name: "Another GP" });
    expect(taken.status).toBe(400);
    expect(errorSummary(taken)).toEqual([{ href: "#key", text: "Another agency already has this key – enter a different key" }]);
    expect((await agency("riverside-gp")).name).toBe("Riverside GP");
  });
});

describe("changing an agency", () => {
  test("the page shows what is saved; a change is saved and audited by the fields changed, never by what they hold", async () => {
    const row = await agency("riverside-gp");
    const page = await staff.get(`/staff/agencies/${row.id}`);
    expect(page.status).toBe(200);
    expect(page.doc.h1).toBe("Riverside GP");
    expect(text(page.doc.all((el) => attr(el, "id") === "domains")[0])).toBe("nhs.example.net riverside.nhs.example.net");

    const changed = await staff.post(`/staff/agencies/${row.id}`, { ...gp, name: "Riverside Surgery", domains: "riverside.nhs.example.net", intent: "save" });
    expectRedirect(changed, `/staff/agencies?done=changed&agency=${row.id}`);
    const after = await agency("riverside-gp");
    expect([after.name, JSON.parse(after.domains)]).toEqual(["Riverside Surgery", ["riverside.nhs.example.net"]]);
    expect((await auditedDetails(server, "agency_changed")).map((detail) => detail.fields)).toEqual(["name,domains"]);

    // The same again changes nothing, and is not logged.
    await staff.post(`/staff/agencies/${row.id}`, { ...gp, name: "Riverside Surgery", domains: "riverside.nhs.example.net", intent: "save" });
    expect(await auditedDetails(server, "agency_changed")).toHaveLength(1);
    const serialised = JSON.stringify(await auditRows(server));
    expect(serialised).not.toContain("@");
  });

  test("a change with a mistake keeps what was typed and saves nothing", async () => {
    const row = await agency("riverside-gp");
    const wrong = await staff.post(`/staff/agencies/${row.id}`, { ...gp, name: "", domains: "", addresses: "", intent: "save" });
    expect(wrong.status).toBe(400);
    expect(errorSummary(wrong).map((error) => error.href)).toEqual(["#name", "#domains"]);
    expect((await agency("riverside-gp")).name).toBe("Riverside Surgery");
  });

  test("an address that names no agency is not found", async () => {
    for (const id of ["00000000-0000-4000-8000-000000000000", "not-an-id"]) {
      expect((await staff.get(`/staff/agencies/${id}`)).status).toBe(404);
      expect((await staff.post(`/staff/agencies/${id}`, { intent: "deactivate" })).status).toBe(404);
    }
  });
});

describe("no longer offering an agency", () => {
  test("a link already sent keeps working; new shares cannot choose it; offering it again brings it back", async () => {
    const row = await agency("riverside-gp");
    const shared = await sharedWith(row.id, "riverside.gp@nhs.example.net", "before-deactivation@example.org");

    const stopped = await staff.post(`/staff/agencies/${row.id}`, { intent: "deactivate" });
    expectRedirect(stopped, `/staff/agencies?done=deactivated&agency=${row.id}`);
    expect((await agency("riverside-gp")).active).toBe(0);
    const list = await staff.follow(stopped);
    expect(text(list.doc.byClass("govuk-notification-banner")[0])).toContain("Riverside Surgery is no longer offered.");
    expect(await auditedDetails(server, "agency_deactivated")).toHaveLength(1);

    // The professional at the agency opens the link the agency was sent, and reads.
    const professional = await openAsProfessional(server, shared.link, "duty@riverside.nhs.example.net");
    expect((await http.get(`/shared/${professional.shareId}/summary`, { cookie: professional.cookie })).status).toBe(200);

    // A new share cannot choose it: it is not on the page, and sending its id is refused.
    const choose = await http.get(`/stories/${shared.storyId}/share`, { cookie: shared.cookie });
    expect(text(choose.doc.one("main"))).not.toContain("Riverside Surgery");
    const chosen = await http.post(`/stories/${shared.storyId}/share`, { agencies: row.id }, { cookie: shared.cookie });
    expect(chosen.status).toBe(400);

    // Stopping what is already stopped changes nothing.
    await staff.post(`/staff/agencies/${row.id}`, { intent: "deactivate" });
    expect(await auditedDetails(server, "agency_deactivated")).toHaveLength(1);

    expectRedirect(await staff.post(`/staff/agencies/${row.id}`, { intent: "reactivate" }), `/staff/agencies?done=reactivated&agency=${row.id}`);
    expect((await agency("riverside-gp")).active).toBe(1);
    expect(text((await http.get(`/stories/${shared.storyId}/share`, { cookie: shared.cookie })).doc.one("main"))).toContain("Riverside Surgery");
  });
});

describe("single addresses where agencies share a domain", () => {
  test("each of three NHS agencies on one domain opens only its own links, to the addresses it lists, in any case", async () => {
    const teams = ["crisis", "memory", "talking"];
    for (const team of teams) {
      const added = await staff.post("/staff/agencies/new", {
        key: `nhs-${team}`,
        name: `NHS ${team} team`,
        description: `The ${team} team.`,
        contactEmail: `${team}.team@nhs.example.net`,
        domains: "",
        addresses: `${team}.lead@nhs.example.net\n${team}.duty@nhs.example.net`,
      });
      expect(added.status).toBe(302);
    }
    const crisis = await agency("nhs-crisis");
    expect(JSON.parse(crisis.domains)).toEqual([]);
    expect(JSON.parse(crisis.addresses)).toEqual(["crisis.lead@nhs.example.net", "crisis.duty@nhs.example.net"]);
    const shared = await sharedWith(crisis.id, "crisis.team@nhs.example.net", "crisis-share@example.org");

    // Another team's address on the same domain is refused, and told only addresses the agency gave can open it.
    const opened = await openLink(shared.link);
    const other = await http.post(`/shared/${opened.shareId}/email`, { email: "memory.lead@nhs.example.net" }, { cookie: opened.cookie });
    expect(other.status).toBe(400);
    expect(errorSummary(other)[0].text).toBe(
      "Enter your work email address at NHS crisis team: only the addresses NHS crisis team has given us can open this story",
    );
    expect(other.html).not.toContain("crisis.lead@");

    // One of its own addresses, typed in capitals, is sent a code; and reads.
    const since = server.mail.received.length;
    const mine = await http.post(`/shared/${opened.shareId}/email`, { email: "Crisis.Duty@NHS.example.net" }, { cookie: opened.cookie });
    expectRedirect(mine, `/shared/${opened.shareId}/code`);
    await server.mail.nextEmailTo("crisis.duty@nhs.example.net", since);
    const reader = await openAsProfessional(server, shared.link, "crisis.duty@nhs.example.net");
    expect((await http.get(`/shared/${reader.shareId}/summary`, { cookie: reader.cookie })).status).toBe(200);
  });

  test("an agency with a domain and single addresses admits both", async () => {
    const added = await staff.post("/staff/agencies/new", {
      key: "hub-with-volunteers",
      name: "Community hub",
      description: "Food and company.",
      contactEmail: "hello@hub.example.org",
      domains: "hub.example.org",
      addresses: "volunteer.lead@mail.example.com",
    });
    expect(added.status).toBe(302);
    const hub = await agency("hub-with-volunteers");
    const shared = await sharedWith(hub.id, "hello@hub.example.org", "hub-share@example.org");
    for (const email of ["worker@hub.example.org", "volunteer.lead@mail.example.com"]) {
      const reader = await openAsProfessional(server, shared.link, email);
      expect((await http.get(`/shared/${reader.shareId}/summary`, { cookie: reader.cookie })).status).toBe(200);
    }
  });
});

describe("importing a file from the browser", () => {
  /** The import form sent as a browser sends it: multipart, with the file under "file". */
  const upload = (contents: string | null, name = "agencies.json") => {
    const form = new FormData();
    if (contents !== null) form.append("file", new Blob([contents], { type: "application/json" }), name);
    else form.append("file", new Blob([]), "");
    return load(server.url, "/staff/agencies/import", {
      method: "POST",
      headers: { Origin: server.url, "Sec-Fetch-Site": "same-origin", Cookie: staff.cookie },
      body: form,
    });
  };

  const record = (key: string, more: Record<string, unknown> = {}) => ({
    key,
    name: `Imported ${key}`,
    description: "Imported from a file.",
    contactEmail: `${key}@import.example.org`,
    domains: ["import.example.org"],
    ...more,
  });

  test("a file with any problem imports nothing, and the page lists every problem", async () => {
    const before = await server.rowCounts();
    const refused = await upload(JSON.stringify([record("one"), record("two", { domains: ["bad@import.example.org"] }), { key: "three" }]));
    expect(refused.status).toBe(400);
    expect(refused.doc.title).toMatch(/^Error: Import agencies from a file – /);
    expect(errorSummary(refused)).toEqual([
      { href: "#file", text: "Nothing was imported because the file has problems, listed below – put them right and select the file again" },
    ]);
    // The import's own words, in English whatever the page's language, one item each.
    const [list] = refused.doc.all((el) => el.tagName === "ul" && attr(el, "lang") === "en");
    const problems = refused.doc.tag("li", list).map(text);
    expect(problems).toContain('Record 2 (key "two"): domains item 1 ("bad@import.example.org") must be a domain name without "@", like "import.example.org"');
    expect(problems).toContain('Record 3 (key "three"): name is required');
    expect((await server.rowCounts()).agencies).toBe(before.agencies);
    expect(await auditedDetails(server, "agencies_import_refused")).toEqual([{ staff: expect.stringMatching(/^[0-9a-f]{12}$/), problems: problems.length }]);

    const notJson = await upload("[{ not json");
    expect(notJson.status).toBe(400);
    expect(text(notJson.doc.one("main"))).toContain("The file is not valid JSON");
  });

  test("no file chosen, or a file that is not text, is asked for again", async () => {
    const none = await upload(null);
    expect(errorSummary(none)).toEqual([{ href: "#file", text: "Select a JSON file to import" }]);
    const binary = await load(server.url, "/staff/agencies/import", {
      method: "POST",
      headers: { Origin: server.url, "Sec-Fetch-Site": "same-origin", Cookie: staff.cookie },
      body: (() => {
        const form = new FormData();
        form.append("file", new Blob([new Uint8Array([0xff, 0xfe, 0x00, 0x80])]), "agencies.json");
        return form;
      })(),
    });
    expect(errorSummary(binary)).toEqual([{ href: "#file", text: "The file could not be read – save it as UTF-8 text and try again" }]);
  });

  test("a good file adds and updates by key, with single addresses, and the import is audited by reference", async () => {
    const imported = await upload(
      JSON.stringify([record("one"), record("nhs-crisis", { name: "NHS crisis team", domains: [], addresses: ["crisis.lead@nhs.example.net"] })]),
    );
    expectRedirect(imported, "/staff/agencies?done=imported&created=1&updated=1");
    const list = await staff.follow(imported);
    expect(text(list.doc.byClass("govuk-notification-banner")[0])).toContain("Agencies imported: 2 (1 new, 1 updated).");
    expect(JSON.parse((await agency("nhs-crisis")).addresses)).toEqual(["crisis.lead@nhs.example.net"]);
    expect((await agency("one")).name).toBe("Imported one");
    expect(await auditedDetails(server, "agencies_imported")).toEqual([{ created: 1, updated: 1, staff: expect.stringMatching(/^[0-9a-f]{12}$/) }]);
  });

  test("the import page needs a staff session, whatever is sent", async () => {
    const form = new FormData();
    form.append("file", new Blob([JSON.stringify([record("sneaky")])]), "agencies.json");
    const refused = await load(server.url, "/staff/agencies/import", {
      method: "POST",
      headers: { Origin: server.url, "Sec-Fetch-Site": "same-origin" },
      body: form,
    });
    expectRedirect(refused, "/staff/sign-in?returnTo=%2Fstaff%2Fagencies%2Fimport");
    expect(await agency("sneaky")).toBeUndefined();
    expect(staff.jar.get(STAFF_COOKIE)).toBeDefined();
  });
});

describe("the directory page", () => {
  test("lists every agency, offered or not, with who can open its links, in English and Welsh", async () => {
    const page = await staff.get("/staff/agencies");
    const rows = page.doc.tag("tr", page.doc.one("tbody")).map((row) => page.doc.tag("th", row).concat(page.doc.tag("td", row)).map(text));
    // Each agency's name, whether it is offered, and who can open its links.
    expect(rows).toContainEqual(["NHS crisis teamOffered", "Single addresses: 1"]);
    expect(rows).toContainEqual(["Riverside SurgeryOffered", "@riverside.nhs.example.net"]);
    const welsh = await staff.get("/staff/agencies", { lang: "cy" });
    expect(welsh.doc.h1).toBe("Cyfeiriadur sefydliadau");
    // An agency without a Welsh name is marked as English on the Welsh page.
    const english = welsh.doc.all((el) => attr(el, "lang") === "en").map(text);
    expect(english).toContain("NHS crisis team");
  });
});
