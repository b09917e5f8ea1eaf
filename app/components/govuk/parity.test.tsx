/**
 * Parity with GOV.UK Frontend: every React component in this folder named
 * after a govuk-frontend component must render the same markup as the
 * official Nunjucks macro for each of its published (non-hidden) fixtures.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createElement, type ComponentType, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import parseHtml from "html-react-parser";
import { parseFragment, type DefaultTreeAdapterMap } from "parse5";
import { afterAll, describe, expect, test } from "vitest";
import { parityExceptions } from "./parity-exceptions";

type ParsedNode = DefaultTreeAdapterMap["node"];
type ParsedElement = DefaultTreeAdapterMap["element"];

interface Fixture {
  name: string;
  options: Record<string, unknown>;
  hidden?: boolean;
  html: string;
}

const here = fileURLToPath(new URL(".", import.meta.url));
const govukComponents = fileURLToPath(new URL("../../../node_modules/govuk-frontend/dist/govuk/components/", import.meta.url));

const componentNames = readdirSync(here)
  .filter((file) => file.endsWith(".tsx") && !file.endsWith(".test.tsx"))
  .map((file) => file.slice(0, -".tsx".length))
  .filter((name) => readdirSync(govukComponents).includes(name))
  .sort();

const pascalCase = (name: string) => name.replace(/(^|-)([a-z])/g, (_, _dash: string, letter: string) => letter.toUpperCase());

// Nunjucks treats "" as "not given" (`params.html if params.html else params.text`), so an empty html falls back to text.
function toProps(options: Record<string, unknown>): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (key === "text" || key === "html") continue;
    if (key === "attributes") props.attributes = value;
    else if (key === "classes") props.className = value;
    else if (key.endsWith("Html") && typeof value === "string") props[key] = parseHtml(value);
    // Slots are HTML by definition (service navigation's `slots.end` may be a bare string).
    else if (key === "slots" && value !== null && typeof value === "object") {
      props.slots = Object.fromEntries(
        Object.entries(value).map(([slot, content]) => [slot, typeof content === "string" ? parseHtml(content) : toValue(content)]),
      );
    } else props[key] = toValue(value);
  }
  if (typeof options.html === "string" && options.html !== "") props.children = parseHtml(options.html);
  else if ("text" in options) props.children = options.text as ReactNode;
  return props;
}

function toValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toValue);
  if (value !== null && typeof value === "object") return toProps(value as Record<string, unknown>);
  return value;
}

// Whitespace next to these never renders, so it is not a difference in markup that matters.
const blockElements = new Set(
  "address article aside blockquote body details dialog dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul legend".split(
    " ",
  ),
);
const preformatted = new Set(["textarea", "pre"]);

const isElement = (node: ParsedNode): node is ParsedElement => "tagName" in node;
const isText = (node: ParsedNode): node is DefaultTreeAdapterMap["textNode"] => node.nodeName === "#text";

/** Children as elements and merged text, comments dropped (React SSR separates adjacent texts with `<!-- -->`). */
function meaningfulChildren(parent: { childNodes: ParsedNode[] }): (ParsedElement | string)[] {
  const merged: (ParsedElement | string)[] = [];
  for (const child of parent.childNodes) {
    if (isElement(child)) merged.push(child);
    else if (isText(child)) {
      const last = merged[merged.length - 1];
      if (typeof last === "string") merged[merged.length - 1] = last + child.value;
      else merged.push(child.value);
    }
  }
  return merged;
}

function canonicalChildren(parent: { childNodes: ParsedNode[] }, depth: number): string[] {
  const children = meaningfulChildren(parent)
    .map((child) => (typeof child === "string" ? child.replace(/\s+/g, " ") : child))
    .filter((child) => child !== " ");
  const lines: string[] = [];
  children.forEach((child, index) => {
    if (typeof child !== "string") {
      lines.push(...canonicalElement(child, depth));
      return;
    }
    const before = children[index - 1];
    const after = children[index + 1];
    let text = child;
    if (before === undefined || (typeof before !== "string" && blockElements.has(before.tagName))) text = text.trimStart();
    if (after === undefined || (typeof after !== "string" && blockElements.has(after.tagName))) text = text.trimEnd();
    if (text !== "") lines.push(`${"  ".repeat(depth)}${JSON.stringify(text)}`);
  });
  return lines;
}

