import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { limits } from "#app/models/rate-limit.server";
import type { ShareView } from "#app/models/access-log.server";
import { sharesOverview, stopSharing, viewLines } from "#app/services/sharing/changes.server";
import { publishStory } from "#app/services/story.server";
import { db, first } from "#db/client.server";
import { auditEvents, outbox, rateLimits, shareAccess, shareReplies, shares, shareViews, signInCodes } from "#db/schema";
import { statusOf, thrown } from "#tests/support/thrown";
import { answerSection, sharingFixture, type SharingFixture } from "#tests/support/sharing-fixture";
import { codeSentTo, openLink, proveAddress, request, tokenOf } from "#tests/support/shared-access";
import { requireSharedAccess, requireVerifiedAccess } from "#app/web/guards.server";
import { openSharedLink, readSharedStory, requestAccessCode, sendReply, verifyAccessCode } from "./shared-story.server";

const now = new Date("2026-03-10T12:00:00Z");
const minutes = (n: number) => new Date(now.getTime() + n * 60 * 1000);
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

let fixture: SharingFixture;
let ip: string;
let ipCount = 0;

beforeEach(async () => {
  // Limits count per address and per IP across tests sharing this database; each test starts afresh.
  await db.delete(rateLimits);
  fixture = await sharingFixture(now);
  // Each test its own address, so the per-IP limits of one do not reach the next.
  ip = `192.0.2.${++ipCount}`;
});

const open = (link: string, at = now) => openLink(link, ip, at);
const notThe = (code: string) => (code === "000000" ? "111111" : "000000");
const verifiedBrowser = (link: string, email = `jo@${fixture.gp.domain}`) => proveAddress(link, email, ip, now);

