import type { ReactNode } from "react";
import { attributeProps, hasContent, type GovukAttributes } from "./attributes";
import { useGovukStrings } from "./strings";

export type PaginationLink = {
  href?: string;
  /** The link's words; without them, "Previous page" or "Next page" (the last word visually hidden). */
  children?: ReactNode;
  /** Said after the link's words in the block style (previous and next only). */
  labelText?: string;
  attributes?: GovukAttributes;
};

export type PaginationItem = {
  number?: string | number;
  href?: string;
  current?: boolean;
  ellipsis?: boolean;
  /** What a screen reader reads for the link; by default "Page" and the number. */
  visuallyHiddenText?: string;
  attributes?: GovukAttributes;
};

export type PaginationProps = {
  items?: (PaginationItem | null | undefined)[];
  previous?: PaginationLink;
  next?: PaginationLink;
  landmarkLabel?: string;
  className?: string;
  attributes?: GovukAttributes;
};

const defaults = { landmarkLabel: "Pagination", previousText: "Previous", nextText: "Next", pageText: "page", itemText: "Page" };

function PreviousArrow() {
  return (
    <svg
      className="govuk-pagination__icon govuk-pagination__icon--prev"
      xmlns="http://www.w3.org/2000/svg"
      height="13"
      width="15"
      aria-hidden="true"
      focusable="false"
      viewBox="0 0 15 13"
    >
      <path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z"></path>
    </svg>
  );
}

function NextArrow() {
  return (
    <svg
      className="govuk-pagination__icon govuk-pagination__icon--next"
      xmlns="http://www.w3.org/2000/svg"
      height="13"
      width="15"
      aria-hidden="true"
      focusable="false"
      viewBox="0 0 15 13"
    >
      <path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z"></path>
    </svg>
  );
}

function ArrowLink({ link, type, blockLevel, children }: { link: PaginationLink; type: "prev" | "next"; blockLevel: boolean; children: ReactNode }) {
  const arrow = type === "prev" ? <PreviousArrow /> : <NextArrow />;
  return (
    <div className={`govuk-pagination__${type}`}>
      <a className="govuk-link govuk-pagination__link" href={link.href} rel={type} {...attributeProps(link.attributes)}>
        {blockLevel || type === "prev" ? arrow : null}
        <span className={`govuk-pagination__link-title${blockLevel && !link.labelText ? " govuk-pagination__link-title--decorated" : ""}`}>{children}</span>
        {link.labelText && blockLevel ? (
          <>
            <span className="govuk-visually-hidden">:</span>
            <span className="govuk-pagination__link-label">{link.labelText}</span>
          </>
        ) : null}
        {!blockLevel && type === "next" ? arrow : null}
      </a>
    </div>
  );
}

export function Pagination({ items, previous, next, landmarkLabel, className, attributes }: PaginationProps) {
  const strings = useGovukStrings("pagination", defaults);
  const listed = (items ?? []).filter((item): item is PaginationItem => Boolean(item) && Object.keys(item!).length > 0);
  const blockLevel = listed.length === 0 && Boolean(next || previous);
  const words = (link: PaginationLink, text: string) =>
    hasContent(link.children) ? (
      link.children
    ) : (
      <>
        {text}
        <span className="govuk-visually-hidden"> {strings.pageText}</span>
      </>
    );
  return (
    <nav
      className={`govuk-pagination${blockLevel ? " govuk-pagination--block" : ""}${className ? ` ${className}` : ""}`}
      aria-label={landmarkLabel || strings.landmarkLabel}
      {...attributeProps(attributes)}
    >
      {previous?.href ? (
        <ArrowLink link={previous} type="prev" blockLevel={blockLevel}>
          {words(previous, strings.previousText)}
        </ArrowLink>
      ) : null}
      {items && items.length > 0 ? (
        <ul className="govuk-pagination__list">
          {listed.map((item, index) => (
            <li
              key={index}
              className={`govuk-pagination__item${item.current ? " govuk-pagination__item--current" : ""}${item.ellipsis ? " govuk-pagination__item--ellipsis" : ""}`}
            >
              {item.ellipsis ? (
                "⋯"
              ) : (
                <a
                  className="govuk-link govuk-pagination__link"
                  href={item.href}
                  aria-label={item.visuallyHiddenText || `${strings.itemText} ${item.number}`}
                  aria-current={item.current ? "page" : undefined}
                  {...attributeProps(item.attributes)}
                >
                  {item.number}
                </a>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {next?.href ? (
        <ArrowLink link={next} type="next" blockLevel={blockLevel}>
          {words(next, strings.nextText)}
        </ArrowLink>
      ) : null}
    </nav>
  );
}
