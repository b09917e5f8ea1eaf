import { describe, expect, test } from "vitest";
import { z } from "zod";
import { invalid, multiLine, oneLine, validateValues } from "./form.server";

const KEY = "test:errors.characters";
const parse = (schema: z.ZodType, value: string) => schema.safeParse(value);
const refusedWith = (result: ReturnType<typeof parse>) => (result.success ? null : result.error.issues.map((issue) => issue.message));

/** Every character either kind of answer refuses, named as a reader of the code would know it. */
const refused = {
  "NUL U+0000": "\u0000",
  "BEL U+0007": "\u0007",
  "vertical tab U+000B": "\u000B",
  "form feed U+000C": "\u000C",
  "escape U+001B": "\u001B",
  "unit separator U+001F": "\u001F",
  "DEL U+007F": "\u007F",
  "C1 control U+0085": "\u0085",
  "C1 control U+009F": "\u009F",
  "left-to-right mark U+200E": "\u200E",
  "right-to-left mark U+200F": "\u200F",
  "left-to-right embedding U+202A": "\u202A",
  "pop directional formatting U+202C": "\u202C",
  "right-to-left override U+202E": "\u202E",
  "left-to-right isolate U+2066": "\u2066",
  "pop directional isolate U+2069": "\u2069",
};

describe("oneLine", () => {
  const schema = oneLine(KEY);

  test.each([
    ["a line feed", "Dr Jo\nBloggs", "Dr Jo Bloggs"],
    ["a carriage return and line feed, as one space", "Dr Jo\r\nBloggs", "Dr Jo Bloggs"],
    ["a carriage return alone", "Dr Jo\rBloggs", "Dr Jo Bloggs"],
    ["a tab", "Dr Jo\tBloggs", "Dr Jo Bloggs"],
    ["line breaks at either end, trimmed away", "\r\n  Dr Jo Bloggs\n", "Dr Jo Bloggs"],
  ])("turns %s into a space", (_, typed, saved) => {
    expect(parse(schema, typed)).toEqual({ success: true, data: saved });
  });

  test("keeps letters from any language, accents, ’ and emoji as they are", () => {
    const name = "Siân ap Dafydd-Ŵyn, O’Brien 李 👩🏽‍⚕️";
    expect(parse(schema, name)).toEqual({ success: true, data: name });
  });

  test.each(Object.entries(refused))("refuses %s with the field's own message", (_, character) => {
    expect(refusedWith(parse(schema, `Dr Jo ${character}Bloggs`))).toEqual([KEY]);
  });

  test("passes its error's params on, for a message that names the field", () => {
    const result = oneLine(KEY, { labelKey: "story:fields.about.name.summary" }).safeParse("\u202E");
    expect(!result.success && result.error.issues[0]).toMatchObject({ message: KEY, params: { labelKey: "story:fields.about.name.summary" } });
  });

  test("takes further checks with .pipe(), after the line is made one", () => {
    const required = oneLine(KEY).pipe(z.string().min(1, { error: "required" }));
    expect(refusedWith(parse(required, "\r\n"))).toEqual(["required"]);
    expect(refusedWith(parse(required, "\u202E"))).toEqual([KEY]);
  });
});

describe("multiLine", () => {
  const schema = multiLine(KEY);

  test("keeps line breaks, CR LF as one line feed, and tabs, trimming the ends", () => {
    expect(parse(schema, "  First line\r\nSecond\rThird\n\n\tIndented  \r\n")).toEqual({ success: true, data: "First line\nSecond\nThird\n\n\tIndented" });
  });

  test.each(Object.entries(refused))("refuses %s", (_, character) => {
    expect(refusedWith(parse(schema, `Line one\n${character}Line two`))).toEqual([KEY]);
  });
});

describe("what a form with mistakes shows again", () => {
  test("is what was typed without the refused characters, so the page can say they were taken out", () => {
    const form = z.object({ name: oneLine(KEY), message: multiLine(KEY) });
    const result = validateValues(form, { name: "Dr \u202EJo\u0000 Bloggs", message: "Hello\r\n\u0007there" });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.field)).toEqual(["name", "message"]);
    // A carriage return goes too: a line feed alone is the line break every field shows.
    expect(result.values).toEqual({ name: "Dr Jo Bloggs", message: "Hello\nthere" });
  });
});

describe("invalid: the answer to a form sent with mistakes", () => {
  const newContext = () => ({ cspNonce: "", clientIp: "127.0.0.1" });
  const problem = { errors: [{ field: "email", message: "signIn:errors.email.required" }], values: { email: "" } };

  test("answers 400 with the errors and what was typed, for useForm", () => {
    const answer = invalid(newContext(), problem);
    expect(answer.init?.status).toBe(400);
    expect(answer.data).toEqual({ form: problem });
  });

  test("answers with the status it is given, 429 where sign-in is limited", () => {
    expect(invalid(newContext(), problem, 429).init?.status).toBe(429);
  });

  test('marks the request, so that the layout\'s loader titles the page "Error: …"', () => {
    const context = newContext();
    expect(context).not.toHaveProperty("formHasErrors");
    invalid(context, problem);
    expect(context).toHaveProperty("formHasErrors", true);
  });
});
