import { storyPath } from "#app/paths";
/**
 * The shape of a story: its sections, their question pages and their fields.
 * Safe for the browser (no zod, no server modules). The form pages, the
 * validation (story-forms.server.ts), check your answers and the summary
 * agencies read are all driven from this list, so a new question is one entry
 * here plus its words in locales/{en,cy}/story.json under
 * `fields.<section>.<field>`: `label`, `hint`, `summary` (and `options.<id>`
 * for a choice, `item`/`add`/`max` for a list).
 */

type TextField = {
  kind: "text";
  name: string;
  maxLength: number;
  /** Needed to continue from its page, and to publish. */
  required?: boolean;
  format?: "email" | "phone";
  autocomplete?: string;
};
type TextareaField = {
  kind: "textarea";
  name: string;
  maxLength: number;
  rows?: number;
  autocomplete?: string;
  /** In a story written for someone else, the writer says whose words the answer is (`voiceName`). */
  voiced?: boolean;
};
type ChoiceField = { kind: "checkboxes"; name: string; options: readonly string[] } | { kind: "radios"; name: string; options: readonly string[] };
export type ItemField = TextField | TextareaField;
/** "Add another": a list of items, each with the same fields. */
export type ListField = { kind: "list"; name: string; max: number; item: readonly ItemField[] };
export type Field = TextField | TextareaField | ChoiceField | ListField;

export type QuestionPage = { id: string; fields: readonly Field[] };
export type StorySection = { id: string; pages: readonly QuestionPage[] };

const text = (name: string, maxLength: number, more: Partial<TextField> = {}): TextField => ({ kind: "text", name, maxLength, ...more });
const textarea = (name: string, maxLength: number, more: Partial<TextareaField> = {}): TextareaField => ({ kind: "textarea", name, maxLength, ...more });
const checkboxes = (name: string, options: readonly string[]): ChoiceField => ({ kind: "checkboxes", name, options });
const radios = (name: string, options: readonly string[]): ChoiceField => ({ kind: "radios", name, options });
const list = (name: string, max: number, item: readonly ItemField[]): ListField => ({ kind: "list", name, max, item });

/**
 * The ways a person can be contacted, in one vocabulary: what "About you"
 * asks, what a share's contact page offers and what a professional reads.
 * Their words are `story:fields.about.contactBy.options` (a list) and
 * `.inline` (in a sentence).
 */
export const CONTACT_METHODS = ["email", "phone", "text", "letter"] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

const LONG = 5000;
const ITEM = 1000;
const NAME = 100;
const MAX_ITEMS = 20;

/** In the order a person meets them: what matters and what is strong before what is wrong. */
export const storySections = [
  {
    id: "about",
    pages: [
      { id: "name", fields: [text("name", NAME, { required: true, autocomplete: "name" }), text("preferredName", NAME, { autocomplete: "nickname" })] },
      {
        id: "contact",
        fields: [
          checkboxes("contactBy", CONTACT_METHODS),
          text("email", 254, { format: "email", autocomplete: "email" }),
          text("phone", 30, { format: "phone", autocomplete: "tel" }),
          textarea("address", 500, { rows: 4, autocomplete: "street-address" }),
          radios("safeToLeaveMessages", ["yes", "no"]),
        ],
      },
      {
        id: "language",
        // writtenIn: the language of the person's own words, which pages mark so a screen reader reads them right (story-language.ts).
        fields: [radios("language", ["english", "welsh", "other"]), text("otherLanguage", NAME), radios("writtenIn", ["english", "welsh", "other"])],
      },
      {
        id: "needs",
        fields: [checkboxes("needs", ["interpreter", "bsl", "easyRead", "largePrint", "someoneWithMe", "moreTime", "other"]), textarea("needsDetails", ITEM)],
      },
    ],
  },
  {
    id: "story",
    pages: [
      { id: "now", fields: [textarea("now", LONG, { rows: 10, voiced: true })] },
      { id: "past", fields: [textarea("past", LONG, { rows: 10, voiced: true })] },
    ],
  },
  { id: "matters", pages: [{ id: "matters", fields: [textarea("matters", LONG, { rows: 10, voiced: true })] }] },
  { id: "strengths", pages: [{ id: "strengths", fields: [textarea("strengths", LONG, { rows: 10, voiced: true })] }] },
  {
    id: "working",
    pages: [
      { id: "working", fields: [textarea("working", LONG, { rows: 8, voiced: true })] },
      { id: "not-working", fields: [textarea("notWorking", LONG, { rows: 8, voiced: true })] },
    ],
  },
  { id: "goals", pages: [{ id: "goals", fields: [list("goals", MAX_ITEMS, [textarea("goal", 500, { rows: 3 }), textarea("help", ITEM, { rows: 4 })])] }] },
  { id: "support", pages: [{ id: "people", fields: [list("people", MAX_ITEMS, [text("name", NAME), textarea("how", ITEM, { rows: 3 })])] }] },
  { id: "services", pages: [{ id: "services", fields: [list("services", MAX_ITEMS, [text("name", 200), textarea("what", ITEM, { rows: 3 })])] }] },
  { id: "dont-ask", pages: [{ id: "dont-ask", fields: [textarea("dontAsk", LONG, { rows: 8, voiced: true })] }] },
] as const satisfies readonly StorySection[];

