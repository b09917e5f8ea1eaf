import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { findOrCreateResident } from "#app/models/resident.server";
import { createSession } from "#app/models/session.server";
import { sessionCookie } from "#app/utils/session.server";
import { db } from "#db/client.server";
import { auditEvents } from "#db/schema";
import { requireOwnStory, requirePage, requireVersion } from "./story-access.server";
import { startStory } from "./story.server";

function signedInResident() {
  const resident = findOrCreateResident(db, `${randomUUID()}@example.org`, "en", new Date());
  const cookie = sessionCookie(createSession(db, resident.id, new Date())).split(";")[0];
  return { id: resident.id, request: (path = "/stories/x") => new Request(`http://localhost${path}`, { headers: { Cookie: cookie } }) };
}

/** What a guard threw, for looking at. */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected the guard to throw");
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
    for (const response of [refusal, missing]) {
      expect(response).toBeInstanceOf(Response);
      expect((response as Response).status).toBe(404);
      expect((response as Response).headers.get("Location")).toBeNull();
    }
    const audited = db.select().from(auditEvents).all().filter((e) => e.event === "story_access_refused");
    expect(audited.at(-1)?.detail).toEqual({ resident: other.id, story: storyId });
  });

  test("an id that is not a story id at all is 'not found'", () => {
    const someone = signedInResident();
    for (const id of ["1", "../etc", "", undefined]) {
      expect((thrown(() => requireOwnStory(someone.request(), id)) as Response).status).toBe(404);
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
    expect(requirePage({ section: "about", page: "contact" }).page.id).toBe("contact");
    expect(requirePage({ section: "about" }).page.id).toBe("name");
    for (const params of [{ section: "secrets" }, { section: "about", page: "nope" }, {}]) {
      expect((thrown(() => requirePage(params)) as Response).status).toBe(404);
    }
    const owner = signedInResident();
    const { story } = requireOwnStory(owner.request(), startStory(owner.id));
    for (const version of ["1", "0", "-1", "one", undefined]) {
      expect((thrown(() => requireVersion(story, version)) as Response).status).toBe(404);
    }
  });
});
