/*
 * The permission matrix (app/services/sharing/permissions.ts) over HTTP: every
 * page of a story, asked for and posted to by someone who is nobody to it,
 * answers 404 as if the story were not there, and changes nothing but the
 * audit line that records the attempt. The owner reaches every one.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "#tests/support/http-client";
import { serverForThisFile } from "#tests/support/server-for-file";
import { publishedStory, shareThroughTheJourney } from "#tests/support/share-journey";
import { signedIn, startServerWithMail } from "#tests/support/sign-in";
import { root } from "./helpers";

const server = serverForThisFile(() => startServerWithMail());
let owner: Browser;
let someoneElse: Browser;
let paths: string[];

beforeAll(async () => {
  owner = await signedIn(server, "owner@example.org");
  someoneElse = await signedIn(server, "nobody-to-it@example.org");
  const storyId = await publishedStory(server, owner.jar.get("session")!);
  const [gp] = await server.query<{ id: string }>("select id from agencies where name = 'Riverside Medical Practice'");
  await shareThroughTheJourney(server, owner.jar.get("session")!, storyId, [gp.id], "yes");
  const [{ id: shareId }] = await server.query<{ id: string }>("select id from shares where story_id = ?", storyId);
  // Every route file under /stories/$storyId, as the address it answers, with this story's ids in it.
  paths = readdirSync(join(root, "app/routes"))
    .filter((file) => file.startsWith("stories.$storyId."))
    .map((file) =>
      `/${file.replace(/\.tsx?$/, "")}`
        .replace("[.json]", "~json")
        .replaceAll(".", "/")
        .replace("~json", ".json")
        .replace("$storyId", storyId)
        .replace("$shareId", shareId)
        .replace("$agencyId", gp.id)
        .replace("$version", "1")
        .replace("$section", "matters")
        .replace("/($page)", "")
        .replace(/\/_index$/, ""),
    );
});

describe("a story's every page, to someone who is nobody to it", () => {
  test("the routes are all there: one address per route file", () => {
    expect(paths).toHaveLength(readdirSync(join(root, "app/routes")).filter((file) => file.startsWith("stories.$storyId.")).length);
    expect(paths.every((path) => /^\/stories\/[0-9a-f-]{36}(\/[\w.-]+)*$/.test(path))).toBe(true);
  });

  test("GET: 404 on every one, as for a story that does not exist; the owner is never refused", async () => {
    for (const path of paths) {
      expect((await someoneElse.get(path)).status, path).toBe(404);
      // The share journey's page for one agency is there only while that agency is chosen in a draft; this story has none.
      if (!path.includes("/share/parts/")) expect((await owner.get(path)).status, path).not.toBe(404);
    }
  });

  test("POST: 404 on every one, and nothing changes but the audit line of each attempt", async () => {
    const refusals = async () => (await server.query<{ n: number }>("select count(*) as n from audit_events where event = 'story_access_refused'"))[0].n;
    const { audit_events: auditBefore, rate_limits: _limits, ...before } = await server.rowCounts();
    const refusedBefore = await refusals();
    for (const path of paths) expect((await someoneElse.post(path, { intent: "continue", matters: "Not mine." })).status, path).toBe(404);
    const { audit_events: auditAfter, rate_limits: _limitsAfter, ...after } = await server.rowCounts();
    expect(after).toEqual(before);
    // One audit line per attempt, each saying only that it was refused.
    expect([auditAfter - auditBefore, (await refusals()) - refusedBefore]).toEqual([paths.length, paths.length]);
  });
});
