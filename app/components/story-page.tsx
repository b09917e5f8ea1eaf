import type { ReactNode } from "react";
import { BackLink } from "#app/components/govuk/back-link";
import { ExitThisPage } from "#app/components/govuk/exit-this-page";
import { WarningText } from "#app/components/govuk/warning-text";
import { useTranslation } from "#app/i18n/use-translation";

/**
 * The frame of every story page: a way out in one press for someone who may be
 * watched, and where to turn in an emergency.
 */
export function StoryPage({ backHref, backText, children }: { backHref?: string; backText?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <ExitThisPage />
      {backHref ? <BackLink href={backHref}>{backText}</BackLink> : null}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {children}
          <WarningText className="govuk-!-margin-top-6">{t("story:safety.danger")}</WarningText>
        </div>
      </div>
    </>
  );
}
