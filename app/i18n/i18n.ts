import { createInstance, type i18n, type TFunction } from "i18next";

export const languages = ["en", "cy"] as const;
export type Language = (typeof languages)[number];

export function isLanguage(value: unknown): value is Language {
  return value === "en" || value === "cy";
}

/** Every translation namespace, one locale file each in locales/en and locales/cy. */
export const namespaces = [
  "common",
  "govuk",
  "start",
  "cookies",
  "accessibility",
  "privacy",
  "email",
  "signIn",
  "story",
  "sharing",
  "shared",
  "helpers",
  "account",
  "staff",
] as const;
export type Namespace = (typeof namespaces)[number];

/** The strings of some namespaces in one language, as loaders send them to the page. */
export type Translations = { lang: Language; bundles: Record<string, Record<string, unknown>> };

// One i18next instance per language, filled with namespaces as pages bring them.
// The bundles are the committed locale files, identical for every request, so
// sharing the instances across requests on the server is safe.
const instances = new Map<Language, i18n>();

function instanceFor(lang: Language): i18n {
  let instance = instances.get(lang);
  if (!instance) {
    instance = createInstance({
      lng: lang,
      fallbackLng: false,
      ns: [],
      defaultNS: "common",
      resources: {},
      initAsync: false,
      returnNull: false,
      // A missing key shows as "namespace:key", which the page tests look for.
      appendNamespaceToMissingKey: true,
      // React escapes what it renders; escaping here too would double-encode.
      interpolation: { escapeValue: false },
    });
    // With initAsync false this has finished when it returns; the promise it also gives is not needed.
    void instance.init();
    instances.set(lang, instance);
  }
  return instance;
}

// The bundles already merged in: every bundle is the same object on every
// request, so each is merged once.
const merged = new WeakSet<object>();

/** A `t` for `lang` that knows every namespace in `translations`. */
export function translator(translations: Translations[]): TFunction {
  const lang = translations[0]?.lang ?? "en";
  const instance = instanceFor(lang);
  for (const { bundles } of translations) {
    for (const [ns, resources] of Object.entries(bundles)) {
      if (merged.has(resources)) continue;
      instance.addResourceBundle(lang, ns, resources, true, false);
      merged.add(resources);
    }
  }
  const t = instance.getFixedT(lang) as unknown as (...args: unknown[]) => unknown;
  const known = plainStrings(lang);
  // A string asked for with nothing to put in it is the same on every page: looked up in i18next once.
  const cached = (key: unknown, ...rest: unknown[]) => {
    if (typeof key !== "string") return t(key, ...rest);
    if (rest.length > 0) return (rest.length === 1 && filledIn(instance, lang, key, rest[0])) ?? t(key, ...rest);
    let found = known.get(key);
    if (found === undefined) {
      found = String(t(key));
      // A missing key reads as itself ("namespace:key"), until a page brings its namespace: not kept.
      if (found !== key) known.set(key, found);
    }
    return found;
  };
  return cached as unknown as TFunction;
}

// Each language's strings that need nothing put in them, by key, as i18next found them.
const plainStringsByLanguage = new Map<Language, Map<string, string>>();
function plainStrings(lang: Language): Map<string, string> {
  let strings = plainStringsByLanguage.get(lang);
  if (!strings) plainStringsByLanguage.set(lang, (strings = new Map()));
  return strings;
}

// What i18next does with options beyond the values to put in: plurals, context, fallbacks and the like are left to it.
const i18nextOptions = new Set([
  "count",
  "context",
  "defaultValue",
  "ordinal",
  "returnObjects",
  "returnDetails",
  "lng",
  "lngs",
  "ns",
  "replace",
  "interpolation",
  "joinArrays",
  "postProcess",
  "keyPrefix",
]);
const placeholder = /{{\s*([A-Za-z_]\w*)\s*}}/g;

/**
 * A string with values put in it, as i18next would give it, without going
 * through i18next's interpolator (a busy page's largest cost in i18next): for
 * a key whose string holds only plain {{name}} placeholders and values that
 * are strings or numbers. Null where i18next must do it.
 */
function filledIn(instance: i18n, lang: Language, key: string, values: unknown): string | null {
  if (!values || typeof values !== "object" || Array.isArray(values)) return null;
  const given = values as Record<string, unknown>;
  for (const name in given) if (i18nextOptions.has(name)) return null;
  const separator = key.indexOf(":");
  const template: unknown = instance.getResource(lang, separator < 0 ? "common" : key.slice(0, separator), key.slice(separator + 1));
  if (typeof template !== "string" || template.includes("$t(") || template.replace(placeholder, "").includes("{{")) return null;
  let complete = true;
  const filled = template.replace(placeholder, (_whole, name: string) => {
    const value = given[name];
    if (typeof value === "string" || typeof value === "number") return String(value);
    complete = false;
    return "";
  });
  return complete ? filled : null;
}
