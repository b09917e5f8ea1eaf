import type { ReactNode } from "react";
import { useGovukStrings } from "./strings";
import { attributeProps, type GovukAttributes } from "./attributes";

export type LanguageNavigationItem = {
  /** The language's name, written in that language. */
  children?: ReactNode;
  /** Language of the item's own text. */
  lang: string;
  /** Language of the linked page; defaults to `lang`. */
  hrefLang?: string;
  dir?: "ltr" | "rtl";
  /** Without one the item is shown as the current language. */
  href?: string;
  current?: boolean;
  /** Visually hidden text after the link, saying what it does, in the link's language. */
  languageDescriptionText?: string;
  className?: string;
  attributes?: GovukAttributes;
};

export type LanguageNavigationProps = {
  items: LanguageNavigationItem[];
  /** Names the landmark, in the current page's language. */
  ariaLabel?: string;
  className?: string;
  attributes?: GovukAttributes;
};

const defaults = { ariaLabel: "Language" };

export function LanguageNavigation({ items, ariaLabel, className, attributes }: LanguageNavigationProps) {
  const strings = useGovukStrings("languageNavigation", defaults);
  return (
    <nav
      className={className ? `govuk-language-navigation ${className}` : "govuk-language-navigation"}
      {...attributeProps(attributes)}
      aria-label={ariaLabel ?? strings.ariaLabel}
    >
      <ul className="govuk-language-navigation__list">
        {items.map((item, index) => (
          <li className="govuk-language-navigation__list-item" key={index}>
            {item.current || !item.href ? (
              <span
                className={item.className ? `govuk-language-navigation__text ${item.className}` : "govuk-language-navigation__text"}
                aria-current="true"
                lang={item.lang || undefined}
                dir={item.dir || undefined}
                {...attributeProps(item.attributes)}
              >
                {item.children}
              </span>
            ) : (
              <a
                className={item.className ? `govuk-language-navigation__link ${item.className}` : "govuk-language-navigation__link"}
                href={item.href}
                rel="alternate"
                lang={item.lang || undefined}
                hrefLang={item.hrefLang || item.lang || undefined}
                dir={item.dir || undefined}
                {...attributeProps(item.attributes)}
              >
                {item.children}
                {item.languageDescriptionText ? <span className="govuk-visually-hidden">{` ${item.languageDescriptionText}`}</span> : null}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
