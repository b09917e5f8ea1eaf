import { describe, expect, test } from "vitest";
import { readAuditQuery } from "./audit.server";

const read = (search: string) => readAuditQuery(new URLSearchParams(search), ["signed_in", "staff_signed_in"]);

describe("the audit log's filter", () => {
  test("nothing asked: every event, the first page", () => {
    expect(read("")).toMatchObject({ errors: [], filter: {}, page: 1 });
  });

  test("days are UK days: from its midnight, to the midnight after the last", () => {
    const { filter, errors } = read("from-day=1&from-month=7&from-year=2026&to-day=31&to-month=12&to-year=2026&event=signed_in");
    expect(errors).toEqual([]);
    expect(filter).toEqual({ from: new Date("2026-06-30T23:00:00Z"), before: new Date("2027-01-01T00:00:00Z"), event: "signed_in" });
  });

  test.each([
    { search: "from-day=31&from-month=2&from-year=2026", error: { field: "from-day", message: "staff:audit.errors.from.notReal" } },
    { search: "to-day=3&to-year=2026", error: { field: "to-month", message: "staff:audit.errors.to.missingMonth" } },
    { search: "from-day=3&from-month=3&from-year=26", error: { field: "from-year", message: "staff:audit.errors.from.yearDigits" } },
    {
      search: "from-day=2&from-month=3&from-year=2026&to-day=1&to-month=3&to-year=2026",
      error: { field: "to-day", message: "staff:audit.errors.to.beforeFrom" },
    },
    { search: "event=made_up", error: { field: "event", message: "staff:audit.errors.event" } },
  ])("$search is a mistake, and that part does not filter", ({ search, error }) => {
    const query = read(search);
    expect(query.errors).toEqual([error]);
    expect(query.filter.event).toBeUndefined();
    expect(query.filter.before).toBeUndefined();
  });

  test.each([
    ["page=2", 2],
    ["page=0", 1],
    ["page=-1", 1],
    ["page=two", 1],
    ["page=1.5", 1],
  ])("%s is page %i", (search, page) => {
    expect(read(search).page).toBe(page);
  });
});
