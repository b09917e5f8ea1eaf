import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { upsertAgencies } from "#app/models/agency.server";
import { limits, takeFromLimit } from "#app/models/rate-limit.server";
import { findOrCreateResident } from "#app/models/resident.server";
import { createSession, IDLE_MINUTES } from "#app/models/session.server";
import { insertShareAccess } from "#app/models/share-access.server";
import { insertShare } from "#app/models/share.server";
import { findOwnedStory } from "#app/models/story.server";
import { shareState } from "#app/services/sharing/consent-rules";
import { stopSharing } from "#app/services/sharing/changes.server";
import { startStory, startStoryFor } from "#app/services/story.server";
import { acceptInvitation, invite } from "#app/services/helpers.server";
import { env } from "#app/config/env.server";
import { db, first } from "#db/client.server";
import { agencies, auditEvents, outbox, rateLimits, sessions, shareAccess, shares } from "#db/schema";
import { forgetExpired, remindBasisEnding, sweepEndedShares } from "./ending.server";

const created = new Date("2026-01-05T10:00:00Z");
const endsAt = new Date("2026-04-05T23:59:59.999Z");

let resident: { id: string; email: string };
let storyId: string;
let agencyId: string;

/** A share as the journey leaves it (the journey's own tests cover how it is made). */
async function share(ends = endsAt): Promise<string> {
  return insertShare(
    db,
    {
      storyId,
      agencyId,
      sections: ["about"],
      purpose: "So that they can help.",
      version: 1,
      keepUpToDate: false,
      contactAllowed: false,
      contactMethods: [],
      endsAt: ends,
      tokenHash: randomUUID(),
      createdBy: resident.id,
    },
    created,
  );
}

const row = async (id: string) => (await first(db.select().from(shares).where(eq(shares.id, id))))!;
const endedEmails = async () => await db.select().from(outbox).where(eq(outbox.recipient, resident.email));

beforeEach(async () => {
  resident = await findOrCreateResident(db, `${randomUUID()}@example.org`, "cy", created);
  storyId = await startStory(resident.id, created);
  const key = `gp-${randomUUID().slice(0, 8)}`;
  await upsertAgencies(
    db,
    [
      {
        key,
        name: "Riverside Medical Practice",
        description: "A GP surgery.",
        contactEmail: `${key}@nhs.example.net`,
        domains: ["nhs.example.net"],
        active: true,
      },
    ],
    created,
  );
  agencyId = (await first(db.select({ id: agencies.id }).from(agencies).where(eq(agencies.key, key))))!.id;
});

describe("the end of a share", () => {
  test("is refused from its end moment on, before any sweep has run", async () => {
    const id = await share();
    expect((await row(id)).status).toBe("active");
    expect(shareState(await row(id), new Date(endsAt.getTime() - 1))).toBe("active");
    expect(shareState(await row(id), endsAt)).toBe("ended");
  });

  test("the sweep marks it ended and emails the owner once, in their language; a second sweep sends nothing", async () => {
    const id = await share();
    const stillRunning = await share(new Date("2026-06-05T23:59:59.999Z"));
    await sweepEndedShares(new Date(endsAt.getTime() - 1));
    expect((await row(id)).status).toBe("active");
    expect(await endedEmails()).toEqual([]);

    const sweptAt = new Date(endsAt.getTime() + 30_000);
    await sweepEndedShares(sweptAt);
    expect(await row(id)).toMatchObject({ status: "ended", endedNotifiedAt: sweptAt });
    expect((await row(stillRunning)).status).toBe("active");
    expect((await endedEmails()).map((email) => [email.template, email.language, email.personalisation])).toEqual([
      ["share-ended", "cy", { agency: "Riverside Medical Practice", manageLink: `${env.PUBLIC_URL}/stories/${storyId}/shares` }],
    ]);
    const audit = (await db.select().from(auditEvents)).filter((e) => e.event === "share_ended" && e.detail?.share === id);
    expect(audit.map((e) => e.detail)).toEqual([{ resident: resident.id, story: storyId, share: id, agency: agencyId }]);

    await sweepEndedShares(new Date(sweptAt.getTime() + 60_000));
    expect(await endedEmails()).toHaveLength(1);
    expect((await row(id)).endedNotifiedAt).toEqual(sweptAt);
  });

  test("a share stopped before its end is left alone", async () => {
    const id = await share();
    const story = (await findOwnedStory(storyId, resident.id))!;
    expect(await stopSharing({ story, residentId: resident.id, shareId: id, lang: "en", request: new Request("http://localhost/"), now: created })).toBe(
      "stopped",
    );
    await sweepEndedShares(new Date(endsAt.getTime() + 1));
    expect(await row(id)).toMatchObject({ status: "stopped", endedNotifiedAt: null });
    expect(await endedEmails()).toEqual([]);
  });
});

