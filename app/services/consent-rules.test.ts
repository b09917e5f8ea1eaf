import { describe, expect, test } from "vitest";
import { extension, mayChange, mayShare, sectionsToShare, shareEndsAt, shareState, stopping, versionShown } from "./consent-rules";

const now = new Date("2026-11-26T14:30:00Z");

describe("who may share", () => {
  test("only the owner of a published story", () => {
    expect(mayShare({ ownerId: "a", latestVersion: 1 }, "a")).toBe("ok");
    expect(mayShare({ ownerId: "a", latestVersion: 1 }, "b")).toBe("not-owner");
    expect(mayShare({ ownerId: "a", latestVersion: null }, "a")).toBe("not-published");
  });
});

describe("which parts", () => {
  test("are the chosen sections in the story's order, without unknown ones or repeats", () => {
    expect(sectionsToShare(["goals", "strengths", "about", "made-up", "goals"])).toEqual(["about", "strengths", "goals"]);
    expect(sectionsToShare([])).toEqual([]);
  });
});

describe("how long", () => {
  test("3, 6 or 12 months run to the end of that day", () => {
    expect(shareEndsAt({ months: 3 }, now)).toEqual({ ok: true, endsAt: new Date("2027-02-26T23:59:59.999Z") });
    expect(shareEndsAt({ months: 12 }, now)).toEqual({ ok: true, endsAt: new Date("2027-11-26T23:59:59.999Z") });
  });

  test("a month on from the 31st is the end of the shorter month", () => {
    expect(shareEndsAt({ months: 3 }, new Date("2026-11-30T10:00:00Z"))).toEqual({ ok: true, endsAt: new Date("2027-02-28T23:59:59.999Z") });
  });

  test("a date must be after today and no more than 12 months away", () => {
    expect(shareEndsAt({ date: new Date("2026-11-26") }, now)).toEqual({ ok: false, reason: "past" });
    expect(shareEndsAt({ date: new Date("2026-11-27") }, now)).toEqual({ ok: true, endsAt: new Date("2026-11-27T23:59:59.999Z") });
    expect(shareEndsAt({ date: new Date("2027-11-26") }, now).ok).toBe(true);
    expect(shareEndsAt({ date: new Date("2027-11-27") }, now)).toEqual({ ok: false, reason: "too-far" });
  });
});

describe("the state of a share, checked on every access", () => {
  const endsAt = new Date("2027-02-26T23:59:59.999Z");
  test("is active until its end date, ended from that moment", () => {
    expect(shareState({ stoppedAt: null, endsAt }, now)).toBe("active");
    expect(shareState({ stoppedAt: null, endsAt }, new Date(endsAt.getTime() - 1))).toBe("active");
    expect(shareState({ stoppedAt: null, endsAt }, endsAt)).toBe("ended");
  });
  test("is stopped once stopped, whatever the date", () => {
    expect(shareState({ stoppedAt: now, endsAt }, now)).toBe("stopped");
    expect(shareState({ stoppedAt: now, endsAt }, new Date("2030-01-01"))).toBe("stopped");
  });
});

describe("withdrawing", () => {
  test("stops an active share, and doing it again changes nothing", () => {
    expect(stopping("active")).toBe("stop");
    expect(stopping("stopped")).toBe("nothing-to-do");
    expect(stopping("ended")).toBe("nothing-to-do");
  });
});

describe("changing a share", () => {
  test("only an active share can change; a stopped or ended one needs new consent", () => {
    expect(mayChange("active")).toBe(true);
    expect(mayChange("stopped")).toBe(false);
    expect(mayChange("ended")).toBe(false);
  });

  test("extending must move the end date later, within the limits", () => {
    const current = new Date("2027-02-26T23:59:59.999Z");
    expect(extension(current, { months: 6 }, now)).toEqual({ ok: true, endsAt: new Date("2027-05-26T23:59:59.999Z") });
    expect(extension(current, { months: 3 }, now)).toEqual({ ok: false, reason: "not-later" });
    expect(extension(current, { date: new Date("2028-01-01") }, now)).toEqual({ ok: false, reason: "too-far" });
  });
});

describe("which version an agency sees", () => {
  test("the latest when kept up to date, otherwise the one agreed", () => {
    expect(versionShown({ version: 1, keepUpToDate: true }, 3)).toBe(3);
    expect(versionShown({ version: 1, keepUpToDate: false }, 3)).toBe(1);
  });
});
