import { asc } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { agencies, auditEvents } from "#db/schema";
import { importAgencyFile } from "./agency-import.server";

const housing = {
  key: "housing-options",
  name: "Demo Council Housing Options",
  description: "Help if you have nowhere to live or might lose your home.",
  contactEmail: "housing@demo-council.example.org",
  domains: ["demo-council.example.org"],
};
const gp = {
  key: "riverside-medical-practice",
  name: "Riverside Medical Practice",
  description: "A GP surgery: appointments, prescriptions and health checks.",
  contactEmail: "riverside.practice@nhs.example.net",
  domains: ["nhs.example.net"],
};

const rows = async () => await db.select().from(agencies).orderBy(asc(agencies.key));
// The audit log refuses deletes, so each test looks only at events after its start.
let auditedBefore = 0;
const importEvents = async () => (await db.select().from(auditEvents)).filter((e) => e.id > auditedBefore && e.event === "agencies_imported");

beforeEach(async () => {
  await db.delete(agencies);
  auditedBefore = Math.max(0, ...(await db.select({ id: auditEvents.id }).from(auditEvents)).map((e) => e.id));
});

describe("each rule, with the message that names the record and the field", () => {
  // The record at fault is the second of two, so its position is named.
  const problemsWith = async (record: unknown) => {
    const outcome = await importAgencyFile(JSON.stringify([housing, record]));
    if (outcome.ok) return [];
    expect(await rows()).toEqual([]);
    return outcome.problems;
  };
  const without = (field: keyof typeof gp) => Object.fromEntries(Object.entries(gp).filter(([name]) => name !== field));
  const named = 'Record 2 (key "riverside-medical-practice")';
  // A description, in either language, is one line of at most 200 characters.
  const descriptionRules = (field: "description" | "descriptionCy", twoLines: string) => [
    { rule: `${field} is one line`, record: { ...gp, [field]: twoLines }, problem: `${named}: ${field} must be one line` },
    { rule: `${field} is at most 200 characters`, record: { ...gp, [field]: "d".repeat(201) }, problem: `${named}: ${field} must be 200 characters or fewer` },
  ];

  test.each([
    { rule: "key is required", record: without("key"), problem: "Record 2: key is required" },
    { rule: "key is text", record: { ...gp, key: 42 }, problem: "Record 2: key must be text" },
    {
      rule: "key is lower-case letters, digits and hyphens",
      record: { ...gp, key: "Riverside Practice" },
      problem: 'Record 2 (key "Riverside Practice"): key must be lower-case letters, digits and hyphens only, like "housing-options"',
    },
    { rule: "name is required", record: without("name"), problem: `${named}: name is required` },
    { rule: "name is not blank", record: { ...gp, name: "   " }, problem: `${named}: name must not be empty` },
    { rule: "name is at most 120 characters", record: { ...gp, name: "n".repeat(121) }, problem: `${named}: name must be 120 characters or fewer` },
    { rule: "description is required", record: without("description"), problem: `${named}: description is required` },
    ...descriptionRules("description", "A GP surgery.\nOpen on Saturdays."),
    { rule: "contactEmail is required", record: without("contactEmail"), problem: `${named}: contactEmail is required` },
    {
      rule: "contactEmail is an email address",
      record: { ...gp, contactEmail: "riverside at nhs.example.net" },
      problem: `${named}: contactEmail must be an email address`,
    },
    { rule: "domains is required", record: without("domains"), problem: `${named}: domains is required` },
    {
      rule: "domains is a list",
      record: { ...gp, domains: "nhs.example.net" },
      problem: `${named}: domains must be a list of domain names, like ["council.example.org"]`,
    },
    {
      rule: "domains is not empty",
      record: { ...gp, domains: [] },
      problem: `${named}: domains must list at least one domain (or addresses at least one address)`,
    },
    {
      rule: "domains may be empty only when addresses lists one",
      record: { ...gp, domains: [], addresses: [] },
      problem: `${named}: domains must list at least one domain (or addresses at least one address)`,
    },
    {
      rule: "addresses is a list",
      record: { ...gp, addresses: "duty@nhs.example.net" },
      problem: `${named}: addresses must be a list of email addresses, like ["duty.desk@nhs.example.net"]`,
    },
    { rule: "an address is an email address", record: { ...gp, addresses: ["duty at nhs"] }, problem: `${named}: addresses item 1 must be an email address` },
    {
      rule: "a domain has no @",
      record: { ...gp, domains: ["nhs.example.net", "staff@NHS.example.net"] },
      problem: `${named}: domains item 2 ("staff@nhs.example.net") must be a domain name without "@", like "nhs.example.net"`,
    },
    {
      rule: "a domain is a domain name",
      record: { ...gp, domains: ["nhs example net"] },
      problem: `${named}: domains item 1 ("nhs example net") must be a domain name, like "council.example.org"`,
    },
    {
      rule: "a domain has more than one label",
      record: { ...gp, domains: ["localhost"] },
      problem: `${named}: domains item 1 ("localhost") must be a domain name, like "council.example.org"`,
    },
    { rule: "nameCy is text", record: { ...gp, nameCy: null }, problem: `${named}: nameCy must be text` },
    { rule: "nameCy is not blank", record: { ...gp, nameCy: " " }, problem: `${named}: nameCy must not be empty` },
    { rule: "nameCy is at most 120 characters", record: { ...gp, nameCy: "n".repeat(121) }, problem: `${named}: nameCy must be 120 characters or fewer` },
    ...descriptionRules("descriptionCy", "Meddygfa.\nAr agor ar ddydd Sadwrn."),
    { rule: "descriptionCy is not blank", record: { ...gp, descriptionCy: "" }, problem: `${named}: descriptionCy must not be empty` },
    { rule: "active is true or false", record: { ...gp, active: "no" }, problem: `${named}: active must be true or false` },
    { rule: "no unknown fields", record: { ...gp, activ: false }, problem: `${named}: unknown field "activ"` },
    {
      rule: "a record is an object",
      record: "Riverside Medical Practice",
      problem: "Record 2: must be an object with key, name, description, contactEmail and domains",
    },
    {
      rule: "keys are unique in the file",
      record: { ...gp, key: "housing-options" },
      problem: 'Record 2 (key "housing-options"): key is already used by record 1',
    },
  ])("$rule", async ({ record, problem }) => {
    expect(await problemsWith(record)).toEqual([problem]);
  });

  test("the limits themselves are allowed", async () => {
    expect(
      await problemsWith({
        ...gp,
        name: "n".repeat(120),
        description: "d".repeat(200),
        nameCy: "n".repeat(120),
        descriptionCy: "d".repeat(200),
        active: false,
      }),
    ).toEqual([]);
  });

  test.each([
    { data: { agencies: [housing] }, problem: 'The file must hold a list of agencies: a JSON array, [ { "key": … }, … ]' },
    { data: [], problem: "The file lists no agencies" },
  ])("the file as a whole: $problem", async ({ data, problem }) => {
    expect(await importAgencyFile(JSON.stringify(data))).toEqual({ ok: false, problems: [problem] });
  });
});

