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
import { findOwnedStory, storyOwner, type OwnedStory } from "#app/models/story.server";
import { findPage, findSection } from "#app/models/story-sections";
import { readyToAgree, shareChoices, submitAgencies, submitContact, submitHowLong, submitParts, submitUpdates } from "#app/services/sharing/journey.server";
import { agreeAndShare, declarationFor, type SharedWith } from "#app/services/sharing/shares.server";
import { publishStory, startStory, submitStoryPage } from "#app/services/story.server";
import { db, first } from "#db/client.server";
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
  shareWith: (agencyId: string, options?: { keepUpToDate?: "yes" | "no"; parts?: string[] }) => Promise<SharedWith>;
};

/** Answers a section's first page and continues, as its page does; the answer must be accepted. */
export async function answerSection(storyId: string, sectionId: string, fields: Record<string, string | string[]>): Promise<void> {
  const section = findSection(sectionId)!;
  const outcome = await submitStoryPage({
    request: new Request("http://localhost/"),
    storyId,
    residentId: (await storyOwner(db, storyId))!,
    section,
    page: findPage(section, undefined)!,
    form: formOf({ ...fields, intent: "continue" }),
  });
  expect(outcome.ok, `answering ${sectionId}`).toBe(true);
}

/** A new resident whose story (name "Sam Jones", what matters MATTERS) is published as version 1 at `now`, and two new agencies. */
export async function sharingFixture(now: Date): Promise<SharingFixture> {
  const resident = await findOrCreateResident(db, `${randomUUID()}@example.org`, "en", now);
  const storyId = await startStory(resident.id, now);
  await answerSection(storyId, "about", { name: "Sam Jones" });
  await answerSection(storyId, "matters", { matters: MATTERS });
  expect(await publishStory(storyId, resident.id, now)).toEqual({ ok: true, version: 1 });
  const story = (await findOwnedStory(storyId, resident.id))!;

  const suffix = randomUUID().slice(0, 8);
  const inbox = { gp: `gp-${suffix}@nhs.example.net`, housing: `housing-${suffix}@demo.example.org` };
  await upsertAgencies(
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
  const idOf = async (key: string) => (await first(db.select({ id: agencies.id }).from(agencies).where(eq(agencies.key, key))))!.id;

  const shareWith: SharingFixture["shareWith"] = async (agencyId, { keepUpToDate = "yes", parts = ["about", "matters"] } = {}) => {
    const step = (outcome: { ok: boolean }) => expect(outcome).toMatchObject({ ok: true });
    step(await submitAgencies(story.id, (await shareChoices(story.id)) ?? { agencies: [], parts: {} }, formOf({ agencies: [agencyId] }), now));
    step(await submitParts(story.id, (await shareChoices(story.id))!, agencyId, formOf({ parts }), now));
    step(await submitHowLong(story.id, (await shareChoices(story.id))!, formOf({ endsIn: "6" }), "en", now));
    step(await submitUpdates(story.id, (await shareChoices(story.id))!, formOf({ keepUpToDate }), now));
    step(await submitContact(story.id, (await shareChoices(story.id))!, formOf({ contact: "no" }), now));
    const ready = await readyToAgree(story.id, (await shareChoices(story.id))!, now);
    if (!ready.ok) throw new Error(`not ready: ${ready.redirectTo}`);
    const outcome = await agreeAndShare({ storyId: story.id, resident, shownHash: declarationFor(ready.choices, "en", story.subject).hash, lang: "en", now });
    if (!outcome.ok) throw new Error(`not shared: ${outcome.reason}`);
    return outcome.shared[0];
  };

  return {
    resident,
    story,
    gp: { id: await idOf(`gp-${suffix}`), inbox: inbox.gp, domain: "nhs.example.net" },
    housing: { id: await idOf(`housing-${suffix}`), inbox: inbox.housing, domain: "demo.example.org" },
    shareWith,
  };
}
