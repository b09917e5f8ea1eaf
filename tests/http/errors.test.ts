import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startServer, type RunningServer } from "#tests/support/server";
import { serverForThisFile } from "#tests/support/server-for-file";
import { attr, load, text, type Page, HttpClient } from "#tests/support/http-client";

const server = serverForThisFile(startServer);
const http = new HttpClient(() => server.url);

/** The layout a person needs to find their way on: header with names, language choice, footer links. */
function expectFullLayout(page: Page) {
  expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
  expect(page.headers.get("cache-control")).toBe("no-store");
  expect(attr(page.doc.tag("a")[0], "href")).toBe("#main-content");
  expect(text(page.doc.tag("header")[0])).toContain("Demo Council");
  expect(page.doc.byClass("govuk-language-navigation")).toHaveLength(1);
  const [footer] = page.doc.tag("footer");
  expect(page.doc.tag("a", footer).map((a) => attr(a, "href"))).toEqual(
    expect.arrayContaining(["/cookies", "/accessibility", "/privacy", "mailto:tellitonce@example.org"]),
  );
  expect(text(footer)).toContain("This service is run by Demo Council.");
  // A way back to the start.
  expect(page.doc.tag("a", page.doc.one("main")).map((a) => attr(a, "href"))).toContain("/");
}

describe("an address we do not have", () => {
  test("GET answers 404 with the GOV.UK page-not-found page and the full layout", async () => {
    const page = await http.get("/no-such-page");
    expect(page.status).toBe(404);
    expect(page.doc.h1).toBe("Page not found");
    expect(page.doc.title).toBe("Page not found – Tell it once – Demo Council");
    expect(text(page.doc.one("main"))).toContain("If you typed the web address, check it is correct.");
    expectFullLayout(page);
  });

  test("nested paths and paths that look like files are not found either", async () => {
    for (const path of ["/a/b/c", "/.env", "/build/../package.json", "/assets/nothing.css", "/build/nothing.js"]) {
      const page = await http.get(path);
      expect(page.status, path).toBe(404);
      expect(page.html, path).not.toContain('"name": "tell-it-once"');
    }
  });

  describe("POST", () => {
    let page: Page;
    beforeAll(async () => {
      page = await http.post("/no-such-page", { name: "Someone" });
    });

    test("answers 404 with the page-not-found page", () => {
      expect(page.status).toBe(404);
      expect(page.doc.h1).toBe("Page not found");
    });

    // App bug: the splat route's action throws before the root loader runs, so the
    // layout has no names and no contact address ("This service is run by .").
    test("with the full layout", () => {
      expectFullLayout(page);
      expect(page.doc.title).toBe("Page not found – Tell it once – Demo Council");
    });
  });

  test("in Welsh for someone who chose Welsh", async () => {
    const page = await http.get("/dim-tudalen", { lang: "cy" });
    expect(page.status).toBe(404);
    expect(page.doc.lang).toBe("cy");
    expect(page.doc.h1).toBe("Heb ddod o hyd i’r dudalen");
  });
});

describe("malformed requests never get a server error", () => {
  test("a path with broken percent-encoding answers 400 Bad request in plain text, with the security headers", async () => {
    const response = await fetch(`${server.url}/%E0%A4%A`);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await response.text()).toBe("Bad request");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  test("an 8 KB address is simply not found", async () => {
    const page = await http.get(`/${"a".repeat(8_000)}`);
    expect(page.status).toBe(404);
    expect(page.doc.h1).toBe("Page not found");
  });

  test("a 20 KB address is refused by Node before the app sees it: 431, empty body", async () => {
    const response = await fetch(`${server.url}/${"a".repeat(20_000)}`);
    expect(response.status).toBe(431);
    expect(await response.text()).toBe("");
    // The server is still fine afterwards.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  test("a long query string on a real page is served normally", async () => {
    const page = await http.get(`/cookies?x=${"b".repeat(6_000)}`);
    expect(page.status).toBe(200);
    expect(page.doc.h1).toBe("Cookies");
  });
});

describe("HEAD", () => {
  test("HEAD / answers 200 with the page's headers and no body", async () => {
    const response = await fetch(`${server.url}/`, { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("content-security-policy")).toMatch(/'nonce-/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.text()).toBe("");
  });

  test("HEAD of an unknown address answers 404", async () => {
    const response = await fetch(`${server.url}/no-such-page`, { method: "HEAD" });
    expect(response.status).toBe(404);
  });
});

describe("a POST to a page that takes no form", () => {
  let page: Page;
  beforeAll(async () => {
    page = await http.post("/cookies", { a: "b" });
  });

  test("answers 405 Method Not Allowed", () => {
    expect(page.status).toBe(405);
  });

  // App bug: Remix answers a POST to a route with no action before the root loader
  // runs, so the layout has no names, no contact address and the 500 wording.
  test("still shows the full layout, with the organisation's name and a working contact link", () => {
    expectFullLayout(page);
    expect(page.doc.title).toMatch(/ – Tell it once – Demo Council$/);
  });

  test("does not tell the person the service is broken", () => {
    expect(page.doc.h1).not.toBe("Sorry, there is a problem with the service");
  });
});

describe("the server error page", () => {
  let broken: RunningServer;
  let page: Page;
  beforeAll(async () => {
    broken = await startServer();
    // Break the one write the app makes on a plain request: recording a refused cross-site POST.
    await broken.write("DROP TABLE audit_events");
    // The broken write is a server error, which the server logs.
    broken.expectError(/^Error: Failed query: insert into "audit_events"/);
    // A POST from an older browser on another site: an Origin header, no Sec-Fetch-Site.
    page = await load(broken.url, "/cookies", {
      method: "POST",
      headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: "a=b",
    });
  });
  afterAll(async () => {
    await broken.stop();
  });

  // App bug: this is the first page the fresh server renders; with the root loader failed
  // and the page's own loader answered, useTranslation finds the page's bundle but not
  // `common`, so every layout string comes out as a raw key ("common:errors.500.title").
  test("answers 500 with the GOV.UK 'Sorry, there is a problem with the service' page", () => {
    expect(page.status).toBe(500);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.headers.get("cache-control")).toBe("no-store");
    expect(page.doc.h1).toBe("Sorry, there is a problem with the service");
    expect(text(page.doc.one("main"))).toContain("Try again later.");
    expect(page.doc.title).toMatch(/^Sorry, there is a problem with the service – Tell it once/);
  });

  test("shows no technical detail", () => {
    expect(page.html).not.toMatch(/SqliteError|no such table|audit_events|\bat \S+ \(|node_modules|\/work\//);
    expect(page.html).not.toMatch(/^\s+at /m);
    expect(text(page.doc.one("body"))).not.toMatch(/Error:/);
  });

  // App bug: when the root loader throws, the error page has no layout data, so the
  // header has no organisation, the footer says "run by ." and Contact us is "mailto:".
  test("still names the organisation and offers a working contact link", () => {
    expect(text(page.doc.tag("header")[0])).toContain("Demo Council");
    expect(page.doc.title).toBe("Sorry, there is a problem with the service – Tell it once – Demo Council");
    const [footer] = page.doc.tag("footer");
    expect(page.doc.tag("a", footer).map((a) => attr(a, "href"))).toContain("mailto:tellitonce@example.org");
  });

  test("the server keeps running and still answers other pages", async () => {
    expect((await fetch(`${broken.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${broken.url}/cookies`)).status).toBe(200);
  });
});