describe("what is stored", () => {
  test("text is trimmed, domains are lower-cased without repeats, and an agency is active unless it says not", async () => {
    const outcome = await importAgencyFile(
      JSON.stringify([
        {
          ...housing,
          name: "  Demo Council Housing Options ",
          domains: [" Demo-Council.example.org", "demo-council.EXAMPLE.org", "housing.demo-council.example.org"],
        },
        { ...gp, active: false },
      ]),
    );
    expect(outcome).toEqual({ ok: true, created: 2, updated: 0 });
    expect(await rows()).toMatchObject([
      { key: "housing-options", name: "Demo Council Housing Options", domains: ["demo-council.example.org", "housing.demo-council.example.org"], active: true },
      { key: "riverside-medical-practice", active: false },
    ]);
  });

  test("the Welsh name and description, trimmed, where given; none where not", async () => {
    const welsh = { nameCy: " Meddygfa Glan yr Afon ", descriptionCy: "Meddygfa: apwyntiadau, presgripsiynau a gwiriadau iechyd." };
    expect(await importAgencyFile(JSON.stringify([housing, { ...gp, ...welsh }]))).toEqual({ ok: true, created: 2, updated: 0 });
    expect(await rows()).toMatchObject([
      { key: "housing-options", nameCy: null, descriptionCy: null },
      { key: "riverside-medical-practice", nameCy: "Meddygfa Glan yr Afon", descriptionCy: welsh.descriptionCy },
    ]);
  });

  test("a file saved with a byte order mark is read", async () => {
    expect(await importAgencyFile(`\uFEFF${JSON.stringify([housing])}`)).toEqual({ ok: true, created: 1, updated: 0 });
  });

  test("single addresses, lower-cased without repeats, with or without domains; none where not given", async () => {
    const crisis = {
      ...gp,
      key: "nhs-crisis",
      domains: [],
      addresses: ["Crisis.Lead@nhs.example.net", "crisis.lead@NHS.example.net", "crisis.duty@nhs.example.net"],
    };
    expect(await importAgencyFile(JSON.stringify([housing, crisis]))).toEqual({ ok: true, created: 2, updated: 0 });
    expect(await rows()).toMatchObject([
      { key: "housing-options", addresses: [] },
      { key: "nhs-crisis", domains: [], addresses: ["crisis.lead@nhs.example.net", "crisis.duty@nhs.example.net"] },
    ]);
    // The file describes each agency whole: a later record without addresses leaves the agency with none.
    expect(await importAgencyFile(JSON.stringify([{ ...crisis, addresses: undefined, domains: ["crisis.nhs.example.net"] }]))).toEqual({
      ok: true,
      created: 0,
      updated: 1,
    });
    expect((await rows()).find((row) => row.key === "nhs-crisis")?.addresses).toEqual([]);
  });

  test("who imported it, when the staff area did, is in the audit event", async () => {
    await importAgencyFile(JSON.stringify([housing]), new Date(), { staff: "0123456789ab" });
    expect((await importEvents()).map((event) => event.detail)).toEqual([{ created: 1, updated: 0, staff: "0123456789ab" }]);
  });
});

