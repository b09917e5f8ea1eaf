import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, test } from "vitest";
import { startServer } from "#tests/support/server";
import { serverForThisFile } from "#tests/support/server-for-file";
import { attr, text, type Page, HttpClient } from "#tests/support/http-client";
import { wireBytes } from "./helpers";

const server = serverForThisFile(startServer);
const http = new HttpClient(() => server.url);

const pages = [
  { path: "/", h1: "Write your story once", title: "Write your story once – Tell it once – Demo Council" },
  { path: "/cookies", h1: "Cookies", title: "Cookies – Tell it once – Demo Council" },
  { path: "/accessibility", h1: "Accessibility statement for Tell it once", title: "Accessibility statement – Tell it once – Demo Council" },
  { path: "/privacy", h1: "Privacy notice", title: "Privacy notice – Tell it once – Demo Council" },
];

describe.each(pages)("$path", ({ path, h1, title }) => {
  let page: Page;
  beforeAll(async () => {
    page = await http.get(path);
  });

  test("answers 200 in English with its own heading and title", () => {
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.doc.lang).toBe("en");
    expect(page.doc.h1).toBe(h1);
    expect(page.doc.title).toBe(title);
  });

  test("starts with a skip link to the main content", () => {
    const body = page.doc.one("body");
    const firstLink = page.doc.tag("a", body)[0];
    expect(attr(firstLink, "href")).toBe("#main-content");
    expect(attr(firstLink, "class")).toContain("govuk-skip-link");
    expect(text(firstLink)).toBe("Skip to main content");
    const main = page.doc.tag("main");
    expect(main).toHaveLength(1);
    expect(attr(main[0], "id")).toBe("main-content");
    // The heading is inside the main content, where the skip link lands.
    expect(page.doc.tag("h1", main[0])).toHaveLength(1);
  });

  test("names the organisation and the service in the header, with no GOV.UK crown", () => {
    const [header] = page.doc.tag("header");
    expect(text(header)).toContain("Demo Council");
    expect(text(page.doc.byClass("govuk-service-navigation__service-name")[0])).toBe("Tell it once");
    expect(page.html).not.toMatch(/govuk-logo|govuk-header__logotype|govuk-footer__copyright-logo|crown/i);
    expect(page.html).not.toMatch(/© Crown copyright|Open Government Licence/);
  });

  test("has the beta phase banner with a way to give feedback", () => {
    const [banner] = page.doc.byClass("govuk-phase-banner");
    expect(banner).toBeDefined();
    expect(text(page.doc.byClass("govuk-phase-banner__content__tag", banner)[0])).toBe("Beta");
    const feedback = page.doc.tag("a", banner)[0];
    expect(attr(feedback, "href")).toBe("mailto:tellitonce@example.org");
  });

  test("offers Cymraeg in the language navigation", () => {
    const [nav] = page.doc.byClass("govuk-language-navigation");
    expect(nav.tagName).toBe("nav");
    expect(attr(nav, "aria-label")).toBe("Choose a language");
    expect(page.doc.tag("li", nav).map(text)).toEqual(["English", "Cymraeg"]);
    const [welsh, ...others] = page.doc.tag("a", nav);
    expect(others).toHaveLength(0);
    expect(attr(welsh, "href")).toBe(`${path}?lang=cy`);
  });

  test("links to the cookies, accessibility and privacy pages from the footer", () => {
    const [footer] = page.doc.tag("footer");
    const links = Object.fromEntries(page.doc.tag("a", footer).map((a) => [text(a), attr(a, "href")]));
    expect(links).toMatchObject({
      Cookies: "/cookies",
      "Accessibility statement": "/accessibility",
      "Privacy notice": "/privacy",
      "Contact us": "mailto:tellitonce@example.org",
    });
    expect(text(footer)).toContain("This service is run by Demo Council.");
  });
});

