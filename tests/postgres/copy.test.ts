/*
 * `npm run db:copy -- FILE.sqlite` on a database made by the journeys: a
 * council that piloted on SQLite moves to PostgreSQL and loses nothing, and
 * the people and professionals in the middle of things carry on.
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import Database from "better-sqlite3";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { HttpClient } from "#tests/support/http-client";
import { linkSentTo, openAsProfessional, postShared, type Opened } from "#tests/support/professional";
import { startServer, type RunningServer } from "#tests/support/server";
import { staffSignIn } from "#tests/support/staff";
import { chooseThroughTheJourney, shareThroughTheJourney, wholePublishedStory, publishedStory } from "#tests/support/share-journey";
import { startServerWithProviders } from "#tests/support/identity-providers";
import { signIn } from "#tests/support/sign-in";
import { freshPostgresDatabase, testDatabase, type TestDatabase } from "#tests/support/test-database.js";
import { runProductionScript } from "../http/helpers";

/** `npm run db:copy -- ARGS`, as a production install runs it. */
const runCopy = (args: string[], env: Record<string, string>) => runProductionScript("db:copy", args, env);

const SESSION_SECRET = "the-secret-the-pilot-and-the-new-service-share";
let dir: string;
let file: string;
let target: Awaited<ReturnType<typeof freshPostgresDatabase>>;
let source: TestDatabase;
let copied: TestDatabase;
let moved: RunningServer | undefined;
/** Someone signed in on the pilot, with a story shared with the GP, and the GP's browser reading it. */
let resident: string;
let storyId: string;
let professional: Opened;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tell-it-once-copy-"));
  file = join(dir, "pilot.sqlite");
  target = await freshPostgresDatabase();

  // The pilot: every table given rows by the journeys people take.
  const pilot = await startServerWithProviders({ staffAllowed: null, env: { DATABASE_PATH: file, SESSION_SECRET, ADMIN_EMAILS: "staff@pilot.example.org" } });
  try {
    resident = await signIn(pilot, "pilot@example.org");
    storyId = await wholePublishedStory(pilot, resident);
    const agencies = await pilot.query<{ id: string; name: string; contact_email: string }>("select id, name, contact_email from agencies");
    const agency = (name: string) => agencies.find((row) => row.name === name)!;
    const gp = agency("Riverside Medical Practice");
    const housing = agency("Demo Council Housing Options");
    const since = pilot.mail.received.length;
    await shareThroughTheJourney(pilot, resident, storyId, [gp.id, housing.id], "yes");
    const link = await linkSentTo(pilot, gp.contact_email, since);
    professional = await openAsProfessional(pilot, link, "dr.pilot@nhs.example.net");
    expect((await new HttpClient(pilot.url).get(`/shared/${professional.shareId}/summary`, { cookie: professional.cookie })).status).toBe(200);
    expect(
      (await postShared(pilot, `/shared/${professional.shareId}/received`, professional.cookie, { name: "Dr Pilot", role: "GP", message: "Seen." })).status,
    ).toBe(302);
    const [{ id: housingShare }] = await pilot.query<{ id: string }>("select id from shares where agency_id = ?", housing.id);
    expect((await new HttpClient(pilot.url).post(`/stories/${storyId}/shares/${housingShare}/stop`, {}, { cookie: resident })).status).toBe(302);
    // A second story, its sharing chosen and not yet agreed.
    const second = await publishedStory(pilot, resident);
    await chooseThroughTheJourney(pilot, resident, second, [gp.id], "no");
    // A helper invited, a third story deleted, and someone from the council signed in to the staff area.
    const http = new HttpClient(pilot.url);
    expect(
      (await http.post(`/stories/${storyId}/helpers/invite`, { name: "Pat Helper", email: "pat@example.org", permission: "edit" }, { cookie: resident }))
        .status,
    ).toBe(302);
    const third = await publishedStory(pilot, resident);
    expect((await http.post(`/stories/${third}/delete`, {}, { cookie: resident })).status).toBe(302);
    await staffSignIn(pilot, "staff@pilot.example.org");
    // Someone signed in with GOV.UK One Login, and someone gone to it and not yet back.
    pilot.oneLogin.signInAs({ sub: "pilot-one-login", email: "one.login@example.org" });
    const withOneLogin = http.browser();
    const leaving = await withOneLogin.get("/sign-in/one-login");
    expect((await withOneLogin.get(await pilot.oneLogin.through(withOneLogin, leaving.headers.get("location")!))).status).toBe(302);
    expect((await http.browser().get("/sign-in/one-login")).status).toBe(302);
  } finally {
    await pilot.stop();
  }
  source = testDatabase({ databasePath: file, databaseUrl: undefined });
  copied = testDatabase({ databasePath: file, databaseUrl: target.url });
}, 120_000);

