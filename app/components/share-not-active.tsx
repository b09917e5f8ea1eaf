import { useMarkParts } from "#app/components/language-of-parts";
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
      <ul className="govuk-list">
        <li>
          <a className="govuk-link" href={sharePath(storyId)}>
            {t("sharing:notActive.shareLink")}
          </a>
        </li>
        <li>
          <a className="govuk-link" href={sharesPath(storyId)}>
            {t("sharing:whoHas.title")}
          </a>
        </li>
      </ul>
    </>
  );
}
