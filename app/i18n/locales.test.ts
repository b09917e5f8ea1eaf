import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { languages } from "./i18n";

const localesDir = join(import.meta.dirname, "locales");
const pluralCategories = new Set(["zero", "one", "two", "few", "many", "other"]);

/** Every translatable leaf as "path → value"; plural forms count as one leaf, since languages have different sets. */
function leaves(value: unknown, path = ""): Map<string, unknown> {
  const found = new Map<string, unknown>();
  if (Array.isArray(value)) {
    found.set(`${path}[]`, value);
  } else if (value && typeof value === "object") {
    const keys = Object.keys(value);
    if (keys.length > 0 && keys.every((k) => pluralCategories.has(k))) {
      found.set(path, value);
    } else {
      for (const [key, child] of Object.entries(value)) {
        for (const [p, v] of leaves(child, path ? `${path}.${key}` : key)) found.set(p, v);
      }
    }
  } else {
    found.set(path, value);
  }
  return found;
}

function isFilled(value: unknown): boolean {
  if (typeof value === "string") return value.trim() !== "";
  if (Array.isArray(value)) return value.length > 0 && value.every(isFilled);
  if (value && typeof value === "object") return Object.values(value).every(isFilled);
  return false;
}

const namespaces = readdirSync(join(localesDir, "en")).filter((file) => file.endsWith(".json"));

describe("locale files", () => {
  test("both languages have the same namespaces", () => {
    for (const lang of languages) {
      expect(
        readdirSync(join(localesDir, lang))
          .filter((f) => f.endsWith(".json"))
          .sort(),
      ).toEqual([...namespaces].sort());
    }
  });

  test.each(namespaces)("%s: every key is in both languages and none is empty", (file) => {
    const [en, cy] = languages.map((lang) => leaves(JSON.parse(readFileSync(join(localesDir, lang, file), "utf8"))));
    const missingInWelsh = [...en.keys()].filter((key) => !cy.has(key));
    const missingInEnglish = [...cy.keys()].filter((key) => !en.has(key));
    expect(missingInWelsh, "keys missing from cy").toEqual([]);
    expect(missingInEnglish, "keys missing from en").toEqual([]);
    for (const [name, strings] of [
      ["en", en],
      ["cy", cy],
    ] as const) {
      const empty = [...strings].filter(([, value]) => !isFilled(value)).map(([key]) => key);
      expect(empty, `empty strings in ${name}/${file}`).toEqual([]);
    }
  });

  test.each(namespaces)("%s: lists have the same number of items in both languages", (file) => {
    const [en, cy] = languages.map((lang) => leaves(JSON.parse(readFileSync(join(localesDir, lang, file), "utf8"))));
    for (const [key, value] of en) {
      if (Array.isArray(value)) expect((cy.get(key) as unknown[]).length, key).toBe(value.length);
    }
  });
});