describe("importing again", () => {
  test("matches agencies by key: the same file twice leaves the same rows, counted as updated", async () => {
    const file = JSON.stringify([housing, gp]);
    expect(await importAgencyFile(file, new Date("2026-01-01T10:00:00Z"))).toEqual({ ok: true, created: 2, updated: 0 });
    const first = await rows();
    expect(await importAgencyFile(file, new Date("2026-01-02T10:00:00Z"))).toEqual({ ok: true, created: 0, updated: 2 });
    const second = await rows();
    expect(second.map(({ updatedAt, ...row }) => row)).toEqual(first.map(({ updatedAt, ...row }) => row));
    expect(second.map((row) => row.updatedAt)).toEqual([new Date("2026-01-02T10:00:00Z"), new Date("2026-01-02T10:00:00Z")]);
    expect((await importEvents()).map((e) => e.detail)).toEqual([
      { created: 2, updated: 0 },
      { created: 0, updated: 2 },
    ]);
  });

  test("changes a known agency in place, adds a new one, and keeps one the file no longer lists", async () => {
    await importAgencyFile(JSON.stringify([housing, gp]));
    const before = new Map((await rows()).map((row) => [row.key, row]));
    const jobcentre = { ...gp, key: "jobcentre-plus", name: "Demo Jobcentre Plus", domains: ["dwp.example.net"] };
    const renamed = { ...housing, name: "Housing Options and Advice", active: false };
    expect(await importAgencyFile(JSON.stringify([renamed, jobcentre]))).toEqual({ ok: true, created: 1, updated: 1 });

    const after = new Map((await rows()).map((row) => [row.key, row]));
    expect([...after.keys()]).toEqual(["housing-options", "jobcentre-plus", "riverside-medical-practice"]);
    expect(after.get("housing-options")).toMatchObject({ id: before.get("housing-options")!.id, name: "Housing Options and Advice", active: false });
    expect(after.get("riverside-medical-practice")).toEqual(before.get("riverside-medical-practice"));
  });
});

