import type { ReactNode } from "react";
import { ErrorMessage, type ErrorMessageProps } from "./error-message";
import { Hint, type HintProps } from "./hint";
import { attributeProps, hasContent, type GovukAttributes } from "./attributes";
import { Label, type LabelProps } from "./label";

export type TextareaProps = {
  id?: string;
  name: string;
  spellcheck?: boolean;
  rows?: number | string;
  /** Initial value; the field stays uncontrolled. */
  value?: string;
  disabled?: boolean;
  describedBy?: string;
  label: Omit<LabelProps, "for">;
  hint?: Omit<HintProps, "id">;
  errorMessage?: Omit<ErrorMessageProps, "id">;
  formGroup?: {
    className?: string;
    attributes?: GovukAttributes;
    beforeInput?: { children?: ReactNode };
    afterInput?: { children?: ReactNode };
  };
  className?: string;
  autocomplete?: string;
  attributes?: GovukAttributes;
};

export function Textarea(props: TextareaProps) {
  const { label, hint, errorMessage, formGroup } = props;
  const id = props.id || props.name;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errorMessage ? `${id}-error` : undefined;
  const describedBy = [props.describedBy, hintId, errorId].filter(Boolean).join(" ");
  const beforeInput = formGroup?.beforeInput?.children;
  const afterInput = formGroup?.afterInput?.children;

  let className = "govuk-textarea";
  if (errorMessage) className += " govuk-textarea--error";
  if (props.className) className += ` ${props.className}`;

  return (
    <div
      className={`govuk-form-group${errorMessage ? " govuk-form-group--error" : ""}${formGroup?.className ? ` ${formGroup.className}` : ""}`}
      {...attributeProps(formGroup?.attributes)}
    >
      <Label {...label} for={id} />
      {hint ? <Hint {...hint} id={hintId} /> : null}
      {errorMessage ? <ErrorMessage {...errorMessage} id={errorId} /> : null}
      {hasContent(beforeInput) ? beforeInput : null}
      <textarea
        className={className}
        id={id}
        name={props.name}
        rows={Number(props.rows) || 5}
        spellCheck={props.spellcheck}
        disabled={props.disabled}
        aria-describedby={describedBy || undefined}
        autoComplete={props.autocomplete || undefined}
        defaultValue={props.value}
        {...attributeProps(props.attributes)}
      />
      {hasContent(afterInput) ? afterInput : null}
    </div>
  );
}
