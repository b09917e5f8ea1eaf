/*
 * The permission matrix (app/services/sharing/permissions.ts) over HTTP, on
 * every page of a story: someone who is nobody to it gets 404 on GET and POST,
 * as if the story were not there, and changes nothing but the audit line that
 * records the attempt; a helper who can edit, and one who can edit and share,
 * reach what their row allows and get 403 for the rest, changing nothing; the
 * owner reaches every one.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { may, type StoryAction } from "#app/services/sharing/permissions";
import type { Browser } from "#tests/support/http-client";
import { acceptInvitation, inviteHelper, publishedStoryForSomeone } from "#tests/support/helpers-journey";
import { serverForThisFile } from "#tests/support/server-for-file";
import { shareThroughTheJourney } from "#tests/support/share-journey";
import { signedIn, startServerWithMail } from "#tests/support/sign-in";
import { root } from "./helpers";

const server = serverForThisFile(() => startServerWithMail());
let owner: Browser;
let someoneElse: Browser;
let helpers: { edit: Browser; editAndShare: Browser };
let paths: string[];

const routeFiles = () => readdirSync(join(root, "app/routes")).filter((file) => file.startsWith("stories.$storyId."));

beforeAll(async () => {
  owner = await signedIn(server, "owner@example.org");
  someoneElse = await signedIn(server, "nobody-to-it@example.org");
  // Written for someone else, so that it can be handed over.
  const storyId = await publishedStoryForSomeone(owner);
  const [gp] = await server.query<{ id: string }>("select id from agencies where name = 'Riverside Medical Practice'");
  await shareThroughTheJourney(server, owner.jar.get("session")!, storyId, [gp.id], "yes");
  const [{ id: shareId }] = await server.query<{ id: string }>("select id from shares where story_id = ?", storyId);
  const editing = await inviteHelper(owner, storyId, { name: "Eddie Edit", email: "edit@example.org", permission: "edit" });
  const sharing = await inviteHelper(owner, storyId, { name: "Shona Share", email: "share@example.org", permission: "editAndShare" });
  const waiting = await inviteHelper(owner, storyId, { name: "Wyn Waiting", email: "waiting@example.org", permission: "edit" });
  helpers = { edit: await acceptInvitation(server, "edit@example.org", editing), editAndShare: await acceptInvitation(server, "share@example.org", sharing) };
  // Every route file under /stories/$storyId, as the address it answers, with this story's ids in it.
  paths = routeFiles().map((file) =>
    `/${file.replace(/\.tsx?$/, "")}`
      .replace("[.json]", "~json")
      .replaceAll(".", "/")
      .replace("~json", ".json")
      .replace("$storyId", storyId)
      .replace("$shareId", shareId)
      .replace("$agencyId", gp.id)
      .replace("$invitationId", waiting)
      .replace("$version", "1")
      .replace("$section", "matters")
      .replace("/($page)", "")
      .replace(/\/_index$/, ""),
  );
});

/** The action a page takes, as its guard names it to the matrix. */
function actionOf(path: string): StoryAction {
  const [, , , ...rest] = path.split("/");
  const page = rest.join("/");
  if (page.startsWith("helpers")) return "helpers";
  if (page === "hand-over") return "handOver";
  if (page === "delete") return "delete";
  if (page === "check") return "publish";
  if (page === "matters") return "edit";
  if (page === "share" || page.startsWith("share/")) return "share";
  if (/^shares\/[^/]+\/(stop|parts|extend|resend)$/.test(page)) return "changeShare";
  return "view";
}

/** Pages that answer 404 even to someone allowed, by design: the share journey's page for one agency when no draft has chosen it. */
const notThereWithoutADraft = (path: string) => path.includes("/share/parts/");

const countsWithoutAudit = async () => {
  const { audit_events: _audit, rate_limits: _limits, ...counts } = await server.rowCounts();
  return counts;
};

describe("a story's every page, to someone who is nobody to it", () => {
  test("the routes are all there: one address per route file, each with the action its guard takes", () => {
    expect(paths).toHaveLength(routeFiles().length);
    expect(paths.every((path) => /^\/stories\/[0-9a-f-]{36}(\/[\w.-]+)*$/.test(path))).toBe(true);
    // Each of the matrix's actions is taken by some page.
    expect(new Set(paths.map(actionOf))).toEqual(new Set(["view", "edit", "publish", "share", "changeShare", "helpers", "handOver", "delete"]));
  });

  test("GET: 404 on every one, as for a story that does not exist; the owner is never refused", async () => {
    for (const path of paths) {
      expect((await someoneElse.get(path)).status, path).toBe(404);
      if (!notThereWithoutADraft(path)) expect((await owner.get(path)).status, path).not.toBe(404);
    }
  });

  test("POST: 404 on every one, and nothing changes but the audit line of each attempt", async () => {
    const refusals = async () => (await server.query<{ n: number }>("select count(*) as n from audit_events where event = 'story_access_refused'"))[0].n;
    const before = await countsWithoutAudit();
    const refusedBefore = await refusals();
    for (const path of paths) expect((await someoneElse.post(path, { intent: "continue", matters: "Not mine." })).status, path).toBe(404);
    expect(await countsWithoutAudit()).toEqual(before);
    // One audit line per attempt, each saying only that it was refused.
    expect((await refusals()) - refusedBefore).toBe(paths.length);
  });
});

describe.each(["edit", "editAndShare"] as const)("a story's every page, to a helper who %s", (role) => {
  test("GET: what the matrix allows is there; the rest answers 403", async () => {
    for (const path of paths) {
      const status = (await helpers[role].get(path)).status;
      if (!may(role, actionOf(path))) expect(status, path).toBe(403);
      else if (!notThereWithoutADraft(path)) expect([403, 404], path).not.toContain(status);
    }
  });

  test("POST to what the matrix refuses: 403, and nothing changes", async () => {
    const refused = paths.filter((path) => !may(role, actionOf(path)));
    expect(refused.length).toBeGreaterThan(0);
    const before = await countsWithoutAudit();
    for (const path of refused)
      expect((await helpers[role].post(path, { intent: "continue", matters: "Not allowed.", email: "x@example.org" })).status, path).toBe(403);
    expect(await countsWithoutAudit()).toEqual(before);
  });
});
