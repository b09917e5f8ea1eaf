import type { ReactNode } from "react";
import { attributeProps, hasContent, type GovukAttributes } from "./attributes";

export type DetailsProps = {
  summaryText?: string;
  /** Wins over `summaryText`. */
  summaryHtml?: ReactNode;
  children?: ReactNode;
  id?: string;
  open?: boolean;
  className?: string;
  attributes?: GovukAttributes;
};

export function Details({ summaryText, summaryHtml, children, id, open, className, attributes }: DetailsProps) {
  return (
    <details
      id={id || undefined}
      className={className ? `govuk-details ${className}` : "govuk-details"}
      {...attributeProps(attributes)}
      open={open || undefined}
    >
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">{hasContent(summaryHtml) ? summaryHtml : summaryText}</span>
      </summary>
      <div className="govuk-details__text">{children}</div>
    </details>
  );
}
