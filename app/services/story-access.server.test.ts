import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { findOrCreateResident } from "#app/models/resident.server";
import { createSession } from "#app/models/session.server";
import { sessionCookie } from "#app/web/session.server";
import { db } from "#db/client.server";
import { auditEvents } from "#db/schema";
import { requireOwnStory, requirePage, requireVersion } from "./story-access.server";
import { startStory } from "./story.server";
import { statusOf, thrown } from "#tests/support/thrown";

function signedInResident() {
  const resident = findOrCreateResident(db, `${randomUUID()}@example.org`, "en", new Date());
  const cookie = sessionCookie(createSession(db, resident.id, new Date())).split(";")[0];
  return { id: resident.id, request: (path = "/stories/x") => new Request(`http://localhost${path}`, { headers: { Cookie: cookie } }) };
}

describe("requireOwnStory", () => {
  test("gives the owner their story", () => {
    const owner = signedInResident();
    const storyId = startStory(owner.id);
    const { story, resident } = requireOwnStory(owner.request(), storyId);
    expect(story).toMatchObject({ id: storyId, ownerId: owner.id, subject: { basis: "self" } });
    expect(resident.id).toBe(owner.id);
  });

  test("someone else's story is 'not found', exactly like one that does not exist, and the attempt is audited", () => {
    const owner = signedInResident();
    const other = signedInResident();
    const storyId = startStory(owner.id);
    const refusal = thrown(() => requireOwnStory(other.request(), storyId));
    const missing = thrown(() => requireOwnStory(other.request(), randomUUID()));
    expect(statusOf(refusal)).toBe(404);
    // The same page, word for word, as for a story that does not exist.
    expect(refusal).toEqual(missing);
    const audited = db.select().from(auditEvents).all().filter((e) => e.event === "story_access_refused");
    expect(audited.at(-1)?.detail).toEqual({ resident: other.id, story: storyId });
  });

  test("an id that is not a story id at all is 'not found'", () => {
    const someone = signedInResident();
    for (const id of ["1", "../etc", "", undefined]) {
      expect(statusOf(thrown(() => requireOwnStory(someone.request(), id)))).toBe(404);
    }
  });

  test("someone signed out is sent to sign in, and back here afterwards", () => {
    const response = thrown(() => requireOwnStory(new Request("http://localhost/stories/abc/check"), randomUUID())) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/sign-in?returnTo=%2Fstories%2Fabc%2Fcheck");
  });
});

describe("pages and versions in the address", () => {
  test("an unknown section, page or version is 'not found'", () => {
    expect(requirePage(new Request("http://localhost/"), { section: "about", page: "contact" }).page.id).toBe("contact");
    expect(requirePage(new Request("http://localhost/"), { section: "about" }).page.id).toBe("name");
    for (const params of [{ section: "secrets" }, { section: "about", page: "nope" }, {}]) {
      expect(statusOf(thrown(() => requirePage(new Request("http://localhost/"), params)))).toBe(404);
    }
    const owner = signedInResident();
    const { story } = requireOwnStory(owner.request(), startStory(owner.id));
    for (const version of ["1", "0", "-1", "one", undefined]) {
      expect(statusOf(thrown(() => requireVersion(story, version)))).toBe(404);
    }
  });
});