describe("opening a link", () => {
  test("exchanges the token for a cookie bound to the share and sends the browser to an address without the token", async () => {
    const { link, shareId } = await fixture.shareWith(fixture.gp.id);
    const outcome = await openSharedLink(request("/shared/x"), tokenOf(link), ip, "en", now);
    expect(outcome).toMatchObject({ redirectTo: `/shared/${shareId}/email` });
    const cookie = (outcome as { cookie: string }).cookie;
    expect(cookie).toMatch(new RegExp(`^share-${shareId}=[A-Za-z0-9_-]{43}; Path=/shared/; Max-Age=3600; HttpOnly; SameSite=Lax$`));
    // The cookie's token is a new one: the link's token is never stored, and neither is the cookie's.
    const cookieToken = cookie.split(";")[0].split("=")[1];
    expect(cookieToken).not.toBe(tokenOf(link));
    const [access] = await db.select().from(shareAccess).where(eq(shareAccess.shareId, shareId));
    expect(access).toMatchObject({ idHash: sha256(cookieToken), email: null, verifiedAt: null, expiresAt: minutes(60) });
    expect(JSON.stringify(await db.select().from(shareAccess))).not.toContain(cookieToken);
  });

  test("a browser that already has access keeps it rather than starting again", async () => {
    const { link, shareId } = await fixture.shareWith(fixture.gp.id);
    const { cookie } = await verifiedBrowser(link);
    const again = await openSharedLink(request("/shared/x", cookie), tokenOf(link), ip, "en", minutes(5));
    expect(again).toEqual({ redirectTo: `/shared/${shareId}/summary`, cookie: null });
    expect(await db.select().from(shareAccess).where(eq(shareAccess.shareId, shareId))).toHaveLength(1);
  });

  test("an unknown or malformed token is not found; each miss counts against the IP and none is audited", async () => {
    const audited = (await db.select().from(auditEvents)).length;
    for (const token of [undefined, "", "short", "x".repeat(43), "../../etc/passwd", `${"A".repeat(42)}!`]) {
      expect(await openSharedLink(request("/shared/x"), token, ip, "en", now)).toEqual({ refused: 404 });
    }
    expect(await db.select().from(rateLimits)).toContainEqual(expect.objectContaining({ key: `${limits.linkMissesPerIp.name}:${ip}`, count: 6 }));
    expect(await db.select().from(auditEvents)).toHaveLength(audited);
  });

  test(`after ${limits.linkMissesPerIp.max} misses from one IP, unknown links from it are refused until a whole window has passed; a good one still opens`, async () => {
    const { link } = await fixture.shareWith(fixture.gp.id);
    for (let miss = 0; miss < limits.linkMissesPerIp.max; miss++) {
      expect(await openSharedLink(request("/shared/x"), "A".repeat(43), ip, "en", now)).toEqual({ refused: 404 });
    }
    const audited = (await db.select().from(auditEvents)).length;
    for (let miss = 0; miss < 5; miss++) expect(await openSharedLink(request("/shared/x"), "A".repeat(43), ip, "en", now)).toEqual({ refused: 429 });
    // Going over the limit is audited once, however many more misses follow.
    expect((await db.select().from(auditEvents)).slice(audited).map((e) => e.event)).toEqual(["share_link_rate_limited"]);
    expect(await openSharedLink(request("/shared/x"), tokenOf(link), ip, "en", now)).toHaveProperty("redirectTo");
    // Another connection is unaffected; the limit slides, so the next window's start still counts the last one, and then it passes.
    expect(await openSharedLink(request("/shared/x"), "A".repeat(43), "198.51.100.7", "en", now)).toEqual({ refused: 404 });
    expect(await openSharedLink(request("/shared/x"), "A".repeat(43), ip, "en", minutes(16))).toEqual({ refused: 429 });
    expect(await openSharedLink(request("/shared/x"), "A".repeat(43), ip, "en", minutes(30))).toEqual({ refused: 404 });
  });

  test("a stopped share is gone without a date; an ended one says the day it ended", async () => {
    const stopped = await fixture.shareWith(fixture.gp.id);
    expect(
      await stopSharing({
        story: fixture.story,
        residentId: fixture.resident.id,
        shareId: stopped.shareId,
        lang: "en",
        request: new Request("http://localhost/"),
        now,
      }),
    ).toBe("stopped");
    expect(await openSharedLink(request("/shared/x"), tokenOf(stopped.link), ip, "en", minutes(1))).toEqual({ gone: { endedOn: null } });

    const ended = await fixture.shareWith(fixture.housing.id);
    const endsAt = (await first(db.select().from(shares).where(eq(shares.id, ended.shareId))))!.endsAt;
    expect(await openSharedLink(request("/shared/x"), tokenOf(ended.link), ip, "en", endsAt)).toEqual({ gone: { endedOn: "10 September 2026" } });
    expect(await openSharedLink(request("/shared/x"), tokenOf(ended.link), ip, "cy", endsAt)).toEqual({ gone: { endedOn: "10 Medi 2026" } });
  });
});

