import { Panel } from "#app/components/govuk/panel";
import { useMarkParts } from "#app/components/language-of-parts";
import { LinkList } from "#app/components/links";
import type { Localised } from "#app/i18n/localised";
import { useTranslation } from "#app/i18n/use-translation";
import { receiptPath, sharesPath, storyPath } from "#app/paths";

type Shared = { shareId: string; agencyName: Localised; link: string };

/**
 * The confirmation after "Agree and share". `shared` (with the links) exists
 * only in the response to that POST; seen again, the page says the links were
 * shown once and points to where the shares are kept.
 */
export function ShareConfirmation({ storyId, shared }: { storyId: string; shared: Shared[] | null }) {
  const { t } = useTranslation();
  const mark = useMarkParts();
  return (
    <>
      {shared ? (
        <>
          <Panel titleText={t("sharing:confirmation.title")}>{t("sharing:confirmation.receiptSent")}</Panel>
          <h2 className="govuk-heading-m">{t("sharing:confirmation.linksHeading")}</h2>
          <p className="govuk-body">{t("sharing:confirmation.linksIntro")}</p>
          <p className="govuk-body">{t("sharing:confirmation.linksOnce")}</p>
          {shared.map(({ shareId, agencyName, link }) => (
            <div key={shareId}>
              <h3 className="govuk-heading-s">{mark(t("sharing:confirmation.linkFor", { agency: agencyName.text }), agencyName)}</h3>
              <p className="govuk-body govuk-!-text-break-word app-share-link">{link}</p>
            </div>
          ))}
        </>
      ) : (
        <>
          <h1 className="govuk-heading-l">{t("sharing:confirmation.title")}</h1>
          <h2 className="govuk-heading-m">{t("sharing:confirmation.seenHeading")}</h2>
          <p className="govuk-body">{t("sharing:confirmation.seenBefore")}</p>
        </>
      )}
      <h2 className="govuk-heading-m">{t("sharing:confirmation.nextHeading")}</h2>
      <p className="govuk-body">{t("sharing:confirmation.next")}</p>
      <LinkList
        links={[
          ...(shared ?? []).map(({ shareId, agencyName }) => ({
            href: receiptPath(storyId, shareId),
            text: mark(t("sharing:confirmation.receiptLink", { agency: agencyName.text }), agencyName),
          })),
          { href: sharesPath(storyId), text: t("sharing:confirmation.whoHasLink") },
          { href: storyPath(storyId), text: t("sharing:confirmation.backLink") },
        ]}
      />
    </>
  );
}
