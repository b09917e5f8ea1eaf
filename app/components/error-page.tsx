import type { TFunction } from "i18next";

type Props = { status: 400 | 403 | 404 | 413 | 429 | 500; t: TFunction };

/** The GOV.UK error page patterns: say what happened, what to do, and never show technical detail. */
export function ErrorPage({ status, t }: Props) {
  const key = `common:errors.${status}`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">{t(`${key}.title`)}</h1>
        {status === 404 ? (
          <>
            <p className="govuk-body">{t(`${key}.typed`)}</p>
            <p className="govuk-body">{t(`${key}.pasted`)}</p>
          </>
        ) : (
          <p className="govuk-body">{t(`${key}.body`)}</p>
        )}
        {status === 400 && <p className="govuk-body">{t(`${key}.language`)}</p>}
        {status === 403 && <p className="govuk-body">{t(`${key}.next`)}</p>}
        <p className="govuk-body">
          <a className="govuk-link" href="/">
            {t("common:goToStart")}
          </a>
        </p>
      </div>
    </div>
  );
}
