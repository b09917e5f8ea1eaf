import type { Language } from "./i18n";

/**
 * Words kept in English and perhaps in Welsh (an agency's name, say), as
 * shown in one language: `lang` says which language `text` is really in, so a
 * page can mark an English fallback on a Welsh page (WCAG 3.1.2).
 */
export type Localised = { text: string; lang: Language };

/** The Welsh for a Welsh reader when there is some; otherwise the English, saying so. */
export function localised(english: string, welsh: string | null | undefined, lang: Language): Localised {
  return lang === "cy" && welsh ? { text: welsh, lang: "cy" } : { text: english, lang: "en" };
}
