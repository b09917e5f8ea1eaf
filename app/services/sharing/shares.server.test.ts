import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { consentRecordsOf } from "#app/models/consent.server";
import { findShareDraft } from "#app/models/share-draft.server";
import { CONSENT_WORDING_VERSION, shareEndsAt } from "#app/services/sharing/consent-rules";
import { deliverDueEmails } from "#app/services/mail/worker.server";
import type { MailTransport } from "#app/services/mail/transports.server";
import { readyToAgree, shareChoices, submitAgencies, submitContact, submitHowLong, submitParts, submitUpdates } from "#app/services/sharing/journey.server";
import { startStory } from "#app/services/story.server";
import { db, first, sqlite } from "#db/client.server";
import { agencies, auditEvents, consentRecords, outbox, shares, stories } from "#db/schema";
import { agreeAndShare, declarationFor } from "./shares.server";

/** A story a resident writes about themselves. */
const SELF = { basis: "self", relationship: "self", name: null, writerName: null, basisDetail: null };
import { answerSection, formOf, sharingFixture } from "#tests/support/sharing-fixture";

const now = new Date("2026-03-10T12:00:00Z");
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

let resident: { id: string; email: string };
let storyId: string;
let gp: string;
let housing: string;

/** Every choice made through the same functions the pages call: the GP sees everything but "What matters", housing only "About you". */
async function chooseEverything() {
  const step = (outcome: { ok: boolean }) => expect(outcome).toMatchObject({ ok: true });
  step(await submitAgencies(storyId, (await shareChoices(storyId)) ?? { agencies: [], parts: {} }, formOf({ agencies: [gp, housing] }), now));
  step(await submitParts(storyId, (await shareChoices(storyId))!, gp, formOf({ parts: ["about", "story", "strengths", "goals"] }), now));
  step(await submitParts(storyId, (await shareChoices(storyId))!, housing, formOf({ parts: ["about"] }), now));
  step(await submitHowLong(storyId, (await shareChoices(storyId))!, formOf({ endsIn: "6" }), "en", now));
  step(await submitUpdates(storyId, (await shareChoices(storyId))!, formOf({ keepUpToDate: "yes" }), now));
  step(await submitContact(storyId, (await shareChoices(storyId))!, formOf({ contact: "yes", contactMethods: ["email", "letter"] }), now));
}

/** The declaration the agree page shows at `now`, and its hash. */
async function shownDeclaration() {
  const ready = await readyToAgree(storyId, (await shareChoices(storyId))!, now);
  if (!ready.ok) throw new Error(`not ready: ${ready.redirectTo}`);
  return declarationFor(ready.choices, "en", SELF);
}

const agree = async (shownHash?: string) => agreeAndShare({ storyId, resident, shownHash: shownHash ?? (await shownDeclaration()).hash, lang: "en", now });

const sharesOfTheStory = async () => await db.select().from(shares).where(eq(shares.storyId, storyId));
const emails = async () => (await db.select().from(outbox)).filter((email) => email.template.startsWith("share-"));
const sharedEvents = async () => (await db.select().from(auditEvents)).filter((event) => event.event === "story_shared" && event.detail?.story === storyId);

/** Every value in every table, as text, to look for something that must not be kept. */
function everythingStored(): string {
  const tables = sqlite.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[];
  return tables.map((table) => JSON.stringify(sqlite.prepare(`select * from "${table}"`).all())).join("\n");
}

beforeEach(async () => {
  await db.delete(outbox);
  const fixture = await sharingFixture(now);
  resident = fixture.resident;
  storyId = fixture.story.id;
  gp = fixture.gp.id;
  housing = fixture.housing.id;
});

