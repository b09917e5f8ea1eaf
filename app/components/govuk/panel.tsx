import type { ReactNode } from "react";
import { Button } from "./button";
import { attributeProps, hasContent, type GovukAttributes } from "./attributes";

export type PanelAction = {
  children?: ReactNode;
  /** With `href`, "button" renders a link styled as a button instead of a plain link. */
  type?: "button" | "submit";
  href?: string;
  className?: string;
  attributes?: GovukAttributes;
};

export type PanelProps = {
  titleText?: string;
  /** Replaces `titleText` when given. */
  titleHtml?: ReactNode;
  headingLevel?: 1 | 2 | 3 | 4 | 5 | 6;
  children?: ReactNode;
  className?: string;
  attributes?: GovukAttributes;
  /** Only shown on an interruption panel (`className` containing "govuk-panel--interruption"). */
  actions?: {
    items?: PanelAction[];
    className?: string;
    attributes?: GovukAttributes;
  };
};

function PanelActionItem({ children, type, href, className, attributes }: PanelAction) {
  if (!href || type === "button") {
    return (
      <Button
        type={type || "button"}
        href={href}
        className={className ? `govuk-button--inverse ${className}` : "govuk-button--inverse"}
        attributes={attributes}
      >
        {children}
      </Button>
    );
  }
  return (
    <a className={className ? `govuk-link govuk-link--inverse ${className}` : "govuk-link govuk-link--inverse"} href={href} {...attributeProps(attributes)}>
      {children}
    </a>
  );
}

export function Panel({ titleText, titleHtml, headingLevel, children, className, attributes, actions }: PanelProps) {
  const Heading = `h${headingLevel || 1}` as "h1";
  const isInterruption = className?.includes("govuk-panel--interruption") ?? false;

  let classNames = "govuk-panel";
  // Confirmation is the variant a panel gets unless it asks to be an interruption.
  if (!isInterruption) classNames += " govuk-panel--confirmation";
  if (className) classNames += ` ${className}`;

  return (
    <div className={classNames} {...attributeProps(attributes)}>
      <Heading className="govuk-panel__title">{titleHtml || titleText}</Heading>
      {hasContent(children) ? <div className="govuk-panel__body">{children}</div> : null}
      {isInterruption && actions ? (
        <div className={actions.className ? `govuk-panel__actions ${actions.className}` : "govuk-panel__actions"} {...attributeProps(actions.attributes)}>
          {actions.items?.length ? (
            <div className="govuk-button-group">
              {actions.items.map((action, index) => (
                <PanelActionItem key={index} {...action} />
              ))}
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
