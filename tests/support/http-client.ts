/**
 * The one HTTP client of the suites: a page fetched as a person's browser
 * would (no redirect followed, the HTML parsed and kept for the HTML checker),
 * a form posted with the headers a browser sends from the service's own page,
 * a browser's cookie jar, and the expectations every suite makes of a page: its
 * status and heading, a redirect, the GOV.UK error summary and a field's error.
 */
import { parse, type DefaultTreeAdapterTypes } from "parse5";
import { expect } from "vitest";
import { checkServedPage } from "#tests/support/html-validation";

type Element = DefaultTreeAdapterTypes.Element;
type Node = DefaultTreeAdapterTypes.ChildNode | DefaultTreeAdapterTypes.Document;

export type Page = { status: number; headers: Headers; html: string; doc: HtmlDocument };
export type Fields = Record<string, string | string[]>;
export type Language = "en" | "cy";

/**
 * One request, sent exactly as given and without following redirects, with the HTML parsed.
 * Fails at once on a NUL in the page, and keeps the page for the HTML checker.
 */
export async function load(base: string, path: string, init: RequestInit = {}): Promise<Page> {
  const response = await fetch(`${base}${path}`, { redirect: "manual", ...init });
  const html = await response.text();
  checkServedPage(`${init.method ?? "GET"} ${path}`, response.headers.get("content-type"), html);
  return { status: response.status, headers: response.headers, html, doc: new HtmlDocument(html) };
}

/** A form's fields as a browser encodes them, a field with several values (ticked checkboxes) once per value. */
export function formBody(fields: Fields): string {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
  return body.toString();
}

/** What each request may add: the language cookie a person who chose one sends, a Cookie header of its own, other headers. */
export type RequestOptions = { cookie?: string; lang?: Language; headers?: Record<string, string> };

const cookieHeader = (...pairs: (string | undefined)[]) => pairs.filter(Boolean).join("; ");

/**
 * Requests to one server, each sending only the cookies it is given. The
 * server's address may be given as a function, for a suite whose server starts
 * in beforeAll: `const http = new HttpClient(() => server.url)`.
 */
export class HttpClient {
  constructor(private readonly at: string | (() => string)) {}

  get base(): string {
    return typeof this.at === "string" ? this.at : this.at();
  }

  get(path: string, { cookie, lang, headers = {} }: RequestOptions = {}): Promise<Page> {
    const cookies = cookieHeader(cookie, lang && `lang=${lang}`);
    return load(this.base, path, { headers: { ...(cookies ? { Cookie: cookies } : {}), ...headers } });
  }

  /** POSTs a form as a browser does from one of the service's own pages: same-origin, url-encoded. */
  post(path: string, fields: Fields = {}, { cookie, lang, headers = {} }: RequestOptions = {}): Promise<Page> {
    const cookies = cookieHeader(cookie, lang && `lang=${lang}`);
    return load(this.base, path, {
      method: "POST",
      headers: {
        Origin: this.base,
        "Sec-Fetch-Site": "same-origin",
        "Content-Type": "application/x-www-form-urlencoded",
        ...(cookies ? { Cookie: cookies } : {}),
        ...headers,
      },
      body: formBody(fields),
    });
  }

  /** A new browser with an empty cookie jar, or one holding `cookie` ("name=value; …"). */
  browser(options: { cookie?: string; lang?: Language } = {}): Browser {
    return new Browser(this, options);
  }
}

/** A browser's cookies for one server, by name: what Set-Cookie gives, sent back until it is cleared. */
export class CookieJar {
  private readonly pairs = new Map<string, string>();

  constructor(cookie = "") {
    for (const pair of cookie.split(/;\s*/).filter(Boolean)) this.set(pair);
  }

  /** "name=value" as the browser sends it, if it holds one. */
  get(name: string): string | undefined {
    return this.pairs.get(name);
  }

  delete(name: string): void {
    this.pairs.delete(name);
  }

  set(pair: string): void {
    this.pairs.set(pair.slice(0, pair.indexOf("=")), pair);
  }

  /** Keeps what each Set-Cookie of a response says: a value to send, or a cookie cleared (empty, or Max-Age=0). */
  take(headers: Headers): void {
    for (const header of headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(/;\s*/);
      const name = pair.slice(0, pair.indexOf("="));
      const cleared = pair === `${name}=` || attributes.some((a) => /^max-age=0$/i.test(a));
      if (cleared) this.pairs.delete(name);
      else this.pairs.set(name, pair);
    }
  }

  /** The Cookie header: every cookie held, in the order first set. */
  get header(): string {
    return [...this.pairs.values()].join("; ");
  }
}

/**
 * One person's browser: it sends the cookies it holds and keeps those the
 * server sets. `lang` is the language cookie of a person who chose one; a
 * request may ask in the other language without changing it.
 */
export class Browser {
  readonly jar: CookieJar;
  /** The language cookie: as created, then as the server last set it (a page opened with ?lang=cy, say). */
  lang: Language | undefined;