export type SectionId = (typeof storySections)[number]["id"];

/**
 * Whose words an answer is, in a story written for someone else: the person's
 * own, written down by the writer, or the writer's view of them.
 */
export const VOICES = ["theirs", "mine"] as const;
export type Voice = (typeof VOICES)[number];

/** The input, and the saved answer, that says whose words a voiced answer is: `mattersVoice`. */
export const voiceName = (field: { name: string }) => `${field.name}Voice`;

/** The saved answer naming who said whose words it is: the owner writing for the person, or a helper. */
export const voiceByName = (field: { name: string }) => `${field.name}VoiceBy`;

/** A field whose words someone writing for another person must attribute. */
export const isVoiced = (field: Field): field is TextareaField => field.kind === "textarea" && field.voiced === true;

/** Whose words a saved answer is, if the writer said. */
export function voiceOf(content: SectionContent, field: Field): Voice | undefined {
  const voice = content[voiceName(field)];
  return (VOICES as readonly unknown[]).includes(voice) ? (voice as Voice) : undefined;
}

/** One section's saved answers: strings, lists of option ids, or lists of items. */
export type SectionContent = Record<string, unknown>;
export type ListItem = Record<string, string>;
/** What a published version holds: the answers of every section that has some. */
export type StoryContent = Partial<Record<SectionId, SectionContent>>;

/** What the person typed on one page, by input name: a string, or option ids for checkboxes. */
export type PageValues = Record<string, string | string[]>;

export type SectionStatus = "not-started" | "in_progress" | "completed";

export function findSection(id: string | undefined): StorySection | undefined {
  return storySections.find((section) => section.id === id);
}

/** A section's page by id; no id means its first page. */
export function findPage(section: StorySection, pageId: string | undefined): QuestionPage | undefined {
  return pageId === undefined ? section.pages[0] : section.pages.find((page) => page.id === pageId);
}

/**
 * Stands for a story's id in the address of its first question before the
 * story exists: "Start a new story" opens /stories/new/about, and the first
 * save there makes the story. Nothing else has an address under it.
 */
export const NEW_STORY = "new";

/** A section's first page is its own address; later pages add their id. */
export function pagePath(storyId: string, section: StorySection, page: QuestionPage = section.pages[0]): string {
  return page === section.pages[0] ? `${storyPath(storyId)}/${section.id}` : `${storyPath(storyId)}/${section.id}/${page.id}`;
}

export function pageAfter(section: StorySection, page: QuestionPage): QuestionPage | undefined {
  return section.pages[section.pages.indexOf(page) + 1];
}

export function pageBefore(section: StorySection, page: QuestionPage): QuestionPage | undefined {
  return section.pages[section.pages.indexOf(page) - 1];
}

/** The id of a list's "Add another" button, where an error about the number of items points. */
export function addButtonId(list: ListField): string {
  return `${list.name}-add`;
}

/** The id, and the input name, of one field of one item: `goals-2-help`. */
export function itemFieldId(list: ListField, index: number, field: ItemField): string {
  return `${list.name}-${index + 1}-${field.name}`;
}

