import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startServer, type RunningServer } from "#tests/support/server";
import { serverForThisFile } from "#tests/support/server-for-file";
import { attr, text, type Page, HttpClient } from "#tests/support/http-client";

const server = serverForThisFile(startServer);
const http = new HttpClient(() => server.url);

const welsh = [
  { path: "/", h1: "Ysgrifennwch eich stori unwaith", title: "Ysgrifennwch eich stori unwaith – Dweud unwaith – Cyngor Demo" },
  { path: "/cookies", h1: "Cwcis", title: "Cwcis – Dweud unwaith – Cyngor Demo" },
  { path: "/accessibility", h1: "Datganiad hygyrchedd ar gyfer Dweud unwaith", title: "Datganiad hygyrchedd – Dweud unwaith – Cyngor Demo" },
  { path: "/privacy", h1: "Hysbysiad preifatrwydd", title: "Hysbysiad preifatrwydd – Dweud unwaith – Cyngor Demo" },
];

/** The language navigation's entries: the current one as text, the other as a link. */
function languageItems(page: Page) {
  const [nav] = page.doc.byClass("govuk-language-navigation");
  return page.doc.tag("li", nav).map((li) => {
    const [link] = page.doc.tag("a", li);
    const [current] = page.doc.byClass("govuk-language-navigation__text", li);
    const el = link ?? current;
    return {
      text: text(li),
      link: Boolean(link),
      href: attr(el, "href"),
      hreflang: attr(el, "hreflang"),
      lang: attr(el, "lang"),
      rel: attr(el, "rel"),
      ariaCurrent: attr(el, "aria-current"),
    };
  });
}

function cookieAttributes(setCookie: string): { nameValue: string; attributes: Map<string, string> } {
  const [nameValue, ...rest] = setCookie.split(";").map((p) => p.trim());
  return {
    nameValue,
    attributes: new Map(
      rest.map((p) => {
        const [k, v = ""] = p.split("=");
        return [k.toLowerCase(), v];
      }),
    ),
  };
}

describe.each(welsh)("$path?lang=cy", ({ path, h1, title }) => {
  let page: Page;
  beforeAll(async () => {
    page = await http.get(`${path}?lang=cy`);
  });

  test("is in Welsh, with Welsh heading, title and layout", () => {
    expect(page.status).toBe(200);
    expect(page.doc.lang).toBe("cy");
    expect(page.doc.h1).toBe(h1);
    expect(page.doc.title).toBe(title);
    expect(text(page.doc.tag("a")[0])).toBe("Neidio i’r prif gynnwys");
    expect(text(page.doc.one("footer"))).toContain("Hysbysiad preifatrwydd");
    expect(text(page.doc.tag("header")[0])).toContain("Cyngor Demo");
  });

  test("remembers the choice in an HttpOnly, SameSite=Lax cookie for the whole site", () => {
    const cookies = page.headers.getSetCookie();
    expect(cookies).toHaveLength(1);
    const { nameValue, attributes } = cookieAttributes(cookies[0]);
    expect(nameValue).toBe("lang=cy");
    expect(attributes.has("httponly")).toBe(true);
    expect(attributes.get("samesite")).toBe("Lax");
    expect(attributes.get("path")).toBe("/");
    // The cookies page says "1 year".
    expect(attributes.get("max-age")).toBe(String(365 * 24 * 60 * 60));
    // Over plain http a Secure cookie would never come back.
    expect(attributes.has("secure")).toBe(false);
  });

  test("links back to English on the same page, marked up for assistive technology and search engines", () => {
    expect(languageItems(page)).toEqual([
      { text: "English", link: true, href: `${path}?lang=en`, hreflang: "en", lang: "en", rel: "alternate", ariaCurrent: undefined },
      { text: "Cymraeg", link: false, href: undefined, hreflang: undefined, lang: "cy", rel: undefined, ariaCurrent: "true" },
    ]);
  });
});