  constructor(
    readonly client: HttpClient,
    { cookie, lang }: { cookie?: string; lang?: Language } = {},
  ) {
    this.jar = new CookieJar(cookie);
    this.lang = lang;
  }

  /** The Cookie header the browser sends, without the language. */
  get cookie(): string {
    return this.jar.header;
  }

  async get(path: string, { lang = this.lang, headers }: Omit<RequestOptions, "cookie"> = {}): Promise<Page> {
    return this.took(await this.client.get(path, { cookie: this.cookie, lang, headers }));
  }

  async post(path: string, fields: Fields = {}, { lang = this.lang, headers }: Omit<RequestOptions, "cookie"> = {}): Promise<Page> {
    return this.took(await this.client.post(path, fields, { cookie: this.cookie, lang, headers }));
  }

  /** Follows a redirect the page answered with, as the browser would. */
  follow(page: Page, options: Omit<RequestOptions, "cookie"> = {}): Promise<Page> {
    expect(page.status, "a redirect").toBeGreaterThanOrEqual(300);
    expect(page.status, "a redirect").toBeLessThan(400);
    return this.get(page.headers.get("location")!, options);
  }

  private took(page: Page): Page {
    this.jar.take(page.headers);
    const lang = this.jar.get("lang")?.slice("lang=".length);
    this.jar.delete("lang");
    if (lang === "en" || lang === "cy") this.lang = lang;
    return page;
  }
}

/** The "name=value" part of the Set-Cookie a response sent for `name`, if it sent one. */
export function setCookie(page: Page, name: string): string | undefined {
  return page.headers
    .getSetCookie()
    .map((header) => header.split(";")[0])
    .find((pair) => pair.startsWith(`${name}=`));
}

/** A redirect: its status (302 unless said) and where it leads. */
export function expectRedirect(page: Page, to: string, status = 302): void {
  expect([page.status, page.headers.get("location")]).toEqual([status, to]);
}

/** A page: its status, and its title and heading where given. */
export function expectPage(page: Page, { status = 200, title, h1 }: { status?: number; title?: string | RegExp; h1?: string }): void {
  expect(page.status).toBe(status);
  if (typeof title === "string") expect(page.doc.title).toBe(title);
  else if (title) expect(page.doc.title).toMatch(title);
  if (h1 !== undefined) expect(page.doc.h1).toBe(h1);
}

/** The GOV.UK error summary's links, in order: where each goes and what it says. None when there is no summary. */
export function errorSummary(page: Page): { href: string | undefined; text: string }[] {
  const [summary] = page.doc.byClass("govuk-error-summary");
  if (!summary) return [];
  return page.doc.tag("a", summary).map((a) => ({ href: attr(a, "href"), text: text(a) }));
}

/** The error message shown with the field whose input (or fieldset) has id `id`, as GOV.UK Frontend ids it: `${id}-error`. */
export function fieldError(page: Page, id: string): string | undefined {
  const [message] = page.doc.all((el) => attr(el, "id") === `${id}-error`);
  return message && text(message);
}

export class HtmlDocument {
  readonly root: Node;
  constructor(html: string) {
    this.root = parse(html);
  }

  all(predicate: (el: Element) => boolean, from: Node = this.root): Element[] {
    const found: Element[] = [];
    const walk = (node: Node) => {
      if ("tagName" in node && predicate(node)) found.push(node);
      const children = "childNodes" in node ? node.childNodes : [];
      for (const child of children) walk(child);
    };
    walk(from);
    return found;
  }

  tag(name: string, from?: Node): Element[] {
    return this.all((el) => el.tagName === name, from);
  }

  byClass(name: string, from?: Node): Element[] {
    return this.all((el) => (attr(el, "class") ?? "").split(/\s+/).includes(name), from);
  }

  one(name: string): Element {
    const [first, ...rest] = this.tag(name);
    if (!first || rest.length > 0) throw new Error(`expected exactly one <${name}>, found ${rest.length + (first ? 1 : 0)}`);
    return first;
  }

  get lang(): string | undefined {
    return attr(this.one("html"), "lang");
  }

  get title(): string {
    return text(this.one("title"));
  }

  get h1(): string {
    return text(this.one("h1"));
  }

  /** Headings inside <main>, in order. */
  headings(level: "h2" | "h3"): string[] {
    return this.tag(level, this.one("main")).map(text);
  }
}

export function attr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

/** The text a person sees in an element, whitespace collapsed. */
export function text(node: Node): string {
  const parts: string[] = [];
  const walk = (n: Node) => {
    if (n.nodeName === "#text" && "value" in n) parts.push(n.value);
    if ("childNodes" in n && n.nodeName !== "script") for (const child of n.childNodes) walk(child);
  };
  walk(node);
  return parts.join("").replace(/\s+/g, " ").trim();
}

/** A form a test needs accepted on the way to what it tests: the answer, unless the server refused or failed it. */
export async function accepted(answer: Promise<Page>): Promise<Page> {
  const page = await answer;
  if (page.status >= 400) throw new Error(`a form on the way was answered ${page.status}: ${page.doc.title}`);
  return page;
}
