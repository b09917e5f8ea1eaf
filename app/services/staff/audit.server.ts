import { formatDateTime } from "#app/i18n/dates";
import type { Language } from "#app/i18n/i18n";
import { serverT } from "#app/i18n/i18n.server";
import { findAgenciesByIds, agencyName } from "#app/models/agency.server";
import { auditEventCount, auditEventKinds, auditEventsPage, type AuditFilter } from "#app/models/audit-log.server";
import { readDateInput } from "#app/web/form.server";
import type { FormError } from "#app/web/form";
import { ukMidnight } from "./figures.server";

/*
 * Reading the audit log in the staff area: filtered by the days events
 * happened on (UK time) and by kind, newest first, a page at a time. The log
 * holds identifiers and reasons only (recordAuditEvent), so nothing here is
 * anyone's story or name; an agency's id is shown as its name.
 */

export const EVENTS_PER_PAGE = 50;

/** The filter's fields, as its form sends them. */
const FIELDS = ["from-day", "from-month", "from-year", "to-day", "to-month", "to-year", "event"] as const;

/** Midnight at the start of a day the date input gives (a UK calendar day, read as a UTC date). */
const ukDayStart = (date: Date) => ukMidnight(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());

export type AuditQuery = { values: Record<string, string>; errors: FormError[]; filter: AuditFilter; page: number };

/**
 * The filter an address asks for (`?from-day=…&event=…&page=2`): what was
 * typed, to show again, any mistakes in it (each a key in staff.json), and the
 * filter to apply, which leaves out any part with a mistake.
 */
export function readAuditQuery(search: URLSearchParams, kinds: readonly string[]): AuditQuery {
  const values: Record<string, string> = Object.fromEntries(FIELDS.map((field) => [field, (search.get(field) ?? "").trim()]));
  const errors: FormError[] = [];
  const filter: AuditFilter = {};
  const day = (prefix: "from" | "to") => {
    if (["day", "month", "year"].every((part) => values[`${prefix}-${part}`] === "")) return undefined;
    const reading = readDateInput(values, prefix, `staff:audit.errors.${prefix}`);
    if (!reading.ok) {
      errors.push(reading.error);
      return undefined;
    }
    return reading.date;
  };
  const from = day("from");
  const to = day("to");
  if (from) filter.from = ukDayStart(from);
  if (to) filter.before = ukDayStart(new Date(to.getTime() + 24 * 60 * 60 * 1000));
  if (from && to && to < from) {
    errors.push({ field: "to-day", message: "staff:audit.errors.to.beforeFrom" });
    delete filter.before;
  }
  const event = values.event;
  if (event !== "" && !kinds.includes(event)) errors.push({ field: "event", message: "staff:audit.errors.event" });
  else if (event !== "") filter.event = event;
  const page = Number(search.get("page") ?? "1");
  return { values, errors, filter, page: Number.isInteger(page) && page >= 1 && page <= 1_000_000 ? page : 1 };
}

/** What one event's line shows: when, what happened, and its detail as words and identifiers. */
export type AuditLine = { id: number; at: string; event: string; label: string; detail: { key: string; label: string; value: string }[] };

/** The kinds of event there are, named in `lang` where the staff area knows the kind, else by the name the log gives it. */
async function auditKinds(lang: Language): Promise<{ value: string; label: string }[]> {
  const t = serverT(lang, "staff");
  return (await auditEventKinds()).map((kind) => ({ value: kind, label: t(`staff:audit.events.${kind}`, { defaultValue: kind }) }));
}

/** One page of the log as the page shows it, with how many pages the filter gives. */
async function auditLines(query: AuditQuery, lang: Language): Promise<{ lines: AuditLine[]; total: number; pages: number; page: number }> {
  const total = await auditEventCount(query.filter);
  const pages = Math.max(1, Math.ceil(total / EVENTS_PER_PAGE));
  // A page past the last (an old bookmark, say) shows the last.
  const page = Math.min(query.page, pages);
  const events = await auditEventsPage(query.filter, { offset: (page - 1) * EVENTS_PER_PAGE, limit: EVENTS_PER_PAGE });
  const t = serverT(lang, "staff");
  const agencyIds = [...new Set(events.flatMap((event) => (typeof event.detail?.agency === "string" ? [event.detail.agency] : [])))];
  const agencies = new Map((await findAgenciesByIds(agencyIds)).map((agency) => [agency.id, agencyName(agency, lang).text]));
  const lines = events.map((event) => ({
    id: event.id,
    at: formatDateTime(event.at, lang),
    event: event.event,
    label: t(`staff:audit.events.${event.event}`, { defaultValue: event.event }),
    detail: Object.entries(event.detail ?? {}).map(([key, value]) => ({
      key,
      label: t(`staff:audit.details.${key}`, { defaultValue: key }),
      value: key === "agency" && typeof value === "string" && agencies.has(value) ? agencies.get(value)! : String(value),
    })),
  }));
  return { lines, total, pages, page };
}

/**
 * Everything the audit log page shows for the address `url` asks for: the
 * filter as typed and its mistakes, the kinds of event to choose from, one
 * page of events, and the addresses of the pages either side.
 */
export async function auditPage(url: URL, lang: Language) {
  const kinds = await auditKinds(lang);
  const query = readAuditQuery(
    url.searchParams,
    kinds.map((kind) => kind.value),
  );
  const log = await auditLines(query, lang);
  const pageHref = (page: number) => {
    const search = new URLSearchParams(url.searchParams);
    search.set("page", String(page));
    return `${url.pathname}?${search.toString()}`;
  };
  // A filter is a GET, so no action marks its mistakes: the page's own title says "Error:".
  const titled =
    query.errors.length > 0 ? { titleKey: "staff:audit.titleWithErrors", titleValues: { prefix: serverT(lang, "common")("common:errorTitlePrefix") } } : {};
  return {
    ...titled,
    ...log,
    kinds,
    values: query.values,
    errors: query.errors,
    previous: log.page > 1 ? pageHref(log.page - 1) : null,
    next: log.page < log.pages ? pageHref(log.page + 1) : null,
  };
}
