/** The fixed values the share journey's pages and its server-side checks agree on. Safe for the browser. */

/** The date input of "How long": its id, and the prefix of its inputs' names. */
export const END_DATE = "endDate";

/** "For example, 27 3 2026": a date two months on, written the way the date inputs take it. */
export function exampleEndDate(now: Date): string {
  const example = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 27));
  return `${example.getUTCDate()} ${example.getUTCMonth() + 1} ${example.getUTCFullYear()}`;
}

/** The longest message a professional can send back with "Let them know you've received this". */
export const MAX_REPLY_MESSAGE = 500;
