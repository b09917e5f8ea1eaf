/**
 * For unit tests of what happens after sharing: a resident with a published
 * story and two agencies, and a way to share through the journey's own
 * functions, as the pages do. Runs against the test worker's own database.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { upsertAgencies } from "#app/models/agency.server";
import { findOrCreateResident } from "#app/models/resident.server";
import { findOwnedStory, type OwnedStory } from "#app/models/story.server";
import { findPage, findSection } from "#app/models/story-sections";
import { readyToAgree, shareChoices, submitAgencies, submitContact, submitHowLong, submitParts, submitUpdates } from "#app/services/sharing/journey.server";
import { agreeAndShare, declarationFor, type SharedWith } from "#app/services/sharing/shares.server";
import { publishStory, startStory, submitStoryPage } from "#app/services/story.server";
import { db } from "#db/client.server";
import { agencies } from "#db/schema";

export const MATTERS = "My dog Bess and my allotment";

export function formOf(fields: Record<string, string | string[]>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(name, v);
  return form;
}

export type Agency = { id: string; inbox: string; domain: string };

export type SharingFixture = {
  resident: { id: string; email: string };
  story: OwnedStory;
  gp: Agency;
  housing: Agency;
  /** Shares the story with one agency through every step of the journey; the link comes back as the confirmation page has it. */
  shareWith: (agencyId: string, options?: { keepUpToDate?: "yes" | "no"; parts?: string[] }) => SharedWith;
};

/** Answers a section's first page and continues, as its page does; the answer must be accepted. */
export function answerSection(storyId: string, sectionId: string, fields: Record<string, string | string[]>): void {
  const section = findSection(sectionId)!;
  const outcome = submitStoryPage({
    request: new Request("http://localhost/"),
    storyId,
    section,
    page: findPage(section, undefined)!,
    form: formOf({ ...fields, intent: "continue" }),
  });
  expect(outcome.ok, `answering ${sectionId}`).toBe(true);
}

/** A new resident whose story (name "Sam Jones", what matters MATTERS) is published as version 1 at `now`, and two new agencies. */
export function sharingFixture(now: Date): SharingFixture {
  const resident = findOrCreateResident(db, `${randomUUID()}@example.org`, "en", now);
  const storyId = startStory(resident.id, now);
  answerSection(storyId, "about", { name: "Sam Jones" });
  answerSection(storyId, "matters", { matters: MATTERS });
  expect(publishStory(storyId, resident.id, now)).toEqual({ ok: true, version: 1 });
  const story = findOwnedStory(storyId, resident.id)!;

  const suffix = randomUUID().slice(0, 8);
  const inbox = { gp: `gp-${suffix}@nhs.example.net`, housing: `housing-${suffix}@demo.example.org` };
  upsertAgencies(
    db,
    [
      {
        key: `gp-${suffix}`,
        name: "Riverside Medical Practice",
        description: "A GP surgery.",
        contactEmail: inbox.gp,
        domains: ["nhs.example.net"],
        active: true,
      },
      {
        key: `housing-${suffix}`,
        name: "Demo Housing Options",
        description: "Help with housing.",
        contactEmail: inbox.housing,
        domains: ["demo.example.org"],
        active: true,
      },
    ],
    now,
  );
  const idOf = (key: string) => db.select({ id: agencies.id }).from(agencies).where(eq(agencies.key, key)).get()!.id;

  const shareWith: SharingFixture["shareWith"] = (agencyId, { keepUpToDate = "yes", parts = ["about", "matters"] } = {}) => {
    const step = (outcome: { ok: boolean }) => expect(outcome).toMatchObject({ ok: true });
    step(submitAgencies(story.id, shareChoices(story.id) ?? { agencies: [], parts: {} }, formOf({ agencies: [agencyId] }), now));
    step(submitParts(story.id, shareChoices(story.id)!, agencyId, formOf({ parts }), now));
    step(submitHowLong(story.id, shareChoices(story.id)!, formOf({ endsIn: "6" }), "en", now));
    step(submitUpdates(story.id, shareChoices(story.id)!, formOf({ keepUpToDate }), now));
    step(submitContact(story.id, shareChoices(story.id)!, formOf({ contact: "no" }), now));
    const ready = readyToAgree(story.id, shareChoices(story.id)!, now);
    if (!ready.ok) throw new Error(`not ready: ${ready.redirectTo}`);
    const outcome = agreeAndShare({ storyId: story.id, resident, shownHash: declarationFor(ready.choices, "en").hash, lang: "en", now });
    if (!outcome.ok) throw new Error(`not shared: ${outcome.reason}`);
    return outcome.shared[0];
  };

  return {
    resident,
    story,
    gp: { id: idOf(`gp-${suffix}`), inbox: inbox.gp, domain: "nhs.example.net" },
    housing: { id: idOf(`housing-${suffix}`), inbox: inbox.housing, domain: "demo.example.org" },
    shareWith,
  };
}
