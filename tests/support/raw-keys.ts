/**
 * A translation key i18next could not find comes out on the page as
 * "namespace:key" (the app sets appendNamespaceToMissingKey). Built from the
 * app's own list of namespaces, so a namespace added there is looked for here.
 */
import { namespaces } from "#app/i18n/i18n";

export const rawKey = new RegExp(`\\b(?:${namespaces.join("|")}):[A-Za-z0-9_.[\\]-]+`);

/** Every raw key in some text, in order. */
export function rawKeysIn(words: string): string[] {
  return [...words.matchAll(new RegExp(rawKey.source, "g"))].map((match) => match[0]);
}
