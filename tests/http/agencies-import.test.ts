import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freshPostgresDatabase, testDatabase, type TestDatabase } from "#tests/support/test-database.js";
import { root, runProductionScript, type ScriptRun } from "./helpers";

/** Where the imports go: a SQLite file, or with TEST_ENGINE=postgres a new PostgreSQL database. */
let dir: string;
let databasePath: string;
let postgres: Awaited<ReturnType<typeof freshPostgresDatabase>> | undefined;
let database: TestDatabase;

/** `npm run agencies:import -- FILE` into this file's database. */
const runImport = (file: string) =>
  runProductionScript("agencies:import", [file], postgres ? { DATABASE_URL: postgres.url, SESSION_SECRET: "s".repeat(32) } : { DATABASE_PATH: databasePath });

function agenciesIn(): Promise<{ key: string; name: string; domains: string; active: number }[]> {
  return database.query("select key, name, domains, active from agencies order by key");
}

const housing = {
  key: "housing-options",
  name: "Demo Council Housing Options",
  description: "Help if you have nowhere to live or might lose your home.",
  contactEmail: "housing@demo-council.example.org",
  domains: ["demo-council.example.org"],
};
const hub = {
  key: "community-hub",
  name: "Demo Community Hub",
  description: "Food parcels and a warm place to sit.",
  contactEmail: "hello@demo-hub.example.org",
  domains: ["Demo-Hub.example.org"],
};

describe("npm run agencies:import", () => {
  test("runs with production dependencies only (the check would catch a development one)", async () => {
    const caught = await new Promise<ScriptRun>((done, fail) => {
      const child = spawn(process.execPath, ["--import", "./tests/support/production-only.js", "--input-type=module", "-e", 'await import("tsx")'], {
        cwd: root,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("error", fail);
      child.on("close", (code) => done({ code, stdout: "", stderr }));
    });
    expect(caught.code).not.toBe(0);
    expect(caught.stderr).toContain("which a production install does not have");
  });

  const file = (name: string, contents: string) => {
    const path = join(dir, name);
    writeFileSync(path, contents);
    return path;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "tell-it-once-agencies-"));
    databasePath = join(dir, "data", "agencies.sqlite");
    postgres = process.env.TEST_ENGINE === "postgres" ? await freshPostgresDatabase() : undefined;
    database = testDatabase({ databasePath, databaseUrl: postgres?.url });
  });
  afterAll(async () => {
    await database?.close();
    await postgres?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  test("a missing file is reported, and no database is created for it", async () => {
    const result = await runImport(join(dir, "no-such-file.json"));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`Could not read ${join(dir, "no-such-file.json")}: there is no such file. Nothing was imported.\n`);
    expect(result.stdout).toBe("");
    if (postgres) expect(await database.rowCounts()).toEqual({});
    else expect(existsSync(databasePath)).toBe(false);
  });

  test("a good file creates and migrates the database, imports every agency and says how many", async () => {
    const result = await runImport(file("good.json", JSON.stringify([housing, hub], null, 2)));
    expect(result).toEqual({ code: 0, stdout: "Imported 2 agencies: 2 new, 0 updated.\n", stderr: "" });
    expect(await agenciesIn()).toEqual([
      { key: "community-hub", name: "Demo Community Hub", domains: '["demo-hub.example.org"]', active: 1 },
      { key: "housing-options", name: "Demo Council Housing Options", domains: '["demo-council.example.org"]', active: 1 },
    ]);
  });

  test("importing a changed list updates by key and deactivates as the file says", async () => {
    const result = await runImport(file("again.json", JSON.stringify([{ ...housing, active: false }])));
    expect(result).toEqual({ code: 0, stdout: "Imported 1 agency: 0 new, 1 updated.\n", stderr: "" });
    expect((await agenciesIn()).map((a) => [a.key, a.active])).toEqual([
      ["community-hub", 1],
      ["housing-options", 0],
    ]);
  });

  test("a file with bad records imports nothing, exits 1 and lists every problem", async () => {
    const before = await agenciesIn();
    const bad = [
      { ...housing, name: "Renamed" },
      { ...hub, key: "new-agency", contactEmail: "hello at demo-hub" },
      { ...hub, key: "another", description: "Two\nlines", domains: [] },
    ];
    const result = await runImport(file("bad.json", JSON.stringify(bad, null, 2)));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      `Nothing was imported: ${join(dir, "bad.json")} has 3 problems.`,
      'Record 2 (key "new-agency"): contactEmail must be an email address',
      'Record 3 (key "another"): description must be one line',
      'Record 3 (key "another"): domains must list at least one domain (or addresses at least one address)',
    ]);
    expect(await agenciesIn()).toEqual(before);
  });

  test("a file that is not JSON is reported with the line and column where it goes wrong", async () => {
    const before = await agenciesIn();
    const result = await runImport(file("broken.json", '[\n  {\n    "key": "housing-options",\n    "name": "Housing",\n  }\n]\n'));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `Nothing was imported: ${join(dir, "broken.json")} has 1 problem.\nThe file is not valid JSON: Expected double-quoted property name at line 5, column 3\n`,
    );
    expect(await agenciesIn()).toEqual(before);
  });

  test("a Welsh name and description are imported where given, by the same rules as the English", async () => {
    const welsh = async (key: string) =>
      (await database.query('select name_cy as "nameCy", description_cy as "descriptionCy" from agencies where key = ?', key))[0];
    const hubInWelsh = { ...hub, nameCy: "Hwb Cymunedol Demo", descriptionCy: "Parseli bwyd a lle cynnes i eistedd." };
    const refused = await runImport(file("welsh-bad.json", JSON.stringify([hubInWelsh, { ...housing, descriptionCy: "Dwy\nlinell" }])));
    expect(refused.code).toBe(1);
    expect(refused.stderr.trimEnd().split("\n").slice(1)).toEqual(['Record 2 (key "housing-options"): descriptionCy must be one line']);
    expect(await welsh("community-hub")).toEqual({ nameCy: null, descriptionCy: null });

    const result = await runImport(file("welsh.json", JSON.stringify([hubInWelsh, housing])));
    expect(result).toEqual({ code: 0, stdout: "Imported 2 agencies: 0 new, 2 updated.\n", stderr: "" });
    expect(await welsh("community-hub")).toEqual({ nameCy: "Hwb Cymunedol Demo", descriptionCy: "Parseli bwyd a lle cynnes i eistedd." });
    expect(await welsh("housing-options")).toEqual({ nameCy: null, descriptionCy: null });
  });
});