describe("importing Welsh again", () => {
  test("a later file's Welsh replaces the old, and a record without Welsh no longer has any", async () => {
    await importAgencyFile(
      JSON.stringify([
        { ...housing, nameCy: "Opsiynau Tai", descriptionCy: "Help gyda thai." },
        { ...gp, nameCy: "Meddygfa Glan yr Afon", descriptionCy: "Meddygfa." },
      ]),
    );
    expect(await importAgencyFile(JSON.stringify([{ ...housing, nameCy: "Opsiynau Tai Cyngor Demo", descriptionCy: "Help gyda thai." }, gp]))).toEqual({
      ok: true,
      created: 0,
      updated: 2,
    });
    expect((await rows()).map(({ key, nameCy, descriptionCy }) => ({ key, nameCy, descriptionCy }))).toEqual([
      { key: "housing-options", nameCy: "Opsiynau Tai Cyngor Demo", descriptionCy: "Help gyda thai." },
      { key: "riverside-medical-practice", nameCy: null, descriptionCy: null },
    ]);
  });
});

describe("a file with a mistake imports nothing", () => {
  test("one bad record among good ones changes no row and lists every problem in the file", async () => {
    await importAgencyFile(JSON.stringify([housing]));
    const before = await rows();
    const outcome = await importAgencyFile(
      JSON.stringify([
        { ...housing, name: "A new name" },
        gp,
        { ...gp, key: "bad", contactEmail: "nobody", domains: ["@example.org"] },
        { ...gp, key: "riverside-medical-practice" },
      ]),
    );
    expect(outcome).toEqual({
      ok: false,
      problems: [
        'Record 3 (key "bad"): contactEmail must be an email address',
        'Record 3 (key "bad"): domains item 1 ("@example.org") must be a domain name without "@", like "example.org"',
        'Record 4 (key "riverside-medical-practice"): key is already used by record 2',
      ],
    });
    expect(await rows()).toEqual(before);
    expect(await importEvents()).toHaveLength(1);
  });

  test.each([
    // Node 20's parser gives no position for these first two: the line and column are found by walking the text.
    {
      what: "a trailing comma after the last record",
      file: '[\n  {"key": "a"},\n]',
      problem: "The file is not valid JSON: Unexpected token ']' at line 3, column 1",
    },
    {
      what: "a missing value",
      file: '[\n  {"key": }\n]',
      problem: "The file is not valid JSON: Unexpected token '}' at line 2, column 11",
    },
    {
      what: "a trailing comma after the last field",
      file: '[\n  {\n    "key": "housing-options",\n  }\n]',
      problem: "The file is not valid JSON: Expected double-quoted property name at line 4, column 3",
    },
    {
      what: "a missing comma between records",
      file: '[{"key": "a"}\n {"key": "b"}]',
      problem: "The file is not valid JSON: Expected ',' or ']' after array element at line 2, column 2",
    },
    {
      what: "single quotes",
      file: "[\n\t{'key': 'a'}]",
      problem: "The file is not valid JSON: Expected property name or '}' at line 2, column 3",
    },
    {
      what: "a line break inside a string",
      file: '[{"description": "two\nlines"}]',
      problem: "The file is not valid JSON: Bad control character in string literal at line 1, column 22",
    },
    {
      what: "a file cut short",
      file: '[{"key": "a"},\n',
      problem: "The file is not valid JSON: Unexpected end of JSON input at line 2, column 1",
    },
    { what: "an empty file", file: "", problem: "The file is not valid JSON: Unexpected end of JSON input at line 1, column 1" },
  ])("$what is reported with its line and column", async ({ file, problem }) => {
    expect(await importAgencyFile(file)).toEqual({ ok: false, problems: [problem] });
    expect(await rows()).toEqual([]);
  });

  test("the line and column agree with the position the JSON parser gives, where it gives one", async () => {
    const file = '[\n  {"key": "a", "name": "x"}\n  {"key": "b"}\n]';
    const position = Number(/position (\d+)/.exec(String(catchError(() => JSON.parse(file))))?.[1]);
    expect(position).toBe(file.indexOf('{"key": "b"}'));
    expect(await importAgencyFile(file)).toEqual({
      ok: false,
      problems: ["The file is not valid JSON: Expected ',' or ']' after array element at line 3, column 3"],
    });
  });
});

function catchError(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}
