import { Bullets } from "#app/components/bullets";
import { SummaryList } from "#app/components/govuk/summary-list";
import { useMarkParts } from "#app/components/language-of-parts";
import type { Localised } from "#app/i18n/localised";
import { useTranslation } from "#app/i18n/use-translation";

export type SharedConsent = {
  agency: Localised;
  sharedOn: string;
  endsOn: string;
  sections: string[];
  version: number;
  keepUpToDate: boolean;
  updatedOn: string;
  /** Whether and how the person may be contacted, in words (made by the loader). */
  contact: string;
};

/**
 * What the person agreed to, at the top of the summary an agency reads (and on
 * its printed copy): with whom, since and until when, which parts, which version.
 */
export function ConsentPanel({ name, consent }: { name: string; consent: SharedConsent }) {
  const { t } = useTranslation();
  const mark = useMarkParts();
  // Named as the headings the agency reads them under, after the name every share carries.
  const parts = [t("shared:summary.name"), ...consent.sections.map((id) => t(`story:sections.${id}.summaryTitle`))];
  return (
    <SummaryList
      className="app-consent-panel"
      card={{ title: { children: t("shared:summary.consentTitle", { name }), headingLevel: 2 } }}
      rows={[
        { key: { children: t("shared:summary.agency") }, value: { children: mark(consent.agency) } },
        { key: { children: t("shared:summary.sharedOn") }, value: { children: consent.sharedOn } },
        { key: { children: t("shared:summary.until") }, value: { children: consent.endsOn } },
        { key: { children: t("shared:summary.parts") }, value: { children: <Bullets items={parts} /> } },
        {
          key: { children: t("shared:summary.version") },
          value: { children: t(consent.keepUpToDate ? "shared:summary.versionLatest" : "shared:summary.versionAgreed", { version: consent.version }) },
        },
        { key: { children: t("shared:summary.updated") }, value: { children: consent.updatedOn } },
        { key: { children: t("shared:summary.contact") }, value: { children: consent.contact } },
      ]}
    />
  );
}
