import { z } from "zod";
import { formatDate } from "#app/i18n/dates";
import type { Language } from "#app/i18n/i18n";
import { END_DATE } from "#app/services/sharing/choices";
import { DATE_PARTS, type DatePart } from "#app/web/form";
import { readDateInput } from "#app/web/form.server";
import { CONTACT_METHODS, storySections } from "#app/models/story-sections";
import { SHARE_PERIODS, shareEndsAt, type EndChoice } from "#app/services/sharing/consent-rules";
import type { FormError, FormValues } from "#app/web/form";

/**
 * The checks on each page of the share journey. Error messages are keys in
 * locales/{en,cy}/sharing.json; fields are keyed by input name in page order.
 */

const sectionIds: readonly string[] = storySections.map((section) => section.id);

export function agenciesSchema(activeIds: readonly string[]) {
  return z.object({
    agencies: z
      .array(z.string())
      .refine((chosen) => chosen.length > 0, { error: "sharing:agencies.errors.required" })
      .refine((chosen) => chosen.every((id) => activeIds.includes(id)), { error: "sharing:agencies.errors.choice" }),
  });
}

export const partsSchema = z.object({
  parts: z
    .array(z.string())
    .refine((chosen) => chosen.length > 0, { error: "sharing:parts.errors.required" })
    .refine((chosen) => chosen.every((id) => sectionIds.includes(id)), { error: "sharing:parts.errors.choice" }),
});

export const updatesSchema = z.object({
  keepUpToDate: z.enum(["yes", "no"], { error: "sharing:updates.errors.required" }),
});

export const contactSchema = z
  .object({
    contact: z.enum(["yes", "no"], { error: "sharing:contact.errors.required" }),
    contactMethods: z.array(z.string()),
  })
  .superRefine((value, ctx) => {
    if (value.contact !== "yes") return;
    if (value.contactMethods.length === 0) {
      ctx.addIssue({ code: "custom", path: ["contactMethods"], message: "sharing:contact.errors.methods" });
    } else if (!value.contactMethods.every((method) => (CONTACT_METHODS as readonly string[]).includes(method))) {
      ctx.addIssue({ code: "custom", path: ["contactMethods"], message: "sharing:contact.errors.choice" });
    }
  });

const PERIOD_VALUES = SHARE_PERIODS.map(String);

export const dateField = (part: DatePart) => `${END_DATE}-${part}`;

/** An error about the date links to its first wrong input. */
const dateProblem = (message: string, params?: FormError["params"]): FormError => ({
  field: dateField("day"),
  message: `sharing:howLong.errors.${message}`,
  ...(params ? { params } : {}),
});

type EndDateOutcome = { ok: true; choice: EndChoice } | { ok: false; errors: FormError[]; values: FormValues };

/** "How long": 3, 6 or 12 months, or a date after today and no more than 12 months away (consent-rules decides). */
export function validateHowLong(values: FormValues, now: Date, lang: Language): EndDateOutcome {
  const endsIn = String(values.endsIn ?? "");
  if (endsIn !== "date") {
    if (!PERIOD_VALUES.includes(endsIn)) return { ok: false, errors: [{ field: "endsIn", message: "sharing:howLong.errors.required" }], values };
    return { ok: true, choice: { months: Number(endsIn) as (typeof SHARE_PERIODS)[number] } };
  }
  const reading = readDateInput(values, END_DATE, "sharing:howLong.errors");
  if (!reading.ok) return { ok: false, errors: [reading.error], values };
  const ends = shareEndsAt({ date: reading.date }, now);
  if (ends.ok) return { ok: true, choice: { date: reading.date } };
  if (ends.reason === "past") return { ok: false, errors: [dateProblem("past")], values };
  const latest = shareEndsAt({ months: SHARE_PERIODS[SHARE_PERIODS.length - 1] }, now);
  const limit = latest.ok ? formatDate(latest.endsAt, lang) : "";
  return { ok: false, errors: [dateProblem("tooFar", { date: limit })], values };
}

export function howLongValues(form: FormData): FormValues {
  const values: FormValues = { endsIn: String(form.get("endsIn") ?? "") };
  for (const part of DATE_PARTS) values[dateField(part)] = String(form.get(dateField(part)) ?? "");
  return values;
}
