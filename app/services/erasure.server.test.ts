import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { insertReply, recordView } from "#app/models/access-log.server";
import { findOrCreateResident } from "#app/models/resident.server";
import { createSession } from "#app/models/session.server";
import { stopSharing } from "#app/services/sharing/changes.server";
import { acceptInvitation, invite } from "#app/services/helpers.server";
import { startStory } from "#app/services/story.server";
import { db, first } from "#db/client.server";
import * as schema from "#db/schema";
import { sharingFixture, type SharingFixture } from "#tests/support/sharing-fixture";
import { deleteStory, eraseAccount } from "./erasure.server";

const now = new Date("2026-06-01T10:00:00Z");
let fixture: SharingFixture;
let shareIds: string[];

beforeEach(async () => {
  fixture = await sharingFixture(now);
  await fixture.shareWith(fixture.gp.id);
  await fixture.shareWith(fixture.housing.id);
  shareIds = (await db.select({ id: schema.shares.id }).from(schema.shares).where(eq(schema.shares.storyId, fixture.story.id))).map((row) => row.id);
  // Someone at the GP read it and replied; the housing share was stopped.
  const gpShare = (await first(db.select().from(schema.shares).where(eq(schema.shares.agencyId, fixture.gp.id))))!;
  await recordView(db, { shareId: gpShare.id, agencyId: fixture.gp.id, email: "dr.jones@nhs.example.net", version: 1, sections: ["about"], viewedAt: now });
  await insertReply(db, { shareId: gpShare.id, email: "dr.jones@nhs.example.net", name: "Dr Jones", role: "GP", message: "Thank you", createdAt: now });
  const housingShare = (await first(db.select().from(schema.shares).where(eq(schema.shares.agencyId, fixture.housing.id))))!;
  await stopSharing({
    story: fixture.story,
    residentId: fixture.resident.id,
    shareId: housingShare.id,
    lang: "en",
    request: new Request("http://localhost/"),
    now,
  });
});

/** The database's own refusal, under drizzle's "Failed query" wrapping. */
async function refused(work: PromiseLike<unknown>, reason: RegExp): Promise<void> {
  const error = await Promise.resolve(work).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error, "the database refused").toBeInstanceOf(Error);
  const cause = (error as Error & { cause?: Error }).cause;
  expect(`${(error as Error).message} ${cause?.message ?? ""}`).toMatch(reason);
}

const rowsOf = async (storyId: string) => ({
  stories: await db.select().from(schema.stories).where(eq(schema.stories.id, storyId)),
  sections: await db.select().from(schema.storySections).where(eq(schema.storySections.storyId, storyId)),
  versions: await db.select().from(schema.storyVersions).where(eq(schema.storyVersions.storyId, storyId)),
  shares: await db.select().from(schema.shares).where(eq(schema.shares.storyId, storyId)),
  consent: await db.select().from(schema.consentRecords).where(inArray(schema.consentRecords.shareId, shareIds)),
  views: await db.select().from(schema.shareViews).where(inArray(schema.shareViews.shareId, shareIds)),
  replies: await db.select().from(schema.shareReplies).where(inArray(schema.shareReplies.shareId, shareIds)),
  helpers: await db.select().from(schema.storyInvitations).where(eq(schema.storyInvitations.storyId, storyId)),
  subjects: await db.select().from(schema.subjects).where(eq(schema.subjects.id, fixture.story.subject.id)),
});

