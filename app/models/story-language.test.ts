import { describe, expect, test } from "vitest";
import { wordsLanguage, writtenInAnswer } from "./story-language";

describe("the language of the person's words", () => {
  test("is the language they said they write in", () => {
    expect(wordsLanguage({ about: { name: "Sam", writtenIn: "english" } }, "cy")).toBe("en");
    expect(wordsLanguage({ about: { name: "Sam", writtenIn: "welsh" } }, "en")).toBe("cy");
  });

  test("is not named for another language, rather than called English or Welsh", () => {
    expect(wordsLanguage({ about: { name: "Sam", writtenIn: "other" } }, "en")).toBe("");
  });

  test("where they have not said, is what the caller knows: the language publishing would record, or not known", () => {
    expect(wordsLanguage({ about: { name: "Sam" } }, "cy")).toBe("cy");
    expect(wordsLanguage({}, "")).toBe("");
  });

  test("publishing records the answer that says the account's language", () => {
    expect(writtenInAnswer("en")).toBe("english");
    expect(writtenInAnswer("cy")).toBe("welsh");
  });
});
