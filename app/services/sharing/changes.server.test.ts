import { createHash, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { consentRecordsOf } from "#app/models/consent.server";
import { findOrCreateResident } from "#app/models/resident.server";
import { findOwnedStory, type OwnedStory } from "#app/models/story.server";
import { publishStory, startStory } from "#app/services/story.server";
import { CONSENT_WORDING_VERSION, shareEndsAt, shareState } from "#app/services/sharing/consent-rules";
import { renderEmail } from "#app/services/mail/templates.server";
import { db, first } from "#db/client.server";
import { agencies, auditEvents, outbox, shares } from "#db/schema";
import { formOf, sharingFixture, type Agency, type SharingFixture } from "#tests/support/sharing-fixture";
import { statusOf, thrown } from "#tests/support/thrown";
import {
  changeParts,
  changePartsWords,
  extendSharing,
  extendWords,
  newVersionAudienceNames,
  sendNewLink,
  sharesOverview,
  stopSharing,
  stopWords,
  type ShareAction,
} from "./changes.server";

const now = new Date("2026-03-10T12:00:00Z");
const later = new Date("2026-03-11T09:00:00Z");
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

let resident: SharingFixture["resident"];
let story: OwnedStory;
let gp: Agency;
let housing: Agency;
let shareWith: SharingFixture["shareWith"];

const shareRow = async (shareId: string) => (await first(db.select().from(shares).where(eq(shares.id, shareId))))!;
const emailsTo = async (to: string) => await db.select().from(outbox).where(eq(outbox.recipient, to));
const auditOf = async (event: string, shareId: string) => (await db.select().from(auditEvents)).filter((e) => e.event === event && e.detail?.share === shareId);
const as = (shareId: string, at = later): ShareAction => ({
  story,
  residentId: resident.id,
  shareId,
  lang: "en",
  request: new Request("http://localhost/"),
  now: at,
});

beforeEach(async () => {
  ({ resident, story, gp, housing, shareWith } = await sharingFixture(now));
});

describe("stopping", () => {
  test("takes effect at once, appends a withdrawal with the page's words, tells the agency's inbox (nothing of the story) and is audited", async () => {
    const { shareId } = await shareWith(gp.id);
    const [given] = await consentRecordsOf(shareId);
    const before = (await emailsTo(gp.inbox)).length;

    expect(await stopSharing(as(shareId))).toBe("stopped");

    const share = await shareRow(shareId);
    expect(share).toMatchObject({ status: "stopped", stoppedAt: later });
    expect(shareState(share, later)).toBe("stopped");
    const records = await consentRecordsOf(shareId);
    expect(records.map((r) => r.kind)).toEqual(["given", "withdrawn"]);
    // The first record is exactly as it was: a withdrawal is a new record.
    expect(records[0]).toEqual(given);
    const words = stopWords("en", { name: "Riverside Medical Practice", nameCy: null });
    expect(records[1]).toMatchObject({
      agreedBy: resident.id,
      subjectId: story.subject.id,
      basis: "self",
      agencyId: gp.id,
      sections: given.sections,
      purpose: given.purpose,
      endsAt: given.endsAt,
      wording: words.wording,
      wordingHash: sha256(words.wording),
      wordingVersion: CONSENT_WORDING_VERSION,
      language: "en",
      method: "online",
      recordedAt: later,
    });
    expect(records[1].wording).toContain("They will no longer be able to open your story. They may already have saved what they read, under their own rules.");

    const emails = (await emailsTo(gp.inbox)).slice(before);
    expect(emails.map((e) => [e.template, e.personalisation])).toEqual([
      ["share-stopped", { agency: "Riverside Medical Practice", agencyCy: "Riverside Medical Practice", sharedOn: "2026-03-10T12:00:00.000Z" }],
    ]);
    expect(JSON.stringify(emails)).not.toMatch(/Sam|Bess/);
    expect(await auditOf("share_stopped", shareId)).toHaveLength(1);
  });

  test("stopping again, or stopping a share that has reached its end, changes nothing and tells no one", async () => {
    const { shareId } = await shareWith(gp.id);
    expect(await stopSharing(as(shareId))).toBe("stopped");
    const stopped = { share: await shareRow(shareId), records: await consentRecordsOf(shareId), emails: (await emailsTo(gp.inbox)).length };
    expect(await stopSharing(as(shareId, new Date("2026-03-12T09:00:00Z")))).toBe("nothing-to-do");
    expect({ share: await shareRow(shareId), records: await consentRecordsOf(shareId), emails: (await emailsTo(gp.inbox)).length }).toEqual(stopped);

    const other = (await shareWith(housing.id)).shareId;
    const endsAt = (await shareRow(other)).endsAt;
    expect(await stopSharing(as(other, endsAt))).toBe("nothing-to-do");
    expect((await consentRecordsOf(other)).map((r) => r.kind)).toEqual(["given"]);
    expect((await shareRow(other)).stoppedAt).toBeNull();
  });

  test("a share of another story is not found", async () => {
    const { shareId } = await shareWith(gp.id);
    const someoneElse = await findOrCreateResident(db, `${randomUUID()}@example.org`, "en", now);
    const theirStory = (await findOwnedStory(await startStory(someoneElse.id, now), someoneElse.id))!;
    expect(
      statusOf(
        await thrown(() =>
          stopSharing({ story: theirStory, residentId: someoneElse.id, shareId, lang: "en", request: new Request("http://localhost/"), now: later }),
        ),
      ),
    ).toBe(404);
    expect((await shareRow(shareId)).status).toBe("active");
  });
});

describe("changing what they can see", () => {
  test("appends a changed record with the words shown, and updates the share; the given record stays", async () => {
    const { shareId } = await shareWith(gp.id);
    const [given] = await consentRecordsOf(shareId);
    const shown = changePartsWords("en", {
      share: await shareRow(shareId),
      agency: { id: gp.id, name: "Riverside Medical Practice", nameCy: null, contactEmail: gp.inbox },
    });
    expect(shown.wording).toBe(
      "You are agreeing that Riverside Medical Practice can see the parts of your story you have ticked, until 10 September 2026, for this reason: So that Riverside Medical Practice can understand your situation and help you, without asking you to tell your story again. You can stop sharing at any time.",
    );

    const outcome = await changeParts({ ...as(shareId), form: formOf({ parts: ["strengths", "about", "nonsense"], shown: shown.wordingHash }) });
    expect(outcome).toMatchObject({ ok: false, errors: [{ field: "parts", message: "sharing:parts.errors.choice" }] });
    expect(await changeParts({ ...as(shareId), form: formOf({ parts: ["strengths", "about"], shown: shown.wordingHash }) })).toEqual({
      ok: true,
      changed: true,
    });

    expect((await shareRow(shareId)).sections).toEqual(["about", "strengths"]);
    const records = await consentRecordsOf(shareId);
    expect(records[0]).toEqual(given);
    expect(records[1]).toMatchObject({
      kind: "changed",
      sections: ["about", "strengths"],
      endsAt: given.endsAt,
      wording: shown.wording,
      wordingHash: shown.wordingHash,
      recordedAt: later,
    });
    expect(await auditOf("share_changed", shareId)).toHaveLength(1);
  });

  test("ticking the same parts is no change; words that differ from those shown, or none ticked, are refused", async () => {
    const { shareId } = await shareWith(gp.id);
    const shown = changePartsWords("en", {
      share: await shareRow(shareId),
      agency: { id: gp.id, name: "Riverside Medical Practice", nameCy: null, contactEmail: gp.inbox },
    });
    expect(await changeParts({ ...as(shareId), form: formOf({ parts: ["matters", "about"], shown: shown.wordingHash }) })).toEqual({
      ok: true,
      changed: false,
    });
    expect(await changeParts({ ...as(shareId), form: formOf({ parts: ["goals"], shown: "stale" }) })).toMatchObject({
      ok: false,
      errors: [{ field: "parts", message: "sharing:changeParts.errors.changed" }],
    });
    expect(await changeParts({ ...as(shareId), form: formOf({ shown: shown.wordingHash }) })).toMatchObject({
      ok: false,
      errors: [{ message: "sharing:parts.errors.required" }],
    });
    expect(await consentRecordsOf(shareId)).toHaveLength(1);
    expect((await shareRow(shareId)).sections).toEqual(["about", "matters"]);
  });

  test("a stopped or ended share cannot be changed: the person shares again", async () => {
    const stoppedId = (await shareWith(gp.id)).shareId;
    await stopSharing(as(stoppedId));
    const form = formOf({ parts: ["goals"], shown: "x" });
    expect(await changeParts({ ...as(stoppedId), form })).toEqual({ ok: false, reason: "not-active", state: "stopped" });
    const endedId = (await shareWith(housing.id)).shareId;
    expect(await changeParts({ ...as(endedId, (await shareRow(endedId)).endsAt), form })).toEqual({ ok: false, reason: "not-active", state: "ended" });
    expect(await consentRecordsOf(endedId)).toHaveLength(1);
    expect((await shareRow(stoppedId)).sections).toEqual(["about", "matters"]);
  });
});

describe("changing a share agreed in English, in Welsh", () => {
  test("the words shown and kept are Welsh throughout: the agency's Welsh name, and the purpose in Welsh", async () => {
    await db.update(agencies).set({ nameCy: "Meddygfa Glan yr Afon" }).where(eq(agencies.id, gp.id));
    const { shareId } = await shareWith(gp.id);
    const [given] = await consentRecordsOf(shareId);
    expect(given).toMatchObject({ language: "en", purpose: expect.stringContaining("So that Riverside Medical Practice can understand") });
    const found = {
      share: await shareRow(shareId),
      agency: { id: gp.id, name: "Riverside Medical Practice", nameCy: "Meddygfa Glan yr Afon", contactEmail: gp.inbox },
    };
    const shown = changePartsWords("cy", found);
    expect(shown.wording).toContain("gall Meddygfa Glan yr Afon weld");
    expect(shown.wording).toContain("am y rheswm hwn: Er mwyn i Meddygfa Glan yr Afon ddeall eich sefyllfa");
    expect(extendWords("cy", found).wording).not.toMatch(/Riverside|So that/);

    expect(await changeParts({ ...as(shareId), lang: "cy", form: formOf({ parts: ["about"], shown: shown.wordingHash }) })).toEqual({
      ok: true,
      changed: true,
    });
    expect((await consentRecordsOf(shareId))[1]).toMatchObject({
      kind: "changed",
      language: "cy",
      purpose: "Er mwyn i Meddygfa Glan yr Afon ddeall eich sefyllfa a’ch helpu, heb ofyn i chi adrodd eich stori eto.",
    });
  });
});

describe("extending", () => {
  const agency = () => ({ id: gp.id, name: "Riverside Medical Practice", nameCy: null, contactEmail: gp.inbox });

  test("a later end date is a new extended record with the words shown; the share follows it", async () => {
    const { shareId } = await shareWith(gp.id);
    const shown = extendWords("en", { share: await shareRow(shareId), agency: agency() });
    expect(shown.wording).toContain("Parts: Your name, About you: how to contact you, your language and what helps you take part, What matters to you.");
    const outcome = await extendSharing({ ...as(shareId), form: formOf({ endsIn: "12", shown: shown.wordingHash }) });
    const expected = shareEndsAt({ months: 12 }, later);
    expect(outcome).toEqual({ ok: true, changed: true, endsAt: expected.ok && expected.endsAt });
    expect((await shareRow(shareId)).endsAt).toEqual(expected.ok && expected.endsAt);
    const records = await consentRecordsOf(shareId);
    expect(records.map((r) => r.kind)).toEqual(["given", "extended"]);
    expect(records[1]).toMatchObject({
      endsAt: expected.ok && expected.endsAt,
      sections: records[0].sections,
      wording: shown.wording,
      wordingHash: sha256(shown.wording),
    });
    expect(await auditOf("share_extended", shareId)).toHaveLength(1);
  });

  test("an end no later than now's, a date past or too far, or stale words are refused, and nothing changes", async () => {
    const { shareId } = await shareWith(gp.id);
    const shown = extendWords("en", { share: await shareRow(shareId), agency: agency() }).wordingHash;
    const attempt = (fields: Record<string, string>) => extendSharing({ ...as(shareId), form: formOf({ ...fields, shown }) });
    expect(await attempt({ endsIn: "3" })).toMatchObject({
      ok: false,
      errors: [{ field: "endsIn", message: "sharing:extend.errors.notLater", params: { date: "10 September 2026" } }],
    });
    expect(await attempt({ endsIn: "date", "endDate-day": "1", "endDate-month": "9", "endDate-year": "2026" })).toMatchObject({
      ok: false,
      errors: [{ field: "endDate-day", message: "sharing:extend.errors.notLater" }],
    });
    expect(await attempt({ endsIn: "date", "endDate-day": "1", "endDate-month": "1", "endDate-year": "2026" })).toMatchObject({
      errors: [{ message: "sharing:howLong.errors.past" }],
    });
    expect(await attempt({ endsIn: "date", "endDate-day": "1", "endDate-month": "1", "endDate-year": "2028" })).toMatchObject({
      errors: [{ message: "sharing:howLong.errors.tooFar" }],
    });
    expect(await attempt({ endsIn: "" })).toMatchObject({ errors: [{ field: "endsIn", message: "sharing:howLong.errors.required" }] });
    expect(await extendSharing({ ...as(shareId), form: formOf({ endsIn: "12", shown: "stale" }) })).toMatchObject({
      errors: [{ message: "sharing:extend.errors.changed" }],
    });
    expect(await consentRecordsOf(shareId)).toHaveLength(1);
  });

  test("an ended share is not brought back by extending it", async () => {
    const { shareId } = await shareWith(gp.id);
    const endsAt = (await shareRow(shareId)).endsAt;
    expect(await extendSharing({ ...as(shareId, endsAt), form: formOf({ endsIn: "12", shown: "x" }) })).toEqual({
      ok: false,
      reason: "not-active",
      state: "ended",
    });
    expect((await shareRow(shareId)).endsAt).toEqual(endsAt);
  });
});

describe("sending a new link", () => {
  test("replaces the token's hash, so the old link is dead, and emails the new link to the agency's inbox", async () => {
    const { shareId, link: oldLink } = await shareWith(gp.id);
    const oldHash = (await shareRow(shareId)).tokenHash;
    expect(sha256(oldLink.split("/shared/")[1])).toBe(oldHash);

    const outcome = await sendNewLink(as(shareId));
    if (!outcome.ok) throw new Error("refused");
    const token = outcome.link.split("/shared/")[1];
    expect((await shareRow(shareId)).tokenHash).toBe(sha256(token));
    expect((await shareRow(shareId)).tokenHash).not.toBe(oldHash);
    expect(await db.select().from(shares).where(eq(shares.tokenHash, oldHash))).toEqual([]);
    const latest = (await emailsTo(gp.inbox)).at(-1)!;
    expect([latest.template, latest.personalisation]).toEqual([
      "share-link",
      { agency: "Riverside Medical Practice", agencyCy: "Riverside Medical Practice", link: outcome.link, endsOn: "2026-09-10T23:59:59.999Z" },
    ]);
    // No new consent: what they may see has not changed.
    expect(await consentRecordsOf(shareId)).toHaveLength(1);
    expect(await auditOf("share_link_replaced", shareId)).toHaveLength(1);
    expect(JSON.stringify(await db.select().from(auditEvents))).not.toContain(token);
  });

  test("a stopped share gets no new link", async () => {
    const { shareId } = await shareWith(gp.id);
    await stopSharing(as(shareId));
    const hash = (await shareRow(shareId)).tokenHash;
    const emails = (await emailsTo(gp.inbox)).length;
    expect(await sendNewLink(as(shareId))).toEqual({ ok: false, reason: "not-active", state: "stopped" });
    expect((await shareRow(shareId)).tokenHash).toBe(hash);
    expect(await emailsTo(gp.inbox)).toHaveLength(emails);
  });
});

describe("publishing a new version", () => {
  const updated = async (inbox: string) => (await emailsTo(inbox)).filter((email) => email.template === "share-updated");

  test("emails each keep-up-to-date agency once, and no other; they see the new version, the others the one agreed", async () => {
    await shareWith(gp.id, { keepUpToDate: "yes" });
    await shareWith(housing.id, { keepUpToDate: "no" });
    expect(await publishStory(story.id, resident.id, later)).toEqual({ ok: true, version: 2 });

    expect((await updated(gp.inbox)).map((email) => email.personalisation)).toEqual([
      { agency: "Riverside Medical Practice", agencyCy: "Riverside Medical Practice", sharedOn: "2026-03-10T12:00:00.000Z" },
    ]);
    expect(JSON.stringify(await updated(gp.inbox))).not.toMatch(/Sam|Bess/);
    expect(await updated(housing.inbox)).toEqual([]);
    const overview = await sharesOverview((await findOwnedStory(story.id, resident.id))!, "en", later);
    expect(Object.fromEntries(overview.map((share) => [share.agency.text, share.version]))).toEqual({
      "Riverside Medical Practice": 2,
      "Demo Housing Options": 1,
    });
  });

  test("who the pages say will see it: each active share kept up to date, none, one or several; the others keep theirs; stopped and ended see nothing", async () => {
    const audience = async (at: Date) => {
      const names = await newVersionAudienceNames(story.id, "en", at);
      const texts = (list: { text: string }[]) => list.map((name) => name.text).sort();
      return { following: texts(names.following), fixed: texts(names.fixed) };
    };
    expect(await audience(later)).toEqual({ following: [], fixed: [] });
    const gpShare = (await shareWith(gp.id, { keepUpToDate: "yes" })).shareId;
    await shareWith(housing.id, { keepUpToDate: "yes" });
    expect(await audience(later)).toEqual({ following: ["Demo Housing Options", "Riverside Medical Practice"], fixed: [] });
    await stopSharing(as(gpShare));
    expect(await audience(later)).toEqual({ following: ["Demo Housing Options"], fixed: [] });
    await shareWith(gp.id, { keepUpToDate: "no" });
    expect(await audience(later)).toEqual({ following: ["Demo Housing Options"], fixed: ["Riverside Medical Practice"] });
    const housingEnds = (await first(db.select().from(shares).where(eq(shares.agencyId, housing.id))))!.endsAt;
    // Every share here was made at the same moment for 6 months, so all have ended by then.
    expect(await audience(housingEnds)).toEqual({ following: [], fixed: [] });
    // What the pages say is who is told.
    expect(await publishStory(story.id, resident.id, later)).toEqual({ ok: true, version: 2 });
    expect(await updated(housing.inbox)).toHaveLength(1);
    expect(await updated(gp.inbox)).toEqual([]);
  });

  test("an agency shared with twice is named once", async () => {
    await shareWith(gp.id, { keepUpToDate: "yes" });
    await shareWith(gp.id, { keepUpToDate: "yes", parts: ["matters"] });
    expect(await newVersionAudienceNames(story.id, "en", later)).toEqual({ following: [{ text: "Riverside Medical Practice", lang: "en" }], fixed: [] });
  });

  test("a stopped or ended share hears nothing", async () => {
    const stopped = (await shareWith(gp.id)).shareId;
    await stopSharing(as(stopped));
    await shareWith(housing.id);
    const housingEnds = (await first(db.select().from(shares).where(eq(shares.agencyId, housing.id))))!.endsAt;
    expect(await publishStory(story.id, resident.id, housingEnds)).toEqual({ ok: true, version: 2 });
    expect(await updated(gp.inbox)).toEqual([]);
    expect(await updated(housing.inbox)).toEqual([]);
  });
});

describe("who has your story", () => {
  test("shows each share's state at this moment, whatever the stored status says", async () => {
    const { shareId } = await shareWith(gp.id);
    const endsAt = (await shareRow(shareId)).endsAt;
    const stateAt = async (at: Date) => (await sharesOverview(story, "en", at))[0];
    expect(await stateAt(later)).toMatchObject({
      state: "active",
      agency: { text: "Riverside Medical Practice", lang: "en" },
      sections: ["about", "matters"],
      endsOn: "10 September 2026",
      version: 1,
    });
    expect((await stateAt(new Date(endsAt.getTime() - 1))).state).toBe("active");
    expect((await stateAt(endsAt)).state).toBe("ended");
    expect((await shareRow(shareId)).status).toBe("active");
  });
});

describe("the emails", () => {
  test.each([
    ["share-stopped", { agency: "Riverside Medical Practice", agencyCy: "Riverside Medical Practice", sharedOn: "2026-03-10T12:00:00.000Z" }],
    ["share-updated", { agency: "Riverside Medical Practice", agencyCy: "Riverside Medical Practice", sharedOn: "2026-03-10T12:00:00.000Z" }],
    ["share-ended", { agency: "Riverside Medical Practice", manageLink: "https://example.org/stories/x/shares" }],
  ])("%s reads in English and Welsh, naming the agency, with nothing left as a key", (template, personalisation) => {
    const [en, cy] = (["en", "cy"] as const).map((lang) => renderEmail(template, lang, personalisation));
    for (const { subject, body } of [en, cy]) {
      expect(`${subject}\n${body}`).not.toMatch(/email:|\{\{/);
      expect(subject).toContain("Riverside Medical Practice");
    }
    expect(cy.body).not.toBe(en.body);
  });
});