describe("forgetting what has run out", () => {
  test("removes expired sessions, professionals' access an hour after it ran out, and closed rate-limit windows, and keeps the rest", async () => {
    const shareId = await share();
    const at = (minutes: number) => new Date(created.getTime() + minutes * 60 * 1000);
    await createSession(db, resident.id, created);
    await createSession(db, resident.id, at(30));
    await insertShareAccess(db, { idHash: `old-${randomUUID()}`, shareId, expiresAt: at(5), createdAt: created });
    // Ran out 10 minutes ago: kept, so that browser is told to open the link again.
    await insertShareAccess(db, { idHash: `recent-${randomUUID()}`, shareId, expiresAt: at(60), createdAt: created });
    await insertShareAccess(db, { idHash: `live-${randomUUID()}`, shareId, expiresAt: at(8 * 60), createdAt: created });
    // An hour's window: the one before last is closed; the last one still counts towards a sliding limit.
    await takeFromLimit(db, limits.codesPerIp, "192.0.2.1", at(-60));
    await takeFromLimit(db, limits.codesPerIp, "192.0.2.1", created);
    await takeFromLimit(db, limits.codesPerIp, "192.0.2.1", at(IDLE_MINUTES + 10));

    await forgetExpired(at(IDLE_MINUTES + 10));

    const mine = await db.select().from(sessions).where(eq(sessions.residentId, resident.id));
    expect(mine.map((s) => s.createdAt)).toEqual([at(30)]);
    expect(
      (await db.select().from(shareAccess).where(eq(shareAccess.shareId, shareId))).map((a) => a.expiresAt).sort((a, b) => a.getTime() - b.getTime()),
    ).toEqual([at(60), at(8 * 60)]);
    expect((await db.select().from(rateLimits)).filter((r) => r.key === `${limits.codesPerIp.name}:192.0.2.1`).map((r) => new Date(r.windowStart))).toEqual([
      created,
      at(60),
    ]);
  });
});

describe("the reminder that parental responsibility is ending", () => {
  /** A story its writer started for a child born on `dateOfBirth`, under parental responsibility. */
  async function childStory(dateOfBirth: string): Promise<string> {
    return (await childStoryWithId(dateOfBirth)).email;
  }
  async function childStoryWithId(dateOfBirth: string) {
    const writer = await findOrCreateResident(db, `${randomUUID()}@example.org`, "en", created);
    const id = await startStoryFor(
      writer.id,
      { name: "Dafydd Jones", writerName: "Gwen Jones", relationship: "his mother", basis: "parental", dateOfBirth, basisDetail: null },
      randomUUID(),
      created,
    );
    return { email: writer.email, writer, id };
  }
  const remindersTo = async (email: string) =>
    (await db.select().from(outbox).where(eq(outbox.recipient, email))).filter((row) => row.template === "basis-ending");

  test("goes once, from 30 days before the 16th birthday, naming neither the child nor the story", async () => {
    const email = await childStory("2010-05-20");
    await remindBasisEnding(new Date("2026-04-19T12:00:00Z"));
    expect(await remindersTo(email)).toEqual([]);
    await remindBasisEnding(new Date("2026-04-20T12:00:00Z"));
    await remindBasisEnding(new Date("2026-04-21T12:00:00Z"));
    const sent = await remindersTo(email);
    expect(sent.map((row) => row.personalisation)).toEqual([{ endsOn: "2026-05-20T00:00:00.000Z", storiesLink: `${env.PUBLIC_URL}/stories` }]);
    expect(JSON.stringify(sent)).not.toContain("Dafydd");
  });

  test("is not sent once the child is 16: it would say they will be", async () => {
    const email = await childStory("2010-03-01");
    await remindBasisEnding(new Date("2026-03-02T12:00:00Z"));
    expect(await remindersTo(email)).toEqual([]);
  });

  test("is not sent for a story already handed over to the child: it is theirs", async () => {
    const { email, writer, id } = await childStoryWithId("2010-07-01");
    const story = (await findOwnedStory(id, writer.id))!;
    const child = await findOrCreateResident(db, `${randomUUID()}@example.org`, "en", created);
    const invited = await invite({ story, by: writer, name: "Dafydd Jones", email: child.email, role: "owner", lang: "en", now: created });
    expect(invited.ok).toBe(true);
    expect(await acceptInvitation(invited.ok ? invited.id : "", child, "edit", created)).toEqual({ ok: true, storyId: id });
    await remindBasisEnding(new Date("2026-06-10T12:00:00Z"));
    expect(await remindersTo(email)).toEqual([]);
  });

  test("a writer told once is not told again when two sweeps run at once", async () => {
    const email = await childStory("2010-06-01");
    const now = new Date("2026-05-20T09:00:00Z");
    await Promise.all([remindBasisEnding(now), remindBasisEnding(now)]);
    expect(await remindersTo(email)).toHaveLength(1);
  });
});
