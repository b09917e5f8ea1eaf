import { z } from "zod";
import { BASES, DATE_OF_BIRTH, SUBJECT_LIMITS, type SomeoneElse } from "#app/models/subject";
import { DATE_PARTS, type FormError, type FormValues } from "#app/web/form";
import { multiLine, oneLine, readDateInput, shownAgain, validateValues, type FormResult } from "#app/web/form.server";

/**
 * "Who are you writing this story for?": the person, how the writer knows
 * them, their date of birth if given, what lets the writer act for them, and
 * the writer's own name. Messages are keys in locales/{en,cy}/story.json.
 */

const errors = "story:someone.errors";
const required = (field: string) => `${errors}.${field}Required`;
const tooLong = (field: string) => `${errors}.${field}TooLong`;
const characters = `${errors}.characters`;

const text = (field: string, max: number) =>
  oneLine(characters)
    .pipe(z.string().min(1, { error: required(field) }))
    .pipe(z.string().max(max, { error: tooLong(field) }));

const schema = z.object({
  name: text("name", SUBJECT_LIMITS.name),
  relationship: text("relationship", SUBJECT_LIMITS.relationship),
  basis: z.enum(BASES, { error: required("basis") }),
  lpaReference: oneLine(characters).pipe(z.string().max(SUBJECT_LIMITS.lpaReference, { error: tooLong("lpaReference") })),
  basisOther: multiLine(characters).pipe(z.string().max(SUBJECT_LIMITS.basisDetail, { error: tooLong("basisOther") })),
  writerName: text("writerName", SUBJECT_LIMITS.name),
});

/** The fields in page order, so errors are listed as the page shows them. */
const ORDER = ["name", "relationship", ...DATE_PARTS.map((part) => `${DATE_OF_BIRTH}-${part}`), "basis", "lpaReference", "basisOther", "writerName"];

/** The age in whole years on `now` of someone born on `born` (both UTC days). */
export function ageOn(born: Date, now: Date): number {
  const years = now.getUTCFullYear() - born.getUTCFullYear();
  const birthdayPassed = now.getUTCMonth() > born.getUTCMonth() || (now.getUTCMonth() === born.getUTCMonth() && now.getUTCDate() >= born.getUTCDate());
  return birthdayPassed ? years : years - 1;
}

export function someoneValues(form: FormData): FormValues {
  return Object.fromEntries(ORDER.map((name) => [name, String(form.get(name) ?? "")]));
}

export function validateSomeone(sent: FormValues, now: Date): FormResult<SomeoneElse> {
  // A field not sent at all is an empty answer.
  const values: FormValues = { ...Object.fromEntries(ORDER.map((name) => [name, ""])), ...sent };
  const checked = validateValues(schema, values);
  const found: FormError[] = checked.ok ? [] : [...checked.errors];
  const basis = checked.ok ? checked.data.basis : String(values.basis ?? "");

  // The date of birth is optional, but a child's is needed: parental responsibility ends at 16.
  let dateOfBirth: string | null = null;
  const typed = DATE_PARTS.some((part) => String(values[`${DATE_OF_BIRTH}-${part}`] ?? "").trim() !== "");
  if (typed || basis === "parental") {
    const reading = readDateInput(values, DATE_OF_BIRTH, `${errors}.dateOfBirth`);
    if (!reading.ok) found.push(reading.error);
    else if (reading.date > now) found.push({ field: `${DATE_OF_BIRTH}-day`, message: `${errors}.dateOfBirth.future` });
    else if (basis === "parental" && ageOn(reading.date, now) >= 16) found.push({ field: `${DATE_OF_BIRTH}-day`, message: `${errors}.dateOfBirth.sixteen` });
    else dateOfBirth = reading.date.toISOString().slice(0, 10);
  }
  // "Other" needs its explanation, reported with the page's other mistakes, not only once they are put right.
  if (basis === "other" && String(values.basisOther).trim() === "" && !found.some((error) => error.field === "basisOther")) {
    found.push({ field: "basisOther", message: required("basisOther") });
  }

  if (!checked.ok || found.length > 0) {
    found.sort((a, b) => ORDER.indexOf(a.field) - ORDER.indexOf(b.field));
    return { ok: false, errors: found, values: shownAgain(values) };
  }
  const { name, relationship, lpaReference, basisOther, writerName } = checked.data;
  const basisDetail = basis === "lpa" ? lpaReference || null : basis === "other" ? basisOther : null;
  return { ok: true, values, data: { name, relationship, basis: checked.data.basis, writerName, dateOfBirth, basisDetail } };
}
