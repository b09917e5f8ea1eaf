import type { ReactNode } from "react";
import { attributeProps, type GovukAttributes } from "./attributes";

export type SkipLinkProps = {
  children?: ReactNode;
  href?: string;
  className?: string;
  attributes?: GovukAttributes;
};

export function SkipLink({ children, href, className, attributes }: SkipLinkProps) {
  return (
    <a
      href={href || "#content"}
      className={className ? `govuk-skip-link ${className}` : "govuk-skip-link"}
      {...attributeProps(attributes)}
      data-module="govuk-skip-link"
    >
      {children}
    </a>
  );
}