describe("deleting a story", () => {
  test("every row of it goes, consent records and access log included, leaving a trace with nothing personal in it", async () => {
    const before = await rowsOf(fixture.story.id);
    expect([before.versions, before.consent, before.views, before.replies].map((rows) => rows.length)).toEqual([1, 3, 1, 1]);
    expect(await deleteStory(fixture.story.id, fixture.resident.id, now)).toBe(true);
    expect(Object.values(await rowsOf(fixture.story.id)).every((rows) => rows.length === 0)).toBe(true);
    expect(await db.select().from(schema.erasedStories).where(eq(schema.erasedStories.storyId, fixture.story.id))).toEqual([
      { storyId: fixture.story.id, startedAt: now, versions: 1, agencies: 2, reason: "deleted", erasedAt: now },
    ]);
    const audit = (await db.select().from(schema.auditEvents)).filter((row) => row.event === "story_erased" && row.detail?.story === fixture.story.id);
    expect(audit.map((row) => row.detail)).toEqual([{ resident: fixture.resident.id, story: fixture.story.id, reason: "deleted", agencies: 2 }]);
    // Deleting it again finds nothing there.
    expect(await deleteStory(fixture.story.id, fixture.resident.id, now)).toBe(false);
  });

  test("the agency whose share was active is told it stopped; the one already stopped is not told again", async () => {
    const toAgency = async (inbox: string) => (await db.select().from(schema.outbox).where(eq(schema.outbox.recipient, inbox))).map((row) => row.template);
    const housingBefore = await toAgency(fixture.housing.inbox);
    await deleteStory(fixture.story.id, fixture.resident.id, now);
    expect(await toAgency(fixture.gp.inbox)).toEqual(["share-link", "share-stopped"]);
    expect(await toAgency(fixture.housing.inbox)).toEqual(housingBefore);
  });

  test("the append-only tables give up nothing else: another story's records, versions and access log, and the traces themselves", async () => {
    const other = await sharingFixture(now);
    await other.shareWith(other.gp.id);
    await deleteStory(fixture.story.id, fixture.resident.id, now);
    const [otherShare] = await db.select().from(schema.shares).where(eq(schema.shares.storyId, other.story.id));
    await refused(db.delete(schema.consentRecords).where(eq(schema.consentRecords.shareId, otherShare.id)), /consent records are append-only/);
    await refused(db.delete(schema.storyVersions).where(eq(schema.storyVersions.storyId, other.story.id)), /kept until their story is erased/);
    await recordView(db, { shareId: otherShare.id, agencyId: other.gp.id, email: "a@nhs.example.net", version: 1, sections: [], viewedAt: now });
    await refused(db.delete(schema.shareViews).where(eq(schema.shareViews.shareId, otherShare.id)), /the access log is append-only/);
    await refused(db.delete(schema.erasedStories).where(eq(schema.erasedStories.storyId, fixture.story.id)), /erased stories are append-only/);
    await refused(
      db.update(schema.erasedStories).set({ agencies: 0 }).where(eq(schema.erasedStories.storyId, fixture.story.id)),
      /erased stories are append-only/,
    );
    // Nor does deleting a story row directly take its versions with it.
    await refused(db.delete(schema.stories).where(eq(schema.stories.id, other.story.id)), /kept until their story is erased|FOREIGN KEY|foreign key/);
  });
});

describe("deleting an account", () => {
  test("its own stories are erased, its sessions end, its address goes; a story it only helped with stays with its owner", async () => {
    const owner = await findOrCreateResident(db, `${randomUUID()}@example.org`, "en", now);
    const helped = await startStory(owner.id, now);
    const helpedStory = (await first(
      db.select({ id: schema.stories.id, ownerId: schema.stories.ownerId }).from(schema.stories).where(eq(schema.stories.id, helped)),
    ))!;
    const invited = await invite({
      story: { ...helpedStory, subject: { basis: "self", name: "Owner", writerName: null } } as never,
      by: owner,
      name: "Sam Jones",
      email: fixture.resident.email,
      role: "edit",
      lang: "en",
      now,
    });
    if (!invited.ok) throw new Error(invited.reason);
    expect(await acceptInvitation(invited.id, fixture.resident, "none", now)).toEqual({ ok: true, storyId: helped });
    await createSession(db, fixture.resident.id, now, "an-id-token");
    await db.update(schema.residents).set({ oneLoginSub: "their-one-login" }).where(eq(schema.residents.id, fixture.resident.id));

    expect(await eraseAccount(fixture.resident.id, "account-deleted", now)).toBe(true);
    expect(Object.values(await rowsOf(fixture.story.id)).every((rows) => rows.length === 0)).toBe(true);
    expect(await db.select().from(schema.sessions).where(eq(schema.sessions.residentId, fixture.resident.id))).toEqual([]);
    expect(await db.select().from(schema.outbox).where(eq(schema.outbox.recipient, fixture.resident.email))).toEqual([]);
    const account = (await first(db.select().from(schema.residents).where(eq(schema.residents.id, fixture.resident.id))))!;
    // Nor its GOV.UK One Login, which would otherwise sign into the nameless row.
    expect(account).toMatchObject({ email: `erased:${fixture.resident.id}`, erasedAt: now, lastSignedInAt: null, oneLoginSub: null });
    // The story they helped with is still its owner's; they help no longer, and the row keeps no address.
    expect(await db.select({ id: schema.stories.id }).from(schema.stories).where(eq(schema.stories.id, helped))).toEqual([{ id: helped }]);
    const [helper] = await db.select().from(schema.storyInvitations).where(eq(schema.storyInvitations.id, invited.id));
    expect(helper).toMatchObject({ status: "removed", email: "" });
    const [trace] = await db.select().from(schema.erasedStories).where(eq(schema.erasedStories.storyId, fixture.story.id));
    expect(trace.reason).toBe("account-deleted");
    // Once is enough.
    expect(await eraseAccount(fixture.resident.id, "account-deleted", now)).toBe(false);
  });
});
