/*
 * `npm run db:backup -- FILE` while the service runs and goes on writing, then
 * `npm run db:restore -- FILE` into a stopped instance: what comes back is the
 * database as it stood at one moment during the backup, whole, and the service
 * carries on from it. Then each refusal, in one line, changing nothing. On
 * SQLite and, with TEST_ENGINE=postgres, on PostgreSQL.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import Database from "better-sqlite3";
import { getTableName } from "drizzle-orm";
import { getTableConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as schema from "#db/schema.sqlite";
import { HttpClient } from "#tests/support/http-client";
import { linkSentTo, openAsProfessional, type Opened } from "#tests/support/professional";
import { shareThroughTheJourney, wholePublishedStory } from "#tests/support/share-journey";
import { signIn, startServerWithMail, type ServerWithMail } from "#tests/support/sign-in";
import { freshPostgresDatabase, testDatabase, type TestDatabase } from "#tests/support/test-database.js";
import { until } from "#tests/support/until";
import { runProductionScript, type ScriptRun } from "./helpers";

const onPostgres = process.env.TEST_ENGINE === "postgres";
/** Every instance of one service has the same one; the restored service is the same service. */
const SESSION_SECRET = "the-secret-the-service-and-its-restored-self-share";

type PostgresDatabase = Awaited<ReturnType<typeof freshPostgresDatabase>>;
let dir: string;
/** On PostgreSQL, the live service's database and the one restored into; on SQLite, files in `dir`. */
let live: PostgresDatabase | undefined;
let fresh: PostgresDatabase | undefined;
let backup: string;
let restoredServer: ServerWithMail | undefined;

const liveDatabase = (): Record<string, string> => (live ? { DATABASE_URL: live.url } : { DATABASE_PATH: join(dir, "live", "tell-it-once.sqlite") });
const freshDatabase = (): Record<string, string> => (fresh ? { DATABASE_URL: fresh.url } : { DATABASE_PATH: join(dir, "restored", "tell-it-once.sqlite") });
/** Where a database is, as the commands name it in what they print. */
const named = (database: Record<string, string>) => database.DATABASE_PATH ?? database.DATABASE_URL.replace(/^postgres:\/\/[^@]*@/, "");
const handle = (database: Record<string, string>) => testDatabase({ databasePath: database.DATABASE_PATH, databaseUrl: database.DATABASE_URL });

/** `npm run db:backup -- FILE` and `npm run db:restore -- FILE`, as a production install runs them, on the live and the fresh database unless told. */
const runBackup = (args: string[], database = liveDatabase()) => runProductionScript("db:backup", args, database);
const runRestore = (args: string[], database = freshDatabase()) => runProductionScript("db:restore", args, database);

/** `text` matched literally inside a RegExp. */
const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** Runs SQL on a SQLite file, made if need be: a backup file altered behind the commands' backs. */
function alterSqlite(file: string, sql: string, ...params: unknown[]) {
  const database = new Database(file);
  try {
    database.prepare(sql).run(...params);
  } finally {
    database.close();
  }
}

/** A refusal: one line on stderr, nothing on stdout, exit code 1. */
function expectRefusal(run: ScriptRun, line: string | RegExp) {
  expect(run.stdout).toBe("");
  expect(run.stderr).toMatch(/^[^\n]+\n$/);
  if (typeof line === "string") expect(run.stderr).toBe(`${line}\n`);
  else expect(run.stderr).toMatch(line);
  expect(run.code).toBe(1);
}

const tables = Object.values(schema) as SQLiteTable[];
/** The columns that name a row of `table`: its primary key. */
function keyOf(table: SQLiteTable): string[] {
  const config = getTableConfig(table);
  return config.primaryKeys[0]?.columns.map((column) => column.name) ?? config.columns.filter((column) => column.primary).map((column) => column.name);
}
/** The tables no row ever leaves or changes in (database triggers hold them to it). */
const appendOnly = ["audit_events", "consent_records", "share_views", "story_versions"];

