import type { ReactNode } from "react";
import { Button } from "./button";
import { useGovukStrings } from "./strings";
import { attributeProps, hasContent, type GovukAttributes } from "./attributes";

export type ExitThisPageProps = {
  /** Button content; defaults to "Exit this page" preceded by a visually hidden "Emergency". */
  children?: ReactNode;
  /** Where the button takes the user; defaults to BBC Weather. */
  redirectUrl?: string;
  id?: string;
  className?: string;
  attributes?: GovukAttributes;
  /** Announced when the keyboard shortcut activates the button. */
  activatedText?: string;
  /** Announced when the keyboard shortcut times out. */
  timedOutText?: string;
  pressTwoMoreTimesText?: string;
  pressOneMoreTimeText?: string;
};

// The last four are also govuk-frontend's JavaScript defaults.
const defaults = {
  visuallyHiddenText: "Emergency",
  text: "Exit this page",
  activatedText: "Loading.",
  timedOutText: "Exit this page expired.",
  pressTwoMoreTimesText: "Shift, press 2 more times to exit.",
  pressOneMoreTimeText: "Shift, press 1 more time to exit.",
};

type AnnouncementKey = "activatedText" | "timedOutText" | "pressTwoMoreTimesText" | "pressOneMoreTimeText";

export function ExitThisPage({ children, redirectUrl, id, className, attributes, ...announcementProps }: ExitThisPageProps) {
  const strings = useGovukStrings("exitThisPage", defaults);
  // The JavaScript already knows the English, so only other wording needs carrying in the markup.
  const announcement = (key: AnnouncementKey) => {
    const text = announcementProps[key] || strings[key];
    return text === defaults[key] ? undefined : text;
  };

  return (
    <div
      id={id || undefined}
      className={className ? `govuk-exit-this-page ${className}` : "govuk-exit-this-page"}
      data-module="govuk-exit-this-page"
      {...attributeProps(attributes)}
      {...{
        "data-i18n.activated": announcement("activatedText"),
        "data-i18n.timed-out": announcement("timedOutText"),
        "data-i18n.press-two-more-times": announcement("pressTwoMoreTimesText"),
        "data-i18n.press-one-more-time": announcement("pressOneMoreTimeText"),
      }}
    >
      <Button
        href={redirectUrl || "https://www.bbc.co.uk/weather"}
        className="govuk-button--warning govuk-exit-this-page__button govuk-js-exit-this-page-button"
        attributes={{ rel: "nofollow noreferrer" }}
      >
        {hasContent(children) ? (
          children
        ) : (
          <>
            <span className="govuk-visually-hidden">{strings.visuallyHiddenText}</span> {strings.text}
          </>
        )}
      </Button>
    </div>
  );
}
