import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, test } from "vitest";
import { findOrCreateResident } from "#app/models/resident.server";
import { createSession } from "#app/models/session.server";
import { stopSharing } from "#app/services/sharing/changes.server";
import { startStory } from "#app/services/story.server";
import { sessionCookie } from "#app/web/session.server";
import { db } from "#db/client.server";
import { auditEvents, rateLimits } from "#db/schema";
import { openLink, proveAddress, request } from "#tests/support/shared-access";
import { sharingFixture, type SharingFixture } from "#tests/support/sharing-fixture";
import { statusOf, thrown } from "#tests/support/thrown";
import { emptyChoices } from "#app/services/sharing/journey.server";
import { layoutData } from "./layout.server";
import { requireChosenAgency, requireStory, requirePage, requireResident, requireSharedAccess, requireVerifiedAccess, requireVersion } from "./guards.server";

async function redirectOf(run: () => unknown): Promise<Response> {
  try {
    await run();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
  throw new Error("expected a redirect");
}

describe("requireResident", () => {
  test("sends someone who is not signed in to sign in, to come back to the same page", async () => {
    const response = await redirectOf(() => requireResident(new Request("http://localhost/stories/abc/goals")));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/sign-in?returnTo=%2Fstories%2Fabc%2Fgoals");
  });

  test("says the session timed out when the cookie names one that has ended", async () => {
    const request = new Request("http://localhost/stories", { headers: { Cookie: "session=no-such-session" } });
    const response = await redirectOf(() => requireResident(request));
    expect(response.headers.get("Location")).toBe("/sign-in?returnTo=%2Fstories&timedOut=1");
    expect(response.headers.get("Set-Cookie")).toMatch(/^session=; .*Max-Age=0/);
  });
});

describe("the account's language", () => {
  test("follows a form posted in the other language, and a GET never writes it", async () => {
    const { db } = await import("#db/client.server");
    const { residents } = await import("#db/schema");
    const { findOrCreateResident } = await import("#app/models/resident.server");
    const { createSession } = await import("#app/models/session.server");
    const now = new Date();
    const token = await db.transaction(async (tx) => createSession(tx, (await findOrCreateResident(tx, "lang@example.org", "en", now)).id, now));
    const languageOf = async () => (await db.select().from(residents)).find((r) => r.email === "lang@example.org")?.language;

    await requireResident(new Request("http://localhost/stories", { headers: { Cookie: `session=${token}; lang=cy` } }));
    expect(await languageOf()).toBe("en");

    await requireResident(new Request("http://localhost/stories", { method: "POST", headers: { Cookie: `session=${token}; lang=cy` } }));
    expect(await languageOf()).toBe("cy");
  });
});

async function signedInResident() {
  const resident = await findOrCreateResident(db, `${randomUUID()}@example.org`, "en", new Date());
  const cookie = sessionCookie(await createSession(db, resident.id, new Date())).split(";")[0];
  return { id: resident.id, request: (path = "/stories/x") => new Request(`http://localhost${path}`, { headers: { Cookie: cookie } }) };
}

describe("requireStory", () => {
  test("gives the owner their story", async () => {
    const owner = await signedInResident();
    const storyId = await startStory(owner.id);
    const { story, resident } = await requireStory(owner.request(), storyId);
    expect(story).toMatchObject({ id: storyId, ownerId: owner.id, subject: { basis: "self" } });
    expect(resident.id).toBe(owner.id);
  });

  test("someone else's story is 'not found', exactly like one that does not exist, and the attempt is audited", async () => {
    const owner = await signedInResident();
    const other = await signedInResident();
    const storyId = await startStory(owner.id);
    const refusal = await thrown(() => requireStory(other.request(), storyId));
    const missing = await thrown(() => requireStory(other.request(), randomUUID()));
    expect(statusOf(refusal)).toBe(404);
    // The same page, word for word, as for a story that does not exist.
    expect(refusal).toEqual(missing);
    const audited = (await db.select().from(auditEvents)).filter((e) => e.event === "story_access_refused");
    expect(audited.at(-1)?.detail).toEqual({ resident: other.id, story: storyId });
  });

  test("an id that is not a story id at all is 'not found'", async () => {
    const someone = await signedInResident();
    for (const id of ["1", "../etc", "", undefined]) {
      expect(statusOf(await thrown(() => requireStory(someone.request(), id)))).toBe(404);
    }
  });

  test("someone signed out is sent to sign in, and back here afterwards", async () => {
    const response = (await thrown(() => requireStory(new Request("http://localhost/stories/abc/check"), randomUUID()))) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/sign-in?returnTo=%2Fstories%2Fabc%2Fcheck");
  });
});

describe("pages and versions in the address", () => {
  test("an unknown section, page or version is 'not found'", async () => {
    expect((await requirePage(new Request("http://localhost/"), { section: "about", page: "contact" })).page.id).toBe("contact");
    expect((await requirePage(new Request("http://localhost/"), { section: "about" })).page.id).toBe("name");
    for (const params of [{ section: "secrets" }, { section: "about", page: "nope" }, {}]) {
      expect(statusOf(await thrown(() => requirePage(new Request("http://localhost/"), params)))).toBe(404);
    }
    const owner = await signedInResident();
    const { story } = await requireStory(owner.request(), await startStory(owner.id));
    for (const version of ["1", "0", "-1", "one", undefined]) {
      expect(statusOf(await thrown(() => requireVersion(new Request("http://localhost/"), story, version)))).toBe(404);
    }
  });
});

describe("one way to refuse", () => {
  /** What a refusal carries to the error page: the layout of a whole page, since after a POST the layout's own loader does not run. */
  const bodyOf = (refused: unknown) => (refused as { data?: unknown }).data;

  test("an address naming no version, or an agency not chosen, answers 404 with the whole layout in the reader's language, as every refusal does", async () => {
    const owner = await signedInResident();
    const { story } = await requireStory(owner.request(), await startStory(owner.id));
    const welsh = new Request("http://localhost/stories/x?lang=cy", { method: "POST", headers: owner.request().headers });
    for (const refused of [
      await thrown(() => requireVersion(welsh, story, "9")),
      await thrown(() => requireChosenAgency(welsh, emptyChoices(), randomUUID())),
    ]) {
      expect(statusOf(refused)).toBe(404);
      expect(bodyOf(refused)).toEqual(await layoutData(welsh));
      expect(bodyOf(refused)).toMatchObject({ lang: "cy", signedIn: true, translations: { lang: "cy" } });
    }
  });
});

describe("a share's pages under /shared/: every page's guard", () => {
  const now = new Date("2026-03-10T12:00:00Z");
  const minutes = (n: number) => new Date(now.getTime() + n * 60 * 1000);
  let fixture: SharingFixture;
  let ip: string;
  let ipCount = 0;
  const open = (link: string, at = now) => openLink(link, ip, at);
  const verifiedBrowser = (link: string, email = `jo@${fixture.gp.domain}`) => proveAddress(link, email, ip, now);

  beforeEach(async () => {
    // Limits count per address and per IP across tests sharing this database; each test starts afresh.
    await db.delete(rateLimits);
    fixture = await sharingFixture(now);
    ip = `198.51.100.${++ipCount}`;
  });
  test("is not found without this share's cookie, with another share's, or for a made-up id", async () => {
    const gp = await fixture.shareWith(fixture.gp.id);
    const housing = await fixture.shareWith(fixture.housing.id);
    const { cookie } = await open(gp.link);
    expect(statusOf(await thrown(() => requireSharedAccess(request("/"), gp.shareId, "en", now)))).toBe(404);
    expect(statusOf(await thrown(() => requireSharedAccess(request("/", cookie.replace(gp.shareId, housing.shareId)), housing.shareId, "en", now)))).toBe(404);
    expect(statusOf(await thrown(() => requireSharedAccess(request("/", cookie), "not-a-uuid", "en", now)))).toBe(404);
    expect((await requireSharedAccess(request("/", cookie), gp.shareId, "en", now)).state).toBe("unverified");
  });

  test("sends a browser that has not proven an address to do so before any content", async () => {
    const { link, shareId } = await fixture.shareWith(fixture.gp.id);
    const { cookie } = await open(link);
    expect(statusOf(await thrown(() => requireVerifiedAccess(request("/", cookie), shareId, "en", now)))).toBe(302);
  });

  test("refuses at once when the person stops sharing, even inside the 8 hours", async () => {
    const { link, shareId } = await fixture.shareWith(fixture.gp.id);
    const { cookie } = await verifiedBrowser(link);
    await stopSharing({
      story: fixture.story,
      residentId: fixture.resident.id,
      shareId,
      lang: "en",
      request: new Request("http://localhost/"),
      now: minutes(3),
    });
    expect(statusOf(await thrown(() => requireVerifiedAccess(request("/", cookie), shareId, "en", minutes(3))))).toBe(410);
  });

  test("times out 8 hours after the address was proven, and an unproven browser after an hour", async () => {
    const { link, shareId } = await fixture.shareWith(fixture.gp.id);
    const { cookie } = await verifiedBrowser(link);
    expect((await requireVerifiedAccess(request("/", cookie), shareId, "en", minutes(8 * 60))).state).toBe("verified");
    expect(statusOf(await thrown(() => requireVerifiedAccess(request("/", cookie), shareId, "en", minutes(8 * 60 + 1))))).toBe(401);

    const unproven = (await open(link)).cookie;
    expect(statusOf(await thrown(() => requireSharedAccess(request("/", unproven), shareId, "en", minutes(60))))).toBe(401);
  });
});
