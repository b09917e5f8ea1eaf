import type { ReactNode } from "react";
import { attributeProps, hasContent, type GovukAttributes } from "./attributes";

export type LabelProps = {
  children?: ReactNode;
  for?: string;
  isPageHeading?: boolean;
  className?: string;
  attributes?: GovukAttributes;
};

export function Label({ children, for: htmlFor, isPageHeading, className, attributes }: LabelProps) {
  if (!hasContent(children)) return null;
  const label = (
    <label className={className ? `govuk-label ${className}` : "govuk-label"} htmlFor={htmlFor} {...attributeProps(attributes)}>
      {children}
    </label>
  );
  return isPageHeading ? <h1 className="govuk-label-wrapper">{label}</h1> : label;
}
