/** The shape of a form's answer to a page: safe for the browser, so components can read it. */

/** One problem with one field. `message` is a translation key; `field` is the id of the input to focus. */
export type FormError = { field: string; message: string; params?: Record<string, string | number> };

/** What the person typed, kept exactly so a page with errors can show it again. */
export type FormValues = Record<string, string | string[]>;

/** A form sent with mistakes: its errors, in page order, and what was typed. */
export type FormProblem = { errors: FormError[]; values: FormValues };

/** The inputs of a GOV.UK date input: `prefix-day`, `prefix-month`, `prefix-year`. */
export type DatePart = "day" | "month" | "year";

export const DATE_PARTS: readonly DatePart[] = ["day", "month", "year"];

/**
 * Which inputs of the date to mark as wrong for an error message: the parts it
 * says are missing, the year when its length is wrong, otherwise the whole date.
 */
export function dateErrorParts(message: string): DatePart[] {
  const missing = message.match(/missing(Day)?(Month)?(Year)?$/);
  if (missing) return DATE_PARTS.filter((_, index) => missing[index + 1] !== undefined);
  if (message.endsWith("yearDigits")) return ["year"];
  return [...DATE_PARTS];
}
