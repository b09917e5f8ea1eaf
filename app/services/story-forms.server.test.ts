import { describe, expect, test } from "vitest";
import { findPage, findSection, type QuestionPage, type StorySection } from "#app/models/story-sections";
import { statusOf, thrown } from "#tests/support/thrown";
import { readIntent, readPageValues, validatePage, type StoryIntent } from "./story-forms.server";

type Fields = Record<string, string | string[]>;

/** A posted form: each field's value, or its values in order for checkboxes. */
function formOf(fields: Fields): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) form.append(name, one);
  return form;
}

function page(sectionId: string, pageId?: string): { section: StorySection; page: QuestionPage } {
  const section = findSection(sectionId)!;
  return { section, page: findPage(section, pageId)! };
}

/** Reads and checks a page as its action does. */
async function submit(sectionId: string, pageId: string | undefined, fields: Fields) {
  const { section, page: p } = page(sectionId, pageId);
  const form = formOf(fields);
  const intent: StoryIntent = await readIntent(new Request("http://localhost/"), form);
  return validatePage(section, p, readPageValues(p, form, intent), intent);
}

describe("the required name", () => {
  test("Continue without a name asks for it, and says so in words a person understands", async () => {
    const result = await submit("about", "name", { name: "   ", preferredName: "Sam", intent: "continue" });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([{ field: "name", message: "story:fields.about.name.required" }]);
    // What was typed comes back exactly, so it can be shown again.
    expect(result.values).toEqual({ name: "   ", preferredName: "Sam" });
  });

  test("Save and come back later does not insist on a name", async () => {
    const result = await submit("about", "name", { name: "", preferredName: "Sam", intent: "save" });
    expect(result).toMatchObject({ ok: true, data: { name: "", preferredName: "Sam" } });
  });

  test("a name is kept without the spaces around it", async () => {
    const result = await submit("about", "name", { name: "  Sam Jones ", intent: "continue" });
    expect(result).toMatchObject({ ok: true, data: { name: "Sam Jones", preferredName: "" } });
  });
});

describe("length limits", () => {
  test("a text box over its limit names the field and the limit", async () => {
    const result = await submit("about", "name", { name: "a".repeat(101), intent: "continue" });
    expect(!result.ok && result.errors).toEqual([
      { field: "name", message: "story:errors.tooLong", params: { labelKey: "story:fields.about.name.summary", limit: 100 } },
    ]);
  });

  test("a text area may be exactly at its limit, counting a typed line break as one character", async () => {
    const text = `${"a".repeat(2499)}\r\n${"b".repeat(2500)}`;
    const result = await submit("matters", undefined, { matters: text });
    expect(result.ok).toBe(true);
    expect(result.ok && result.data.matters).toBe(`${"a".repeat(2499)}\n${"b".repeat(2500)}`);
  });

  test("one character over the limit is refused", async () => {
    const result = await submit("matters", undefined, { matters: "a".repeat(5001) });
    expect(!result.ok && result.errors.map((e) => e.field)).toEqual(["matters"]);
  });
});

describe("formats", () => {
  test("an email address and a phone number are checked only when given", async () => {
    expect((await submit("about", "contact", { email: "", phone: "" })).ok).toBe(true);
    expect((await submit("about", "contact", { email: "sam@example.org", phone: "+44 (0)7700 900-982" })).ok).toBe(true);
    const result = await submit("about", "contact", { email: "sam at example", phone: "call me" });
    expect(!result.ok && result.errors).toEqual([
      { field: "email", message: "story:errors.email" },
      { field: "phone", message: "story:errors.phone" },
    ]);
  });
});

describe("choices", () => {
  test("checkboxes take any of their own options", async () => {
    const result = await submit("about", "contact", { contactBy: ["email", "letter"], safeToLeaveMessages: "no" });
    expect(result).toMatchObject({ ok: true, data: { contactBy: ["email", "letter"], safeToLeaveMessages: "no" } });
  });

  test("an option id the page never offered is refused, for checkboxes and radios", async () => {
    const result = await submit("about", "contact", { contactBy: ["email", "carrier-pigeon"], safeToLeaveMessages: "maybe" });
    expect(!result.ok && result.errors.map((e) => [e.field, e.message])).toEqual([
      ["contactBy", "story:errors.choice"],
      ["safeToLeaveMessages", "story:errors.choice"],
    ]);
  });

  test("errors come back in the order the fields are on the page", async () => {
    const result = await submit("about", "contact", { address: "x".repeat(501), contactBy: "fax", email: "nope" });
    expect(!result.ok && result.errors.map((e) => e.field)).toEqual(["contactBy", "email", "address"]);
  });
});

describe("add another", () => {
  const goal = (n: number, text: string, help = ""): Fields => ({ [`goals-${n}-goal`]: text, [`goals-${n}-help`]: help });

  test("items come back in order, with empty ones dropped and the rest renumbered", async () => {
    const result = await submit("goals", undefined, { ...goal(1, "Walk to the park"), ...goal(2, ""), ...goal(3, "Cook for friends", "A smaller kitchen") });
    expect(result.ok && result.data.goals).toEqual([
      { goal: "Walk to the park", help: "" },
      { goal: "Cook for friends", help: "A smaller kitchen" },
    ]);
  });

  test("Remove takes out the item whose button was pressed, before anything is checked", async () => {
    const result = await submit("goals", undefined, { ...goal(1, "Keep"), ...goal(2, "x".repeat(501)), ...goal(3, "Also keep"), intent: "remove-2" });
    expect(result.ok && result.data.goals).toEqual([
      { goal: "Keep", help: "" },
      { goal: "Also keep", help: "" },
    ]);
  });

  test("an item's error points at that item's field, numbered as the person sees it", async () => {
    const result = await submit("goals", undefined, { ...goal(1, "Fine"), ...goal(2, "Fine", "y".repeat(1001)) });
    expect(!result.ok && result.errors).toEqual([
      { field: "goals-2-help", message: "story:errors.tooLong", params: { labelKey: "story:fields.goals.goals.fields.help.summary", number: 2, limit: 1000 } },
    ]);
  });

  test("a list stops at its maximum, with an error on the Add another button", async () => {
    const twenty = Object.assign({}, ...Array.from({ length: 20 }, (_, i) => goal(i + 1, `Goal ${i + 1}`)));
    expect((await submit("goals", undefined, twenty)).ok).toBe(true);
    const adding = await submit("goals", undefined, { ...twenty, intent: "add" });
    expect(!adding.ok && adding.errors).toEqual([{ field: "goals-add", message: "story:fields.goals.goals.max", params: { max: 20 } }]);
    const tooMany = await submit("goals", undefined, { ...twenty, ...goal(21, "One more") });
    expect(!tooMany.ok && tooMany.errors.map((e) => e.field)).toEqual(["goals-add"]);
  });

  test("a button the page does not have is refused", async () => {
    expect(statusOf(await thrown(() => readIntent(new Request("http://localhost/"), formOf({ intent: "delete-everything" }))))).toBe(400);
  });
});