/** Every row of every table of the app's, by table and then by primary key, each as text that is the same on either engine. */
type Rows = Record<string, Map<string, string>>;
async function everything(database: Pick<TestDatabase, "query">): Promise<Rows> {
  const all: Rows = {};
  for (const table of tables) {
    const key = keyOf(table);
    const rows = await database.query(`select * from ${getTableName(table)}`);
    all[getTableName(table)] = new Map(rows.map((row) => [JSON.stringify(key.map((column) => row[column])), JSON.stringify(Object.entries(row).sort())]));
  }
  return all;
}
/** A row of `Rows` as an object again. */
const fields = (row: string) => Object.fromEntries(JSON.parse(row) as [string, unknown][]);
/** A JSON column's value: text on SQLite and for PostgreSQL's json. */
const json = <T>(value: unknown) => (typeof value === "string" ? JSON.parse(value) : value) as T;

/** The rows of a database nothing else has open, read and let go. */
async function rowsOf(database: Record<string, string>): Promise<Rows> {
  const opened = handle(database);
  try {
    return await everything(opened);
  } finally {
    await opened.close();
  }
}

/** A form posted as a browser does, and the whole answer read; undefined if the request failed. */
async function post(server: ServerWithMail, path: string, form: Record<string, string>, headers: Record<string, string>) {
  try {
    const response = await fetch(`${server.url}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(form).toString(),
    });
    await response.arrayBuffer();
    return { status: response.status, location: response.headers.get("location") };
  } catch {
    return undefined;
  }
}

/** A story a writer made: its name and id, when its request was sent and when the service answered that it was saved. */
type Made = { name: string; storyId: string; sent: number; answered: number };
const made: Made[] = [];
let backupStarted = 0;
let backupEnded = 0;
let backupRun: ScriptRun;
let restoreRun: ScriptRun;
/** The live database just before the backup began, and once the writing stopped; the restored one as the restore left it. */
let before: Rows;
let after: Rows;
let restored: Rows;
let restoredCounts: Record<string, number>;
/** A resident signed in before the backup, with a story shared with the GP, and the GP's browser reading it. */
let resident: string;
let storyId: string;
let professional: Opened;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tell-it-once-backup-"));
  backup = join(dir, "backups", onPostgres ? "tell-it-once.dump" : "tell-it-once.sqlite");
  mkdirSync(dirname(backup));
  if (onPostgres) [live, fresh] = await Promise.all([freshPostgresDatabase(), freshPostgresDatabase()]);

  // The instance that will be restored into ran once (adding its demo agencies) and died, leaving its write-ahead log.
  const once = await startServerWithMail({ ...freshDatabase(), SESSION_SECRET });
  await once.crash();
  await once.mail.close();

  const server = await startServerWithMail({ ...liveDatabase(), SESSION_SECRET });
  try {
    resident = await signIn(server, "before-the-backup@example.org");
    storyId = await wholePublishedStory(server, resident);
    const [gp] = await server.query<{ id: string; contact_email: string }>(
      "select id, contact_email from agencies where name = ?",
      "Riverside Medical Practice",
    );
    const since = server.mail.received.length;
    await shareThroughTheJourney(server, resident, storyId, [gp.id], "yes");
    professional = await openAsProfessional(server, await linkSentTo(server, gp.contact_email, since), "dr.backup@nhs.example.net");
    expect((await new HttpClient(server.url).get(`/shared/${professional.shareId}/summary`, { cookie: professional.cookie })).status).toBe(200);

    const writers = [resident, await signIn(server, "writing-during-the-backup@example.org")];
    let stopped = false;
    let n = 0;
    const newStories = async (cookie: string) => {
      while (!stopped) {
        const name = `Backed ${n++}`;
        const sent = Date.now();
        const saved = await post(server, "/stories/new/about", { name, intent: "save" }, { Cookie: `${cookie}; lang=en` });
        const id = saved?.location?.match(/^\/stories\/([0-9a-f-]{36})\?saved=1$/)?.[1];
        if (saved?.status === 302 && id) made.push({ name, storyId: id, sent, answered: Date.now() });
      }
    };
    const signIns = async () => {
      for (let i = 0; !stopped; i++) {
        await post(server, "/sign-in", { email: `asking-${i}@example.org` }, { "X-Forwarded-For": `10.9.${Math.floor(i / 250)}.${(i % 250) + 1}` });
      }
    };
    // The mail server stops answering, so no email is recorded as sent, and on SQLite the service does not then fold its
    // write-ahead log into the database file: the stories saved from here on are in the log alone, where a copy of the
    // file's bytes would miss them.
    server.mail.hold(true);
    const writing = [...writers.flatMap((cookie) => [newStories(cookie), newStories(cookie)]), signIns()];

    await until(() => made.length >= 20, "the writers had made 20 stories");
    before = await everything(server);
    backupStarted = Date.now();
    backupRun = await runBackup([backup]);
    backupEnded = Date.now();
    await until(() => made.filter((story) => story.sent > backupEnded).length >= 10, "10 stories begun after the backup were made");
    stopped = true;
    await Promise.all(writing);
    after = await everything(server);
  } finally {
    await server.stop();
  }

  restoreRun = await runRestore([backup]);
  const opened = handle(freshDatabase());
  try {
    restored = await everything(opened);
    restoredCounts = await opened.rowCounts();
  } finally {
    await opened.close();
  }
}, 180_000);

afterAll(async () => {
  await restoredServer?.stop();
  await live?.drop();
  await fresh?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe("a backup taken while the service writes, restored into a stopped instance", () => {
  test("the backup is taken while stories go on being saved, written readable by its owner alone, and says what it did", () => {
    expect(backupRun.stderr).toBe("");
    expect(backupRun.code).toBe(0);
    const check = onPostgres ? "pg_restore reads its table of contents." : "SQLite's integrity check of the backup says ok.";
    expect(backupRun.stdout).toMatch(
      new RegExp(
        `^Backed up ${literally(named(liveDatabase()))} to ${literally(backup)} in (\\d+ ms|\\d+\\.\\d s): ${Object.keys(restoredCounts).length} tables, [\\d.]+ [KM]B\\. ${literally(check)}\n$`,
      ),
    );
    expect(statSync(backup).mode & 0o777).toBe(0o600);
    expect(readdirSync(dirname(backup)), "nothing half-written is left beside it").toEqual([onPostgres ? "tell-it-once.dump" : "tell-it-once.sqlite"]);
    const savedMeanwhile = made.filter((story) => story.answered > backupStarted && story.sent < backupEnded);
    expect(savedMeanwhile.length, "stories were saved while the backup ran").toBeGreaterThan(0);
  });

  test("the restore checks the backup, puts it in place of the stopped instance's database and says what it restored", () => {
    expect(restoreRun.stderr).toBe("");
    expect(restoreRun.code).toBe(0);
    const rows = Object.values(restoredCounts).reduce((total, count) => total + count, 0);
    const start = `Restored ${backup} into ${named(freshDatabase())} in `;
    expect(restoreRun.stdout.startsWith(start)).toBe(true);
    expect(restoreRun.stdout).toContain(`: ${Object.keys(restoredCounts).length} tables, ${rows.toLocaleString("en-GB")} rows.`);
    if (onPostgres) {
      expect(restoreRun.stdout).toMatch(/ rows\.\n$/);
    } else {
      // The database it replaced is kept beside it, whole: what its write-ahead log held (the demo agencies the instance
      // added before it died) folded in. No log of the old database is left beside the new one, where SQLite would read it.
      const kept = restoreRun.stdout.match(/ The database it replaced is kept at (\S+): delete it once the service runs well on the restored one\.\n$/)?.[1];
      expect(kept).toMatch(/restored\/tell-it-once\.sqlite\.replaced-\d{4}-\d\d-\d\dT[\d-]+Z$/);
      expect(readdirSync(join(dir, "restored")).sort()).toEqual(["tell-it-once.sqlite", basename(kept!)]);
      const replaced = new Database(kept!, { readonly: true });
      expect(replaced.prepare("pragma integrity_check").pluck().get()).toBe("ok");
      expect(replaced.prepare("select count(*) from agencies").pluck().get()).toBe(restored.agencies.size);
      replaced.close();
    }
  });

  test("every story saved before the backup began is restored with its name, and none begun after it ended", () => {
    const names = new Map(
      [...restored.story_sections.values()]
        .map(fields)
        .filter((row) => row.section === "about")
        .map((row) => [row.story_id, json<{ name?: string }>(row.content).name]),
    );
    const savedBefore = made.filter((story) => story.answered < backupStarted);
    const begunAfter = made.filter((story) => story.sent > backupEnded);
    expect(savedBefore.length).toBeGreaterThanOrEqual(20);
    expect(savedBefore.filter((story) => names.get(story.storyId) !== story.name)).toEqual([]);
    expect(begunAfter.length).toBeGreaterThanOrEqual(10);
    expect(begunAfter.filter((story) => names.has(story.storyId))).toEqual([]);
  });

  test("the restored database lies between the live one just before the backup and the live one after: every row there before is there, nothing that was never there is", () => {
    for (const table of tables.map(getTableName)) {
      const keys = (rows: Rows) => [...rows[table].keys()];
      expect(
        keys(before).filter((key) => !restored[table].has(key)),
        `${table}: rows there before the backup`,
      ).toEqual([]);
      expect(
        keys(restored).filter((key) => !after[table].has(key)),
        `${table}: rows never in the live database`,
      ).toEqual([]);
      if (appendOnly.includes(table)) {
        // Rows that never change: each is restored exactly as it was written.
        expect(
          keys(restored).filter((key) => restored[table].get(key) !== after[table].get(key)),
          `${table}: rows restored differently`,
        ).toEqual([]);
      }
    }
    expect(Object.keys(restoredCounts).sort(), "the comparison covers every table").toEqual([...tables.map(getTableName), "__drizzle_migrations"].sort());
    expect(restored.audit_events.size).toBeGreaterThan(before.audit_events.size);
    expect(restored.audit_events.size).toBeLessThan(after.audit_events.size);
  });

  test("the restored database is whole: every reference points at a row it holds, and each story has what the transaction that made it wrote", () => {
    const dangling: string[] = [];
    for (const table of tables) {
      for (const foreignKey of getTableConfig(table).foreignKeys) {
        const { columns, foreignColumns, foreignTable } = foreignKey.reference();
        const targets = new Set(
          [...restored[getTableName(foreignTable)].values()].map((row) => {
            const values = fields(row);
            return JSON.stringify(foreignColumns.map((column) => values[column.name]));
          }),
        );
        for (const row of restored[getTableName(table)].values()) {
          const values = fields(row);
          const pointsAt = columns.map((column) => values[column.name]);
          if (pointsAt.every((value) => value !== null) && !targets.has(JSON.stringify(pointsAt))) {
            dangling.push(`${getTableName(table)} ${JSON.stringify(pointsAt)} → ${getTableName(foreignTable)}`);
          }
        }
      }
    }
    expect(dangling).toEqual([]);

    // A story, its first answer and its audit event are written in one transaction: all three are restored, or none.
    const rowsOfTable = (table: string) => [...restored[table].values()].map(fields);
    const stories = new Set(rowsOfTable("stories").map((row) => String(row.id)));
    const created = new Set(
      rowsOfTable("audit_events")
        .filter((row) => row.event === "story_created")
        .map((row) => json<{ story: string }>(row.detail).story),
    );
    const answered = new Set(
      rowsOfTable("story_sections")
        .filter((row) => row.section === "about")
        .map((row) => String(row.story_id)),
    );
    expect([...stories].filter((id) => !created.has(id))).toEqual([]);
    expect([...created].filter((id) => !stories.has(id))).toEqual([]);
    expect([...stories].filter((id) => !answered.has(id))).toEqual([]);
  });
});

describe("what the commands refuse, each in one line, with nothing changed", () => {
  test("without a file name each says how it is used", async () => {
    expectRefusal(await runBackup([]), "Usage: npm run db:backup -- FILE (backs up the database at DATABASE_URL, or else the SQLite file at DATABASE_PATH)");
    expectRefusal(
      await runRestore([]),
      "Usage: npm run db:restore -- FILE (restores into the database at DATABASE_URL, or else the SQLite file at DATABASE_PATH)",
    );
  });

  test("a backup is never written over an earlier one, nor into a folder that is not there", async () => {
    const earlier = readFileSync(backup);
    expectRefusal(
      await runBackup([backup]),
      `${backup} already exists: give the backup a new name, so that no earlier backup is overwritten. Nothing was backed up.`,
    );
    expect(readFileSync(backup).equals(earlier)).toBe(true);
    const nowhere = join(dir, "no-such-folder", "backup");
    expectRefusal(await runBackup([nowhere]), `There is no folder ${dirname(nowhere)} to write ${nowhere} in. Nothing was backed up.`);
  });

  test.runIf(!onPostgres)("a backup of a database that is not there is refused, and none is made", async () => {
    const missing = join(dir, "no-such-database.sqlite");
    const file = join(dir, "backups", "of-nothing.sqlite");
    expectRefusal(await runBackup([file], { DATABASE_PATH: missing }), `There is no database at ${missing} (DATABASE_PATH). Nothing was backed up.`);
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(file)).toBe(false);
  });

  test.runIf(onPostgres)("without pg_dump the backup says what to install, and leaves no file", async () => {
    // A PATH with node, npm and a shell, and none of PostgreSQL's tools.
    const bin = join(dir, "bin-without-pg_dump");
    mkdirSync(bin);
    for (const [name, target] of [
      ["node", process.execPath],
      ["npm", join(dirname(process.execPath), "npm")],
      ["sh", "/bin/sh"],
    ]) {
      symlinkSync(target, join(bin, name));
    }
    const file = join(dir, "backups", "without-pg_dump.dump");
    expectRefusal(
      await runBackup([file], { ...liveDatabase(), PATH: bin }),
      "pg_dump was not found: install PostgreSQL's client tools (on Debian, postgresql-client), of the server's version or later. Nothing was backed up.",
    );
    expect(readdirSync(dirname(file)).filter((name) => name.includes("without-pg_dump"))).toEqual([]);
  });

  test("a backup file that is not there, or not a backup, or a damaged one, is refused, and the database is left as it was", async () => {
    const unchanged = await rowsOf(freshDatabase());
    const missing = join(dir, "backups", "no-such-backup");
    expectRefusal(await runRestore([missing]), `There is no file at ${missing}. Nothing was restored.`);

    const text = join(dir, "backups", "notes.txt");
    writeFileSync(text, "Not a backup at all.\n");
    expectRefusal(
      await runRestore([text]),
      onPostgres
        ? new RegExp(`^${literally(text)} is not a backup pg_restore can read: pg_restore: error: .+\\. Nothing was restored\\.\n$`)
        : `${text} is not a SQLite database. Nothing was restored.`,
    );

    const damaged = join(dir, "backups", "damaged");
    copyFileSync(backup, damaged);
    if (onPostgres) {
      // Cut short: its table of contents, at the head, is whole, so only reading all of it finds the fault.
      truncateSync(damaged, statSync(damaged).size - 100);
      expectRefusal(
        await runRestore([damaged]),
        new RegExp(`^${literally(damaged)} is damaged: pg_restore cannot read all of it: pg_restore: error: .+\\. Nothing was restored\\.\n$`),
      );
    } else {
      // The second half of the page that holds the story sections' rows overwritten.
      const file = new Database(damaged, { readonly: true });
      const page = file.pragma("page_size", { simple: true }) as number;
      const root = file.prepare("select rootpage from sqlite_master where name = 'story_sections'").pluck().get() as number;
      file.close();
      const bytes = readFileSync(damaged);
      bytes.fill(0x41, (root - 1) * page + page / 2, root * page);
      writeFileSync(damaged, bytes);
      expectRefusal(await runRestore([damaged]), new RegExp(`^${literally(damaged)} fails SQLite's integrity check: .+\\. Nothing was restored\\.\n$`));
    }
    expect(await rowsOf(freshDatabase())).toEqual(unchanged);
  }, 60_000);

  test("a backup of another engine, of another service, or from a version this one does not know, is refused", async () => {
    const unchanged = await rowsOf(freshDatabase());
    const otherEngine = join(dir, "backups", "other-engine");
    if (onPostgres) {
      alterSqlite(otherEngine, "create table notes (body text)");
      expectRefusal(
        await runRestore([otherEngine]),
        `${otherEngine} is a SQLite backup, and DATABASE_URL is set: restore it with DATABASE_PATH, then move it with db:copy. Nothing was restored.`,
      );
    } else {
      writeFileSync(otherEngine, "PGDMP\u0001\u000e\u0000\u0004\u0008\u0001\u0001");
      expectRefusal(await runRestore([otherEngine]), `${otherEngine} is a PostgreSQL backup (pg_dump): set DATABASE_URL to restore it. Nothing was restored.`);
    }

    // Another service's database, and this service's with a migration made by a later version.
    const notOurs = join(dir, "backups", "not-ours");
    const later = join(dir, "backups", "later");
    if (onPostgres) {
      const scratch = await freshPostgresDatabase();
      try {
        expect((await runBackup([notOurs], { DATABASE_URL: scratch.url })).code).toBe(0);
        expect((await runRestore([backup], { DATABASE_URL: scratch.url })).code).toBe(0);
        const opened = handle({ DATABASE_URL: scratch.url });
        await opened.write("insert into drizzle.__drizzle_migrations (hash, created_at) values (?, ?)", "f".repeat(64), Date.now());
        await opened.close();
        expect((await runBackup([later], { DATABASE_URL: scratch.url })).code).toBe(0);
      } finally {
        await scratch.drop();
      }
    } else {
      alterSqlite(notOurs, "create table notes (body text)");
      copyFileSync(backup, later);
      alterSqlite(later, "insert into __drizzle_migrations (hash, created_at) values (?, ?)", "f".repeat(64), Date.now());
    }
    expectRefusal(
      await runRestore([notOurs]),
      `${notOurs} is not a Tell it once database: it has no record of the service's migrations. Nothing was restored.`,
    );
    expectRefusal(
      await runRestore([later]),
      `${later} was made by another version of the service, with migrations this version does not have: restore it with the version that made it. Nothing was restored.`,
    );
    expect(await rowsOf(freshDatabase())).toEqual(unchanged);
  }, 60_000);

  test.runIf(onPostgres)("a database holding tables the backup lacks is refused, as they would stay in the service's way", async () => {
    const scratch = await freshPostgresDatabase();
    try {
      const opened = handle({ DATABASE_URL: scratch.url });
      await opened.write("create table leftovers (id integer)");
      await opened.close();
      expectRefusal(
        await runRestore([backup], { DATABASE_URL: scratch.url }),
        `The database at ${named({ DATABASE_URL: scratch.url })} has tables the backup does not (public.leftovers): restore into a new, empty database. Nothing was restored.`,
      );
    } finally {
      await scratch.drop();
    }
  });
});

