import { WarningText } from "#app/components/govuk/warning-text";
import { useTranslation } from "#app/i18n/use-translation";
import { contactWays } from "#app/i18n/story-words";
import type { ContactCaution } from "#app/services/sharing/consent-rules";

export type ContactWarningProps = { cautions: ContactCaution[]; methods: string[] };

/**
 * What a professional must not do when getting in touch (contactCautions), as
 * the first thing on the summary and its printout, before any contact detail
 * further down. Nothing when there is nothing to warn of. With contact
 * agreed, it starts with the only ways agreed, in the words "About you" uses.
 */
export function ContactWarning({ cautions, methods }: ContactWarningProps) {
  const { t } = useTranslation();
  if (cautions.length === 0) return null;
  const sentences = [
    ...(cautions.includes("noContact") ? [] : [t("shared:contactWarning.only", { methods: contactWays(t, methods) })]),
    ...cautions.map((caution) => t(`shared:contactWarning.${caution}`)),
  ];
  return <WarningText>{sentences.join(" ")}</WarningText>;
}
