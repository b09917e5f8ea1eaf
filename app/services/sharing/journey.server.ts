import { z } from "zod";
import type { Language } from "#app/i18n/i18n";
import { activeAgencies, findAgenciesByIds, type Agency } from "#app/models/agency.server";
import { DATE_PARTS } from "#app/web/form";
import { partsPath, sharePath, type ShareStep } from "#app/paths";
import { findShareDraft, saveShareDraft } from "#app/models/share-draft.server";
import { findVersion } from "#app/models/story.server";
import { CONTACT_METHODS, storySections, type ContactMethod, type SectionId } from "#app/models/story-sections";
import { SHARE_PERIODS, sectionsToShare, shareEndsAt, type EndChoice } from "#app/services/sharing/consent-rules";
import { agenciesSchema, contactSchema, dateField, howLongValues, partsSchema, updatesSchema, validateHowLong } from "#app/services/sharing/forms.server";
import { validateForm } from "#app/web/form.server";
import type { FormError, FormValues } from "#app/web/form";
import { db, type Tx } from "#db/client.server";

/**
 * The share journey before the person agrees: one page per choice, the
 * choices kept in the story's share draft (never in the address), and the
 * next page always the first one still to answer, so "Change" on the check
 * page comes straight back there.
 */

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

const storedChoices = z.object({
  agencies: z.array(z.string()).default([]),
  parts: z.record(z.string(), z.array(z.string())).default({}),
  ends: z.union([z.object({ months: z.union(SHARE_PERIODS.map((months) => z.literal(months))) }), z.object({ date: z.string().regex(ISO_DAY) })]).optional(),
  keepUpToDate: z.boolean().optional(),
  contact: z.object({ allowed: z.boolean(), methods: z.array(z.enum(CONTACT_METHODS)) }).optional(),
});

export type ShareChoices = z.infer<typeof storedChoices>;

/** The draft's choices, or undefined when there is none (or it no longer makes sense, and so starts again). */
export async function shareChoices(storyId: string, tx: Tx = db): Promise<ShareChoices | undefined> {
  const stored = await findShareDraft(storyId, tx);
  if (!stored) return undefined;
  const parsed = storedChoices.safeParse(stored);
  return parsed.success ? parsed.data : undefined;
}

/** The choices of a journey not yet begun. */
export const emptyChoices = (): ShareChoices => ({ agencies: [], parts: {} });

export type JourneyStep = { kind: "agencies" } | { kind: "parts"; agencyId: string } | { kind: Exclude<ShareStep, "check" | "agree"> };

function journeySteps(choices: ShareChoices): JourneyStep[] {
  return [
    { kind: "agencies" },
    ...choices.agencies.map((agencyId) => ({ kind: "parts", agencyId }) as const),
    { kind: "how-long" },
    { kind: "updates" },
    { kind: "contact" },
  ];
}

function isAnswered(step: JourneyStep, choices: ShareChoices): boolean {
  switch (step.kind) {
    case "agencies":
      return choices.agencies.length > 0;
    case "parts":
      return (choices.parts[step.agencyId]?.length ?? 0) > 0;
    case "how-long":
      return choices.ends !== undefined;
    case "updates":
      return choices.keepUpToDate !== undefined;
    case "contact":
      return choices.contact !== undefined;
  }
}

const sameStep = (a: JourneyStep, b: JourneyStep) => a.kind === b.kind && (a.kind !== "parts" || (b.kind === "parts" && a.agencyId === b.agencyId));

function stepPath(storyId: string, step: JourneyStep | "check"): string {
  if (step === "check") return sharePath(storyId, "check");
  if (step.kind === "agencies") return sharePath(storyId);
  if (step.kind === "parts") return partsPath(storyId, step.agencyId);
  return sharePath(storyId, step.kind);
}

/** The first page still to answer, or "check" when every choice is made. */
function nextStep(choices: ShareChoices): JourneyStep | "check" {
  return journeySteps(choices).find((step) => !isAnswered(step, choices)) ?? "check";
}

/** Where a page's Back link goes: the page before it in the journey, or the story for the first. */
export function backPath(storyId: string, choices: ShareChoices, step: JourneyStep | "check"): string {
  const steps = journeySteps(choices);
  if (step === "check") return stepPath(storyId, steps[steps.length - 1]);
  const index = steps.findIndex((candidate) => sameStep(candidate, step));
  return index > 0 ? stepPath(storyId, steps[index - 1]) : `/stories/${storyId}`;
}

/** The address of the first page before `step` still to answer, if the person skipped one (requireEarlierSteps sends them there). */
export function skippedStep(storyId: string, choices: ShareChoices, step: JourneyStep | "check"): string | undefined {
  const steps = journeySteps(choices);
  const index = step === "check" ? steps.length : steps.findIndex((candidate) => sameStep(candidate, step));
  const missing = steps.slice(0, index).find((earlier) => !isAnswered(earlier, choices));
  return missing && stepPath(storyId, missing);
}

export type StepOutcome = { ok: true; redirectTo: string } | { ok: false; errors: FormError[]; values: FormValues };

async function save(storyId: string, choices: ShareChoices, now: Date): Promise<StepOutcome> {
  await db.transaction((tx) => saveShareDraft(tx, storyId, choices, now));
  return { ok: true, redirectTo: stepPath(storyId, nextStep(choices)) };
}

/** Choosing agencies keeps the parts already chosen for those still ticked and forgets the rest. */
export async function submitAgencies(storyId: string, choices: ShareChoices, form: FormData, now = new Date()): Promise<StepOutcome> {
  const listed = (await activeAgencies()).map((agency) => agency.id);
  const result = validateForm(agenciesSchema(listed), form);
  if (!result.ok) return result;
  const agencies = listed.filter((id) => result.data.agencies.includes(id));
  const parts = Object.fromEntries(Object.entries(choices.parts).filter(([id]) => agencies.includes(id)));
  return save(storyId, { ...choices, agencies, parts }, now);
}

