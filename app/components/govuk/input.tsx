import type { InputHTMLAttributes, ReactNode } from "react";
import { ErrorMessage, type ErrorMessageProps } from "./error-message";
import { Hint, type HintProps } from "./hint";
import { attributeProps, hasContent, type GovukAttributes } from "./attributes";
import { Label, type LabelProps } from "./label";

type Affix = {
  children?: ReactNode;
  className?: string;
  attributes?: GovukAttributes;
};

export type InputProps = {
  id?: string;
  name: string;
  type?: string;
  inputmode?: InputHTMLAttributes<HTMLInputElement>["inputMode"];
  /** Initial value; the field stays uncontrolled. */
  value?: string;
  disabled?: boolean;
  describedBy?: string;
  label: Omit<LabelProps, "for">;
  hint?: Omit<HintProps, "id">;
  errorMessage?: Omit<ErrorMessageProps, "id">;
  prefix?: Affix;
  suffix?: Affix;
  formGroup?: {
    className?: string;
    attributes?: GovukAttributes;
    beforeInput?: { children?: ReactNode };
    afterInput?: { children?: ReactNode };
  };
  className?: string;
  autocomplete?: string;
  pattern?: string;
  spellcheck?: boolean;
  autocapitalize?: string;
  inputWrapper?: {
    className?: string;
    attributes?: GovukAttributes;
  };
  attributes?: GovukAttributes;
};

function AffixItem({ affix, type }: { affix: Affix; type: "prefix" | "suffix" }) {
  return (
    <div
      className={affix.className ? `govuk-input__${type} ${affix.className}` : `govuk-input__${type}`}
      aria-hidden="true"
      {...attributeProps(affix.attributes)}
    >
      {affix.children}
    </div>
  );
}

export function Input(props: InputProps) {
  const { label, hint, errorMessage, prefix, suffix, formGroup, inputWrapper } = props;
  const id = props.id || props.name;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errorMessage ? `${id}-error` : undefined;
  const describedBy = [props.describedBy, hintId, errorId].filter(Boolean).join(" ");
  const hasPrefix = hasContent(prefix?.children);
  const hasSuffix = hasContent(suffix?.children);
  const beforeInput = formGroup?.beforeInput?.children;
  const afterInput = formGroup?.afterInput?.children;

  let className = "govuk-input";
  if (props.className) className += ` ${props.className}`;
  if (errorMessage) className += " govuk-input--error";

  const input = (
    <input
      className={className}
      id={id}
      name={props.name}
      type={props.type || "text"}
      spellCheck={props.spellcheck}
      // An input holds one line, and HTML allows no line break in its value: shown again after an error, a pasted one is a space.
      defaultValue={props.value?.replace(/\r\n|[\r\n]/g, " ")}
      disabled={props.disabled}
      aria-describedby={describedBy || undefined}
      autoComplete={props.autocomplete}
      autoCapitalize={props.autocapitalize}
      pattern={props.pattern}
      inputMode={props.inputmode}
      {...attributeProps(props.attributes)}
    />
  );

  return (
    <div
      className={`govuk-form-group${errorMessage ? " govuk-form-group--error" : ""}${formGroup?.className ? ` ${formGroup.className}` : ""}`}
      {...attributeProps(formGroup?.attributes)}
    >
      <Label {...label} for={id} />
      {hint ? <Hint {...hint} id={hintId} /> : null}
      {errorMessage ? <ErrorMessage {...errorMessage} id={errorId} /> : null}
      {hasPrefix || hasSuffix || hasContent(beforeInput) || hasContent(afterInput) ? (
        <div
          className={inputWrapper?.className ? `govuk-input__wrapper ${inputWrapper.className}` : "govuk-input__wrapper"}
          {...attributeProps(inputWrapper?.attributes)}
        >
          {beforeInput}
          {prefix && hasPrefix ? <AffixItem affix={prefix} type="prefix" /> : null}
          {input}
          {suffix && hasSuffix ? <AffixItem affix={suffix} type="suffix" /> : null}
          {afterInput}
        </div>
      ) : (
        input
      )}
    </div>
  );
}