describe("agree and share", () => {
  test("writes, in one go, a share and a given consent record per agency, a link email per agency, one receipt, audit events by id; the draft is gone", async () => {
    await chooseEverything();
    const declaration = await shownDeclaration();
    const outcome = await agree(declaration.hash);
    if (!outcome.ok) throw new Error(`refused: ${outcome.reason}`);
    // In the directory's order, by name.
    expect(outcome.shared.map((s) => s.agencyName)).toEqual([
      { text: "Demo Housing Options", lang: "en" },
      { text: "Riverside Medical Practice", lang: "en" },
    ]);

    const endsAt = shareEndsAt({ months: 6 }, now);
    const rows = await sharesOfTheStory();
    expect(rows).toHaveLength(2);
    const gpShare = rows.find((row) => row.agencyId === gp)!;
    const housingShare = rows.find((row) => row.agencyId === housing)!;
    expect(gpShare).toMatchObject({
      sections: ["about", "story", "strengths", "goals"],
      version: 1,
      keepUpToDate: true,
      contactAllowed: true,
      contactMethods: ["email", "letter"],
      status: "active",
      createdBy: resident.id,
      purpose: "So that Riverside Medical Practice can understand your situation and help you, without asking you to tell your story again.",
    });
    expect(housingShare.sections).toEqual(["about"]);
    expect(gpShare.endsAt).toEqual(endsAt.ok && endsAt.endsAt);

    const story = (await first(db.select().from(stories).where(eq(stories.id, storyId))))!;
    for (const share of [gpShare, housingShare]) {
      const block = declaration.blocks.find((candidate) => candidate.agencyId === share.agencyId)!;
      const records = await consentRecordsOf(share.id);
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({
        kind: "given",
        agreedBy: resident.id,
        subjectId: story.subjectId,
        basis: "self",
        agencyId: share.agencyId,
        sections: share.sections,
        purpose: share.purpose,
        wordingVersion: CONSENT_WORDING_VERSION,
        language: "en",
        method: "online",
        endsAt: share.endsAt,
        recordedAt: now,
      });
      // The words kept are the words shown, and the hash is of those words.
      expect(records[0].wording).toBe(block.wording);
      expect(records[0].wordingHash).toBe(sha256(block.wording));
    }
    expect(declaration.blocks[0].wording).toContain("Sharing with Demo Housing Options");
    expect(declaration.blocks[0].wording).toContain("• Your name\n• About you: how to contact you, your language and what helps you take part\nWhy:");

    const sent = await emails();
    expect(sent.map((email) => [email.template, email.recipient]).sort()).toEqual(
      [
        ["share-link", (await first(db.select().from(agencies).where(eq(agencies.id, gp))))!.contactEmail],
        ["share-link", (await first(db.select().from(agencies).where(eq(agencies.id, housing))))!.contactEmail],
        ["share-receipt", resident.email],
      ].sort(),
    );
    const receipt = sent.find((email) => email.template === "share-receipt")!;
    expect(receipt.personalisation.shares).toBe(
      "Demo Housing Options: Your name, About you: how to contact you, your language and what helps you take part\n" +
        "Riverside Medical Practice: Your name, About you: how to contact you, your language and what helps you take part, What is happening in your life, What you are good at, Your goals",
    );
    // No story content, not even the name, in any email.
    expect(JSON.stringify(sent)).not.toMatch(/Sam|Bess/);

    expect((await sharedEvents()).map((event) => event.detail)).toEqual(
      (
        await Promise.all(
          rows.map(async (row) => ({
            resident: resident.id,
            story: storyId,
            share: row.id,
            agency: row.agencyId,
            consent: (await consentRecordsOf(row.id))[0].id,
          })),
        )
      ).sort((a, b) => (a.agency === housing ? -1 : b.agency === housing ? 1 : 0)),
    );
    expect(await findShareDraft(storyId)).toBeUndefined();
  });

  test("each link's token is kept only as its SHA-256; the email carrying it is blanked once sent", async () => {
    await chooseEverything();
    const outcome = await agree();
    if (!outcome.ok) throw new Error(`refused: ${outcome.reason}`);
    for (const { shareId, link } of outcome.shared) {
      const token = link.match(/\/shared\/([A-Za-z0-9_-]{43})$/)?.[1];
      expect(token, link).toBeDefined();
      expect((await sharesOfTheStory()).find((row) => row.id === shareId)!.tokenHash).toBe(sha256(token!));
      // Until the email goes, the outbox holds the link (as it holds a sign-in code); nothing else does.
      const stored = everythingStored();
      expect(stored.split(token!).length - 1).toBe(1);
      expect(JSON.stringify((await emails()).find((email) => email.personalisation.link === link))).toContain(token);
    }

    const delivered: string[] = [];
    const transport: MailTransport = {
      send: (email) => {
        delivered.push(`${email.to}\n${email.subject}\n${email.body}`);
        return Promise.resolve();
      },
    };
    await deliverDueEmails(new Date(), transport);
    for (const { link, agencyName } of outcome.shared) {
      const email = delivered.find((body) => body.includes(link))!;
      expect(email).toContain(`Someone has shared their story with ${agencyName.text} using Tell it once.`);
      expect(everythingStored()).not.toContain(link.slice(-43));
    }
  });

  test("nothing is written if any part fails: shares, records, emails and audit stand or fall together", async () => {
    await chooseEverything();
    sqlite.exec("CREATE TEMP TRIGGER refuse_receipt BEFORE INSERT ON outbox WHEN NEW.template = 'share-receipt' BEGIN SELECT RAISE(ABORT, 'refused'); END;");
    try {
      await expect(agree()).rejects.toMatchObject({ cause: { message: expect.stringMatching(/refused/) } });
    } finally {
      sqlite.exec("DROP TRIGGER refuse_receipt");
    }
    expect(await sharesOfTheStory()).toEqual([]);
    expect(await db.select().from(consentRecords).where(eq(consentRecords.agencyId, gp))).toEqual([]);
    expect(await emails()).toEqual([]);
    expect(await sharedEvents()).toEqual([]);
    expect(await findShareDraft(storyId)).toBeDefined();
  });

  test("is refused for a story without a published version", async () => {
    storyId = await startStory(resident.id, now);
    await answerSection(storyId, "about", { name: "Sam Jones" });
    expect(await agreeAndShare({ storyId, resident, shownHash: "anything", lang: "en", now })).toEqual({ ok: false, reason: "not-published" });
    expect(await sharesOfTheStory()).toEqual([]);
    expect(await emails()).toEqual([]);
  });

  test("is refused when the words would differ from those shown, and when there is nothing left to agree to", async () => {
    await chooseEverything();
    const shown = (await shownDeclaration()).hash;
    expect(await submitHowLong(storyId, (await shareChoices(storyId))!, formOf({ endsIn: "12" }), "en", now)).toMatchObject({ ok: true });
    expect(await agree(shown)).toEqual({ ok: false, reason: "changed" });
    expect(await sharesOfTheStory()).toEqual([]);

    const current = (await shownDeclaration()).hash;
    expect(await agree(current)).toMatchObject({ ok: true });
    expect(await agree(current)).toEqual({ ok: false, reason: "no-draft" });
    expect(await sharesOfTheStory()).toHaveLength(2);
    expect(await emails()).toHaveLength(3);
  });

  test("consent records cannot be changed or deleted", async () => {
    await chooseEverything();
    expect(await agree()).toMatchObject({ ok: true });
    const [share] = await sharesOfTheStory();
    const [record] = await consentRecordsOf(share.id);
    await expect(db.update(consentRecords).set({ purpose: "Something else" }).where(eq(consentRecords.id, record.id))).rejects.toThrow();
    await expect(db.delete(consentRecords).where(eq(consentRecords.id, record.id))).rejects.toThrow();
    expect(await consentRecordsOf(share.id)).toEqual([record]);
  });
});

