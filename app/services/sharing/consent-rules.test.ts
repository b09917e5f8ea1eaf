import { describe, expect, test } from "vitest";
import { storySections, type StoryContent } from "#app/models/story-sections";
import {
  accessExpiresAt,
  accessState,
  atAgencyDomain,
  changedSince,
  contactCautions,
  extension,
  lastVersionShown,
  mayChange,
  basisEnds,
  basisNeedsReview,
  mayShare,
  sectionsToShare,
  sharedContent,
  shareEndsAt,
  shareState,
  stopping,
  versionShown,
} from "./consent-rules";

const now = new Date("2026-11-26T14:30:00Z");

describe("who may share", () => {
  test("only the owner, or a helper they let share, of a published story", () => {
    const self = { basis: "self", dateOfBirth: null };
    expect(mayShare({ latestVersion: 1, subject: self }, "owner", now)).toBe("ok");
    expect(mayShare({ latestVersion: 1, subject: self }, "editAndShare", now)).toBe("ok");
    expect(mayShare({ latestVersion: 1, subject: self }, "edit", now)).toBe("not-allowed");
    expect(mayShare({ latestVersion: 1, subject: self }, "none", now)).toBe("not-allowed");
    expect(mayShare({ latestVersion: null, subject: self }, "owner", now)).toBe("not-published");
  });

  test("a parent, until the child's 16th birthday begins; every other basis has no end here", () => {
    const child = (dateOfBirth: string) => ({ latestVersion: 1, subject: { basis: "parental", dateOfBirth } });
    // now is 26 November 2026, 14:30 UTC.
    expect(mayShare(child("2010-11-27"), "owner", now)).toBe("ok");
    expect(mayShare(child("2010-11-26"), "owner", now)).toBe("basis-ended");
    expect(mayShare(child("2011-01-01"), "owner", now)).toBe("ok");
    expect(mayShare({ ...child("2000-01-01"), subject: { basis: "lpa", dateOfBirth: "1940-01-01" } }, "owner", now)).toBe("ok");
    // Born on 29 February: 16 on 29 February, or on 1 March in a year with none (2100 is not a leap year).
    expect(basisEnds({ basis: "parental", dateOfBirth: "2012-02-29" })).toEqual(new Date("2028-02-29T00:00:00Z"));
    expect(basisEnds({ basis: "parental", dateOfBirth: "2084-02-29" })).toEqual(new Date("2100-03-01T00:00:00Z"));
  });

  test("the carer is asked to review from 30 days before parental responsibility ends", () => {
    const parental = (dateOfBirth: string) => ({ basis: "parental", dateOfBirth });
    expect(basisNeedsReview(parental("2010-12-27"), now)).toBe(false);
    expect(basisNeedsReview(parental("2010-12-26"), now)).toBe(true);
    expect(basisNeedsReview(parental("2010-01-01"), now)).toBe(true);
    expect(basisNeedsReview({ basis: "asked", dateOfBirth: "2010-12-01" }, now)).toBe(false);
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

  test("once stopped or ended: the newest saved before then when kept up to date, otherwise the one agreed", () => {
    const saved = [1, 2, 3].map((version) => ({ version, publishedAt: new Date(`2026-0${version}-01T12:00:00Z`) }));
    const stopped = { version: 1, keepUpToDate: true, stoppedAt: new Date("2026-02-15T00:00:00Z"), endsAt: new Date("2026-12-31T23:59:59Z") };
    expect(lastVersionShown(stopped, saved)).toBe(2);
    expect(lastVersionShown({ ...stopped, keepUpToDate: false }, saved)).toBe(1);
    // Ended without being stopped: its end date is when it stopped showing anything.
    expect(lastVersionShown({ ...stopped, stoppedAt: null, endsAt: new Date("2026-03-01T12:00:00Z") }, saved)).toBe(2);
    expect(lastVersionShown({ ...stopped, stoppedAt: null, endsAt: new Date("2027-01-01T00:00:00Z") }, saved)).toBe(3);
    // Never one older than the version agreed.
    expect(lastVersionShown({ ...stopped, version: 2, stoppedAt: new Date("2026-01-15T00:00:00Z") }, saved)).toBe(2);
  });
});

describe("what an agency may read", () => {
  // Every section answered, each answer carrying a marker of its own section.
  const ids = storySections.map((section) => section.id);
  const marked: StoryContent = Object.fromEntries(
    ids.map((id) => [
      id,
      id === "about" ? { name: "Sam Jones", email: "MARK-about@example.org" } : { text: `MARK-${id}-words`, items: [{ note: `MARK-${id}-item` }] },
    ]),
  );
  const subsets = Array.from({ length: 2 ** ids.length }, (_, mask) => ids.filter((_, bit) => mask & (1 << bit)));

  test("each of the 512 combinations of sections shows exactly the sections chosen", () => {
    expect(subsets).toHaveLength(512);
    for (const chosen of subsets) {
      const shared = sharedContent(marked, chosen);
      expect(Object.keys(shared)).toEqual(chosen);
      const json = JSON.stringify(shared);
      for (const id of ids) {
        const markers = JSON.stringify(marked[id]).match(/MARK-[a-z-]+(?:@example\.org)?/g)!;
        for (const marker of markers) expect(json.includes(marker), `${marker} with [${chosen.join(", ")}]`).toBe(chosen.includes(id));
      }
    }
  });

  test("keeps the story's order and drops unknown, unanswered and repeated sections", () => {
    const content: StoryContent = { about: { name: "Sam Jones" }, goals: { goals: [{ goal: "A job" }] }, matters: { matters: "Bess" } };
    expect(Object.keys(sharedContent(content, ["goals", "made-up", "matters", "strengths", "goals"]))).toEqual(["matters", "goals"]);
    expect(sharedContent(content, [])).toEqual({});
  });
});

describe("what a professional must not do when getting in touch (the warning at the top of the summary)", () => {
  const byEmail = { allowed: true, methods: ["email"] };
  const about = { name: "Sam Jones", address: "1 Mill Lane", safeToLeaveMessages: "no" };

  test("nothing to warn of: contact agreed, messages safe or not said, no address or letters agreed", () => {
    expect(contactCautions(byEmail, undefined)).toEqual([]);
    expect(contactCautions(byEmail, { name: "Sam Jones", safeToLeaveMessages: "yes" })).toEqual([]);
    expect(contactCautions({ allowed: true, methods: ["letter"] }, { address: "1 Mill Lane" })).toEqual([]);
  });

  test("no contact agreed", () => {
    expect(contactCautions({ allowed: false, methods: [] }, undefined)).toEqual(["noContact"]);
  });

  test("not safe to leave messages, whatever ways were agreed", () => {
    expect(contactCautions({ allowed: true, methods: ["text"] }, { safeToLeaveMessages: "no" })).toEqual(["noMessages"]);
  });

  test("an address they can read, and letters not agreed (or no contact at all): do not write to it", () => {
    expect(contactCautions(byEmail, { address: "1 Mill Lane" })).toEqual(["notByPost"]);
    expect(contactCautions({ allowed: false, methods: [] }, { address: "1 Mill Lane" })).toEqual(["noContact", "notByPost"]);
    expect(contactCautions(byEmail, { address: "  " })).toEqual([]);
  });

  test("all of them at once, in that order", () => {
    expect(contactCautions({ allowed: false, methods: [] }, about)).toEqual(["noContact", "noMessages", "notByPost"]);
    expect(contactCautions(byEmail, about)).toEqual(["noMessages", "notByPost"]);
  });
});

describe("what has changed since a professional last looked", () => {
  const v1: StoryContent = { about: { name: "Sam" }, matters: { matters: "Bess" }, goals: { goals: [{ goal: "A job" }] } };

  test("nothing is marked on a first view, or when nothing differs", () => {
    expect(changedSince(v1, null)).toEqual([]);
    expect(changedSince(v1, structuredClone(v1))).toEqual([]);
  });

  test("a section whose words differ, or that was not shown before, is marked; one no longer shared is not", () => {
    const v2: StoryContent = { about: { name: "Sam" }, matters: { matters: "Bess and Rex" }, strengths: { strengths: "Patience" } };
    expect(changedSince(v2, v1)).toEqual(["matters", "strengths"]);
  });
});

describe("a professional's access in one browser", () => {
  test("lasts an hour to prove the address, then 8 hours from proving it", () => {
    expect(accessExpiresAt(now, false)).toEqual(new Date("2026-11-26T15:30:00Z"));
    expect(accessExpiresAt(now, true)).toEqual(new Date("2026-11-26T22:30:00Z"));
  });

  test("is unverified, then verified, and expired from the moment it runs out", () => {
    const expiresAt = accessExpiresAt(now, true);
    expect(accessState({ verifiedAt: null, expiresAt }, now)).toBe("unverified");
    expect(accessState({ verifiedAt: now, expiresAt }, new Date(expiresAt.getTime() - 1))).toBe("verified");
    expect(accessState({ verifiedAt: now, expiresAt }, expiresAt)).toBe("expired");
    expect(accessState({ verifiedAt: null, expiresAt }, expiresAt)).toBe("expired");
  });
});

describe("a work address", () => {
  test("must be at one of the agency's domains exactly, in any case", () => {
    const domains = ["demo-council.example.org", "housing.demo-council.example.org"];
    expect(atAgencyDomain("jo@demo-council.example.org", domains)).toBe(true);
    expect(atAgencyDomain("Jo@Housing.Demo-Council.Example.org", domains)).toBe(true);
    expect(atAgencyDomain("jo@evil-demo-council.example.org", domains)).toBe(false);
    expect(atAgencyDomain("jo@other.demo-council.example.org", domains)).toBe(false);
    expect(atAgencyDomain("jo@demo-council.example.org.evil.test", domains)).toBe(false);
    expect(atAgencyDomain("demo-council.example.org@evil.test", domains)).toBe(false);
    expect(atAgencyDomain("@demo-council.example.org", domains)).toBe(false);
    expect(atAgencyDomain("no-at-sign", domains)).toBe(false);
  });

  test("or one of the single addresses the agency lists, exactly, in any case", () => {
    // Three NHS agencies on one domain: each lists its own staff, and the domain opens none of them.
    const addresses = ["crisis.lead@nhs.example.net", "Crisis.Duty@NHS.example.net"];
    expect(atAgencyDomain("crisis.lead@nhs.example.net", [], addresses)).toBe(true);
    expect(atAgencyDomain("CRISIS.DUTY@nhs.example.net", [], addresses)).toBe(true);
    expect(atAgencyDomain("memory.lead@nhs.example.net", [], addresses)).toBe(false);
    expect(atAgencyDomain("xcrisis.lead@nhs.example.net", [], addresses)).toBe(false);
    expect(atAgencyDomain("crisis.lead@nhs.example.net.evil.test", [], addresses)).toBe(false);
    expect(atAgencyDomain("crisis.lead@nhs.example.net ", [], addresses)).toBe(false);
    // Beside a domain, both admit.
    expect(atAgencyDomain("anyone@hub.example.org", ["hub.example.org"], ["volunteer@mail.example.com"])).toBe(true);
    expect(atAgencyDomain("volunteer@mail.example.com", ["hub.example.org"], ["volunteer@mail.example.com"])).toBe(true);
    expect(atAgencyDomain("other@mail.example.com", ["hub.example.org"], ["volunteer@mail.example.com"])).toBe(false);
  });
});
