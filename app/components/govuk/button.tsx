import type { ReactNode } from "react";
import { attributeProps, type GovukAttributes } from "./attributes";

export type ButtonProps = {
  children?: ReactNode;
  type?: "submit" | "reset" | "button";
  name?: string;
  value?: string;
  disabled?: boolean;
  /** Renders a link styled as a button instead of a `<button>`. */
  href?: string;
  className?: string;
  attributes?: GovukAttributes;
  preventDoubleClick?: boolean;
  isStartButton?: boolean;
  id?: string;
};

export function Button({ children, type, name, value, disabled, href, className, attributes, preventDoubleClick, isStartButton, id }: ButtonProps) {
  let classNames = "govuk-button";
  if (className) classNames += ` ${className}`;
  if (isStartButton) classNames += " govuk-button--start";

  const common = { className: classNames, "data-module": "govuk-button", ...attributeProps(attributes), id: id || undefined };

  // Start buttons are flex containers, which would swallow the spaces between elements of rich content.
  const wrapInSpan = isStartButton && typeof children !== "string" && typeof children !== "number";
  const content = (
    <>
      {wrapInSpan ? <span>{children}</span> : children}
      {isStartButton ? (
        <>
          {" "}
          <svg
            className="govuk-button__start-icon"
            xmlns="http://www.w3.org/2000/svg"
            width="17.5"
            height="19"
            viewBox="0 0 33 40"
            aria-hidden="true"
            focusable="false"
          >
            <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
          </svg>
        </>
      ) : null}
    </>
  );

  if (href) {
    return (
      <a href={href} role="button" draggable="false" {...common}>
        {content}
      </a>
    );
  }
  return (
    <button
      type={type || "submit"}
      value={value || undefined}
      name={name || undefined}
      disabled={disabled || undefined}
      aria-disabled={disabled ? "true" : undefined}
      data-prevent-double-click={preventDoubleClick === undefined ? undefined : String(preventDoubleClick)}
      {...common}
    >
      {content}
    </button>
  );
}
