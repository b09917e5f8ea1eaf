import { describe, expect, test } from "vitest";
import { dateErrorParts } from "#app/web/form";
import { validateHowLong } from "./forms.server";

const now = new Date("2026-03-10T12:00:00Z");
const date = (day: string, month: string, year: string) => ({ endsIn: "date", "endDate-day": day, "endDate-month": month, "endDate-year": year });
const problem = (values: Record<string, string>) => {
  const result = validateHowLong(values, now, "en");
  return result.ok ? result.choice : result.errors;
};

describe("how long", () => {
  test("3, 6 or 12 months, or a date after today and no more than 12 months away", () => {
    expect(problem({ endsIn: "6" })).toEqual({ months: 6 });
    expect(problem(date("11", "3", "2026"))).toEqual({ date: new Date("2026-03-11T00:00:00Z") });
    expect(problem(date(" 10 ", "03", "2027"))).toEqual({ date: new Date("2027-03-10T00:00:00Z") });
  });

  test.each([
    [{ endsIn: "" }, "endsIn", "required"],
    [{ endsIn: "24" }, "endsIn", "required"],
    [date("", "", ""), "endDate-day", "dateRequired"],
    [date("1", "", ""), "endDate-month", "missingMonthYear"],
    [date("", "4", ""), "endDate-day", "missingDayYear"],
    [date("", "", "2026"), "endDate-day", "missingDayMonth"],
    [date("1", "4", ""), "endDate-year", "missingYear"],
    [date("31", "4", "2026"), "endDate-day", "notReal"],
    [date("1", "April", "2026"), "endDate-day", "notReal"],
    [date("1", "4", "26"), "endDate-year", "yearDigits"],
    [date("10", "3", "2026"), "endDate-day", "past"],
    [date("11", "3", "2027"), "endDate-day", "tooFar"],
  ])("%j: %s %s", (values, field, message) => {
    expect(problem(values)).toEqual([expect.objectContaining({ field, message: `sharing:howLong.errors.${message}` })]);
  });

  test("too far says the last date allowed; an error marks the inputs it is about", () => {
    expect(problem(date("11", "3", "2027"))).toEqual([expect.objectContaining({ params: { date: "10 March 2027" } })]);
    expect(dateErrorParts("sharing:howLong.errors.missingDayYear")).toEqual(["day", "year"]);
    expect(dateErrorParts("sharing:howLong.errors.missingMonth")).toEqual(["month"]);
    expect(dateErrorParts("sharing:howLong.errors.yearDigits")).toEqual(["year"]);
    expect(dateErrorParts("sharing:howLong.errors.past")).toEqual(["day", "month", "year"]);
  });
});
