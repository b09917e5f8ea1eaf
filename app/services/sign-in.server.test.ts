import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { createHash } from "node:crypto";
import { connectionOf, limits } from "#app/models/rate-limit.server";
import { forgetExpired } from "#app/services/sharing/ending.server";
import { deleteExpiredSessions, findSession, IDLE_MINUTES, sessionIsLive } from "#app/models/session.server";
import { sessionState } from "#app/web/session.server";
import { db, first } from "#db/client.server";
import { auditEvents, outbox, rateLimits, residents, sessions, signInCodes } from "#db/schema";
import { CODE_MINUTES, normaliseEmail, requestCode, signOut, verifyCode } from "./sign-in.server";
import { sha256 } from "#app/lib/sha256.server";

const ip = "203.0.113.7";
const start = new Date("2026-11-26T10:00:00Z");
const minutes = (n: number) => new Date(start.getTime() + n * 60 * 1000);

/** The code in the newest email queued for `email` (the outbox is the only place it exists in clear). */
async function lastCodeFor(email: string): Promise<string> {
  const rows = await db.select().from(outbox).where(eq(outbox.recipient, email));
  return String(rows.at(-1)?.personalisation.code);
}

beforeEach(async () => {
  for (const table of [sessions, signInCodes, outbox, rateLimits, residents]) await db.delete(table);
});

