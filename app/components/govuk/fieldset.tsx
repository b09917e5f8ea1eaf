import type { ReactNode } from "react";
import { attributeProps, hasContent, type GovukAttributes } from "./attributes";

export type FieldsetProps = {
  children?: ReactNode;
  describedBy?: string;
  legend?: {
    children?: ReactNode;
    className?: string;
    isPageHeading?: boolean;
  };
  className?: string;
  role?: string;
  attributes?: GovukAttributes;
};

export function Fieldset({ children, describedBy, legend, className, role, attributes }: FieldsetProps) {
  return (
    <fieldset
      className={className ? `govuk-fieldset ${className}` : "govuk-fieldset"}
      role={role}
      aria-describedby={describedBy || undefined}
      {...attributeProps(attributes)}
    >
      {legend && hasContent(legend.children) ? (
        <legend className={legend.className ? `govuk-fieldset__legend ${legend.className}` : "govuk-fieldset__legend"}>
          {legend.isPageHeading ? <h1 className="govuk-fieldset__heading">{legend.children}</h1> : legend.children}
        </legend>
      ) : null}
      {children}
    </fieldset>
  );
}