describe("proving a work address", () => {
  test("an address at another domain gets no code", async () => {
    const { link, shareId } = await fixture.shareWith(fixture.gp.id);
    const found = await requireSharedAccess(request("/", (await open(link)).cookie), shareId, "en", now);
    expect(await requestAccessCode(found, `jo@${fixture.housing.domain}`, ip, now)).toEqual({ ok: false, reason: "wrong-domain" });
    expect(await db.select().from(signInCodes).where(eq(signInCodes.shareAccessId, found.access.idHash))).toEqual([]);
  });

  test("the code email names the agency, never the person, and only a keyed hash of the code is kept", async () => {
    const { link, shareId } = await fixture.shareWith(fixture.gp.id);
    const found = await requireSharedAccess(request("/", (await open(link)).cookie), shareId, "en", now);
    expect(await requestAccessCode(found, ` Jo@NHS.example.net `, ip, now)).toEqual({ ok: true });
    const email = (await first(db.select().from(outbox).where(eq(outbox.recipient, "jo@nhs.example.net"))))!;
    expect(email.template).toBe("access-code");
    expect(email.personalisation).toEqual({ code: expect.stringMatching(/^\d{6}$/), agency: "Riverside Medical Practice" });
    const [row] = await db.select().from(signInCodes).where(eq(signInCodes.shareAccessId, found.access.idHash));
    expect(row.codeHash).not.toContain(email.personalisation.code);
    expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
  });

  test("a right code verifies the browser for 8 hours, once; wrong codes run out after 5 tries", async () => {
    const { link, shareId } = await fixture.shareWith(fixture.gp.id);
    const { cookie } = await open(link);
    const found = await requireSharedAccess(request("/", cookie), shareId, "en", now);
    await requestAccessCode(found, "jo@nhs.example.net", ip, now);
    const code = await codeSentTo("jo@nhs.example.net");
    expect(await verifyAccessCode(found, notThe(code), ip, now)).toEqual({ ok: false, reason: "wrong" });

    const verified = await verifyAccessCode(found, code, ip, minutes(1));
    // A new token and cookie: the unproven access, and anyone else holding its cookie, is out.
    expect(verified).toEqual({
      ok: true,
      cookie: expect.stringMatching(new RegExp(`^share-${shareId}=[A-Za-z0-9_-]{43}; Path=/shared/; Max-Age=28800; HttpOnly; SameSite=Lax$`)),
    });
    const proven = (verified as { cookie: string }).cookie.split(";")[0];
    expect(proven).not.toBe(cookie);
    expect(await first(db.select().from(shareAccess).where(eq(shareAccess.idHash, found.access.idHash)))).toBeUndefined();
    expect(statusOf(await thrown(() => requireSharedAccess(request("/", cookie), shareId, "en", minutes(1))))).toBe(404);
    expect(
      await first(
        db
          .select()
          .from(shareAccess)
          .where(eq(shareAccess.idHash, sha256(proven.split("=")[1]))),
      ),
    ).toMatchObject({
      shareId,
      email: "jo@nhs.example.net",
      verifiedAt: minutes(1),
      expiresAt: minutes(1 + 8 * 60),
    });
    expect(await verifyAccessCode(found, code, ip, minutes(2))).toMatchObject({ ok: false });

    const other = await requireSharedAccess(request("/", (await open(link)).cookie), shareId, "en", now);
    await requestAccessCode(other, "al@nhs.example.net", ip, now);
    const wrong = notThe(await codeSentTo("al@nhs.example.net"));
    const outcomes = [];
    for (let i = 0; i < 6; i++) outcomes.push(await verifyAccessCode(other, wrong, ip, now));
    expect(outcomes.map((o) => (o.ok ? "ok" : o.reason))).toEqual(["wrong", "wrong", "wrong", "wrong", "too-many-tries", "too-many-tries"]);
  });

  test("codes per address are limited as a resident's are", async () => {
    const { link, shareId } = await fixture.shareWith(fixture.gp.id);
    const found = await requireSharedAccess(request("/", (await open(link)).cookie), shareId, "en", now);
    const outcomes = [];
    for (let i = 0; i <= limits.codesPerAddress.max; i++) outcomes.push(await requestAccessCode(found, "busy@nhs.example.net", ip, now));
    expect(outcomes.at(-2)).toEqual({ ok: true });
    expect(outcomes.at(-1)).toEqual({ ok: false, reason: "too-many-for-address" });
  });
});

