import { useMarkParts } from "#app/components/language-of-parts";
import { LinkList } from "#app/components/links";
import type { Localised } from "#app/i18n/localised";
import { useTranslation } from "#app/i18n/use-translation";
import { sharePath, sharesPath } from "#app/paths";

/**
 * What the change, extend and new-link pages say about a share that has
 * stopped or ended: it cannot be brought back, only shared again, which asks
 * for the person's agreement afresh (consent-rules' mayChange).
 */
export function ShareNotActive({ storyId, agency, state }: { storyId: string; agency: Localised; state: "stopped" | "ended" }) {
  const { t } = useTranslation();
  const mark = useMarkParts();
  return (
    <>
      <h1 className="govuk-heading-l">{t("sharing:notActive.title")}</h1>
      <p className="govuk-body">{mark(t(`sharing:notActive.${state}`, { agency: agency.text }), agency)}</p>
      <p className="govuk-body">{t("sharing:notActive.again")}</p>
      <LinkList
        links={[
          { href: sharePath(storyId), text: t("sharing:notActive.shareLink") },
          { href: sharesPath(storyId), text: t("sharing:whoHas.title") },
        ]}
      />
    </>
  );
}
