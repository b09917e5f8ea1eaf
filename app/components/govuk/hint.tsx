import type { ReactNode } from "react";
import { attributeProps, type GovukAttributes } from "./attributes";

export type HintProps = {
  children?: ReactNode;
  id?: string;
  className?: string;
  attributes?: GovukAttributes;
};

export function Hint({ children, id, className, attributes }: HintProps) {
  return (
    <div id={id} className={className ? `govuk-hint ${className}` : "govuk-hint"} {...attributeProps(attributes)}>
      {children}
    </div>
  );
}