describe("the remembered language", () => {
  test("a later request carrying the cookie, with no ?lang, is still in Welsh and sets nothing new", async () => {
    const first = await http.get("/?lang=cy");
    const cookie = first.headers.getSetCookie()[0].split(";")[0];
    const page = await http.get("/privacy", { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(page.doc.lang).toBe("cy");
    expect(page.doc.h1).toBe("Hysbysiad preifatrwydd");
    expect(page.headers.getSetCookie()).toEqual([]);
  });

  test("?lang=en switches back and replaces the cookie", async () => {
    const page = await http.get("/cookies?lang=en", { lang: "cy" });
    expect(page.doc.lang).toBe("en");
    expect(page.doc.h1).toBe("Cookies");
    expect(page.headers.getSetCookie()[0]).toMatch(/^lang=en;/);
  });

  test("with no choice made, a browser asking for Welsh gets Welsh without a cookie", async () => {
    const page = await http.get("/", { headers: { "Accept-Language": "cy-GB,cy;q=0.9,en;q=0.5" } });
    expect(page.doc.lang).toBe("cy");
    expect(page.headers.getSetCookie()).toEqual([]);
  });

  test("a plain request is in English and sets no cookie", async () => {
    const page = await http.get("/");
    expect(page.doc.lang).toBe("en");
    expect(page.headers.getSetCookie()).toEqual([]);
  });
});

describe("switching language keeps your place", () => {
  test("other query parameters survive in both directions", async () => {
    const english = await http.get("/cookies?page=2&q=care+home");
    const toWelsh = new URL(languageItems(english)[1].href!, server.url);
    expect(toWelsh.pathname).toBe("/cookies");
    expect(Object.fromEntries(toWelsh.searchParams)).toEqual({ page: "2", q: "care home", lang: "cy" });

    const welshPage = await http.get(`${toWelsh.pathname}${toWelsh.search}`);
    expect(welshPage.doc.lang).toBe("cy");
    const back = new URL(languageItems(welshPage)[0].href!, server.url);
    expect(back.pathname).toBe("/cookies");
    expect(Object.fromEntries(back.searchParams)).toEqual({ page: "2", q: "care home", lang: "en" });
  });

  test("on the page-not-found page too", async () => {
    const page = await http.get("/no-such-page?ref=letter");
    expect(page.status).toBe(404);
    expect(languageItems(page)[1].href).toBe("/no-such-page?ref=letter&lang=cy");
  });
});

describe("a language we do not have", () => {
  test("?lang=fr answers 400 with a GOV.UK page that says which languages there are", async () => {
    const page = await http.get("/privacy?lang=fr");
    expect(page.status).toBe(400);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.doc.lang).toBe("en");
    expect(page.doc.h1).toBe("Sorry, we could not understand that request");
    expect(page.doc.title).toBe("Sorry, we could not understand that request – Tell it once – Demo Council");
    expect(text(page.doc.one("main"))).toContain("This service is available in English and Cymraeg (Welsh).");
    expect(text(page.doc.tag("header")[0])).toContain("Demo Council");
    expect(page.doc.byClass("govuk-footer")).toHaveLength(1);
    // The way out is a language that exists, on the same page.
    expect(languageItems(page)[1].href).toBe("/privacy?lang=cy");
    expect(page.headers.getSetCookie()).toEqual([]);
  });

  test("is explained in the remembered language", async () => {
    const page = await http.get("/?lang=fr", { lang: "cy" });
    expect(page.status).toBe(400);
    expect(page.doc.lang).toBe("cy");
    expect(page.doc.h1).toBe("Mae’n ddrwg gennym, nid oeddem yn gallu deall y cais hwnnw");
    expect(text(page.doc.one("main"))).toContain("Mae’r gwasanaeth hwn ar gael yn Gymraeg ac yn Saesneg (English).");
    expect(languageItems(page)[0].href).toBe("/?lang=en");
  });

  test.each(["", "CY", "cy-GB", "welsh"])("?lang=%s is not taken as a language", async (value) => {
    const page = await http.get(`/?lang=${value}`);
    expect(page.status).toBe(400);
    expect(page.headers.getSetCookie()).toEqual([]);
  });
});

describe("a council's own names", () => {
  let named: RunningServer;
  beforeAll(async () => {
    named = await startServer({ SERVICE_NAME: "Share your story", ORGANISATION_NAME: "Llanfair County Council" });
  });
  afterAll(async () => {
    await named.stop();
  });

  test("appear in the header, the footer and every title", async () => {
    for (const path of ["/", "/cookies", "/no-such-page"]) {
      const page = await new HttpClient(named.url).get(path);
      const header = text(page.doc.tag("header")[0]);
      expect(header).toContain("Llanfair County Council");
      expect(header).toContain("Share your story");
      expect(header).not.toContain("Demo Council");
      expect(page.doc.title).toMatch(/ – Share your story – Llanfair County Council$/);
      expect(text(page.doc.one("footer"))).toContain("This service is run by Llanfair County Council.");
    }
  });

  test("are used in Welsh pages too when no Welsh names are set", async () => {
    const page = await new HttpClient(named.url).get("/accessibility?lang=cy");
    expect(page.doc.title).toBe("Datganiad hygyrchedd – Share your story – Llanfair County Council");
    expect(page.doc.h1).toBe("Datganiad hygyrchedd ar gyfer Share your story");
    expect(page.html).not.toMatch(/Cyngor Demo|Dweud unwaith/);
  });
});
