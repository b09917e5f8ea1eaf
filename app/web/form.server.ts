import { data, type AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import { refusal } from "./layout.server";
import { MAX_BODY_BYTES } from "#app/config/security.server";
import { DATE_PARTS, type DatePart, type FormError, type FormProblem, type FormValues } from "./form";

export type FormResult<T> = { ok: true; data: T; values: FormValues } | { ok: false; errors: FormError[]; values: FormValues };

/**
 * A form's answer when it was sent with mistakes: the page again, with its
 * errors and what was typed (400, or 429 when sign-in is limited), read by
 * `useForm`. Marks the request, so that the layout's loader, which runs after
 * the action in the same request, titles the page "Error: …". `more`: what
 * else the page shows of the mistakes (an imported file's problems, listed).
 */
export function invalid<More extends object = Record<never, never>>(context: AppLoadContext, problem: FormProblem, status: 400 | 429 = 400, more?: More) {
  context.formHasErrors = true;
  return data({ ...(more as More), form: { errors: problem.errors, values: problem.values } }, { status });
}

/**
 * Reads a form body, refusing (413) one larger than the service accepts even
 * when the client sent no Content-Length (those are refused before this runs).
 */
export async function readForm(request: Request): Promise<FormData> {
  const text = await readLimited(request, MAX_BODY_BYTES);
  const type = request.headers.get("Content-Type") ?? "";
  // A form with nothing ticked or typed may arrive as an empty body with no type: it is an empty form, answered with the page's own error messages.
  if (text !== "" && !type.startsWith("application/x-www-form-urlencoded")) {
    throw await refusal(request, 415);
  }
  const form = new FormData();
  for (const [key, value] of new URLSearchParams(text)) form.append(key, value);
  return form;
}

async function readLimited(request: Request, limit: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw await refusal(request, 413);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Line breaks (CR LF as one) and tabs, which a one-line answer turns into spaces: pasted text brings them. */
const LINE_BREAKS = /\r\n|[\r\n\t]/g;

/**
 * Characters no answer may hold: control characters (bar the tab and line
 * feed a longer answer keeps), which are not allowed in HTML and can break a
 * line in an email, and the invisible marks that reorder text (bidirectional
 * marks, embeddings, overrides and isolates), with which "Dr Jo Bloggs" can be
 * made to show as something else in a resident's email or on a page.
 */
const REFUSED_CHARACTERS = "\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069";
const refused = new RegExp(`[${REFUSED_CHARACTERS}]`);
const everyRefused = new RegExp(`[${REFUSED_CHARACTERS}]`, "g");

type ErrorParams = Record<string, string | number>;

/**
 * An answer on one line (a name, a role, an email address): line breaks and
 * tabs become spaces and the ends are trimmed, so what is saved, emailed and
 * written back into the field is one line; refuses the characters above with
 * `charactersError` (a translation key). Add further checks with `.pipe()`.
 */
export function oneLine(charactersError: string, params?: ErrorParams) {
  return z
    .string()
    .transform((value) => value.replace(LINE_BREAKS, " ").trim())
    .refine((value) => !refused.test(value), { error: charactersError, ...(params ? { params } : {}) });
}

/**
 * An email address, on one line as `oneLine` makes it: required, at most 254
 * characters and of the form name@domain, each error a translation key under
 * `errors` + `.email` ("signIn:errors.email.required"), to be shown in the page's language.
 */
export function emailAddress(errors: "signIn:errors" | "shared:errors" | "helpers:invite.errors") {
  return oneLine(`${errors}.email.characters`).pipe(
    z
      .string()
      .min(1, { error: `${errors}.email.required` })
      .max(254, { error: `${errors}.email.tooLong` })
      .pipe(z.email({ error: `${errors}.email.format` })),
  );
}

/**
 * An answer on several lines (a textarea): line breaks are kept, CR LF as one
 * (the character count counts it as one), and the ends trimmed; refuses the
 * same characters as `oneLine`.
 */
export function multiLine(charactersError: string, params?: ErrorParams) {
  return z
    .string()
    .transform((value) => value.replace(/\r\n?/g, "\n").trim())
    .refine((value) => !refused.test(value), { error: charactersError, ...(params ? { params } : {}) });
}

/**
 * What was typed, to show again with an error: without the characters no
 * answer may hold (the error about them says they were taken out), which
 * would otherwise make the page itself invalid HTML.
 */
export function shownAgain(values: FormValues): FormValues {
  const clean = (value: string) => value.replace(everyRefused, "");
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, Array.isArray(value) ? value.map(clean) : clean(value)]));
}

