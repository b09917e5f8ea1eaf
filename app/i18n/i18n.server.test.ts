import { describe, expect, test } from "vitest";
import { translator } from "./i18n";
import { readerTranslations, translationsFor } from "./i18n.server";

const request = (lang: "en" | "cy") => new Request(`http://localhost/?lang=${lang}`);

describe("the words a reader of a summary is sent", () => {
  test("name the sections and answers, without the questions' labels and hints", () => {
    const { bundles } = readerTranslations(request("en")).translations;
    expect(Object.keys(bundles).sort()).toEqual(["shared", "story"]);
    const t = translator([{ lang: "en", bundles }]);
    expect(t("story:sections.matters.summaryTitle")).toBe("What matters to me");
    expect(t("story:fields.about.name.summary")).toBe("Full name");
    expect(JSON.stringify(bundles.story)).not.toMatch(/"(hint|label)":/);
    expect(JSON.stringify(bundles.story).length).toBeLessThan(JSON.stringify(translationsFor("en", ["story"]).bundles.story).length / 2);
  });

  test("are made once per language", () => {
    expect(readerTranslations(request("cy")).translations.bundles).toBe(readerTranslations(request("cy")).translations.bundles);
    expect(readerTranslations(request("cy")).translations.bundles).not.toBe(readerTranslations(request("en")).translations.bundles);
  });

  test("do not hide the rest of a namespace from a page that brings all of it later", () => {
    translator([readerTranslations(request("cy")).translations]);
    const t = translator([translationsFor("cy", ["story"])]);
    expect(t("story:fields.about.name.label")).not.toBe("story:fields.about.name.label");
    expect(t("story:fields.about.name.summary")).not.toBe("story:fields.about.name.summary");
  });
});
