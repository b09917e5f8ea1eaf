import { afterEach, describe, expect, test, vi } from "vitest";
import { datesAhead } from "#tests/support/journey";

describe("datesAhead: the dates a page may show for a date the server set during the run", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test("one date while the run stays within a day (the 31st of March six months on is the last of September)", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-03-31T23:59:00Z"));
    expect(datesAhead(6, new Date("2026-03-31T12:00:00Z"), "en")).toEqual(["30 September 2026"]);
    expect(datesAhead(0, new Date("2026-03-31T12:00:00Z"), "cy")).toEqual(["31 Mawrth 2026"]);
  });

  test("both days' dates once midnight UTC has passed since the run began", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-04-01T00:01:00Z"));
    expect(datesAhead(6, new Date("2026-03-31T23:58:00Z"), "en")).toEqual(["30 September 2026", "1 October 2026"]);
    expect(datesAhead(0, new Date("2026-03-31T23:58:00Z"), "en")).toEqual(["31 March 2026", "1 April 2026"]);
  });
});
