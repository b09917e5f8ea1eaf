import type { ReactNode } from "react";
import { BackLink } from "#app/components/govuk/back-link";
import { ExitThisPage } from "#app/components/govuk/exit-this-page";
import { WarningText } from "#app/components/govuk/warning-text";
import { LinkParagraph } from "#app/components/links";
import { useTranslation } from "#app/i18n/use-translation";

/**
 * The frame of every page: its content in the two-thirds column, under the
 * page's heading when `heading` is given (a page whose heading comes after a
 * banner or a caption writes its own).
 */
export function Page({ heading, children }: { heading?: ReactNode; children: ReactNode }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {heading === undefined ? null : <h1 className="govuk-heading-l">{heading}</h1>}
        {children}
      </div>
    </div>
  );
}

/** A page of text alone: its heading, its paragraphs, and perhaps a link onward. */
export function TextPage({ heading, paragraphs, link }: { heading: string; paragraphs: string[]; link?: { href: string; text: string } }) {
  return (
    <Page heading={heading}>
      {paragraphs.map((text) => (
        <p className="govuk-body" key={text}>
          {text}
        </p>
      ))}
      {link ? <LinkParagraph href={link.href}>{link.text}</LinkParagraph> : null}
    </Page>
  );
}

/**
 * The frame of every story page: a way out in one press for someone who may be
 * watched, and where to turn in an emergency.
 */
export function StoryPage({ backHref, backText, heading, children }: { backHref?: string; backText?: string; heading?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <ExitThisPage />
      {backHref ? <BackLink href={backHref}>{backText}</BackLink> : null}
      <Page heading={heading}>
        {children}
        <WarningText className="govuk-!-margin-top-6">{t("story:safety.danger")}</WarningText>
      </Page>
    </>
  );
}
