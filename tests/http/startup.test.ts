import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freePort, startServer, type RunningServer } from "#tests/support/server";
import { root, runServerExpectingExit } from "./helpers";

describe("a server started with a new database file", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  test("creates the file and applies every migration before it answers", async () => {
    expect(existsSync(server.databasePath)).toBe(true);
    const tables = (await server.query<{ name: string }>("select name from sqlite_master where type = 'table'")).map((row) => row.name);
    expect(tables).toContain("audit_events");
    expect(tables).toContain("__drizzle_migrations");

    const journal = JSON.parse(readFileSync(join(root, "db/migrations/meta/_journal.json"), "utf8")) as {
      entries: { when: number }[];
    };
    const applied = await server.query<{ created_at: number }>("select created_at from __drizzle_migrations order by created_at");
    expect(applied.map((row) => row.created_at)).toEqual(journal.entries.map((e) => e.when));

    const columns = (await server.query<{ name: string }>("select name from pragma_table_info('audit_events')")).map((row) => row.name);
    expect(columns).toEqual(expect.arrayContaining(["id", "event", "detail", "at"]));
    // A fresh service has nothing to audit yet.
    expect((await server.rowCounts()).audit_events).toBe(0);
  });

  test("/healthz answers 200 ok as plain text", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await response.text()).toBe("ok");
  });

  test("says where it is listening and never prints an error while starting", () => {
    expect(server.output()).toMatch(/listening on port \d+/);
    expect(server.output()).not.toMatch(/error/i);
  });
});

describe("a bad setting stops the server before it listens or touches the database", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "tell-it-once-bad-env-"));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  test.each([
    { name: "PORT", value: "abc", allowed: "must be a whole number from 1 to 65535" },
    { name: "MAIL_TRANSPORT", value: "pigeon", allowed: "must be console, smtp or notify" },
    { name: "WEB_CONCURRENCY", value: "0", allowed: "must be a whole number from 1 to 64" },
    { name: "WEB_CONCURRENCY", value: "two", allowed: "must be a whole number from 1 to 64" },
    { name: "TRUST_PROXY", value: "everyone", allowed: "must be loopback, linklocal, uniquelocal or IP addresses" },
    { name: "TRUST_PROXY", value: "10.0.0.0/99", allowed: "must be loopback, linklocal, uniquelocal or IP addresses" },
  ])("$name=$value", async ({ name, value, allowed }) => {
    const databasePath = join(dir, `${name}.sqlite`);
    const result = await runServerExpectingExit({ PORT: "3999", DATABASE_PATH: databasePath, [name]: value });

    expect(result.signal).toBeNull();
    expect(result.code).not.toBe(0);
    const lines = result.stderr.split("\n").filter((line) => line.trim() !== "");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(name);
    expect(lines[0]).toContain(allowed);
    expect(lines[0]).toContain(`"${value}"`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).not.toMatch(/listening/);
    expect(existsSync(databasePath)).toBe(false);
  });
  const live = { PORT: "3999", PUBLIC_URL: "https://tellitonce.example.gov.uk" };
  const oneLine = (stderr: string) => stderr.split("\n").filter((line) => line.trim() !== "");

  test.each([
    { transport: "not set", MAIL_TRANSPORT: "" },
    { transport: "console", MAIL_TRANSPORT: "console" },
  ])("an https PUBLIC_URL with MAIL_TRANSPORT $transport: it will not print sign-in codes to its log", async ({ MAIL_TRANSPORT }) => {
    const databasePath = join(dir, `transport-${MAIL_TRANSPORT || "unset"}.sqlite`);
    const result = await runServerExpectingExit({ ...live, SESSION_SECRET: "s".repeat(32), DATABASE_PATH: databasePath, MAIL_TRANSPORT });
    expect(result.code).not.toBe(0);
    const lines = oneLine(result.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Configuration error: MAIL_TRANSPORT must be smtp or notify when PUBLIC_URL is https/);
    expect(result.stdout).not.toMatch(/listening/);
    expect(existsSync(databasePath)).toBe(false);
  });

  test.each([
    { name: "DATABASE_URL", value: "mysql://db.example/tio", allowed: "must be a postgres:// address", SESSION_SECRET: "s".repeat(32) },
    { name: "DATABASE_POOL_SIZE", value: "0", allowed: "must be a whole number from 1 to 100", SESSION_SECRET: "" },
  ])("$name=$value", async ({ name, value, allowed, SESSION_SECRET }) => {
    const databasePath = join(dir, `${name}.sqlite`);
    const result = await runServerExpectingExit({ PORT: "3999", DATABASE_PATH: databasePath, SESSION_SECRET, [name]: value });
    expect(result.code).not.toBe(0);
    const lines = oneLine(result.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(name);
    expect(lines[0]).toContain(allowed);
    expect(result.stdout).not.toMatch(/listening/);
    expect(existsSync(databasePath)).toBe(false);
  });

  test.each([
    { what: "a file that is not a database", path: "not-a-database.sqlite", reason: "file is not a database" },
    { what: "a folder that cannot be made", path: "a-file/inside.sqlite", reason: "EEXIST: file already exists" },
  ])("DATABASE_PATH at $what stops the server with one line naming the file and why", async ({ path, reason }) => {
    writeFileSync(join(dir, "not-a-database.sqlite"), "These are notes, not a database.\n");
    writeFileSync(join(dir, "a-file"), "");
    const databasePath = join(dir, path);
    const result = await runServerExpectingExit({ PORT: "3999", DATABASE_PATH: databasePath });
    expect(result.code).not.toBe(0);
    const lines = oneLine(result.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Cannot use the database at ${databasePath.replaceAll(".", "\\.")}: .*${reason}`));
    expect(result.stdout).not.toMatch(/listening/);
  });

  test("DATABASE_URL needs a SESSION_SECRET, which every instance sharing the database uses alike", async () => {
    const result = await runServerExpectingExit({ PORT: "3999", DATABASE_URL: "postgres://postgres@127.0.0.1:5432/postgres" });
    expect(result.code).not.toBe(0);
    const lines = oneLine(result.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Configuration error: SESSION_SECRET must be set .* when DATABASE_URL is set/);
    expect(result.stdout).not.toMatch(/listening/);
  });

  test("a PostgreSQL database that does not answer stops the server with one line that names the host and never the password", async () => {
    const port = await freePort();
    const result = await runServerExpectingExit({
      PORT: "3999",
      SESSION_SECRET: "s".repeat(32),
      DATABASE_URL: `postgres://tio:hunter2-secret@127.0.0.1:${port}/tellitonce`,
    });
    expect(result.code).not.toBe(0);
    const lines = oneLine(result.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Cannot use the database at 127\\.0\\.0\\.1:${port}/tellitonce: `));
    expect(result.stderr + result.stdout).not.toContain("hunter2");
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).not.toMatch(/listening/);
  });

  test("a PUBLIC_URL that is not this machine needs a SESSION_SECRET shared by every instance", async () => {
    const databasePath = join(dir, "secret.sqlite");
    const result = await runServerExpectingExit({ PORT: "3999", PUBLIC_URL: "http://tellitonce.internal", DATABASE_PATH: databasePath });
    expect(result.code).not.toBe(0);
    const lines = oneLine(result.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Configuration error: SESSION_SECRET must be set/);
    expect(result.stdout).not.toMatch(/listening/);
    expect(existsSync(databasePath)).toBe(false);
  });
});
