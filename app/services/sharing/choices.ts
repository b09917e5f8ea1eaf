/** The fixed values the share journey's pages and its server-side checks agree on. Safe for the browser. */

/** The date input of "How long": its id, and the prefix of its inputs' names. */
export const END_DATE = "endDate";

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

/** "For example, 27 3 2026": a date two months on, written the way the date inputs take it. */
export function exampleEndDate(now: Date): string {
  const example = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 27));
  return `${example.getUTCDate()} ${example.getUTCMonth() + 1} ${example.getUTCFullYear()}`;
}

/** The longest message a professional can send back with "Let them know you've received this". */
export const MAX_REPLY_MESSAGE = 500;
