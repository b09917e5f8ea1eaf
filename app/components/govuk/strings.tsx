import { createContext, useContext } from "react";

/**
 * Translations for the strings GOV.UK Frontend's macros fill in by default
 * ("Error", "There is a problem", character count messages…), keyed by
 * component then by macro param name. Without a provider every component
 * falls back to the macro's own English default.
 */
export type GovukStrings = Record<string, Record<string, unknown>>;

const GovukStringsContext = createContext<GovukStrings>({});

export const GovukStringsProvider = GovukStringsContext.Provider;

export function useGovukStrings<T extends Record<string, unknown>>(component: string, defaults: T): T {
  const strings = useContext(GovukStringsContext)[component];
  return strings ? ({ ...defaults, ...strings } as T) : defaults;
}
