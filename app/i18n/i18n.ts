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
    if (rest.length > 0 || typeof key !== "string") return t(key, ...rest);
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
