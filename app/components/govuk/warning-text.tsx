import type { ReactNode } from "react";
import { useGovukStrings } from "./strings";
import { attributeProps, type GovukAttributes } from "./attributes";

export type WarningTextProps = {
  children?: ReactNode;
  /** Read out in place of the "!" icon. */
  iconFallbackText?: string;
  className?: string;
  attributes?: GovukAttributes;
};

const defaults = { iconFallbackText: "Warning" };

export function WarningText({ children, iconFallbackText, className, attributes }: WarningTextProps) {
  const strings = useGovukStrings("warningText", defaults);
  return (
    <div className={className ? `govuk-warning-text ${className}` : "govuk-warning-text"} {...attributeProps(attributes)}>
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">{iconFallbackText || strings.iconFallbackText}</span> {children}
      </strong>
    </div>
  );
}
