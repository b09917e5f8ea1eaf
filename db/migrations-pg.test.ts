import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { getTableColumns, getTableName, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as schema from "./schema.pg";

const serverUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const migrationsFolder = fileURLToPath(new URL("./migrations-pg", import.meta.url));
const database = `tell_it_once_test_${randomBytes(6).toString("hex")}`;

const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3_000 });
const client = new pg.Client({ connectionString: Object.assign(new URL(serverUrl), { pathname: `/${database}` }).href });
const db = drizzle({ client });
let created = false;

beforeAll(async () => {
  try {
    await admin.connect();
  } catch (error) {
    // CI always has a server, so a missing one is a failure to fix, never a reason to skip.
    throw new Error(
      `No PostgreSQL answers at ${serverUrl}. Start one, e.g. \`docker run --rm -d -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres:15\`, ` +
        "or set TEST_DATABASE_URL to a server where you may create databases.",
      { cause: error },
    );
  }
  await admin.query(`create database "${database}"`);
  created = true;
  await client.connect();
  await migrate(db, { migrationsFolder });
});

afterAll(async () => {
  await client.end();
  if (created) await admin.query(`drop database "${database}" with (force)`);
  await admin.end();
});

/** The database's own message when it refuses `query`; drizzle wraps it in an error that quotes the SQL. */
async function refusal(query: PromiseLike<unknown>): Promise<string> {
  try {
    await query;
  } catch (error) {
    return ((error as Error).cause as Error | undefined)?.message ?? (error as Error).message;
  }
  return "not refused";
}

describe("the PostgreSQL migrations, applied to an empty database", () => {
  test("make every table and column of the PostgreSQL schema, and no other", async () => {
    const { rows } = await client.query<{ table_name: string; column_name: string }>(
      "select table_name, column_name from information_schema.columns where table_schema = 'public'",
    );
    const inSchema = Object.values(schema).flatMap((table) => Object.values(getTableColumns(table)).map((column) => `${getTableName(table)}.${column.name}`));
    expect(rows.map((row) => `${row.table_name}.${row.column_name}`).sort()).toEqual(inSchema.sort());
  });

  test("give back what was written: an object's keys in their order, a window start past 2^31, rows numbered in turn", async () => {
    const windowStart = Date.UTC(2027, 2, 1, 9);
    await db.insert(schema.rateLimits).values({ key: "codes-per-ip:192.0.2.1", windowStart });
    expect(await db.select({ windowStart: schema.rateLimits.windowStart }).from(schema.rateLimits)).toEqual([{ windowStart }]);

    const [first] = await db
      .insert(schema.outbox)
      .values({ recipient: "a@example.org", template: "t", language: "en", personalisation: {}, nextAttemptAt: new Date() })
      .returning();
    const [second] = await db
      .insert(schema.outbox)
      .values({ recipient: "b@example.org", template: "t", language: "cy", personalisation: { zebra: "z", apple: "a" }, nextAttemptAt: new Date() })
      .returning();
    expect(second.id).toBe(first.id + 1);
    expect(Object.keys(second.personalisation)).toEqual(["zebra", "apple"]);
    expect(second.createdAt).toBeInstanceOf(Date);
  });

  describe("keep the records of what happened as they were written", () => {
    const now = new Date();

    beforeAll(async () => {
      await db.insert(schema.residents).values({ id: "resident", email: "resident@example.org" });
      await db.insert(schema.subjects).values({ id: "subject", residentId: "resident" });
      await db.insert(schema.stories).values({ id: "story", subjectId: "subject", ownerId: "resident", updatedAt: now });
      await db
        .insert(schema.storyVersions)
        .values({ storyId: "story", version: 1, content: { about: { name: "Sam" } }, publishedBy: "resident", publishedAt: now });
      await db.insert(schema.agencies).values({
        id: "agency",
        key: "council",
        name: "A council",
        description: "Adult social care",
        contactEmail: "care@council.example.gov.uk",
        domains: ["council.example.gov.uk"],
        updatedAt: now,
      });
      const share = { storyId: "story", agencyId: "agency", sections: ["about"], purpose: "care assessment", version: 1, endsAt: now };
      await db.insert(schema.shares).values({
        ...share,
        id: "share",
        keepUpToDate: false,
        contactAllowed: false,
        contactMethods: [],
        tokenHash: "hash",
        createdBy: "resident",
        updatedAt: now,
      });
      await db.insert(schema.consentRecords).values({
        ...share,
        shareId: "share",
        kind: "given",
        agreedBy: "resident",
        subjectId: "subject",
        basis: "self",
        wording: "I agree",
        wordingVersion: "1",
        wordingHash: "wording-hash",
        language: "en",
        method: "online",
        recordedAt: now,
      });
      await db
        .insert(schema.shareViews)
        .values({ shareId: "share", agencyId: "agency", email: "worker@council.example.gov.uk", version: 1, sections: ["about"], viewedAt: now });
      await db.insert(schema.auditEvents).values({ event: "story_published", detail: { version: 1 } });
    });

    test("a published story version is never changed", async () => {
      expect(await refusal(db.update(schema.storyVersions).set({ content: {} }))).toBe("story versions are immutable");
      expect(await db.select({ content: schema.storyVersions.content }).from(schema.storyVersions)).toEqual([{ content: { about: { name: "Sam" } } }]);
    });

    test.each([
      ["the audit log", schema.auditEvents, () => db.update(schema.auditEvents).set({ event: "rewritten" }), "the audit log is append-only"],
      ["a consent record", schema.consentRecords, () => db.update(schema.consentRecords).set({ purpose: "rewritten" }), "consent records are append-only"],
      ["the access log", schema.shareViews, () => db.update(schema.shareViews).set({ email: "rewritten" }), "the access log is append-only"],
    ] as const)("%s is neither changed, deleted nor truncated", async (_log, table, rewrite, message) => {
      const before = await db.select().from(table);
      expect(before).toHaveLength(1);
      expect(await refusal(rewrite())).toBe(message);
      expect(await refusal(db.delete(table))).toBe(message);
      expect(await refusal(db.execute(sql`truncate ${table}`))).toBe(message);
      expect(await db.select().from(table)).toEqual(before);
    });
  });
});
