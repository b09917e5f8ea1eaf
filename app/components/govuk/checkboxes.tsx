import type { ReactNode } from "react";
import { ErrorMessage, type ErrorMessageProps } from "./error-message";
import type { FieldsetProps } from "./fieldset";
import { FormGroup } from "./form-group";
import { Hint, type HintProps } from "./hint";
import { attributeProps, hasContent, type GovukAttributes } from "./attributes";
import { Label } from "./label";

export type CheckboxesItem = {
  children?: ReactNode;
  /** Defaults to `idPrefix`, numbered from the second item on. */
  id?: string;
  /** Defaults to the group's `name`. */
  name?: string;
  value?: string;
  label?: { className?: string; attributes?: GovukAttributes };
  hint?: Omit<HintProps, "id">;
  /** Text such as "or" shown instead of a checkbox. */
  divider?: string;
  /** Initially checked; wins over the group's `values`. */
  checked?: boolean;
  /** Revealed while the checkbox is checked. */
  conditional?: { children?: ReactNode };
  /** "exclusive" unchecks the others when this one is checked ("None of these"). */
  behaviour?: string;
  disabled?: boolean;
  attributes?: GovukAttributes;
};

export type CheckboxesProps = {
  /** Ids to add to each checkbox's `aria-describedby` when there is no fieldset to carry them. */
  describedBy?: string;
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
  items: (CheckboxesItem | false | null | undefined)[];
  /** Values of the initially checked checkboxes; the checkboxes stay uncontrolled. */
  values?: string[];
  className?: string;
  attributes?: GovukAttributes;
};

type ItemProps = {
  item: CheckboxesItem;
  index: number;
  idPrefix: string;
  name: string;
  values: string[] | undefined;
  /** The group's description, which falls to each checkbox when no fieldset carries it. */
  groupDescribedBy: string;
};

function CheckboxItem({ item, index, idPrefix, name, values, groupDescribedBy }: ItemProps) {
  if (item.divider) return <div className="govuk-checkboxes__divider">{item.divider}</div>;

  // The first id has no number so that an error summary can link to it without knowing the items.
  const itemId = item.id || (index > 1 ? `${idPrefix}-${index}` : idPrefix);
  const conditionalId = `conditional-${itemId}`;
  const itemHintId = `${itemId}-item-hint`;
  const isChecked = item.checked || (values ? item.value !== undefined && values.includes(item.value) && item.checked !== false : false);
  const hasHint = hasContent(item.hint?.children);
  const hasConditional = hasContent(item.conditional?.children);
  const describedBy = [groupDescribedBy, hasHint ? itemHintId : ""].filter(Boolean).join(" ");

  return (
    <>
      <div className="govuk-checkboxes__item">
        <input
          className="govuk-checkboxes__input"
          id={itemId}
          name={item.name || name}
          type="checkbox"
          value={item.value ?? ""}
          defaultChecked={isChecked}
          disabled={item.disabled || undefined}
          data-aria-controls={hasConditional ? conditionalId : undefined}
          data-behaviour={item.behaviour || undefined}
          aria-describedby={describedBy || undefined}
          {...attributeProps(item.attributes)}
        />
        <Label
          className={item.label?.className ? `govuk-checkboxes__label ${item.label.className}` : "govuk-checkboxes__label"}
          attributes={item.label?.attributes}
          for={itemId}
        >
          {item.children}
        </Label>
        {item.hint && hasHint ? (
          <Hint
            id={itemHintId}
            className={item.hint.className ? `govuk-checkboxes__hint ${item.hint.className}` : "govuk-checkboxes__hint"}
            attributes={item.hint.attributes}
          >
            {item.hint.children}
          </Hint>
        ) : null}
      </div>
      {hasConditional ? (
        <div className={isChecked ? "govuk-checkboxes__conditional" : "govuk-checkboxes__conditional govuk-checkboxes__conditional--hidden"} id={conditionalId}>
          {item.conditional?.children}
        </div>
      ) : null}
    </>
  );
}

export function Checkboxes(props: CheckboxesProps) {
  const { fieldset, hint, errorMessage, formGroup, name, items, values, className, attributes } = props;
  const idPrefix = props.idPrefix || name;
  const hintId = `${idPrefix}-hint`;
  const errorId = `${idPrefix}-error`;
  const describedBy = [fieldset?.describedBy || props.describedBy, hint ? hintId : "", errorMessage ? errorId : ""].filter(Boolean).join(" ");

  const inner = (
    <>
      {hint ? <Hint {...hint} id={hintId} /> : null}
      {errorMessage ? <ErrorMessage {...errorMessage} id={errorId} /> : null}
      {/* data-module comes first so that, as in the macro's markup, `attributes` can override it. */}
      <div data-module="govuk-checkboxes" className={className ? `govuk-checkboxes ${className}` : "govuk-checkboxes"} {...attributeProps(attributes)}>
        {formGroup?.beforeInputs?.children}
        {items.map((item, index) =>
          item ? (
            <CheckboxItem
              key={index}
              item={item}
              index={index + 1}
              idPrefix={idPrefix}
              name={name}
              values={values}
              groupDescribedBy={fieldset ? "" : describedBy}
            />
          ) : null,
        )}
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
