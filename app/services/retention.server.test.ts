import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { insertReply, recordView } from "#app/models/access-log.server";
import { findOrCreateResident } from "#app/models/resident.server";
import { stopSharing } from "#app/services/sharing/changes.server";
import { runJobs } from "#app/services/jobs.server";
import { db, first } from "#db/client.server";
import { erasedStories, outbox, residents, shareReplies, shareViews, shares, signInCodes, stories } from "#db/schema";
import { sharingFixture, type SharingFixture } from "#tests/support/sharing-fixture";
import { applyRetention, monthsBefore } from "./retention.server";

const DAY = 24 * 60 * 60 * 1000;
const start = new Date("2026-01-10T09:00:00Z");
const at = (days: number) => new Date(start.getTime() + days * DAY);
/** 24 months after `start`, by the calendar. */
const periodEnds = new Date("2028-01-10T09:00:00Z");

let fixture: SharingFixture;

beforeEach(async () => {
  fixture = await sharingFixture(start);
});

const account = async (id: string) => (await first(db.select().from(residents).where(eq(residents.id, id))))!;
const warnings = async (email: string) =>
  (await db.select().from(outbox).where(eq(outbox.recipient, email))).filter((row) => row.template === "account-inactive");

describe("the retention period", () => {
  test("is counted in calendar months, a short month clamped", () => {
    expect(monthsBefore(new Date("2028-01-10T09:00:00Z"), 24)).toEqual(new Date("2026-01-10T09:00:00Z"));
    expect(monthsBefore(new Date("2026-03-31T12:00:00Z"), 1)).toEqual(new Date("2026-02-28T12:00:00Z"));
  });
});

describe("an account nobody uses", () => {
  test("is warned once, 30 days before the period is up, then deleted 30 days later, stories and all", async () => {
    const { resident, story } = fixture;
    expect((await applyRetention(new Date(periodEnds.getTime() - 31 * DAY))).warned).toBe(0);
    const warnedAt = new Date(periodEnds.getTime() - 29 * DAY);
    await applyRetention(warnedAt);
    await applyRetention(new Date(warnedAt.getTime() + DAY));
    const sent = await warnings(resident.email);
    expect(sent).toHaveLength(1);
    expect(sent[0].personalisation).toMatchObject({ months: "24", deletesOn: new Date(warnedAt.getTime() + 30 * DAY).toISOString() });
    expect((await account(resident.id)).retentionWarnedAt).toEqual(warnedAt);

    // A day short of 30 days after the warning: still there.
    await applyRetention(new Date(warnedAt.getTime() + 29 * DAY));
    expect((await account(resident.id)).erasedAt).toBeNull();
    const deletedAt = new Date(warnedAt.getTime() + 30 * DAY);
    expect((await applyRetention(deletedAt)).deleted).toBeGreaterThanOrEqual(1);
    expect(await account(resident.id)).toMatchObject({ email: `erased:${resident.id}`, erasedAt: deletedAt });
    expect(await db.select().from(stories).where(eq(stories.id, story.id))).toEqual([]);
    expect(await db.select({ reason: erasedStories.reason }).from(erasedStories).where(eq(erasedStories.storyId, story.id))).toEqual([{ reason: "retention" }]);
  });

  test("signing in after the warning keeps it", async () => {
    const { resident } = fixture;
    const warnedAt = new Date(periodEnds.getTime() - 29 * DAY);
    await applyRetention(warnedAt);
    await findOrCreateResident(db, resident.email, "en", new Date(warnedAt.getTime() + 5 * DAY));
    expect((await account(resident.id)).retentionWarnedAt).toBeNull();
    await applyRetention(new Date(warnedAt.getTime() + 31 * DAY));
    expect((await account(resident.id)).erasedAt).toBeNull();
  });

  test("two runs at once warn once and delete once", async () => {
    const { resident } = fixture;
    const warnedAt = new Date(periodEnds.getTime() - 29 * DAY);
    await Promise.all([applyRetention(warnedAt), applyRetention(warnedAt)]);
    expect(await warnings(resident.email)).toHaveLength(1);
    const later = new Date(warnedAt.getTime() + 30 * DAY);
    await Promise.all([applyRetention(later), applyRetention(later)]);
    expect((await db.select().from(erasedStories).where(eq(erasedStories.storyId, fixture.story.id))).length).toBe(1);
  });
});

describe("a share that ended", () => {
  test("keeps who opened it and who replied for the period after it ended, then forgets them, and only them", async () => {
    const shared = await fixture.shareWith(fixture.gp.id);
    const share = (await first(db.select().from(shares).where(eq(shares.id, shared.shareId))))!;
    await recordView(db, { shareId: share.id, agencyId: fixture.gp.id, email: "dr@nhs.example.net", version: 1, sections: ["about"], viewedAt: at(1) });
    await insertReply(db, { shareId: share.id, email: "dr@nhs.example.net", name: "Dr Jones", role: "GP", message: null, createdAt: at(1) });
    const stoppedAt = at(10);
    await stopSharing({
      story: fixture.story,
      residentId: fixture.resident.id,
      shareId: share.id,
      lang: "en",
      request: new Request("http://localhost/"),
      now: stoppedAt,
    });
    // Keep the account in use, so only the share's retention is at work.
    const stillUsed = async (now: Date) => findOrCreateResident(db, fixture.resident.email, "en", now);

    const justBefore = new Date(monthsBefore(stoppedAt, -24).getTime() - 1);
    await stillUsed(justBefore);
    await applyRetention(justBefore);
    expect(await db.select().from(shareViews).where(eq(shareViews.shareId, share.id))).toHaveLength(1);

    const after = new Date(monthsBefore(stoppedAt, -24).getTime() + DAY);
    await stillUsed(after);
    expect((await applyRetention(after)).sharesForgotten).toBe(1);
    expect(await db.select().from(shareViews).where(eq(shareViews.shareId, share.id))).toEqual([]);
    expect(await db.select().from(shareReplies).where(eq(shareReplies.shareId, share.id))).toEqual([]);
    // The share and what was agreed stay with the story; running again changes nothing.
    expect((await first(db.select().from(shares).where(eq(shares.id, share.id))))?.accessForgottenAt).toEqual(after);
    expect((await applyRetention(after)).sharesForgotten).toBe(0);
  });
});

describe("npm run jobs, as the server runs it every minute", () => {
  test("ends shares, reminds, applies retention and forgets finished sign-ins, and a second run does nothing more", async () => {
    await db.insert(signInCodes).values({
      id: randomUUID(),
      email: "half-way@example.org",
      codeHash: "x",
      language: "en",
      expiresAt: at(1),
      createdAt: at(1),
    });
    const late = new Date(periodEnds.getTime() + 60 * DAY);
    const first = await runJobs(late);
    expect(first.warned).toBeGreaterThanOrEqual(1);
    expect(await db.select().from(signInCodes).where(eq(signInCodes.email, "half-way@example.org"))).toEqual([]);
    const second = await runJobs(late);
    expect(second).toMatchObject({ sharesEnded: 0, remindersSent: 0, warned: 0, sharesForgotten: 0 });
  });
});