afterAll(async () => {
  await moved?.stop();
  await source?.close();
  await copied?.close();
  await target?.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** Every row of every table, in one order whatever the engine. */
async function everything(database: TestDatabase): Promise<Record<string, string[]>> {
  const tables = Object.keys(await database.rowCounts()).filter((table) => table !== "__drizzle_migrations");
  const all: Record<string, string[]> = {};
  for (const table of tables) all[table] = (await database.query(`select * from ${table}`)).map((row) => JSON.stringify(Object.entries(row).sort())).sort();
  return all;
}

describe("npm run db:copy -- FILE.sqlite", () => {
  test("without DATABASE_URL, it says what to set and copies nothing", async () => {
    const result = await runCopy([file], {});
    expect(result).toMatchObject({ code: 1, stdout: "", stderr: "Set DATABASE_URL to the PostgreSQL database to copy into. Nothing was copied.\n" });
  });

  test("a file that is not the service's database, or is another version's, is refused before anything is copied", async () => {
    const other = join(dir, "other.sqlite");
    const db = new Database(other);
    db.exec("create table notes (id integer primary key, body text)");
    db.close();
    const notOurs = await runCopy([other], { DATABASE_URL: target.url, SESSION_SECRET });
    expect(notOurs).toMatchObject({ code: 1, stdout: "" });
    expect(notOurs.stderr).toMatch(
      new RegExp(`^${other.replaceAll(".", "\\.")} is not a Tell it once database\\.\nNothing was copied to 127\\.0\\.0\\.1:5432/tio_test_[0-9a-f]+\\.\n$`),
    );

    const older = join(dir, "older.sqlite");
    copyFileSync(file, older);
    const olderDb = new Database(older);
    olderDb.exec("delete from __drizzle_migrations where created_at = (select max(created_at) from __drizzle_migrations)");
    olderDb.close();
    const behind = await runCopy([older], { DATABASE_URL: target.url, SESSION_SECRET });
    expect(behind).toMatchObject({ code: 1, stdout: "" });
    expect(behind.stderr).toContain("was last used by another version of the service");
    const held = Object.entries(await copied.rowCounts()).filter(([table, rows]) => table !== "__drizzle_migrations" && rows > 0);
    expect(held, "the target is still empty").toEqual([]);
  });

  test("copies every table of a pilot's database into an empty PostgreSQL database, and says each one's count and hash match", async () => {
    const before = await source.rowCounts();
    const empty = Object.entries(before).filter(([, rows]) => rows === 0);
    expect(empty, "the journeys gave every table rows").toEqual([]);

    const result = await runCopy([file], { DATABASE_URL: target.url, SESSION_SECRET });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const total = Object.entries(before)
      .filter(([table]) => table !== "__drizzle_migrations")
      .reduce((sum, [, rows]) => sum + rows, 0);
    expect(result.stdout).toContain(`Copied ${total} rows in ${Object.keys(before).length - 1} tables from ${file} to 127.0.0.1:5432/`);
    for (const [table, rows] of Object.entries(before)) {
      if (table !== "__drizzle_migrations") expect(result.stdout).toMatch(new RegExp(`^  ${table} +${rows}  sha256 [0-9a-f]{16}$`, "m"));
    }
    expect(await everything(copied)).toEqual(await everything(source));
  });

  test("the service on PostgreSQL carries on where the pilot left off: the same session, the professional's access, new rows after the old", async () => {
    moved = await startServer({ DATABASE_URL: target.url, SESSION_SECRET });
    const stories = await new HttpClient(moved.url).get("/stories", { cookie: resident, lang: "en" });
    expect(stories.status).toBe(200);
    expect(stories.html).toContain(`href="/stories/${storyId}"`);
    const summary = await new HttpClient(moved.url).get(`/shared/${professional.shareId}/summary`, { cookie: professional.cookie, lang: "en" });
    expect(summary.status).toBe(200);

    // Row numbers go on from the copied ones: a new audit event and email take the next ones.
    const [{ last }] = await copied.query<{ last: number }>("select max(id) as last from audit_events");
    expect((await new HttpClient(moved.url).post("/sign-in", { email: "after-the-move@example.org" })).status).toBe(302);
    const added = await copied.query<{ id: number }>("select id from audit_events where id > ?", last);
    expect(added.length).toBeGreaterThan(0);
    // Stopped, so that nothing (its mail worker sending that code) changes the database under the next test.
    await moved.stop();
    moved = undefined;
  });

  test("a database that already holds rows is refused, and nothing in it changes", async () => {
    const before = await everything(copied);
    const result = await runCopy([file], { DATABASE_URL: target.url, SESSION_SECRET });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      /^The database is not empty: it holds rows in .*residents \(\d+\).*\. db:copy copies only into an empty database\.\nNothing was copied to 127\.0\.0\.1:5432\/tio_test_[0-9a-f]+\.\n$/,
    );
    expect(await everything(copied)).toEqual(before);
  });
});
