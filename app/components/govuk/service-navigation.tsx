import { isValidElement, type ReactNode } from "react";
import { useGovukStrings } from "./strings";
import { attributeProps, hasContent, type GovukAttributes } from "./attributes";

export type ServiceNavigationItem = {
  children?: ReactNode;
  /** Without one the item is shown as text rather than a link. */
  href?: string;
  /** The user is on this page; takes precedence over `active`. */
  current?: boolean;
  /** The user is within this group of pages. */
  active?: boolean;
  /** Added to the item's link. */
  attributes?: GovukAttributes;
};

/** The `end` slot's long form, for rendering it on the same line as the navigation. */
export type ServiceNavigationEndSlot = {
  children?: ReactNode;
  align?: "inline";
};

export type ServiceNavigationProps = {
  /** Defaults to "Service information"; only used when there is a service name or a start or end slot. */
  ariaLabel?: string;
  /** Text of the mobile menu toggle; defaults to "Menu". */
  menuButtonText?: string;
  /** Screen reader label for the mobile menu toggle; defaults to `menuButtonText`. */
  menuButtonLabel?: string;
  /** Names the navigation landmark; defaults to `menuButtonText`. */
  navigationLabel?: string;
  /** Ties the mobile menu toggle to the list; defaults to "navigation". */
  navigationId?: string;
  navigationClasses?: string;
  /** Defaults to collapsing when there is more than one item. */
  collapseNavigationOnMobile?: boolean;
  serviceName?: string;
  serviceUrl?: string;
  /** Empty entries are skipped, so items can be included conditionally. */
  navigation?: (ServiceNavigationItem | false | null | undefined)[];
  slots?: {
    /** Before the service name. */
    start?: ReactNode;
    /** After the navigation; below it unless given as `{ children, align: "inline" }`. */
    end?: ReactNode | ServiceNavigationEndSlot;
    /** List items before the first navigation item. */
    navigationStart?: ReactNode;
    /** List items after the last navigation item. */
    navigationEnd?: ReactNode;
  };
  className?: string;
  attributes?: GovukAttributes;
};

const defaults = { menuButtonText: "Menu", ariaLabel: "Service information" };

// The macro tells the two forms of `end` apart as string versus mapping; here content is any ReactNode, so the options object is the plain object that is neither an element nor a list.
function isEndSlotOptions(end: ReactNode | ServiceNavigationEndSlot): end is ServiceNavigationEndSlot {
  return typeof end === "object" && end !== null && !isValidElement(end) && !(Symbol.iterator in end);
}

export function ServiceNavigation({
  ariaLabel,
  menuButtonText,
  menuButtonLabel,
  navigationLabel,
  navigationId,
  navigationClasses,
  collapseNavigationOnMobile,
  serviceName,
  serviceUrl,
  navigation,
  slots,
  className,
  attributes,
}: ServiceNavigationProps) {
  const strings = useGovukStrings("serviceNavigation", defaults);
  const buttonText = menuButtonText || strings.menuButtonText;
  const listId = navigationId || "navigation";
  const end = slots?.end;
  const endContent = isEndSlotOptions(end) ? end.children : end;
  const endInline = isEndSlotOptions(end) && end.align === "inline";
  const items = (navigation ?? []).filter((item): item is ServiceNavigationItem => Boolean(item));
  const collapse = collapseNavigationOnMobile ?? items.length > 1;

  const inner = (
    <div className={endInline ? "govuk-width-container govuk-service-navigation__inlining-container" : "govuk-width-container"}>
      {slots?.start}
      <div className="govuk-service-navigation__container">
        {serviceName ? (
          <span className="govuk-service-navigation__service-name">
            {serviceUrl ? (
              <a href={serviceUrl} className="govuk-service-navigation__link">
                {serviceName}
              </a>
            ) : (
              <span className="govuk-service-navigation__text">{serviceName}</span>
            )}
          </span>
        ) : null}
        {items.length > 0 || hasContent(slots?.navigationStart) || hasContent(slots?.navigationEnd) ? (
          <nav
            aria-label={navigationLabel || buttonText}
            className={navigationClasses ? `govuk-service-navigation__wrapper ${navigationClasses}` : "govuk-service-navigation__wrapper"}
          >
            {collapse ? (
              // Hidden until govuk-frontend's JavaScript takes over the list on small screens.
              <button
                type="button"
                className="govuk-service-navigation__toggle govuk-js-service-navigation-toggle"
                aria-controls={listId}
                aria-label={menuButtonLabel && menuButtonLabel !== buttonText ? menuButtonLabel : undefined}
                hidden
                aria-hidden="true"
              >
                {buttonText}
              </button>
            ) : null}
            <ul className="govuk-service-navigation__list" id={listId}>
              {slots?.navigationStart}
              {items.map((item, index) => {
                const highlighted = item.active || item.current;
                const ariaCurrent = highlighted ? (item.current ? "page" : "true") : undefined;
                // Bold as well as styled, so the current item still stands out when users override colours.
                const content = highlighted ? <strong className="govuk-service-navigation__active-fallback">{item.children}</strong> : item.children;
                return (
                  <li
                    key={index}
                    className={highlighted ? "govuk-service-navigation__item govuk-service-navigation__item--active" : "govuk-service-navigation__item"}
                  >
                    {item.href ? (
                      // Attributes go first so, as in the macro's HTML, they cannot replace the link's own.
                      <a {...attributeProps(item.attributes)} className="govuk-service-navigation__link" href={item.href} aria-current={ariaCurrent}>
                        {content}
                      </a>
                    ) : hasContent(item.children) ? (
                      <span className="govuk-service-navigation__text" aria-current={ariaCurrent}>
                        {content}
                      </span>
                    ) : null}
                  </li>
                );
              })}
              {slots?.navigationEnd}
            </ul>
          </nav>
        ) : null}
      </div>
      {endContent}
    </div>
  );

  const shared = {
    ...attributeProps(attributes),
    className: className ? `govuk-service-navigation ${className}` : "govuk-service-navigation",
    "data-module": "govuk-service-navigation",
  };

  // With a service name or slotted content the section is the landmark; otherwise the nav inside does that job alone.
  return serviceName || hasContent(slots?.start) || hasContent(endContent) ? (
    <section {...shared} aria-label={ariaLabel ?? strings.ariaLabel}>
      {inner}
    </section>
  ) : (
    <div {...shared}>{inner}</div>
  );
}
