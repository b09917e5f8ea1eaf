import type { ReactNode } from "react";
import { attributeProps, type GovukAttributes } from "./attributes";

export type GenericHeaderProps = {
  /** Where the logo links to; defaults to the site root. */
  url?: string;
  logoText?: string;
  /** Replaces `logoText` when given. */
  logoHtml?: ReactNode;
  /** Replaces the default `govuk-width-container`. */
  containerClasses?: string;
  className?: string;
  attributes?: GovukAttributes;
};

export function GenericHeader({ url, logoText, logoHtml, containerClasses, className, attributes }: GenericHeaderProps) {
  return (
    <div className={className ? `govuk-generic-header ${className}` : "govuk-generic-header"} {...attributeProps(attributes)}>
      <div className={`govuk-generic-header__container ${containerClasses || "govuk-width-container"}`}>
        <div className="govuk-generic-header__logo">
          <a href={url || "/"} className="govuk-generic-header__homepage-link">
            {logoHtml || logoText}
          </a>
        </div>
      </div>
    </div>
  );
}
