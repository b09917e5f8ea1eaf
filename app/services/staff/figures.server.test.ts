import { describe, expect, test } from "vitest";
import { sharingFixture } from "#tests/support/sharing-fixture";
import { csvField, figuresFor, monthName, monthStart, monthsSince, monthsUpTo, ukMidnight } from "./figures.server";

describe("months in UK time", () => {
  test("a month starts at midnight UK time: GMT in winter, BST in summer", () => {
    expect(monthStart(2026, 0).toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(monthStart(2026, 3).toISOString()).toBe("2026-03-31T23:00:00.000Z");
    expect(monthStart(2026, 10).toISOString()).toBe("2026-11-01T00:00:00.000Z");
    // December runs into the next year's January.
    expect(monthStart(2026, 12).toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });

  test("on the days the clocks change, midnight is before the change", () => {
    // 29 March 2026 and 25 October 2026 are the Sundays the clocks change, at 1am UTC.
    expect(ukMidnight(2026, 2, 29).toISOString()).toBe("2026-03-29T00:00:00.000Z");
    expect(ukMidnight(2026, 2, 30).toISOString()).toBe("2026-03-29T23:00:00.000Z");
    expect(ukMidnight(2026, 9, 25).toISOString()).toBe("2026-10-24T23:00:00.000Z");
    expect(ukMidnight(2026, 9, 26).toISOString()).toBe("2026-10-26T00:00:00.000Z");
  });

  test("the months up to now are UK months: half past midnight on 1 April, BST, is April", () => {
    expect(monthsUpTo(new Date("2026-03-31T23:30:00Z"), 2).map((month) => month.key)).toEqual(["2026-03", "2026-04"]);
    expect(monthsUpTo(new Date("2026-01-10T12:00:00Z"), 3).map((month) => month.key)).toEqual(["2025-11", "2025-12", "2026-01"]);
  });

  test("the months since the first thing counted: at least this one, at most ten years", () => {
    const now = new Date("2026-06-15T12:00:00Z");
    expect(monthsSince(null, now).map((month) => month.key)).toEqual(["2026-06"]);
    expect(monthsSince(new Date("2026-04-30T23:30:00Z"), now).map((month) => month.key)).toEqual(["2026-05", "2026-06"]);
    expect(monthsSince(new Date("2001-01-01T00:00:00Z"), now)).toHaveLength(120);
  });

  test("a month's name in English and Welsh", () => {
    expect(monthName("2026-06", "en")).toBe("June 2026");
    expect(monthName("2026-06", "cy")).toBe("Mehefin 2026");
  });
});

describe("a CSV field", () => {
  test.each([
    { value: 12, field: "12" },
    { value: null, field: "" },
    { value: "Month", field: "Month" },
    { value: "Stories, published", field: '"Stories, published"' },
    { value: 'The "total"', field: '"The ""total"""' },
    { value: "two\r\nlines", field: '"two\r\nlines"' },
    { value: "=HYPERLINK(1)", field: "'=HYPERLINK(1)" },
    { value: "+1", field: "'+1" },
    { value: "-1", field: "'-1" },
    { value: "@SUM(A1)", field: "'@SUM(A1)" },
    { value: '=A1,"x"', field: `"'=A1,""x"""` },
  ])("$value", ({ value, field }) => {
    expect(csvField(value)).toBe(field);
  });
});

describe("figures by month", () => {
  test("a story counts in the month its first version was saved, and not in the months either side", async () => {
    const published = new Date("2031-06-15T12:00:00Z");
    await sharingFixture(published);
    const figures = await figuresFor(monthsUpTo(new Date("2031-07-10T12:00:00Z"), 3), new Date("2031-07-10T12:00:00Z"));
    expect(figures.map((month) => [month.month, month.storiesPublished])).toEqual([
      ["2031-05", 0],
      ["2031-06", 1],
      ["2031-07", 0],
    ]);
    // Without COST_PER_RETELLING, no cost.
    expect(figures.every((month) => month.costAvoided === null)).toBe(true);
  });
});