describe("reading the summary", () => {
  test("shows only the sections agreed, the name always, and logs the view", async () => {
    const { link, shareId } = await fixture.shareWith(fixture.gp.id, { parts: ["matters"] });
    const { found } = await verifiedBrowser(link);
    const story = await readSharedStory(found, minutes(3));
    expect(story.name).toBe("Sam Jones");
    expect(story.content).toEqual({ matters: { matters: "My dog Bess and my allotment" } });
    expect(story.consent).toMatchObject({
      agency: { text: "Riverside Medical Practice", lang: "en" },
      sections: ["matters"],
      version: 1,
      sharedOn: "10 March 2026",
      endsOn: "10 September 2026",
    });
    expect(await db.select().from(shareViews).where(eq(shareViews.shareId, shareId))).toEqual([
      expect.objectContaining({ agencyId: fixture.gp.id, email: "jo@nhs.example.net", version: 1, sections: ["matters"], viewedAt: minutes(3) }),
    ]);
    expect(story.changed).toEqual([]);
  });

  test("marks the sections changed since this person last looked, when the story follows new versions", async () => {
    const { link } = await fixture.shareWith(fixture.gp.id, { parts: ["about", "matters"], keepUpToDate: "yes" });
    const { found } = await verifiedBrowser(link);
    expect(await readSharedStory(found, minutes(3))).toMatchObject({ changed: [], sinceLastView: null });
    await answerSection(fixture.story.id, "matters", { matters: "Bess, and now Rex too" });
    expect(await publishStory(fixture.story.id, fixture.resident.id, minutes(4))).toEqual({ ok: true, version: 2 });
    const again = await requireVerifiedAccess(request("/", `share-${found.share.id}=${found.token}`), found.share.id, "en", minutes(5));
    const second = await readSharedStory(again, minutes(5));
    expect(second.consent.version).toBe(2);
    expect(second.changed).toEqual(["matters"]);
    // What the top of the page says: the version this person last looked at, and when.
    expect(second.sinceLastView).toEqual({ version: 1, on: "10 March 2026 at 12:03pm" });
    expect(await readSharedStory(again, minutes(6))).toMatchObject({ changed: [], sinceLastView: null });
  });

  test("the person sees each view, and a reply reaches them without its message in the email", async () => {
    const { link, shareId } = await fixture.shareWith(fixture.gp.id);
    const { found } = await verifiedBrowser(link);
    await readSharedStory(found, minutes(3));
    await sendReply(found, { name: "Jo Bloggs", role: "Receptionist", message: "We will ring you on Monday." }, minutes(4));

    expect(await db.select().from(shareReplies).where(eq(shareReplies.shareId, shareId))).toEqual([
      expect.objectContaining({
        email: "jo@nhs.example.net",
        name: "Jo Bloggs",
        role: "Receptionist",
        message: "We will ring you on Monday.",
        createdAt: minutes(4),
      }),
    ]);
    const email = (await db.select().from(outbox).where(eq(outbox.template, "share-received"))).find((e) => e.recipient === fixture.resident.email)!;
    expect(email.personalisation).toMatchObject({ agency: "Riverside Medical Practice", name: "Jo Bloggs", role: "Receptionist" });
    expect(JSON.stringify(email)).not.toContain("Monday");

    const [card] = await sharesOverview(fixture.story, "en", minutes(5));
    expect(card.views).toEqual([{ id: expect.any(Number), email: "jo@nhs.example.net", when: "10 March 2026 at 12:03pm", version: 1, times: 1 }]);
    expect(card.replies).toEqual([
      expect.objectContaining({ name: "Jo Bloggs", role: "Receptionist", message: "We will ring you on Monday.", when: "10 March 2026 at 12:04pm" }),
    ]);
  });
});

describe("the access log as the person reads it", () => {
  const view = (id: number, email: string, at: Date, version = 1): ShareView => ({
    id,
    shareId: "s",
    agencyId: "a",
    email,
    version,
    sections: [],
    viewedAt: at,
  });
  const seconds = (n: number) => new Date(now.getTime() + n * 1000);

  test("runs of views by one address, of one version, in one minute are one line; anything else starts a new one", () => {
    const lines = viewLines(
      [
        view(6, "jo@nhs.example.net", seconds(130)),
        view(5, "jo@nhs.example.net", seconds(125), 2),
        view(4, "jo@nhs.example.net", seconds(50), 2),
        view(3, "al@nhs.example.net", seconds(40)),
        view(2, "jo@nhs.example.net", seconds(20)),
        view(1, "jo@nhs.example.net", seconds(10)),
      ],
      "en",
    );
    expect(lines.map(({ email, when, version, times }) => [email, when, version, times])).toEqual([
      ["jo@nhs.example.net", "10 March 2026 at 12:02pm", 1, 1],
      ["jo@nhs.example.net", "10 March 2026 at 12:02pm", 2, 1],
      ["jo@nhs.example.net", "10 March 2026 at 12:00pm", 2, 1],
      ["al@nhs.example.net", "10 March 2026 at 12:00pm", 1, 1],
      ["jo@nhs.example.net", "10 March 2026 at 12:00pm", 1, 2],
    ]);
  });
});