describe("the pages of text alone, where someone lands at the end of something", () => {
  const ends = [
    { path: "/signed-out", en: "You have signed out", cy: "Rydych wedi allgofnodi", next: "/sign-in" },
    { path: "/account/deleted", en: "Your account has been deleted", cy: "Mae eich cyfrif wedi’i ddileu", next: "/" },
    { path: "/shared/finished", en: "You have finished reading", cy: "Rydych chi wedi gorffen darllen", next: undefined },
    { path: "/staff/signed-out", en: "You have signed out of the staff area", cy: "Rydych wedi allgofnodi o’r ardal staff", next: "/staff/sign-in" },
  ];

  test.each(ends)("$path is titled by its heading, in English and in Welsh, and links onward", async ({ path, en, cy, next }) => {
    const english = await http.get(path, { lang: "en" });
    expect([english.status, english.doc.h1, english.doc.title]).toEqual([200, en, `${en} – Tell it once – Demo Council`]);
    const links = linksIn(english);
    expect(links).toEqual(next ? [next] : []);
    const welsh = await http.get(path, { lang: "cy" });
    expect([welsh.status, welsh.doc.lang, welsh.doc.h1]).toEqual([200, "cy", cy]);
  });

  test.each(ends)("$path is the same page in capitals or with a slash at the end", async ({ path, en }) => {
    for (const written of [path.toUpperCase(), `${path}/`]) {
      const found = await http.get(written, { lang: "en" });
      expect([found.status, found.doc.h1], written).toEqual([200, en]);
    }
  });

  /** The links in the page's text, below its heading. */
  function linksIn(found: Page): string[] {
    return found.doc.tag("a", found.doc.one("main")).map((a) => attr(a, "href") ?? "");
  }
});

describe("the stylesheet", () => {
  test("is linked from every page, answers 200 and does not use the GDS Transport font", async () => {
    const hrefs = new Set<string>();
    for (const { path } of pages) {
      const page = await http.get(path);
      for (const link of page.doc.tag("link").filter((l) => attr(l, "rel") === "stylesheet")) hrefs.add(attr(link, "href") ?? "");
    }
    expect([...hrefs]).toHaveLength(1);
    const [href] = [...hrefs];
    expect(href).toMatch(/^\/assets\/application\.css\?v=[0-9a-f]+$/);
    const stylesheet = await http.get(href);
    expect(stylesheet.status).toBe(200);
    expect(stylesheet.headers.get("content-type")).toMatch(/^text\/css/);
    const css = stylesheet.html;
    expect(css.length).toBeGreaterThan(10_000);
    expect(css).not.toMatch(/GDS Transport/i);
    expect(css).not.toMatch(/light-\d+\.woff2|bold-\d+\.woff2/);
  });
});

describe("the accessibility statement", () => {
  let page: Page;
  beforeAll(async () => {
    page = await http.get("/accessibility");
  });

  test("has every section the Public Sector Bodies Accessibility Regulations require", () => {
    expect(page.doc.headings("h2")).toEqual(
      expect.arrayContaining([
        "Compliance status",
        "Non-accessible content",
        "Preparation of this accessibility statement",
        "Feedback and contact information",
        "Enforcement procedure",
      ]),
    );
  });

  test("names the regulations, the standard, the service's address and how to get in touch", () => {
    const main = text(page.doc.one("main"));
    expect(main).toContain("Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018");
    expect(main).toContain("WCAG");
    expect(main).toMatch(/partially compliant|fully compliant|not compliant/);
    expect(main).toContain(server.url);
    expect(main).toContain("Equality Advisory and Support Service");
    expect(main).toMatch(/prepared on \d{1,2} \w+ \d{4}/);
    const mail = page.doc.tag("a", page.doc.one("main")).map((a) => attr(a, "href"));
    expect(mail).toContain("mailto:tellitonce@example.org");
  });
});