/** A page's heading (and so its title): its only question, or the page's own heading when it asks several. */
export function pageHeadingKey(section: StorySection, page: QuestionPage): string {
  const fields = page.fields as readonly Field[];
  return fields.length === 1 && fields[0].kind !== "list" ? `${fieldKey(section, fields[0])}.label` : `story:pages.${section.id}.${page.id}.heading`;
}

/** The translation key under which a field's words live. */
export function fieldKey(section: StorySection, field: Field, item?: ItemField): string {
  const base = `story:fields.${section.id}.${field.name}`;
  return item ? `${base}.fields.${item.name}` : base;
}

function isAnswered(value: unknown): boolean {
  if (typeof value === "string") return value.trim() !== "";
  if (Array.isArray(value)) return value.length > 0;
  return false;
}

export function isEmptyItem(list: ListField, item: ListItem): boolean {
  return list.item.every((field) => !isAnswered(item[field.name]));
}

export function listItems(list: ListField, content: SectionContent): ListItem[] {
  const value = content[list.name];
  return Array.isArray(value) ? (value as ListItem[]) : [];
}

/** A page's fields filled from saved answers, in the shape the form sends them back. */
export function pageValues(page: QuestionPage, content: SectionContent): PageValues {
  const values: PageValues = {};
  for (const field of page.fields) {
    const saved = content[field.name];
    if (field.kind === "list") {
      listItems(field, content).forEach((item, index) => {
        for (const itemField of field.item) values[itemFieldId(field, index, itemField)] = item[itemField.name] ?? "";
      });
    } else if (field.kind === "checkboxes") {
      values[field.name] = Array.isArray(saved) ? (saved as string[]) : [];
    } else {
      values[field.name] = typeof saved === "string" ? saved : "";
      if (isVoiced(field)) values[voiceName(field)] = voiceOf(content, field) ?? "";
    }
  }
  return values;
}

/** The items of a list as they appear in page values, in order. */
export function itemsFromValues(list: ListField, values: PageValues): ListItem[] {
  const count = Math.max(
    0,
    ...Object.keys(values)
      .map((key) => key.match(new RegExp(`^${list.name}-(\\d+)-`))?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number),
  );
  return Array.from({ length: count }, (_, index) =>
    Object.fromEntries(list.item.map((field) => [field.name, String(values[itemFieldId(list, index, field)] ?? "")])),
  );
}

export function itemsToValues(list: ListField, items: ListItem[]): PageValues {
  const values: PageValues = {};
  items.forEach((item, index) => {
    for (const field of list.item) values[itemFieldId(list, index, field)] = item[field.name] ?? "";
  });
  return values;
}

/**
 * A section's answers with nothing empty left in, fields in the order of the
 * registry: what is published, and what two drafts are compared by.
 */
function cleanSection(section: StorySection, content: SectionContent): SectionContent {
  const clean: SectionContent = {};
  for (const page of section.pages) {
    for (const field of page.fields) {
      if (field.kind === "list") {
        const items = listItems(field, content)
          .filter((item) => !isEmptyItem(field, item))
          .map((item) => Object.fromEntries(field.item.filter((f) => isAnswered(item[f.name])).map((f) => [f.name, item[f.name]])));
        if (items.length > 0) clean[field.name] = items;
      } else if (isAnswered(content[field.name])) {
        clean[field.name] = content[field.name];
        const voice = voiceOf(content, field);
        if (voice) clean[voiceName(field)] = voice;
        const by = content[voiceByName(field)];
        if (voice && typeof by === "string" && by !== "") clean[voiceByName(field)] = by;
      }
    }
  }
  return clean;
}

/** Every section that has an answer, cleaned, in registry order. */
export function cleanStory(sections: Partial<Record<string, SectionContent>>): StoryContent {
  const story: StoryContent = {};
  for (const section of storySections) {
    const content = cleanSection(section, sections[section.id] ?? {});
    if (Object.keys(content).length > 0) story[section.id] = content;
  }
  return story;
}

/** The name the story is about, if given. */
export function subjectName(story: StoryContent): string | undefined {
  const name = story.about?.name;
  return typeof name === "string" && name.trim() !== "" ? name : undefined;
}

/** How to address the person in a sentence: the first word of their name ("Let Sam know…"). */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}