describe("the restored service", () => {
  test("carries on where the backup left off: the resident still signed in, the professional still reading, new stories after the old", async () => {
    restoredServer = await startServerWithMail({ ...freshDatabase(), SESSION_SECRET });
    const stories = await new HttpClient(restoredServer.url).get("/stories", { cookie: resident, lang: "en" });
    expect(stories.status).toBe(200);
    expect(stories.html).toContain(`href="/stories/${storyId}"`);
    const summary = await new HttpClient(restoredServer.url).get(`/shared/${professional.shareId}/summary`, { cookie: professional.cookie, lang: "en" });
    expect(summary.status).toBe(200);
    const saved = await post(restoredServer, "/stories/new/about", { name: "After the restore", intent: "save" }, { Cookie: `${resident}; lang=en` });
    expect(saved?.status).toBe(302);
  });

  test("is not restored over while it runs: the restore says to stop it first, and the service goes on as it was", async () => {
    const server = restoredServer!;
    const [{ stories }] = await server.query<{ stories: number }>("select count(*) as stories from stories");
    const refused = await runRestore([backup]);
    expectRefusal(
      refused,
      onPostgres
        ? new RegExp(
            `^The database at ${literally(named(freshDatabase()))} has \\d+ other connections? \\([^)]*tell-it-once[^)]*\\): stop every instance of the service, then restore\\. Nothing was restored\\.\n$`,
          )
        : `The service is running on ${freshDatabase().DATABASE_PATH} (another process has it open): stop it, then restore. Nothing was restored.`,
    );
    expect((await server.query<{ stories: number }>("select count(*) as stories from stories"))[0].stories).toBe(stories);
    expect((await new HttpClient(server.url).get("/stories", { cookie: resident, lang: "en" })).status).toBe(200);
    if (!onPostgres) expect(readdirSync(join(dir, "restored")).filter((name) => /\.replaced-[\dT-]+Z$/.test(name))).toHaveLength(1);
  });
});
