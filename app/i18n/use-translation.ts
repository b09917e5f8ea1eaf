import { isRouteErrorResponse, useMatches, useRouteError } from "@remix-run/react";
import { useMemo } from "react";
import { translator, type Language, type Translations } from "./i18n";
import cyCommon from "./locales/cy/common.json";
import enCommon from "./locales/en/common.json";

// When the root loader itself failed the layout's strings are missing: the error page still needs words.
const fallbackCommon = { en: enCommon, cy: cyCommon };

function translationsIn(data: unknown): Translations | null {
  if (data && typeof data === "object" && "translations" in data) {
    return (data as { translations: Translations }).translations;
  }
  return null;
}

/**
 * `t` for the current page. Each loader names the namespaces its page needs
 * (the root the layout's), in its data. When the root loader refused a
 * request it threw its data, so look there too.
 */
export function useTranslation() {
  const matches = useMatches();
  const error = useRouteError();
  const found: Translations[] = matches.map((match) => translationsIn(match.data)).filter((x) => x !== null);
  if (isRouteErrorResponse(error)) {
    const fromError = translationsIn(error.data);
    if (fromError) found.push(fromError);
  }
  const lang: Language = found[0]?.lang ?? "en";
  if (!found.some((f) => "common" in f.bundles)) found.push({ lang, bundles: { common: fallbackCommon[lang] } });
  const key = found.map((f) => Object.keys(f.bundles).join()).join("|");
  // Keyed on the language and the namespaces, not on `found`, which is a new array at every render:
  // the bundles are merged into the language's i18next instance once, not again at each render.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the memo's key is deliberately the namespaces' names
  const t = useMemo(() => translator(found), [lang, key]);
  return { t, lang };
}
