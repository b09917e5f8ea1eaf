import { describe, expect, test } from "vitest";
import { formatDateTime } from "./dates";

describe("formatDateTime", () => {
  test("writes UK time in the GOV.UK style, in English and Welsh", () => {
    const summer = new Date("2026-07-03T13:05:00Z");
    expect(formatDateTime(summer, "en")).toBe("3 July 2026 at 2:05pm");
    expect(formatDateTime(summer, "cy")).toBe("3 Gorffennaf 2026 am 2:05yh");
  });

  test("midnight and midday are 12", () => {
    expect(formatDateTime(new Date("2026-11-26T00:10:00Z"), "en")).toBe("26 November 2026 at 12:10am");
    expect(formatDateTime(new Date("2026-11-26T12:00:00Z"), "cy")).toBe("26 Tachwedd 2026 am 12:00yh");
  });
});