export async function submitParts(storyId: string, choices: ShareChoices, agencyId: string, form: FormData, now = new Date()): Promise<StepOutcome> {
  const result = validateForm(partsSchema, form);
  if (!result.ok) return result;
  return save(storyId, { ...choices, parts: { ...choices.parts, [agencyId]: sectionsToShare(result.data.parts) } }, now);
}

export async function submitHowLong(storyId: string, choices: ShareChoices, form: FormData, lang: Language, now = new Date()): Promise<StepOutcome> {
  const values = howLongValues(form);
  const result = validateHowLong(values, now, lang);
  if (!result.ok) return result;
  const ends = "months" in result.choice ? { months: result.choice.months } : { date: result.choice.date.toISOString().slice(0, 10) };
  return save(storyId, { ...choices, ends }, now);
}

export async function submitUpdates(storyId: string, choices: ShareChoices, form: FormData, now = new Date()): Promise<StepOutcome> {
  const result = validateForm(updatesSchema, form);
  if (!result.ok) return result;
  return save(storyId, { ...choices, keepUpToDate: result.data.keepUpToDate === "yes" }, now);
}

export async function submitContact(storyId: string, choices: ShareChoices, form: FormData, now = new Date()): Promise<StepOutcome> {
  const result = validateForm(contactSchema, form);
  if (!result.ok) return result;
  const allowed = result.data.contact === "yes";
  const methods = allowed ? CONTACT_METHODS.filter((method) => result.data.contactMethods.includes(method)) : [];
  return save(storyId, { ...choices, contact: { allowed, methods } }, now);
}

/** The end the person chose as consent-rules reads it. */
function endChoiceOf(choices: ShareChoices): EndChoice | undefined {
  if (!choices.ends) return undefined;
  return "months" in choices.ends ? { months: choices.ends.months } : { date: new Date(`${choices.ends.date}T00:00:00Z`) };
}

/** When sharing would end if the person agreed at `now`; undefined if not chosen, or a chosen date is no longer allowed. */
function endsAtOf(choices: ShareChoices, now: Date): Date | undefined {
  const choice = endChoiceOf(choices);
  const ends = choice ? shareEndsAt(choice, now) : undefined;
  return ends?.ok ? ends.endsAt : undefined;
}

/** What "How long" shows: the saved choice in the shape the form sends it. */
export function howLongFormValues(choices: ShareChoices): FormValues {
  const values: FormValues = { endsIn: "" };
  for (const part of DATE_PARTS) values[dateField(part)] = "";
  if (!choices.ends) return values;
  if ("months" in choices.ends) return { ...values, endsIn: String(choices.ends.months) };
  const [year, month, day] = choices.ends.date.split("-").map(Number);
  return { endsIn: "date", [dateField("day")]: String(day), [dateField("month")]: String(month), [dateField("year")]: String(year) };
}

/** The sections ticked for an agency: those the person chose, and none until they do (consent is a clear act, never a default). */
export function partsFormValue(choices: ShareChoices, agencyId: string): string[] {
  return choices.parts[agencyId] ?? [];
}

/** The sections with something written in the version the person would share, so the parts page can say which are empty. */
export async function writtenSections(story: { id: string; latestVersion: number | null }): Promise<SectionId[]> {
  const version = story.latestVersion ? await findVersion(story.id, story.latestVersion) : undefined;
  return storySections.map((section) => section.id).filter((id) => version?.content[id] !== undefined);
}

/**
 * What the contact page shows: the person's own answer, and nothing chosen
 * until they give one. The ways their story says suit them are no answer to
 * whether this agency may get in touch.
 */
export function contactFormValues(choices: ShareChoices): FormValues {
  if (choices.contact) return { contact: choices.contact.allowed ? "yes" : "no", contactMethods: choices.contact.methods };
  return { contact: "", contactMethods: [] };
}

/** Every choice made, with the agencies still listed and the end worked out: what the check page and the declaration need. */
export type CompleteChoices = {
  agencies: { agency: Agency; sections: SectionId[] }[];
  endsAt: Date;
  keepUpToDate: boolean;
  contact: { allowed: boolean; methods: ContactMethod[] };
};

/**
 * The choices, ready to agree to at `now`, or the page to put right first: one
 * not answered yet, the agencies if one has since left the directory, or "How
 * long" if the chosen date has passed.
 */
export async function readyToAgree(
  storyId: string,
  choices: ShareChoices,
  now: Date,
): Promise<{ ok: true; choices: CompleteChoices } | { ok: false; redirectTo: string }> {
  const next = nextStep(choices);
  if (next !== "check") return { ok: false, redirectTo: stepPath(storyId, next) };
  const found = (await findAgenciesByIds(choices.agencies)).filter((agency) => agency.active);
  if (found.length !== choices.agencies.length) return { ok: false, redirectTo: sharePath(storyId) };
  const endsAt = endsAtOf(choices, now);
  if (!endsAt || choices.keepUpToDate === undefined || !choices.contact) return { ok: false, redirectTo: sharePath(storyId, "how-long") };
  return {
    ok: true,
    choices: {
      agencies: choices.agencies.map((id) => ({ agency: found.find((agency) => agency.id === id)!, sections: sectionsToShare(choices.parts[id] ?? []) })),
      endsAt,
      keepUpToDate: choices.keepUpToDate,
      contact: choices.contact,
    },
  };
}
