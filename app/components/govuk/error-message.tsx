import type { ReactNode } from "react";
import { useGovukStrings } from "./strings";
import { attributeProps, type GovukAttributes } from "./attributes";

export type ErrorMessageProps = {
  children?: ReactNode;
  id?: string;
  className?: string;
  attributes?: GovukAttributes;
  /** Prefix read out before the message; "" leaves it out. */
  visuallyHiddenText?: string;
};

const defaults = { visuallyHiddenText: "Error" };

export function ErrorMessage({ children, id, className, attributes, visuallyHiddenText }: ErrorMessageProps) {
  const strings = useGovukStrings("errorMessage", defaults);
  const prefix = visuallyHiddenText ?? strings.visuallyHiddenText;
  return (
    <p id={id} className={className ? `govuk-error-message ${className}` : "govuk-error-message"} {...attributeProps(attributes)}>
      {prefix ? (
        <>
          <span className="govuk-visually-hidden">{`${prefix}:`}</span> {children}
        </>
      ) : (
        children
      )}
    </p>
  );
}
