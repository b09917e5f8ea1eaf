import type { ReactNode } from "react";
import { attributeProps, type GovukAttributes } from "./attributes";

export type InsetTextProps = {
  children?: ReactNode;
  id?: string;
  className?: string;
  attributes?: GovukAttributes;
};

export function InsetText({ children, id, className, attributes }: InsetTextProps) {
  return (
    <div id={id || undefined} className={className ? `govuk-inset-text ${className}` : "govuk-inset-text"} {...attributeProps(attributes)}>
      {children}
    </div>
  );
}
