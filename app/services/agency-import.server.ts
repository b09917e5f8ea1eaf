import { z } from "zod";
import { upsertAgencies, type AgencyDetails } from "#app/models/agency.server";
import { recordAuditEvent } from "#app/models/audit.server";
import { db, oneAtATime } from "#db/client.server";

/*
 * A council's own agency list, as the README describes it: a JSON array of
 * { key, name, description, nameCy?, descriptionCy?, contactEmail, domains,
 * addresses?, active? }. A file is
 * imported whole or not at all, and every problem in it is reported at once,
 * so whoever keeps the list can fix it in one go.
 */

const text = (label: string) => z.string({ error: (issue) => (issue.input === undefined ? "is required" : `must be ${label}`) });

// At least two labels of letters, digits and inner hyphens, as a mail domain has. The staff area's form keeps the same rules.
export const domainName = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

const domain = text("text")
  .trim()
  .toLowerCase()
  .superRefine((value, ctx) => {
    if (value.includes("@")) {
      const after = value.slice(value.lastIndexOf("@") + 1);
      const like = domainName.test(after) ? after : "council.example.org";
      ctx.addIssue({ code: "custom", message: `(${JSON.stringify(value)}) must be a domain name without "@", like "${like}"` });
    } else if (!domainName.test(value)) {
      ctx.addIssue({ code: "custom", message: `(${JSON.stringify(value)}) must be a domain name, like "council.example.org"` });
    }
  });

/** The longest an agency's name, and its description, may be, in either language. */
export const AGENCY_LIMITS = { name: 120, description: 200 } as const;

const name = text("text")
  .trim()
  .min(1, { error: "must not be empty" })
  .max(AGENCY_LIMITS.name, { error: `must be ${AGENCY_LIMITS.name} characters or fewer` });
const description = text("text")
  .trim()
  .min(1, { error: "must not be empty" })
  .max(AGENCY_LIMITS.description, { error: `must be ${AGENCY_LIMITS.description} characters or fewer` })
  .regex(/^[^\r\n]*$/, { error: "must be one line" });
// Welsh pages show the English where there is no Welsh, so an agency without it is stored as having none.
const inWelsh = (english: typeof name) => english.optional().transform((value) => value ?? null);

const agencyRecord = z
  .strictObject(
    {
      key: text("text").regex(/^[a-z0-9-]+$/, { error: 'must be lower-case letters, digits and hyphens only, like "housing-options"' }),
      name,
      description,
      nameCy: inWelsh(name),
      descriptionCy: inWelsh(description),
      contactEmail: text("an email address")
        .trim()
        .pipe(z.email({ error: "must be an email address" })),
      domains: z
        .array(domain, {
          error: (issue) => (issue.input === undefined ? "is required" : 'must be a list of domain names, like ["council.example.org"]'),
        })
        // The same domain twice (perhaps in different cases) means nothing more than once.
        .transform((list) => [...new Set(list)]),
      // Single addresses, for an agency that shares its domain with others and so cannot be given the whole domain.
      addresses: z
        .array(
          text("an email address")
            .trim()
            .toLowerCase()
            .pipe(z.email({ error: "must be an email address" })),
          { error: 'must be a list of email addresses, like ["duty.desk@nhs.example.net"]' },
        )
        .default([])
        .transform((list) => [...new Set(list)]),
      active: z.boolean({ error: "must be true or false" }).default(true),
    },
    { error: "must be an object with key, name, description, contactEmail and domains" },
  )
  // Somebody must be able to open the agency's links: a domain, or (where its domain is shared) a listed address.
  .refine((record) => record.domains.length > 0 || record.addresses.length > 0, {
    path: ["domains"],
    error: "must list at least one domain (or addresses at least one address)",
  }) satisfies z.ZodType<AgencyDetails, unknown>;

function describeIssue(issue: z.core.$ZodIssue): string[] {
  if (issue.code === "unrecognized_keys") return issue.keys.map((key) => `unknown field ${JSON.stringify(key)}`);
  const [field, index] = issue.path;
  if (field === undefined) return [issue.message];
  const label = (field === "domains" || field === "addresses") && typeof index === "number" ? `${field} item ${index + 1}` : String(field);
  return [`${label} ${issue.message}`];
}

type Validation = { ok: true; records: AgencyDetails[] } | { ok: false; problems: string[] };