describe("in Welsh", () => {
  beforeEach(async () => {
    await db.update(agencies).set({ nameCy: "Meddygfa Glan yr Afon" }).where(eq(agencies.id, gp));
  });

  test("the declaration names each agency in Welsh, or in English (said to be English) where it has no Welsh", async () => {
    await chooseEverything();
    const ready = await readyToAgree(storyId, (await shareChoices(storyId))!, now);
    if (!ready.ok) throw new Error(`not ready: ${ready.redirectTo}`);
    const { blocks } = declarationFor(ready.choices, "cy", SELF);
    expect(blocks.map((block) => [block.agency, block.heading])).toEqual([
      [{ text: "Demo Housing Options", lang: "en" }, "Rhannu gyda Demo Housing Options"],
      [{ text: "Meddygfa Glan yr Afon", lang: "cy" }, "Rhannu gyda Meddygfa Glan yr Afon"],
    ]);
    expect(blocks[1].wording).toContain("Pam: Er mwyn i Meddygfa Glan yr Afon ddeall eich sefyllfa a’ch helpu");
    expect(blocks[1].wording).not.toContain("Riverside Medical Practice");
  });

  test("each share and consent record keeps the purpose in the words agreed; the receipt email names agencies in Welsh", async () => {
    await chooseEverything();
    const ready = await readyToAgree(storyId, (await shareChoices(storyId))!, now);
    if (!ready.ok) throw new Error(`not ready: ${ready.redirectTo}`);
    expect(await agreeAndShare({ storyId, resident, shownHash: declarationFor(ready.choices, "cy", SELF).hash, lang: "cy", now })).toMatchObject({
      ok: true,
    });
    const gpShare = (await sharesOfTheStory()).find((share) => share.agencyId === gp)!;
    const purpose = "Er mwyn i Meddygfa Glan yr Afon ddeall eich sefyllfa a’ch helpu, heb ofyn i chi adrodd eich stori eto.";
    expect(gpShare.purpose).toBe(purpose);
    expect(await consentRecordsOf(gpShare.id)).toMatchObject([{ language: "cy", purpose }]);
    const receipt = (await emails()).find((email) => email.template === "share-receipt")!;
    expect(receipt.personalisation.shares.split("\n").map((line) => line.split(":")[0])).toEqual(["Demo Housing Options", "Meddygfa Glan yr Afon"]);
    const link = (await emails()).find((email) => email.template === "share-link" && email.recipient.startsWith("gp-"))!;
    expect(link.personalisation).toMatchObject({ agency: "Riverside Medical Practice", agencyCy: "Meddygfa Glan yr Afon" });
  });
});
