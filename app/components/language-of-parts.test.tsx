import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { markParts } from "./language-of-parts";

const html = (node: ReturnType<typeof markParts>) => renderToStaticMarkup(<p>{node}</p>);

describe("marking passages in another language", () => {
  test("an English name in a Welsh sentence is marked as English, every time it comes", () => {
    const name = { text: "Riverside Money Advice Line", lang: "en" as const };
    expect(html(markParts("Rhannu gyda Riverside Money Advice Line. Ar ôl i Riverside Money Advice Line ddarllen", [name], "cy"))).toBe(
      '<p>Rhannu gyda <span lang="en">Riverside Money Advice Line</span>. Ar ôl i <span lang="en">Riverside Money Advice Line</span> ddarllen</p>',
    );
  });

  test("words in the language around them are left as they are", () => {
    expect(html(markParts("Rhannu gyda Cyngor ar Bopeth", [{ text: "Cyngor ar Bopeth", lang: "cy" }], "cy"))).toBe("<p>Rhannu gyda Cyngor ar Bopeth</p>");
    expect(html(markParts("Sharing with Citizens Advice", [{ text: "Citizens Advice", lang: "en" }], "en"))).toBe("<p>Sharing with Citizens Advice</p>");
  });

  test("the longer of two names that overlap is marked whole; text that looks like a pattern is taken literally", () => {
    const parts = [
      { text: "Advice (Demo)", lang: "en" as const },
      { text: "Citizens Advice (Demo)", lang: "en" as const },
    ];
    expect(html(markParts("Gyda Citizens Advice (Demo) a Advice (Demo)", parts, "cy"))).toBe(
      '<p>Gyda <span lang="en">Citizens Advice (Demo)</span> a <span lang="en">Advice (Demo)</span></p>',
    );
  });
});
