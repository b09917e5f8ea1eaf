import { describe, expect, test } from "vitest";
import { namespaces } from "#app/i18n/i18n";
import { resources } from "#app/i18n/i18n.server";
import { rawKey, rawKeysIn } from "./raw-keys";

describe("the raw translation key check", () => {
  test("finds a raw key of the sharing namespace, which the task list renders", () => {
    const taskList = "Your story Share your story sharing:taskList.shareStatus.notStarted Who has your story";
    expect(taskList).toMatch(rawKey);
    expect(rawKeysIn(taskList)).toEqual(["sharing:taskList.shareStatus.notStarted"]);
  });

  test.each(namespaces)("finds a raw key of %s, with list indexes and hyphens in it", (namespace) => {
    expect(rawKeysIn(`Before ${namespace}:sections.dont-ask.items[0].title after.`)).toEqual([`${namespace}:sections.dont-ask.items[0].title`]);
  });

  test("looks for every namespace the app has locale files for, in both languages", () => {
    expect([...namespaces].sort()).toEqual(Object.keys(resources.en).sort());
    expect([...namespaces].sort()).toEqual(Object.keys(resources.cy).sort());
  });

  test("leaves alone what people write: times, web addresses, a colon after a word", () => {
    expect(rawKeysIn("Open from 9:30 at https://www.example.org/share:1, or see Note: sharing is optional. Email: sam@example.org")).toEqual([]);
  });
});
