import { env } from "#app/config/env.server";
import type { Language } from "#app/i18n/i18n";
import { serverT } from "#app/i18n/i18n.server";
import { recordAuditEvent } from "#app/models/audit.server";
import { countsByMonth, firstCountedInstant, type Measure } from "#app/models/figures.server";

/*
 * The staff area's impact figures, month by month in UK time. What each
 * figure counts is in the README ("Staff area"); the counting is the
 * database's (app/models/figures.server.ts).
 */

/** A calendar month in UK time: "2026-03", and its first instant. */
export type Month = { key: string; start: Date };

/** The page shows a year; the download goes back to the first month anything happened, ten years at most. */
export const MONTHS_SHOWN = 12;
const MOST_MONTHS = 120;

const ukParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  second: "numeric",
  hourCycle: "h23",
});

/** UK time's year and month (0–11) at an instant. */
function ukYearMonth(at: Date): { year: number; month: number } {
  const parts = Object.fromEntries(ukParts.formatToParts(at).map((part) => [part.type, Number(part.value)]));
  return { year: parts.year, month: parts.month - 1 };
}

/** How far UK time is ahead of UTC at an instant, in milliseconds (0 in winter, an hour in summer). */
function ukOffset(at: Date): number {
  const parts = Object.fromEntries(ukParts.formatToParts(at).map((part) => [part.type, Number(part.value)]));
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * Midnight at the start of a day in UK time (`month` 0–11). The clocks change
 * at 1am UTC, so UK time's offset at midnight UTC that day is its offset at
 * its own midnight.
 */
export function ukMidnight(year: number, month: number, day: number): Date {
  const midnightUtc = Date.UTC(year, month, day);
  return new Date(midnightUtc - ukOffset(new Date(midnightUtc)));
}

/** Midnight at the start of a month in UK time. */
export function monthStart(year: number, month: number): Date {
  return ukMidnight(year, month, 1);
}

function monthAt(year: number, month: number): Month {
  const normalised = new Date(Date.UTC(year, month, 1));
  const [y, m] = [normalised.getUTCFullYear(), normalised.getUTCMonth()];
  return { key: `${y}-${String(m + 1).padStart(2, "0")}`, start: monthStart(y, m) };
}

/** The `count` months up to and including the month of `now`, oldest first. */
export function monthsUpTo(now: Date, count: number): Month[] {
  const { year, month } = ukYearMonth(now);
  return Array.from({ length: count }, (_, index) => monthAt(year, month - (count - 1 - index)));
}

/** Every month from the one `first` falls in to the month of `now` (at least one, at most ten years). */
export function monthsSince(first: Date | null, now: Date): Month[] {
  const from = ukYearMonth(first ?? now);
  const to = ukYearMonth(now);
  const span = (to.year - from.year) * 12 + (to.month - from.month) + 1;
  return monthsUpTo(now, Math.min(MOST_MONTHS, Math.max(1, span)));
}

/** One month's figures, as the table, the chart and the download show them. */
export type MonthFigures = {
  month: string;
  storiesPublished: number;
  agenciesReached: number;
  /** Shares still active at the month's end (for this month: now). */
  sharesActive: number;
  sharesStopped: number;
  sharesEnded: number;
  views: number;
  acknowledgements: number;
  retellingsAvoided: number;
  /** Retellings avoided times COST_PER_RETELLING, in pounds; null when the council has not set a cost. */
  costAvoided: number | null;
};

/** The figures' columns, in the order the table and the download give them. */
export const FIGURE_COLUMNS = [
  "storiesPublished",
  "agenciesReached",
  "sharesActive",
  "sharesStopped",
  "sharesEnded",
  "views",
  "acknowledgements",
  "retellingsAvoided",
  "costAvoided",
] as const satisfies readonly (keyof MonthFigures)[];

/** Each month's figures, oldest first, worked out from one statement's counts. */
export async function figuresFor(months: readonly Month[], now = new Date()): Promise<MonthFigures[]> {
  if (months.length === 0) return [];
  const [year, month] = months[months.length - 1].key.split("-").map(Number);
  // The month after the last: its number (1–12) is the next month's index (0–11).
  const end = monthAt(year, month).start;
  const counts = await countsByMonth(
    months.map((month) => month.start),
    end,
    now,
  );
  const at = (measure: Measure, index: number) =>
    counts.filter((row) => row.measure === measure && row.month === index).reduce((total, row) => total + row.count, 0);
  // Active at a month's end: every share made by then, less every share that had stopped or ended by then.
  let active = at("sharesMade", -1) - at("sharesStopped", -1) - at("sharesEnded", -1);
  return months.map((month, index) => {
    active += at("sharesMade", index) - at("sharesStopped", index) - at("sharesEnded", index);
    const retellingsAvoided = at("retellingsAvoided", index);
    return {
      month: month.key,
      storiesPublished: at("storiesPublished", index),
      agenciesReached: at("agenciesReached", index),
      sharesActive: active,
      sharesStopped: at("sharesStopped", index),
      sharesEnded: at("sharesEnded", index),
      views: at("views", index),
      acknowledgements: at("acknowledgements", index),
      retellingsAvoided,
      costAvoided: env.COST_PER_RETELLING === undefined ? null : Math.round(retellingsAvoided * env.COST_PER_RETELLING * 100) / 100,
    };
  });
}

/** The figures the page shows: the last twelve months. */
export async function recentFigures(now = new Date()): Promise<MonthFigures[]> {
  return figuresFor(monthsUpTo(now, MONTHS_SHOWN), now);
}

/** "March 2026" ("Mawrth 2026"), for a month's key. */
export function monthName(key: string, lang: Language): string {
  const [year, month] = key.split("-").map(Number);
  return new Intl.DateTimeFormat(lang === "cy" ? "cy-GB" : "en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(year, month - 1, 15)),
  );
}

/** Totals over the months given, of the figures that add up (shares active at a moment do not). */
export function totalsOf(figures: readonly MonthFigures[]): Omit<MonthFigures, "month" | "sharesActive"> {
  const sum = (column: Exclude<keyof MonthFigures, "month" | "sharesActive" | "costAvoided">) => figures.reduce((total, row) => total + row[column], 0);
  const retellingsAvoided = sum("retellingsAvoided");
  return {
    storiesPublished: sum("storiesPublished"),
    agenciesReached: sum("agenciesReached"),
    sharesStopped: sum("sharesStopped"),
    sharesEnded: sum("sharesEnded"),
    views: sum("views"),
    acknowledgements: sum("acknowledgements"),
    retellingsAvoided,
    costAvoided: env.COST_PER_RETELLING === undefined ? null : Math.round(retellingsAvoided * env.COST_PER_RETELLING * 100) / 100,
  };
}

/**
 * One field of a CSV file (RFC 4180): quoted when it holds a comma, a quote or
 * a line break, with quotes doubled. Text that a spreadsheet would run as a
 * formula (starting =, +, -, @, a tab or a carriage return) is put after an
 * apostrophe, so opening the file can never run anything.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Every month's figures since the first thing the service counted, as a CSV
 * file in `lang` (a byte order mark first, so spreadsheets read the Welsh
 * right; lines end CRLF). The download is written to the audit log.
 */
export async function figuresCsv(lang: Language, staff: { reference: string }, now = new Date()): Promise<{ csv: string; filename: string }> {
  const months = monthsSince(await firstCountedInstant(), now);
  const figures = await figuresFor(months, now);
  await recordAuditEvent("figures_downloaded", { staff: staff.reference, months: months.length });
  const t = serverT(lang, "staff");
  const columns = FIGURE_COLUMNS.filter((column) => column !== "costAvoided" || env.COST_PER_RETELLING !== undefined);
  const header = [t("staff:figures.csvMonth"), ...columns.map((column) => t(`staff:figures.columns.${column}`))];
  const lines = [header, ...figures.map((row) => [row.month, ...columns.map((column) => row[column])])];
  const csv = `\uFEFF${lines.map((line) => line.map(csvField).join(",")).join("\r\n")}\r\n`;
  return { csv, filename: `figures-${months[0].key}-to-${months[months.length - 1].key}.csv` };
}

/** A count as the page writes it: "1,234" (grouped the same way in Welsh). */
export function formatCount(value: number, lang: Language): string {
  return new Intl.NumberFormat(lang === "cy" ? "cy-GB" : "en-GB").format(value);
}

/** An amount in pounds: "£2,500", or "£31.25" when it has pence. */
export function formatPounds(value: number, lang: Language): string {
  const pence = Number.isInteger(value) ? 0 : 2;
  return new Intl.NumberFormat(lang === "cy" ? "cy-GB" : "en-GB", {
    style: "currency",
    currency: "GBP",
    minimumFractionDigits: pence,
    maximumFractionDigits: pence,
  }).format(value);
}

/** "Dec 2026" ("Rhag 2026"), for a month's key, where there is little room (the chart's labels). */
export function shortMonthName(key: string, lang: Language): string {
  const [year, month] = key.split("-").map(Number);
  return new Intl.DateTimeFormat(lang === "cy" ? "cy-GB" : "en-GB", { month: "short", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(year, month - 1, 15)),
  );
}

type Shown = Record<Exclude<keyof MonthFigures, "month">, string>;

/** A month's (or the totals') figures as the page writes them: counts grouped, the cost in pounds, "–" for nothing to show. */
function shown(figures: Omit<MonthFigures, "month" | "sharesActive"> & { sharesActive?: number }, lang: Language): Shown {
  return {
    storiesPublished: formatCount(figures.storiesPublished, lang),
    agenciesReached: formatCount(figures.agenciesReached, lang),
    sharesActive: figures.sharesActive === undefined ? "–" : formatCount(figures.sharesActive, lang),
    sharesStopped: formatCount(figures.sharesStopped, lang),
    sharesEnded: formatCount(figures.sharesEnded, lang),
    views: formatCount(figures.views, lang),
    acknowledgements: formatCount(figures.acknowledgements, lang),
    retellingsAvoided: formatCount(figures.retellingsAvoided, lang),
    costAvoided: figures.costAvoided === null ? "–" : formatPounds(figures.costAvoided, lang),
  };
}

/** Everything the figures page shows, in `lang`: each of the last twelve months, and their totals. */
export async function figuresPage(lang: Language, now = new Date()) {
  const figures = await recentFigures(now);
  return {
    costPerRetelling: env.COST_PER_RETELLING === undefined ? null : formatPounds(env.COST_PER_RETELLING, lang),
    months: figures.map((row) => ({
      key: row.month,
      name: monthName(row.month, lang),
      short: shortMonthName(row.month, lang),
      values: row,
      shown: shown(row, lang),
    })),
    totals: shown(totalsOf(figures), lang),
  };
}
