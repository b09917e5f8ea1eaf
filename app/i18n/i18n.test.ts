import { createInstance } from "i18next";
import { describe, expect, test } from "vitest";
import { languages, namespaces, translator } from "./i18n";
import { resources } from "./i18n.server";
import cyCookies from "./locales/cy/cookies.json";
import enCookies from "./locales/en/cookies.json";
import enStart from "./locales/en/start.json";

describe("translator", () => {
  test("a key whose namespace no page has brought yet reads as itself, and as its string once one has", () => {
    expect(translator([{ lang: "en", bundles: {} }])("cookies:title")).toBe("cookies:title");
    expect(translator([{ lang: "en", bundles: { cookies: enCookies } }])("cookies:title")).toBe(enCookies.title);
    expect(translator([{ lang: "en", bundles: {} }])("cookies:title")).toBe(enCookies.title);
  });

  test("each language keeps its own strings", () => {
    translator([{ lang: "en", bundles: { cookies: enCookies } }])("cookies:title");
    expect(translator([{ lang: "cy", bundles: { cookies: cyCookies } }])("cookies:title")).toBe(cyCookies.title);
  });

  test("a string with values put in it is made afresh for each", () => {
    const t = translator([{ lang: "en", bundles: { start: enStart } }]);
    expect(t("start:who", { organisation: "Gwynedd" })).toContain("in the Gwynedd area");
    expect(t("start:who", { organisation: "Powys" })).toContain("in the Powys area");
  });

  test("every string with values put in it reads as i18next itself makes it, in both languages", () => {
    for (const lang of languages) {
      const plain = createInstance({
        lng: lang,
        fallbackLng: false,
        resources: { [lang]: resources[lang] },
        initAsync: false,
        interpolation: { escapeValue: false },
      });
      void plain.init();
      const t = translator([{ lang, bundles: resources[lang] }]);
      let compared = 0;
      const visit = (ns: string, prefix: string, node: unknown) => {
        if (typeof node === "string") {
          const names = [...node.matchAll(/{{\s*(\w+)/g)].map((match) => match[1]);
          if (names.length === 0) return;
          const values = Object.fromEntries(names.map((name, n) => [name, n % 2 === 0 ? `value of ${name}` : n]));
          expect(t(`${ns}:${prefix}`, values), `${lang} ${ns}:${prefix}`).toBe(plain.t(`${ns}:${prefix}`, values));
          compared++;
        } else if (node && typeof node === "object") {
          for (const [key, child] of Object.entries(node)) visit(ns, prefix ? `${prefix}.${key}` : key, child);
        }
      };
      for (const ns of namespaces) visit(ns, "", resources[lang][ns]);
      expect(compared).toBeGreaterThan(200);
    }
  });
});
