import type { TFunction } from "i18next";

export type ErrorStatus = 400 | 401 | 403 | 404 | 410 | 413 | 429 | 500;

/** `endedOn`: on a 410 for a shared story, the day sharing ended (none when the person stopped it). */
type Props = { status: ErrorStatus; t: TFunction; endedOn?: string | null };

/** The GOV.UK error page patterns: say what happened, what to do, and never show technical detail. */
export function ErrorPage({ status, t, endedOn = null }: Props) {
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
        ) : status === 410 ? (
          <>
            <p className="govuk-body">{endedOn ? t(`${key}.ended`, { date: endedOn }) : t(`${key}.stopped`)}</p>
            <p className="govuk-body">{t(`${key}.again`)}</p>
            <p className="govuk-body">{t(`${key}.saved`)}</p>
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
