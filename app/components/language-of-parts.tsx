import type { ReactNode } from "react";
import type { Language } from "#app/i18n/i18n";
import type { Localised } from "#app/i18n/localised";
import { useTranslation } from "#app/i18n/use-translation";

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * `text`, written in `surrounding`, with each passage of it that is one of
 * `parts` in another language marked with that language (WCAG 3.1.2,
 * language of parts): an agency's English name in a Welsh sentence is then
 * read out as English.
 */
export function markParts(text: string, parts: readonly Localised[], surrounding: Language): ReactNode {
  const foreign = new Map(parts.filter((part) => part.lang !== surrounding && part.text !== "").map((part) => [part.text, part.lang]));
  if (foreign.size === 0) return text;
  // Longest first, so a name that contains another is marked whole.
  const pattern = new RegExp(
    `(${[...foreign.keys()]
      .sort((a, b) => b.length - a.length)
      .map(escaped)
      .join("|")})`,
  );
  return text.split(pattern).map((piece, index) =>
    index % 2 === 1 ? (
      <span key={index} lang={foreign.get(piece)}>
        {piece}
      </span>
    ) : (
      piece
    ),
  );
}

/**
 * `mark(text, ...parts)`: `text` in the page's language with `parts` in
 * another marked; `mark(part)` marks the part on its own.
 */
export function useMarkParts() {
  const { lang } = useTranslation();
  return (text: string | Localised, ...parts: Localised[]): ReactNode =>
    typeof text === "string" ? markParts(text, parts, lang) : markParts(text.text, [text], lang);
}
