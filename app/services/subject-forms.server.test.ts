import { describe, expect, test } from "vitest";
import { ageOn, validateSomeone } from "./subject-forms.server";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const now = new Date("2026-12-01T10:00:00Z");
const form = { name: "Dafydd Jones", relationship: "his mother", basis: "parental", writerName: "Gwen Jones" };
const born = (d: string, m: string, y: string) => ({ "dateOfBirth-day": d, "dateOfBirth-month": m, "dateOfBirth-year": y });

describe("a person's age", () => {
  test("turns on the birthday itself, and a 29 February birthday on 1 March in other years", () => {
    expect(ageOn(day("2010-12-01"), now)).toBe(16);
    expect(ageOn(day("2010-12-02"), now)).toBe(15);
    expect(ageOn(day("2008-02-29"), day("2026-02-28"))).toBe(17);
    expect(ageOn(day("2008-02-29"), day("2026-03-01"))).toBe(18);
  });
});

describe("who the story is for", () => {
  test("parental responsibility holds until the day before the child is 16", () => {
    expect(validateSomeone({ ...form, ...born("2", "12", "2010") }, now)).toMatchObject({ ok: true, data: { dateOfBirth: "2010-12-02", basisDetail: null } });
    expect(validateSomeone({ ...form, ...born("1", "12", "2010") }, now)).toMatchObject({
      ok: false,
      errors: [{ field: "dateOfBirth-day", message: "story:someone.errors.dateOfBirth.sixteen" }],
    });
  });

  test("the date of birth is optional but for a child; any basis other than parental needs none", () => {
    expect(validateSomeone({ ...form, basis: "deputy" }, now)).toMatchObject({ ok: true, data: { basis: "deputy", dateOfBirth: null } });
    expect(validateSomeone(form, now)).toMatchObject({
      ok: false,
      errors: [{ field: "dateOfBirth-day", message: "story:someone.errors.dateOfBirth.dateRequired" }],
    });
  });

  test("the LPA reference is kept only with an LPA, the explanation only with 'other'", () => {
    const extra = { lpaReference: "7000-1234-5678", basisOther: "I am his appointee for benefits" };
    expect(validateSomeone({ ...form, ...extra, basis: "lpa" }, now)).toMatchObject({ ok: true, data: { basisDetail: "7000-1234-5678" } });
    expect(validateSomeone({ ...form, ...extra, basis: "other" }, now)).toMatchObject({ ok: true, data: { basisDetail: "I am his appointee for benefits" } });
    expect(validateSomeone({ ...form, ...extra, basis: "asked" }, now)).toMatchObject({ ok: true, data: { basisDetail: null } });
    expect(validateSomeone({ ...form, basis: "lpa" }, now)).toMatchObject({ ok: true, data: { basisDetail: null } });
  });

  test("every error in page order, one per field", () => {
    const outcome = validateSomeone({ basis: "other", ...born("", "13", "") }, now);
    expect(outcome.ok ? [] : outcome.errors.map((error) => error.field)).toEqual(["name", "relationship", "dateOfBirth-day", "basisOther", "writerName"]);
    // "Other" with nothing explained is said at once, beside the other mistakes.
    const other = validateSomeone({ basis: "other", name: "", relationship: "his neighbour", writerName: "Jo" }, now);
    expect(other.ok ? [] : other.errors.map((error) => error.field)).toEqual(["name", "basisOther"]);
  });
});
