import type { ReactNode } from "react";
import { ErrorMessage, type ErrorMessageProps } from "./error-message";
import type { FieldsetProps } from "./fieldset";
import { FormGroup } from "./form-group";
import { Hint, type HintProps } from "./hint";
import { attributeProps, hasContent, type GovukAttributes } from "./attributes";
import { Label } from "./label";

export type RadiosItem = {
  children?: ReactNode;
  /** Defaults to `idPrefix`, numbered from the second item on. */
  id?: string;
  value?: string;
  label?: { className?: string; attributes?: GovukAttributes };
  hint?: Omit<HintProps, "id">;
  /** Text such as "or" shown instead of a radio. */
  divider?: string;
  /** Initially checked; wins over the group's `value`. */
  checked?: boolean;
  /** Revealed while the radio is checked. */
  conditional?: { children?: ReactNode };
  disabled?: boolean;
  attributes?: GovukAttributes;
};

export type RadiosProps = {
  fieldset?: Omit<FieldsetProps, "children" | "role">;
  hint?: Omit<HintProps, "id">;
  errorMessage?: Omit<ErrorMessageProps, "id">;
  formGroup?: {
    className?: string;
    attributes?: GovukAttributes;
    beforeInputs?: { children?: ReactNode };
    afterInputs?: { children?: ReactNode };
  };
  /** Defaults to `name`. */
  idPrefix?: string;
  name: string;
  /** Falsy items are skipped but still count towards the numbered ids, as in the macro. */
  items: (RadiosItem | false | null | undefined)[];
  /** Value of the initially checked radio; the radios stay uncontrolled. */
  value?: string;
  className?: string;
  attributes?: GovukAttributes;
};

type ItemProps = { item: RadiosItem; index: number; idPrefix: string; name: string; value: string | undefined };

function RadioItem({ item, index, idPrefix, name, value }: ItemProps) {
  if (item.divider) return <div className="govuk-radios__divider">{item.divider}</div>;

  // The first id has no number so that an error summary can link to it without knowing the items.
  const itemId = item.id || (index > 1 ? `${idPrefix}-${index}` : idPrefix);
  const conditionalId = `conditional-${itemId}`;
  const itemHintId = `${itemId}-item-hint`;
  const isChecked = item.checked || (value ? item.value === value && item.checked !== false : false);
  const hasHint = hasContent(item.hint?.children);
  const hasConditional = hasContent(item.conditional?.children);

  return (
    <>
      <div className="govuk-radios__item">
        <input
          className="govuk-radios__input"
          id={itemId}
          name={name}
          type="radio"
          value={item.value ?? ""}
          defaultChecked={isChecked}
          disabled={item.disabled || undefined}
          data-aria-controls={hasConditional ? conditionalId : undefined}
          aria-describedby={hasHint ? itemHintId : undefined}
          {...attributeProps(item.attributes)}
        />
        <Label
          className={item.label?.className ? `govuk-radios__label ${item.label.className}` : "govuk-radios__label"}
          attributes={item.label?.attributes}
          for={itemId}
        >
          {item.children}
        </Label>
        {item.hint && hasHint ? (
          <Hint
            id={itemHintId}
            className={item.hint.className ? `govuk-radios__hint ${item.hint.className}` : "govuk-radios__hint"}
            attributes={item.hint.attributes}
          >
            {item.hint.children}
          </Hint>
        ) : null}
      </div>
      {hasConditional ? (
        <div className={isChecked ? "govuk-radios__conditional" : "govuk-radios__conditional govuk-radios__conditional--hidden"} id={conditionalId}>
          {item.conditional?.children}
        </div>
      ) : null}
    </>
  );
}

export function Radios(props: RadiosProps) {
  const { fieldset, hint, errorMessage, formGroup, name, items, value, className, attributes } = props;
  const idPrefix = props.idPrefix || name;
  const hintId = `${idPrefix}-hint`;
  const errorId = `${idPrefix}-error`;
  const describedBy = [fieldset?.describedBy, hint ? hintId : "", errorMessage ? errorId : ""].filter(Boolean).join(" ");

  const inner = (
    <>
      {hint ? <Hint {...hint} id={hintId} /> : null}
      {errorMessage ? <ErrorMessage {...errorMessage} id={errorId} /> : null}
      {/* data-module comes first so that, as in the macro's markup, `attributes` can override it. */}
      <div data-module="govuk-radios" className={className ? `govuk-radios ${className}` : "govuk-radios"} {...attributeProps(attributes)}>
        {formGroup?.beforeInputs?.children}
        {items.map((item, index) => (item ? <RadioItem key={index} item={item} index={index + 1} idPrefix={idPrefix} name={name} value={value} /> : null))}
        {formGroup?.afterInputs?.children}
      </div>
    </>
  );

  return (
    <FormGroup hasError={Boolean(errorMessage)} formGroup={formGroup} fieldset={fieldset} describedBy={describedBy}>
      {inner}
    </FormGroup>
  );
}