describe("the privacy notice", () => {
  let page: Page;
  beforeAll(async () => {
    page = await http.get("/privacy");
  });

  test("covers controller, what we hold, lawful basis, sharing, retention, rights and complaints", () => {
    expect(page.doc.headings("h2")).toEqual([
      "Who is responsible for your information",
      "What information we hold",
      "Why we are allowed to use it",
      "Who we share it with",
      "How long we keep it",
      "Your rights",
      "How to complain",
    ]);
  });

  test("says who the controller is, the legal bases and where to complain", () => {
    const main = text(page.doc.one("main"));
    expect(main).toContain("Demo Council is the data controller");
    expect(main).toContain("Article 6(1)(a)");
    expect(main).toContain("Article 9(2)(a)");
    expect(main).toContain("Information Commissioner");
    expect(main).toContain("tellitonce@example.org");
  });
});

describe("the start page", () => {
  test("has a start button and the 999 warning", async () => {
    const page = await http.get("/");
    const [start] = page.doc.byClass("govuk-button--start");
    expect(text(start)).toBe("Start now");
    expect(text(page.doc.byClass("govuk-warning-text")[0])).toContain("If you are in danger now, call 999.");
  });

  test("stays within the page budget: HTML and CSS together at most 60 KB gzipped", async () => {
    const page = await http.get("/");
    const href = page.doc.tag("link").find((l) => attr(l, "rel") === "stylesheet");
    const cssUrl = `${server.url}${attr(href!, "href")}`;
    const css = await (await fetch(cssUrl)).text();
    const html = Buffer.byteLength(page.html);
    const htmlGzip = gzipSync(page.html).length;
    const cssBytes = Buffer.byteLength(css);
    const cssGzip = gzipSync(css).length;
    const htmlWire = await wireBytes(`${server.url}/`);
    const cssWire = await wireBytes(cssUrl);
    expect(htmlWire.encoding).toBe("gzip");
    expect(cssWire.encoding).toBe("gzip");

    console.log(
      [
        "Start page sizes:",
        `  HTML ${html} B, gzip ${htmlGzip} B (as served: ${htmlWire.bytes} B)`,
        `  CSS  ${cssBytes} B, gzip ${cssGzip} B (as served: ${cssWire.bytes} B)`,
        `  HTML+CSS gzip ${htmlGzip + cssGzip} B (as served: ${htmlWire.bytes + cssWire.bytes} B)`,
      ].join("\n"),
    );
    expect(htmlWire.bytes + cssWire.bytes).toBeLessThanOrEqual(60 * 1024);
  });
});

describe("Exit this page, where someone at risk arrives first", () => {
  /** The sign-in cookie a browser holds after asking for a code, so the check-email page opens. */
  async function askedForACode(): Promise<string> {
    const browser = http.browser();
    expect((await browser.post("/sign-in", { email: "someone@example.org" })).status).toBe(302);
    return browser.jar.get("signin")!;
  }

  const pagesAtRisk = [
    { name: "the start page", path: "/", cookie: async () => "" },
    { name: "the sign-in page", path: "/sign-in", cookie: async () => "" },
    { name: "the check-email page", path: "/sign-in/check-email", cookie: askedForACode },
  ];

  describe.each(pagesAtRisk)("$name", ({ path, cookie }) => {
    test.each([
      { lang: "en" as const, words: "Emergency Exit this page" },
      { lang: "cy" as const, words: "Argyfwng Gadael y dudalen hon" },
    ])("has it first in the main content, as a plain link that works without JavaScript ($lang)", async ({ lang, words }) => {
      const page = await http.get(path, { cookie: await cookie(), lang });
      expect(page.status).toBe(200);
      const main = page.doc.one("main");
      const [exit, ...more] = page.doc.byClass("govuk-exit-this-page", main);
      expect(exit, "an Exit this page button").toBeDefined();
      expect(more).toEqual([]);
      // Before anything else the page says, so it is the first thing reached.
      expect(main.childNodes.find((node) => "tagName" in node)).toBe(exit);
      const [link] = page.doc.tag("a", exit);
      expect(attr(link, "href")).toBe("https://www.bbc.co.uk/weather");
      expect(attr(link, "rel")).toBe("nofollow noreferrer");
      expect(text(link)).toBe(words);
    });
  });
});
