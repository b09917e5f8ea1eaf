import type { ReactNode } from "react";
import { ErrorMessage, type ErrorMessageProps } from "./error-message";
import { Hint, type HintProps } from "./hint";
import { attributeProps, hasContent, type GovukAttributes } from "./attributes";
import { Label, type LabelProps } from "./label";

type PluralText = Partial<Record<"zero" | "one" | "two" | "few" | "many" | "other", string>>;

export type FileUploadProps = {
  id?: string;
  name: string;
  disabled?: boolean;
  multiple?: boolean;
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
  /** The enhanced upload GOV.UK Frontend's script makes of the input (a drop zone and a button). */
  javascript?: boolean;
  chooseFilesButtonText?: string;
  noFileChosenText?: string;
  multipleFilesChosenText?: PluralText;
  dropInstructionText?: string;
  enteredDropZoneText?: string;
  leftDropZoneText?: string;
  wrapperClasses?: string;
  wrapperAttributes?: GovukAttributes;
  className?: string;
  attributes?: GovukAttributes;
};

/** The `data-i18n.*` attributes the enhanced upload's script reads its messages from. */
function i18nAttributes(key: string, message: string | PluralText | undefined): GovukAttributes {
  if (message === undefined) return {};
  if (typeof message === "string") return { [`data-i18n.${key}`]: message };
  return Object.fromEntries(Object.entries(message).map(([rule, text]) => [`data-i18n.${key}.${rule}`, text]));
}

export function FileUpload(props: FileUploadProps) {
  const { label, hint, errorMessage, formGroup } = props;
  const id = props.id || props.name;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errorMessage ? `${id}-error` : undefined;
  const describedBy = [props.describedBy, hintId, errorId].filter(Boolean).join(" ");
  const beforeInput = formGroup?.beforeInput?.children;
  const afterInput = formGroup?.afterInput?.children;

  let className = "govuk-file-upload";
  if (props.className) className += ` ${props.className}`;
  if (errorMessage) className += " govuk-file-upload--error";

  const input = (
    <input
      className={className}
      id={id}
      name={props.name}
      type="file"
      disabled={props.disabled}
      multiple={props.multiple}
      aria-describedby={describedBy || undefined}
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
      {hasContent(beforeInput) ? beforeInput : null}
      {props.javascript ? (
        <div
          className={props.wrapperClasses ? `govuk-file-upload-wrapper ${props.wrapperClasses}` : "govuk-file-upload-wrapper"}
          data-module="govuk-file-upload"
          {...attributeProps({
            ...i18nAttributes("choose-files-button", props.chooseFilesButtonText),
            ...i18nAttributes("no-file-chosen", props.noFileChosenText),
            ...i18nAttributes("multiple-files-chosen", props.multipleFilesChosenText),
            ...i18nAttributes("drop-instruction", props.dropInstructionText),
            ...i18nAttributes("entered-drop-zone", props.enteredDropZoneText),
            ...i18nAttributes("left-drop-zone", props.leftDropZoneText),
            ...props.wrapperAttributes,
          })}
        >
          {input}
        </div>
      ) : (
        input
      )}
      {hasContent(afterInput) ? afterInput : null}
    </div>
  );
}
