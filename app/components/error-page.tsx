import type { TFunction } from "i18next";
import { LinkParagraph } from "#app/components/links";
import { Page } from "#app/components/story-page";
import type { ErrorDetail } from "#app/web/layout.server";

export type ErrorStatus = 400 | 401 | 403 | 404 | 410 | 413 | 429 | 500;

/** Where the page's words are: a shared story not open on this device has its own, any other error its status's. */
export function errorKey(status: ErrorStatus, detail: ErrorDetail | null): string {
  return status === 404 && detail?.notOpenHere ? "common:errors.notOpenHere" : `common:errors.${status}`;
}

type Props = { status: ErrorStatus; t: TFunction; detail?: ErrorDetail | null };

/** The GOV.UK error page patterns: say what happened, what to do, and never show technical detail. */
export function ErrorPage({ status, t, detail = null }: Props) {
  const key = errorKey(status, detail);
  const endedOn = detail?.endedOn ?? null;
  return (
    <Page heading={t(`${key}.title`)}>
      {key === "common:errors.notOpenHere" ? (
        <>
          <p className="govuk-body">{t(`${key}.why`)}</p>
          <p className="govuk-body">{t(`${key}.again`)}</p>
        </>
      ) : status === 404 ? (
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
      <LinkParagraph href="/">{t("common:goToStart")}</LinkParagraph>
    </Page>
  );
}
