/**
 * Every answer typed on one line, by a resident or a professional, goes
 * through the same rule (oneLine in app/web/form.server.ts): line breaks
 * become spaces, and hidden characters are refused with the field's own message.
 */
import { describe, expect, test } from "vitest";
import { findPage, findSection, itemFieldId, pageValues, storySections, type Field } from "#app/models/story-sections";
import { replyForm, workEmailForm } from "#app/services/sharing/shared-story-forms.server";
import { emailForm } from "#app/services/sign-in-forms.server";
import { validatePage } from "#app/services/story-forms.server";
import { validateValues } from "#app/web/form.server";

const forms = [
  {
    name: "sign-in email",
    schema: emailForm,
    field: "email",
    typed: "\r\nsam@example.org\n",
    saved: "sam@example.org",
    refused: "signIn:errors.email.characters",
  },
  {
    name: "work email",
    schema: workEmailForm,
    field: "email",
    typed: "jo@nhs.example.net\r\n",
    saved: "jo@nhs.example.net",
    refused: "shared:errors.email.characters",
  },
  { name: "reply name", schema: replyForm, field: "name", typed: "Dr Jo\r\nBloggs", saved: "Dr Jo Bloggs", refused: "shared:errors.name.characters" },
  { name: "reply role", schema: replyForm, field: "role", typed: "Duty\nGP", saved: "Duty GP", refused: "shared:errors.role.characters" },
];

describe.each(forms)("the $name", ({ schema, field, typed, saved, refused }) => {
  const filled = (value: string) => ({ email: "", name: "Jo", role: "GP", message: "", [field]: value });

  test("takes line breaks as spaces", () => {
    const result = validateValues(schema, filled(typed));
    expect(result.ok && (result.data as Record<string, string>)[field]).toBe(saved);
  });

  test("refuses a text-direction override or a control character with its own message", () => {
    for (const character of ["\u202E", "\u0000", "\u001B"]) {
      const result = validateValues(schema, filled(`${saved}${character}`));
      expect(!result.ok && result.errors.find((error) => error.field === field)?.message, JSON.stringify(character)).toBe(refused);
    }
  });
});

describe("every one-line question of a story", () => {
  // Each text box, and each text box in an "add another" item, by the input name its page sends.
  const oneLineFields = storySections.flatMap((section) =>
    section.pages.flatMap((page) =>
      (page.fields as readonly Field[]).flatMap((field) => {
        if (field.kind === "text") return [{ section: section.id, page: page.id, input: field.name, format: field.format, item: {} }];
        if (field.kind !== "list") return [];
        // The rest of the item's fields, empty, as its page sends them.
        const item = Object.fromEntries(field.item.map((itemField) => [itemFieldId(field, 0, itemField), ""]));
        return field.item.flatMap((itemField) =>
          itemField.kind === "text" ? [{ section: section.id, page: page.id, input: itemFieldId(field, 0, itemField), format: itemField.format, item }] : [],
        );
      }),
    ),
  );
  const typed = { email: ["sam@example.org\r\n", "sam@example.org"], phone: ["\n07700 900982", "07700 900982"], none: ["Line\r\none", "Line one"] };

  test.each(oneLineFields)(
    "$section / $page / $input takes a line break as a space and refuses U+202E",
    ({ section: sectionId, page: pageId, input, format, item }) => {
      const section = findSection(sectionId)!;
      const page = findPage(section, pageId)!;
      const [asTyped, asSaved] = typed[format ?? "none"];
      const values = { ...pageValues(page, {}), ...item, [input]: asTyped };
      const accepted = validatePage(section, page, values, { kind: "save" });
      expect(accepted.ok, JSON.stringify(!accepted.ok && accepted.errors)).toBe(true);
      expect(JSON.stringify(accepted.ok && accepted.data)).toContain(JSON.stringify(asSaved));
      const refused = validatePage(section, page, { ...values, [input]: `${asSaved}\u202E` }, { kind: "save" });
      expect(!refused.ok && refused.errors).toEqual([expect.objectContaining({ field: input, message: "story:errors.characters" })]);
    },
  );
});
