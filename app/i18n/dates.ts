import type { Language } from "./i18n";

/**
 * "3 March 2025 at 2:15pm" ("3 Mawrth 2025 am 2:15yh"), the GOV.UK style, in UK
 * time whatever the server's own zone. Call it in loaders only: browsers' date
 * data differs from Node's, and text formatted in both places would not match
 * when the page hydrates. The time is put together here because Intl writes
 * "PM" on Welsh pages.
 */
export function formatDateTime(date: Date, lang: Language): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { hour: "numeric", minute: "2-digit", hourCycle: "h23", timeZone: "Europe/London" })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  const hour24 = Number(parts.hour);
  const hour12 = hour24 % 12 === 0 ? 12 : hour24 % 12;
  const period = lang === "cy" ? (hour24 < 12 ? "yb" : "yh") : hour24 < 12 ? "am" : "pm";
  const day = new Intl.DateTimeFormat(lang === "cy" ? "cy-GB" : "en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "Europe/London",
  }).format(date);
  return `${day} ${lang === "cy" ? "am" : "at"} ${hour12}:${parts.minute}${period}`;
}

/**
 * "3 March 2025", for the day a share ends. Shares end at the end of a UTC day
 * (consent-rules.ts), so the day is read in UTC: in summer, London time would
 * show the next day.
 */
export function formatDate(date: Date, lang: Language): string {
  return new Intl.DateTimeFormat(lang === "cy" ? "cy-GB" : "en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(date);
}
