/**
 * The addresses and shared words of the share journey. Safe for the browser
 * (no server modules), so pages and the server agree on both.
 */
import type { TFunction } from "i18next";
import { storyPath } from "./story-sections";

export type ShareStep = "how-long" | "updates" | "contact" | "check" | "agree";

/** The journey's pages: choosing agencies is `/share` itself. */
export function sharePath(storyId: string, step?: ShareStep): string {
  return step ? `${storyPath(storyId)}/share/${step}` : `${storyPath(storyId)}/share`;
}

export function partsPath(storyId: string, agencyId: string): string {
  return `${storyPath(storyId)}/share/parts/${agencyId}`;
}

/** "Who has your story": every share of a story, where each can be stopped. */
export function sharesPath(storyId: string): string {
  return `${storyPath(storyId)}/shares`;
}

export function receiptPath(storyId: string, shareId: string): string {
  return `${sharesPath(storyId)}/${shareId}/receipt`;
}

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

/** What a share lets an agency see, in words: the name always, then each part chosen. */
export function partNames(t: TFunction, sections: readonly string[]): string[] {
  return [t("sharing:declaration.name"), ...sections.map((id) => (id === "about" ? t("sharing:parts.about") : t(`story:sections.${id}.title`)))];
}

/** The ways an agency may get in touch, in a sentence ("email, text message"): the words "About you" uses for them. */
export function contactWays(t: TFunction, methods: readonly string[]): string {
  return methods.map((method) => t(`story:fields.about.contactBy.inline.${method}`)).join(", ");
}

/** "For example, 27 3 2026": a date two months on, written the way the date inputs take it. */
export function exampleEndDate(now: Date): string {
  const example = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 27));
  return `${example.getUTCDate()} ${example.getUTCMonth() + 1} ${example.getUTCFullYear()}`;
}

export type SharedStoryPage = "email" | "code" | "summary" | "received" | "finish";

/** Where a professional reads a shared story, once the link has been exchanged for a cookie: /shared/:shareId/… */
export function sharedStoryPath(shareId: string, page: SharedStoryPage): string {
  return `/shared/${shareId}/${page}`;
}

/** The longest message a professional can send back with "Let them know you've received this". */
export const MAX_REPLY_MESSAGE = 500;
