import type { ReactNode } from "react";
import { useGovukStrings } from "./strings";
import { attributeProps, hasContent, type GovukAttributes } from "./attributes";

export type ErrorSummaryProps = {
  titleText?: string;
  titleHtml?: ReactNode;
  descriptionText?: string;
  descriptionHtml?: ReactNode;
  /** Description content, taking the place of the macro's `caller` block. */
  children?: ReactNode;
  errorList?: {
    href?: string;
    children?: ReactNode;
    attributes?: GovukAttributes;
  }[];
  disableAutoFocus?: boolean;
  className?: string;
  attributes?: GovukAttributes;
};

const defaults = { titleText: "There is a problem" };

export function ErrorSummary({
  titleText,
  titleHtml,
  descriptionText,
  descriptionHtml,
  children,
  errorList,
  disableAutoFocus,
  className,
  attributes,
}: ErrorSummaryProps) {
  const strings = useGovukStrings("errorSummary", defaults);
  const title = hasContent(titleHtml) ? titleHtml : (titleText ?? strings.titleText);
  const description = hasContent(children) ? children : hasContent(descriptionHtml) ? descriptionHtml : descriptionText;

  return (
    <div
      className={className ? `govuk-error-summary ${className}` : "govuk-error-summary"}
      data-disable-auto-focus={disableAutoFocus === undefined ? undefined : String(disableAutoFocus)}
      {...attributeProps(attributes)}
      data-module="govuk-error-summary"
    >
      {/* role="alert" sits on a child so the summary's focusing script cannot race the screen reader announcement. */}
      <div role="alert">
        <h2 className="govuk-error-summary__title">{title}</h2>
        <div className="govuk-error-summary__body">
          {hasContent(description) ? <p>{description}</p> : null}
          {errorList && errorList.length > 0 ? (
            <ul className="govuk-list govuk-error-summary__list">
              {errorList.map((item, index) => (
                <li key={index}>
                  {item.href ? (
                    <a href={item.href} {...attributeProps(item.attributes)}>
                      {item.children}
                    </a>
                  ) : (
                    item.children
                  )}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </div>
    </div>
  );
}
