import type { ReactNode } from "react";
import { useGovukStrings } from "./strings";
import { attributeProps, type GovukAttributes } from "./attributes";

export type NotificationBannerProps = {
  /**
   * A plain string is the macro's `text`: shown as a single heading line.
   * Elements are its `html`: rendered as they are, so bring your own markup.
   */
  children?: ReactNode;
  titleText?: string;
  /** Replaces `titleText` when given. */
  titleHtml?: ReactNode;
  titleHeadingLevel?: 1 | 2 | 3 | 4 | 5 | 6;
  /** Only "success" changes anything: green styling, "Success" title and `role="alert"`. */
  type?: string;
  role?: string;
  titleId?: string;
  disableAutoFocus?: boolean;
  className?: string;
  attributes?: GovukAttributes;
};

const defaults = { titleText: "Important", successTitleText: "Success" };

export function NotificationBanner({
  children,
  titleText,
  titleHtml,
  titleHeadingLevel,
  type,
  role,
  titleId,
  disableAutoFocus,
  className,
  attributes,
}: NotificationBannerProps) {
  const strings = useGovukStrings("notificationBanner", defaults);
  const success = type === "success";
  const id = titleId || "govuk-notification-banner-title";
  const Heading = `h${titleHeadingLevel || 2}` as "h2";

  let classNames = "govuk-notification-banner";
  if (success) classNames += " govuk-notification-banner--success";
  if (className) classNames += ` ${className}`;

  return (
    <div
      className={classNames}
      // Success banners interrupt assistive technology; others are landmarks to navigate to.
      role={role || (success ? "alert" : "region")}
      aria-labelledby={id}
      data-module="govuk-notification-banner"
      data-disable-auto-focus={disableAutoFocus == null ? undefined : String(disableAutoFocus)}
      {...attributeProps(attributes)}
    >
      <div className="govuk-notification-banner__header">
        <Heading className="govuk-notification-banner__title" id={id}>
          {titleHtml || titleText || (success ? strings.successTitleText : strings.titleText)}
        </Heading>
      </div>
      <div className="govuk-notification-banner__content">
        {(typeof children === "string" && children !== "") || typeof children === "number" ? (
          <p className="govuk-notification-banner__heading">{children}</p>
        ) : (
          children
        )}
      </div>
    </div>
  );
}