function canonicalAttribute({ name, value }: { name: string; value: string }): string {
  if (name === "class") return `class="${[...new Set(value.split(/\s+/).filter(Boolean))].sort().join(" ")}"`;
  // React writes inline styles as "a:b" without spaces or a trailing semicolon.
  if (name === "style") {
    const declarations = value
      .split(";")
      .map((d) =>
        d
          .split(":")
          .map((part) => part.trim())
          .join(":"),
      )
      .filter(Boolean);
    return `style=${JSON.stringify(declarations.join(";"))}`;
  }
  const collapsed = value.replace(/\s+/g, " ").trim();
  return collapsed === "" || collapsed === name ? name : `${name}=${JSON.stringify(collapsed)}`;
}

function canonicalElement(element: ParsedElement, depth: number): string[] {
  const attributes = [...element.attrs]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((attribute) => ` ${canonicalAttribute(attribute)}`)
    .join("");
  const indent = "  ".repeat(depth);
  const open = `${indent}<${element.tagName}${attributes}>`;
  // <template> keeps its children in a separate fragment.
  const container = "content" in element ? (element.content as { childNodes: ParsedNode[] }) : element;
  if (preformatted.has(element.tagName)) {
    const text = meaningfulChildren(container)
      .map((child) => (typeof child === "string" ? child : ""))
      .join("")
      .trim();
    return [`${open}${JSON.stringify(text)}</${element.tagName}>`];
  }
  const inner = canonicalChildren(container, depth + 1);
  return inner.length === 0 ? [`${open}</${element.tagName}>`] : [open, ...inner, `${indent}</${element.tagName}>`];
}

/** One element or text per line, so a mismatch reads as a line diff. */
function normaliseHtml(html: string): string {
  return canonicalChildren(parseFragment(html), 0).join("\n");
}

const results: { name: string; total: number; matched: number; excepted: number }[] = [];

for (const name of componentNames) {
  const fixtures = (JSON.parse(readFileSync(`${govukComponents}${name}/fixtures.json`, "utf8")) as { fixtures: Fixture[] }).fixtures.filter(
    (fixture) => fixture.hidden !== true,
  );
  const exceptions = parityExceptions[name] ?? {};
  const result = { name, total: fixtures.length, matched: 0, excepted: 0 };
  results.push(result);

  // A broken sibling file fails its own fixtures rather than the whole run: three people edit this folder at once.
  let Component: ComponentType<Record<string, unknown>> | undefined;
  let importError: unknown;
  try {
    const module = (await import(pathToFileURL(`${here}${name}.tsx`).href)) as Record<string, unknown>;
    Component = module[pascalCase(name)] as ComponentType<Record<string, unknown>> | undefined;
  } catch (error) {
    importError = error;
  }

  describe(name, () => {
    for (const fixture of fixtures) {
      const reason = exceptions[fixture.name];
      if (reason !== undefined) {
        result.excepted += 1;
        test.skip(`${fixture.name} (excepted: ${reason})`, () => {});
        continue;
      }
      test(fixture.name, () => {
        if (importError !== undefined) throw importError;
        expect(Component, `${name}.tsx exports ${pascalCase(name)}`).toBeTypeOf("function");
        if (Component === undefined) return;
        const rendered = renderToStaticMarkup(createElement(Component, toProps(fixture.options)));
        expect(normaliseHtml(rendered)).toBe(normaliseHtml(fixture.html));
        result.matched += 1;
      });
    }
  });
}

afterAll(() => {
  for (const { name, total, matched, excepted } of results) {
    console.log(`govuk parity: ${name} ${matched}/${total} ${excepted > 0 ? `match, ${excepted} excepted` : "fixtures match"}`);
  }
});
