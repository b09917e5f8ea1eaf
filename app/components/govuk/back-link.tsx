import type { ReactNode } from "react";
import { useGovukStrings } from "./strings";
import { attributeProps, hasContent, type GovukAttributes } from "./attributes";

export type BackLinkProps = {
  children?: ReactNode;
  href?: string;
  className?: string;
  attributes?: GovukAttributes;
};

const defaults = { text: "Back" };

export function BackLink({ children, href, className, attributes }: BackLinkProps) {
  const strings = useGovukStrings("backLink", defaults);
  return (
    <a href={href || "#"} className={className ? `govuk-back-link ${className}` : "govuk-back-link"} {...attributeProps(attributes)}>
      {hasContent(children) ? children : strings.text}
    </a>
  );
}
