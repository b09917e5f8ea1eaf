import { describe, expect, test } from "vitest";
import { translator } from "./i18n";
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
});
