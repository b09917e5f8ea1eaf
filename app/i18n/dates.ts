import type { Language } from "./i18n";

/**
 * "3 March 2025 at 2:15 pm", in UK time whatever the server's own zone. Call it in
 * loaders only: browsers' date data differs from Node's (Welsh "yp" or "PM"), and
 * text formatted in both places would not match when the page hydrates.
 */
export function formatDateTime(date: Date, lang: Language): string {
  return new Intl.DateTimeFormat(lang === "cy" ? "cy-GB" : "en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    hour12: true,
    timeZone: "Europe/London",
  }).format(date);
}
