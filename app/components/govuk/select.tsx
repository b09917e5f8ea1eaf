import type { ReactNode } from "react";
import { ErrorMessage, type ErrorMessageProps } from "./error-message";
import { Hint, type HintProps } from "./hint";
import { attributeProps, hasContent, type GovukAttributes } from "./attributes";
import { Label, type LabelProps } from "./label";

export type SelectItem = {
  /** The option's text: also its value when `value` is not given. */
  children?: ReactNode;
  value?: string | number;
  selected?: boolean;
  disabled?: boolean;
  attributes?: GovukAttributes;
};

export type SelectProps = {
  id?: string;
  name: string;
  /** Falsy items are skipped. */
  items: (SelectItem | false | null | undefined)[];
  /** The value of the option to select, unless an item says otherwise. */
  value?: string | number;
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
  attributes?: GovukAttributes;
};

/** Which option the macro marks selected: an item's own `selected`, else the one whose value (or text) is `value`. */
function isSelected(item: SelectItem, value: SelectProps["value"]): boolean {
  if (item.selected !== undefined) return item.selected;
  if (value === undefined || value === "" || value === null) return false;
  const effective = item.value !== undefined ? item.value : typeof item.children === "string" ? item.children : undefined;
  // Nunjucks compares loosely: the option "2" is the value 2.
  return effective !== undefined && String(effective) === String(value);
}

export function Select(props: SelectProps) {
  const { label, hint, errorMessage, formGroup } = props;
  const id = props.id || props.name;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errorMessage ? `${id}-error` : undefined;
  const describedBy = [props.describedBy, hintId, errorId].filter(Boolean).join(" ");
  const beforeInput = formGroup?.beforeInput?.children;
  const afterInput = formGroup?.afterInput?.children;
  const items = props.items.filter((item): item is SelectItem => Boolean(item));
  const chosen = items.find((item) => isSelected(item, props.value));

  let className = "govuk-select";
  if (props.className) className += ` ${props.className}`;
  if (errorMessage) className += " govuk-select--error";

  return (
    <div
      className={`govuk-form-group${errorMessage ? " govuk-form-group--error" : ""}${formGroup?.className ? ` ${formGroup.className}` : ""}`}
      {...attributeProps(formGroup?.attributes)}
    >
      <Label {...label} for={id} />
      {hint ? <Hint {...hint} id={hintId} /> : null}
      {errorMessage ? <ErrorMessage {...errorMessage} id={errorId} /> : null}
      {hasContent(beforeInput) ? beforeInput : null}
      <select
        className={className}
        id={id}
        name={props.name}
        disabled={props.disabled}
        aria-describedby={describedBy || undefined}
        // React marks the option whose value this is as selected, as the macro's `selected` does; the select stays uncontrolled.
        defaultValue={chosen ? String(chosen.value ?? (typeof chosen.children === "string" ? chosen.children : "")) : undefined}
        {...attributeProps(props.attributes)}
      >
        {items.map((item, index) => (
          <option key={index} value={item.value === undefined ? undefined : String(item.value)} disabled={item.disabled} {...attributeProps(item.attributes)}>
            {item.children}
          </option>
        ))}
      </select>
      {hasContent(afterInput) ? afterInput : null}
    </div>
  );
}
