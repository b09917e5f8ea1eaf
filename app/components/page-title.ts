import type { TFunction } from "i18next";

/** "Page – Service – Organisation", the GOV.UK title pattern with the configured names. */
export function pageTitle(t: TFunction, page: string, names: { service: string; organisation: string }): string {
  return t("common:pageTitle", { page, ...names });
}
