import type { ReactNode } from "react";

type GovukAttributeValue = string | number | boolean | null | undefined;

/** The macros' `attributes` param: a plain value, or `{ value, optional }` as in govuk-frontend's attributes macro. */
export type GovukAttributes = Record<string, GovukAttributeValue | { value: GovukAttributeValue; optional?: boolean }>;

// React warns (console.error) on lowercase spellings of the attributes it knows by another name.
const reactNames: Record<string, string> = {
  accesskey: "accessKey",
  autocapitalize: "autoCapitalize",
  autocomplete: "autoComplete",
  autofocus: "autoFocus",
  colspan: "colSpan",
  contenteditable: "contentEditable",
  crossorigin: "crossOrigin",
  datetime: "dateTime",
  enctype: "encType",
  enterkeyhint: "enterKeyHint",
  for: "htmlFor",
  formaction: "formAction",
  formnovalidate: "formNoValidate",
  hreflang: "hrefLang",
  inputmode: "inputMode",
  maxlength: "maxLength",
  minlength: "minLength",
  novalidate: "noValidate",
  readonly: "readOnly",
  referrerpolicy: "referrerPolicy",
  rowspan: "rowSpan",
  spellcheck: "spellCheck",
  tabindex: "tabIndex",
};

// React drops these when given a string such as "" and renders them bare when true.
const reactBooleans = new Set([
  "allowFullScreen",
  "autoFocus",
  "checked",
  "disabled",
  "formNoValidate",
  "hidden",
  "inert",
  "multiple",
  "noValidate",
  "open",
  "readOnly",
  "required",
  "reversed",
  "selected",
]);

/**
 * Turns an `attributes` param into props to spread on an element, following
 * govuk-frontend's rules: `undefined`/`null` render as an empty value, and
 * optional attributes are left out when empty and rendered bare when `true`.
 */
export function attributeProps(attributes: GovukAttributes | undefined): Record<string, string | boolean> {
  const props: Record<string, string | boolean> = {};
  for (const [name, item] of Object.entries(attributes ?? {})) {
    const { value, optional } = item !== null && typeof item === "object" ? item : { value: item, optional: false };
    if (optional === true && (value === undefined || value === null || value === false)) continue;
    const prop = reactNames[name] ?? name;
    if (reactBooleans.has(prop)) props[prop] = true;
    else if (optional === true && value === true) props[prop] = "";
    else props[prop] = value === undefined || value === null ? "" : String(value);
  }
  return props;
}

/** Whether content counts as given, the way Nunjucks tests `params.html or params.text`. */
export function hasContent(node: ReactNode): boolean {
  return node !== undefined && node !== null && node !== false && node !== "";
}