describe("asking for a code", () => {
  test("queues an email in the person's language and keeps only a hash of the code", async () => {
    const result = await requestCode({ email: "  Sam@Example.ORG ", ip, language: "cy", returnTo: "/stories", replacing: null, now: start });
    expect(result.ok).toBe(true);
    const [email] = await db.select().from(outbox);
    expect(email).toMatchObject({ recipient: "sam@example.org", template: "sign-in-code", language: "cy", status: "pending" });
    const code = email.personalisation.code;
    expect(code).toMatch(/^\d{6}$/);
    const [stored] = await db.select().from(signInCodes);
    expect(stored.codeHash).not.toContain(code);
    expect(stored.expiresAt.getTime() - start.getTime()).toBe(CODE_MINUTES * 60 * 1000);
    expect(stored.id).toBe(sha256(result.ok ? result.token : ""));
  });

  test("addresses are normalised so one person has one account", () => {
    expect(normaliseEmail("  Sam@Example.ORG ")).toBe("sam@example.org");
  });

  test("one connection may ask for five codes an hour for an address, then gets a clear refusal; once a whole hour has passed it may ask again", async () => {
    for (let i = 0; i < limits.codesPerAddress.max; i++) {
      expect((await requestCode({ email: "sam@example.org", ip, language: "en", returnTo: null, replacing: null, now: minutes(i) })).ok).toBe(true);
    }
    expect(await requestCode({ email: "sam@example.org", ip, language: "en", returnTo: null, replacing: null, now: minutes(10) })).toEqual({
      ok: false,
      reason: "too-many-for-address",
    });
    // The limit slides: at the next hour's start the last hour still counts.
    expect((await requestCode({ email: "sam@example.org", ip, language: "en", returnTo: null, replacing: null, now: minutes(61) })).ok).toBe(false);
    expect((await requestCode({ email: "sam@example.org", ip, language: "en", returnTo: null, replacing: null, now: minutes(120) })).ok).toBe(true);
  });

  test("codes asked for from other connections never use up the allowance of the person who owns the address", async () => {
    for (let i = 0; i < 20; i++)
      await requestCode({ email: "sam@example.org", ip: `198.51.100.${i % 4}`, language: "en", returnTo: null, replacing: null, now: minutes(1) });
    expect((await requestCode({ email: "sam@example.org", ip, language: "en", returnTo: null, replacing: null, now: minutes(2) })).ok).toBe(true);
  });

  test("an IPv6 network (/64) counts as one connection, so its many addresses do not each get an allowance", async () => {
    expect(connectionOf("2001:db8:1:2:aaaa::1")).toBe(connectionOf("2001:0db8:0001:0002:ffff:1:2:3"));
    expect(connectionOf("2001:db8:1:2::")).toBe("2001:db8:1:2::/64");
    expect(connectionOf("2001:db8:1:3::1")).not.toBe(connectionOf("2001:db8:1:2::1"));
    expect(connectionOf("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(connectionOf("192.0.2.1")).toBe("192.0.2.1");
    for (let i = 1; i <= limits.codesPerAddress.max; i++) {
      expect((await requestCode({ email: "sam@example.org", ip: `2001:db8:1:2::${i}`, language: "en", returnTo: null, replacing: null, now: start })).ok).toBe(
        true,
      );
    }
    expect((await requestCode({ email: "sam@example.org", ip: "2001:db8:1:2:ffff::9", language: "en", returnTo: null, replacing: null, now: start })).ok).toBe(
      false,
    );
  });

  test("a refusal is audited once a window, not once a request, so nobody can grow the audit log by asking", async () => {
    const refusals = async () => (await db.select().from(auditEvents)).filter((e) => e.event === "sign_in_rate_limited").length;
    const before = await refusals();
    for (let i = 0; i < limits.codesPerAddress.max + 10; i++) {
      await requestCode({ email: "sam@example.org", ip, language: "en", returnTo: null, replacing: null, now: minutes(1) });
    }
    expect(await refusals()).toBe(before + 1);
    for (let i = 0; i < limits.codesPerAddress.max + 10; i++) {
      await requestCode({ email: "sam@example.org", ip, language: "en", returnTo: null, replacing: null, now: minutes(61) });
    }
    expect(await refusals()).toBe(before + 2);
    const detail = (await db.select().from(auditEvents)).at(-1)?.detail;
    expect(JSON.stringify(detail)).not.toMatch(/sam|example|\d{6}/);
  });

  test("rate-limit keys hold a keyed hash of the address, which a list of addresses and SHA-256 cannot reverse", async () => {
    await requestCode({ email: "sam@example.org", ip, language: "en", returnTo: null, replacing: null, now: start });
    const keys = (await db.select().from(rateLimits)).map((r) => r.key).join("\n");
    const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
    expect(keys).not.toContain("sam@example.org");
    for (const guess of ["sam@example.org", "address:sam@example.org", `sam@example.org:${ip}`, `address:sam@example.org:${ip}`]) {
      expect(keys).not.toContain(sha256(guess));
    }
    expect(keys).toMatch(new RegExp(`^${limits.codesPerAddress.name}:[0-9a-f]{64}$`, "m"));
  });

  test("one connection may not ask for codes for address after address", async () => {
    for (let i = 0; i < limits.codesPerIp.max; i++) {
      await requestCode({ email: `person${i}@example.org`, ip, language: "en", returnTo: null, replacing: null, now: start });
    }
    expect(await requestCode({ email: "one-more@example.org", ip, language: "en", returnTo: null, replacing: null, now: start })).toEqual({
      ok: false,
      reason: "too-many-from-ip",
    });
  });
});

describe("entering the code", () => {
  async function ask(email = "sam@example.org", now = start, { from = ip, replacing = null as string | null } = {}) {
    const result = await requestCode({ email, ip: from, language: "en", returnTo: "/stories/abc", replacing, now });
    if (!result.ok) throw new Error("code not sent");
    return { token: result.token, code: await lastCodeFor(email) };
  }

  test("the right code signs in, makes the account on first use and returns the page asked for", async () => {
    const { token, code } = await ask();
    const result = await verifyCode({ token, code, ip, language: "cy", now: minutes(1) });
    expect(result).toMatchObject({ ok: true, returnTo: "/stories/abc", language: "cy" });
    if (!result.ok) return;
    const resident = await first(db.select().from(residents));
    expect(resident).toMatchObject({ email: "sam@example.org", language: "cy" });
    const session = await findSession(sha256(result.sessionToken));
    expect(session?.resident.id).toBe(resident?.id);
  });

  test("a returnTo that is not a plain path on this site is never kept, so signing in always ends on this site", async () => {
    const asked = await requestCode({ email: "sam@example.org", ip, language: "en", returnTo: "/%09/evil.example", replacing: null, now: start });
    expect((await first(db.select().from(signInCodes)))?.returnTo).toBeNull();
    // A row written before the rule tightened is checked again before the sign-in is committed.
    await db.update(signInCodes).set({ returnTo: "/\u3002" });
    const result = await verifyCode({ token: asked.ok ? asked.token : null, code: await lastCodeFor("sam@example.org"), ip, language: "en", now: minutes(1) });
    expect(result).toMatchObject({ ok: true, returnTo: null });
  });

  test("a code works once", async () => {
    const { token, code } = await ask();
    expect((await verifyCode({ token, code, ip, language: "en", now: minutes(1) })).ok).toBe(true);
    expect(await verifyCode({ token, code, ip, language: "en", now: minutes(2) })).toEqual({ ok: false, reason: "expired" });
  });

  test("a code expires after 15 minutes", async () => {
    const { token, code } = await ask();
    expect(await verifyCode({ token, code, ip, language: "en", now: minutes(15) })).toEqual({ ok: false, reason: "expired" });
  });

  test("five wrong tries end the code, even if the sixth is right", async () => {
    const { token, code } = await ask();
    const wrong = code === "000000" ? "111111" : "000000";
    const reasons = [];
    for (let i = 0; i < 5; i++) reasons.push(await verifyCode({ token, code: wrong, ip, language: "en", now: minutes(1) }));
    expect(reasons.map((r) => (r.ok ? "ok" : r.reason))).toEqual(["wrong", "wrong", "wrong", "wrong", "too-many-tries"]);
    expect(await verifyCode({ token, code, ip, language: "en", now: minutes(2) })).toEqual({ ok: false, reason: "too-many-tries" });
  });

  test("asking again from the same browser makes its earlier code worthless", async () => {
    const first = await ask();
    const second = await ask("sam@example.org", minutes(1), { replacing: first.token });
    expect(await verifyCode({ token: first.token, code: first.code, ip, language: "en", now: minutes(2) })).toEqual({ ok: false, reason: "expired" });
    expect((await verifyCode({ token: second.token, code: second.code, ip, language: "en", now: minutes(2) })).ok).toBe(true);
  });

  test("codes other browsers ask for, for the same address, leave the person's code working", async () => {
    const mine = await ask();
    for (let i = 0; i < 10; i++)
      await requestCode({ email: "sam@example.org", ip: `198.51.100.${i}`, language: "en", returnTo: null, replacing: null, now: minutes(1) });
    expect((await verifyCode({ token: mine.token, code: mine.code, ip, language: "en", now: minutes(2) })).ok).toBe(true);
  });

  test("the sweep deletes residents' codes once used or expired, and keeps those still waiting", async () => {
    const used = await ask("used@example.org");
    await verifyCode({ token: used.token, code: used.code, ip, language: "en", now: minutes(1) });
    await ask("expired@example.org");
    const waiting = await ask("waiting@example.org", minutes(10));
    await forgetExpired(minutes(CODE_MINUTES + 1));
    expect((await db.select().from(signInCodes)).map((row) => row.email)).toEqual(["waiting@example.org"]);
    expect((await verifyCode({ token: waiting.token, code: waiting.code, ip, language: "en", now: minutes(CODE_MINUTES + 2) })).ok).toBe(true);
  });

  test("a code is useless without the browser that asked for it", async () => {
    const { code } = await ask();
    expect(await verifyCode({ token: null, code, ip, language: "en", now: minutes(1) })).toEqual({ ok: false, reason: "no-sign-in" });
    expect(await verifyCode({ token: "made-up", code, ip, language: "en", now: minutes(1) })).toEqual({ ok: false, reason: "no-sign-in" });
  });

  test("one connection may only try so many codes in 15 minutes", async () => {
    const { token, code } = await ask();
    for (let i = 0; i < limits.codeAttemptsPerIp.max; i++) await verifyCode({ token: "made-up", code: "123456", ip, language: "en", now: minutes(1) });
    expect(await verifyCode({ token, code, ip, language: "en", now: minutes(2) })).toEqual({ ok: false, reason: "too-many-from-ip" });
    expect((await verifyCode({ token, code, ip: "198.51.100.1", language: "en", now: minutes(2) })).ok).toBe(true);
  });
});

describe("sessions", () => {
  test("end after 60 idle minutes or 12 hours, whichever comes first", () => {
    const session = { lastSeenAt: start, expiresAt: new Date(start.getTime() + 12 * 60 * 60 * 1000) };
    expect(sessionIsLive(session, minutes(59))).toBe(true);
    expect(sessionIsLive(session, minutes(60))).toBe(false);
    const busy = { lastSeenAt: minutes(12 * 60 - 1), expiresAt: session.expiresAt };
    expect(sessionIsLive(busy, minutes(12 * 60 - 0.5))).toBe(true);
    expect(sessionIsLive(busy, minutes(12 * 60))).toBe(false);
  });

  test("signing out ends the session on the server at once, and its row goes when the session would have expired", async () => {
    const asked = await requestCode({ email: "sam@example.org", ip, language: "en", returnTo: null, replacing: null, now: start });
    if (!asked.ok) throw new Error("code not sent");
    const result = await verifyCode({ token: asked.token, code: await lastCodeFor("sam@example.org"), ip, language: "en", now: minutes(1) });
    if (!result.ok) throw new Error("not signed in");
    const hash = sha256(result.sessionToken);
    // Last used when signing in, a minute in: kept (and its cookie with it) until 60 minutes after that.
    expect(await signOut({ sessionHash: hash, resident: { id: result.residentId } }, minutes(2))).toEqual({
      keptUntil: minutes(1 + IDLE_MINUTES),
      oneLoginIdToken: null,
    });
    const request = new Request("http://localhost/stories", { headers: { Cookie: `session=${result.sessionToken}` } });
    expect(await sessionState(request, minutes(3))).toEqual({ ended: "signedOut" });
    await deleteExpiredSessions(minutes(1 + IDLE_MINUTES - 1));
    expect((await findSession(hash))?.signedOutAt).toEqual(minutes(2));
    await deleteExpiredSessions(minutes(1 + IDLE_MINUTES + 1));
    expect(await findSession(hash)).toBeUndefined();
  });
});
