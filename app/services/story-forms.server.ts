import { z } from "zod";
import {
  addButtonId,
  fieldKey,
  itemFieldId,
  itemsFromValues,
  itemsToValues,
  isEmptyItem,
  isVoiced,
  voiceName,
  VOICES,
  type Field,
  type ItemField,
  type ListField,
  type ListItem,
  type PageValues,
  type SectionContent,
  type QuestionPage,
  type StorySection,
} from "#app/models/story-sections";
import { multiLine, oneLine, shownAgain, validateValues, type FormResult } from "#app/web/form.server";
import { refusal } from "#app/web/layout.server";

/** Which button sent a story page: every one of them saves what was typed first. */
export type StoryIntent = { kind: "continue" } | { kind: "save" } | { kind: "add" } | { kind: "remove"; index: number };

/** The intent the form names; pressing Enter in a field sends the page's first button, which is Continue. A button the page does not have is refused (400). */
export async function readIntent(request: Request, form: FormData): Promise<StoryIntent> {
  const intent = form.get("intent") ?? "continue";
  if (intent === "continue" || intent === "save" || intent === "add") return { kind: intent };
  const remove = typeof intent === "string" ? intent.match(/^remove-([1-9]\d{0,2})$/) : null;
  if (remove) return { kind: "remove", index: Number(remove[1]) - 1 };
  throw await refusal(request, 400);
}

function listItemsFromForm(list: ListField, form: FormData): ListItem[] {
  const pattern = new RegExp(`^${list.name}-(\\d+)-(${list.item.map((f) => f.name).join("|")})$`);
  const byIndex = new Map<number, ListItem>();
  for (const [key, value] of form) {
    const match = key.match(pattern);
    if (!match || typeof value !== "string") continue;
    const index = Number(match[1]);
    const item = byIndex.get(index) ?? {};
    item[match[2]] = value;
    byIndex.set(index, item);
  }
  return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, item]) => Object.fromEntries(list.item.map((f) => [f.name, item[f.name] ?? ""])));
}

/**
 * What the person typed on a page, kept exactly. In a list, the item they
 * removed is gone and so are items left empty, so the numbering they see next
 * matches what is saved.
 */
export function readPageValues(page: QuestionPage, form: FormData, intent: StoryIntent): PageValues {
  const values: PageValues = {};
  for (const field of page.fields) {
    if (field.kind === "list") {
      const items = listItemsFromForm(field, form).filter((item, index) => !(intent.kind === "remove" && index === intent.index));
      Object.assign(
        values,
        itemsToValues(
          field,
          items.filter((item) => !isEmptyItem(field, item)),
        ),
      );
    } else if (field.kind === "checkboxes") {
      values[field.name] = form.getAll(field.name).filter((v): v is string => typeof v === "string");
    } else {
      const value = form.get(field.name);
      values[field.name] = typeof value === "string" ? value : "";
      // Whose words, when the page asked (a story written for someone else).
      const voice = isVoiced(field) ? form.get(voiceName(field)) : null;
      if (typeof voice === "string") values[voiceName(field)] = voice;
    }
  }
  return values;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?\d{6,15}$/;

/** `key` is where the field's words live; errors name the field by its short `summary` label. */
function textSchema(field: ItemField, key: string, { requireAnswers, number }: { requireAnswers: boolean; number?: number }) {
  const params = { labelKey: `${key}.summary`, ...(number ? { number } : {}) };
  let schema = field.kind === "text" ? oneLine("story:errors.characters", params) : multiLine("story:errors.characters", params);
  if (field.kind === "text" && field.required && requireAnswers) {
    schema = schema.refine((value) => value !== "", { error: `${key}.required` });
  }
  schema = schema.refine((value) => value.length <= field.maxLength, { error: "story:errors.tooLong", params: { ...params, limit: field.maxLength } });
  if (field.kind === "text" && field.format === "email") {
    schema = schema.refine((value) => value === "" || EMAIL.test(value), { error: "story:errors.email" });
  }
  if (field.kind === "text" && field.format === "phone") {
    schema = schema.refine((value) => value === "" || PHONE.test(value.replace(/[\s().-]/g, "")), { error: "story:errors.phone" });
  }
  return schema;
}

/**
 * The checks for one page, keyed by input name in page order, so errors come
 * back in the order the fields appear. A required answer is only asked for on
 * Continue: "Save and come back later" keeps whatever is there.
 */
function pageSchema(section: StorySection, page: QuestionPage, values: PageValues, intent: StoryIntent, forSomeoneElse: boolean) {
  const requireAnswers = intent.kind === "continue";
  const shape: Record<string, z.ZodType> = {};
  for (const field of page.fields as readonly Field[]) {
    const key = fieldKey(section, field);
    if (field.kind === "list") {
      const count = itemsFromValues(field, values).length;
      for (let index = 0; index < count; index++) {
        for (const item of field.item) {
          shape[itemFieldId(field, index, item)] = textSchema(item, fieldKey(section, field, item), { requireAnswers, number: index + 1 });
        }
      }
      // Adding needs room for one more; anything else, room for what was sent.
      const room = intent.kind === "add" ? count < field.max : count <= field.max;
      shape[addButtonId(field)] = z.string().refine(() => room, { error: `${key}.max`, params: { max: field.max } });
    } else if (field.kind === "checkboxes") {
      const options: readonly string[] = field.options;
      shape[field.name] = z.array(z.string()).refine((chosen) => chosen.every((id) => options.includes(id)), { error: "story:errors.choice" });
    } else if (field.kind === "radios") {
      const options: readonly string[] = field.options;
      shape[field.name] = z.string().refine((chosen) => chosen === "" || options.includes(chosen), { error: "story:errors.choice" });
    } else {
      shape[field.name] = textSchema(field, key, { requireAnswers });
      if (forSomeoneElse && isVoiced(field)) {
        // Whose words: needed with an answer on Continue, as any required answer is.
        const written = String(values[field.name] ?? "").trim() !== "";
        shape[voiceName(field)] = z
          .string()
          .optional()
          .transform((voice) => voice ?? "")
          .refine((voice) => voice === "" || (VOICES as readonly string[]).includes(voice), { error: "story:errors.choice" })
          .refine((voice) => !(requireAnswers && written && voice === ""), { error: "story:errors.voice" });
      }
    }
  }
  return z.object(shape);
}

/**
 * Checks a page and, if it passes, gives the answers to save for that page's
 * fields; in a story written for someone else (`forSomeoneElse`), with whose
 * words each voiced answer is.
 */
export function validatePage(
  section: StorySection,
  page: QuestionPage,
  values: PageValues,
  intent: StoryIntent,
  forSomeoneElse = false,
): FormResult<SectionContent> {
  // The check on a list's length needs a value to run on; the button sends none.
  const buttons = Object.fromEntries(page.fields.filter((field) => field.kind === "list").map((list) => [addButtonId(list), ""]));
  const result = validateValues(pageSchema(section, page, values, intent, forSomeoneElse), { ...values, ...buttons });
  if (!result.ok) return { ...result, values: shownAgain(values) };
  const data = result.data as Record<string, unknown>;
  const content: SectionContent = {};
  for (const field of page.fields as readonly Field[]) {
    if (field.kind === "list") {
      content[field.name] = itemsFromValues(field, Object.fromEntries(Object.entries(data).map(([key, value]) => [key, String(value ?? "")])));
    } else {
      content[field.name] = data[field.name];
      if (forSomeoneElse && isVoiced(field)) content[voiceName(field)] = data[voiceName(field)];
    }
  }
  return { ok: true, data: content, values };
}
