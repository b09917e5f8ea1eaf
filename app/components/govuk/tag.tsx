import type { ReactNode } from "react";
import { attributeProps, type GovukAttributes } from "./attributes";

export type TagProps = {
  children?: ReactNode;
  className?: string;
  attributes?: GovukAttributes;
};

export function Tag({ children, className, attributes }: TagProps) {
  return (
    <strong className={className ? `govuk-tag ${className}` : "govuk-tag"} {...attributeProps(attributes)}>
      {children}
    </strong>
  );
}