function isArrayField(schema: z.ZodType): boolean {
  let inner: z.ZodType = schema;
  // Unwrap optional/default wrappers to see whether the field takes several values (checkboxes).
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault || inner instanceof z.ZodPipe) {
    inner = inner instanceof z.ZodPipe ? (inner.in as z.ZodType) : (inner.unwrap() as z.ZodType);
  }
  return inner instanceof z.ZodArray;
}

/** The values of the schema's fields as typed: strings, or lists of strings for checkboxes. */
function formValues(shape: z.ZodRawShape, form: FormData): FormValues {
  const values: FormValues = {};
  for (const [name, schema] of Object.entries(shape)) {
    values[name] = isArrayField(schema as z.ZodType) ? form.getAll(name).filter((v): v is string => typeof v === "string") : String(form.get(name) ?? "");
  }
  return values;
}

/**
 * Checks a form against a zod object schema whose error messages are
 * translation keys. Errors come back in the order the fields are declared,
 * which is the order they appear on the page, one per field.
 */
export function validateForm<S extends z.ZodObject>(schema: S, form: FormData): FormResult<z.output<S>> {
  return validateValues(schema, formValues(schema.shape, form));
}

/** As `validateForm`, for values already read from a form (a page whose fields depend on what was sent, such as "add another"). */
export function validateValues<S extends z.ZodObject>(schema: S, values: FormValues): FormResult<z.output<S>> {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data, values };
  const order = Object.keys(schema.shape);
  const byField = new Map<string, FormError>();
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? order[0]);
    if (!byField.has(field)) {
      const params = (issue as { params?: Record<string, string | number> }).params;
      byField.set(field, { field, message: issue.message, ...(params ? { params } : {}) });
    }
  }
  const errors = [...byField.values()].sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
  return { ok: false, errors, values: shownAgain(values) };
}

export type DateReading = { ok: true; date: Date } | { ok: false; error: FormError };

/**
 * A day, month and year typed into the date input `prefix`, read the way the
 * GOV.UK date pattern asks: what is missing, then whether it is a real date.
 * Messages are `errors` + `.dateRequired`, `.missingDay` (…`MonthYear`),
 * `.notReal` or `.yearDigits`, each linking to the first input it is about.
 */
export function readDateInput(values: FormValues, prefix: string, errors: string): DateReading {
  const problem = (message: string, part: DatePart = "day"): DateReading => ({
    ok: false,
    error: { field: `${prefix}-${part}`, message: `${errors}.${message}` },
  });
  const typed = Object.fromEntries(DATE_PARTS.map((part) => [part, String(values[`${prefix}-${part}`] ?? "").trim()])) as Record<DatePart, string>;
  const missing = DATE_PARTS.filter((part) => typed[part] === "");
  if (missing.length === DATE_PARTS.length) return problem("dateRequired");
  if (missing.length > 0) return problem(`missing${missing.map((part) => part[0].toUpperCase() + part.slice(1)).join("")}`, missing[0]);
  if (!DATE_PARTS.every((part) => /^\d+$/.test(typed[part]))) return problem("notReal");
  if (typed.year.length !== 4) return problem("yearDigits", "year");
  const [day, month, year] = DATE_PARTS.map((part) => Number(typed[part]));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return problem("notReal");
  return { ok: true, date };
}
