import type { TFunction } from "i18next";

/** A list of strings from the locale files (bulleted content). */
export function tList(t: TFunction, key: string, values: Record<string, string> = {}): string[] {
  const value: unknown = t(key, { ...values, returnObjects: true });
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}
