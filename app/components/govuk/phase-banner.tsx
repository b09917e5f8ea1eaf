import type { ReactNode } from "react";
import { Tag } from "./tag";
import { attributeProps, type GovukAttributes } from "./attributes";

export type PhaseBannerProps = {
  children?: ReactNode;
  /** The phase, such as "Alpha" or "Beta". */
  tag: {
    children?: ReactNode;
    className?: string;
  };
  className?: string;
  attributes?: GovukAttributes;
};

export function PhaseBanner({ children, tag, className, attributes }: PhaseBannerProps) {
  return (
    <div
      className={className ? `govuk-phase-banner govuk-width-container ${className}` : "govuk-phase-banner govuk-width-container"}
      {...attributeProps(attributes)}
    >
      <p className="govuk-phase-banner__content">
        <Tag className={tag.className ? `govuk-phase-banner__content__tag ${tag.className}` : "govuk-phase-banner__content__tag"}>{tag.children}</Tag>{" "}
        <span className="govuk-phase-banner__text">{children}</span>
      </p>
    </div>
  );
}