function validateAgencies(data: unknown): Validation {
  if (!Array.isArray(data)) return { ok: false, problems: ['The file must hold a list of agencies: a JSON array, [ { "key": … }, … ]'] };
  if (data.length === 0) return { ok: false, problems: ["The file lists no agencies"] };

  const records: AgencyDetails[] = [];
  const problems: string[] = [];
  const firstWithKey = new Map<string, number>();
  data.forEach((raw: unknown, index) => {
    const position = index + 1;
    const key = typeof raw === "object" && raw !== null && "key" in raw && typeof raw.key === "string" && raw.key !== "" ? raw.key : undefined;
    const name = key === undefined ? `Record ${position}` : `Record ${position} (key ${JSON.stringify(key)})`;
    const result = agencyRecord.safeParse(raw);
    const found = result.success ? [] : result.error.issues.flatMap(describeIssue);
    if (key !== undefined) {
      const earlier = firstWithKey.get(key);
      if (earlier === undefined) firstWithKey.set(key, position);
      else found.push(`key is already used by record ${earlier}`);
    }
    problems.push(...found.map((problem) => `${name}: ${problem}`));
    if (result.success) records.push(result.data);
  });
  return problems.length === 0 ? { ok: true, records } : { ok: false, problems };
}

/**
 * Where JSON.parse gave up, as line and column. Node 20's parser names no
 * position for many mistakes (a trailing comma, a missing value), so this
 * walks the text by the JSON grammar to the first character that breaks it.
 */
function jsonErrorOffset(source: string): number {
  let at = 0;
  const fail = (): never => {
    throw at;
  };
  const space = () => {
    while (at < source.length && " \t\n\r".includes(source[at])) at += 1;
  };
  const expect = (char: string) => {
    space();
    if (source[at] !== char) fail();
    at += 1;
  };
  const string = () => {
    expect('"');
    while (at < source.length) {
      const char = source[at];
      if (char === '"') return void (at += 1);
      if (char < " ") fail();
      if (char === "\\") {
        at += 1;
        if (source[at] === "u") {
          for (let digits = 0; digits < 4; digits++) {
            at += 1;
            if (!/[0-9a-fA-F]/.test(source[at] ?? "")) fail();
          }
        } else if (!'"\\/bfnrt'.includes(source[at] ?? "x")) fail();
      }
      at += 1;
    }
    fail();
  };
  const value = (): void => {
    space();
    const char = source[at];
    if (char === "{" || char === "[") {
      const close = char === "{" ? "}" : "]";
      at += 1;
      space();
      if (source[at] === close) return void (at += 1);
      for (;;) {
        if (char === "{") {
          space();
          string();
          expect(":");
        }
        value();
        space();
        if (source[at] === close) return void (at += 1);
        expect(",");
      }
    }
    if (char === '"') return string();
    const literal = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
    literal.lastIndex = at;
    const match = literal.exec(source);
    if (!match) fail();
    at += match![0].length;
  };
  try {
    value();
    space();
    if (at < source.length) fail();
  } catch (offset) {
    if (typeof offset === "number") return offset;
    throw offset;
  }
  return source.length;
}

function lineAndColumn(source: string, offset: number): string {
  const before = source.slice(0, offset).split("\n");
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

function parseJson(source: string): { ok: true; data: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, data: JSON.parse(source) };
  } catch (error) {
    // Keep what the parser says went wrong, without its echo of the text or its character count.
    const reason = (error as Error).message.replace(/, ".*" is not valid JSON$/s, "").replace(/ in JSON at position \d+.*$/s, "");
    return { ok: false, problem: `The file is not valid JSON: ${reason} at ${lineAndColumn(source, jsonErrorOffset(source))}` };
  }
}

type ImportOutcome = { ok: true; created: number; updated: number } | { ok: false; problems: string[] };

/**
 * Checks a council's agency file and, only if every record is right, adds or
 * updates them all in one transaction. `by`: who imported it, for the audit
 * log (the staff area names its member by reference; the command, run on the
 * server, by nobody).
 */
export async function importAgencyFile(contents: string, now = new Date(), by: Record<string, string> = {}): Promise<ImportOutcome> {
  // Editors on Windows often save JSON with a byte order mark, which JSON.parse refuses.
  const source = contents.replace(/^\uFEFF/, "");
  const parsed = parseJson(source);
  if (!parsed.ok) return { ok: false, problems: [parsed.problem] };
  const validation = validateAgencies(parsed.data);
  if (!validation.ok) return validation;
  return db.transaction(async (tx) => {
    // Two imports at once queue up instead of one failing half-way.
    await oneAtATime(tx, "agencies");
    const counts = await upsertAgencies(tx, validation.records, now);
    // Domains decide who can read a shared story as an agency's staff, so a change to them is audited.
    await recordAuditEvent("agencies_imported", { ...counts, ...by }, tx);
    return { ok: true as const, ...counts };
  });
}
