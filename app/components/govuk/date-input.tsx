import type { ReactNode } from "react";
import { ErrorMessage, type ErrorMessageProps } from "./error-message";
import type { FieldsetProps } from "./fieldset";
import { FormGroup } from "./form-group";
import { Hint, type HintProps } from "./hint";
import { Input, type InputProps } from "./input";
import { attributeProps, type GovukAttributes } from "./attributes";
import { useGovukStrings } from "./strings";

export type DateInputItem = {
  /** Defaults to the component's `id` and the item's name, joined by "-". */
  id?: string;
  name?: string;
  /** Defaults to the capitalised name ("Day", "Month", "Year" for the standard three). */
  label?: string;
  /** Initial value; the input stays uncontrolled. */
  value?: string | number;
  /** Marks just this input as wrong; the others lose their error border. */
  error?: boolean;
  autocomplete?: string;
  pattern?: string;
  inputmode?: InputProps["inputmode"];
  className?: string;
  attributes?: GovukAttributes;
};

export type DateInputProps = {
  id: string;
  /** Prefixed to each input's name, joined by "-". */
  namePrefix?: string;
  /** Replaces the day, month and year inputs altogether. */
  items?: (DateInputItem | false | null | undefined)[];
  /** `false` leaves the input out. */
  day?: DateInputItem | false;
  month?: DateInputItem | false;
  year?: DateInputItem | false;
  /** Initial values by part ("day", "month", "year") or by full input name. */
  values?: Record<string, string | number | undefined>;
  hint?: Omit<HintProps, "id">;
  errorMessage?: Omit<ErrorMessageProps, "id">;
  formGroup?: {
    className?: string;
    attributes?: GovukAttributes;
    beforeInputs?: { children?: ReactNode };
    afterInputs?: { children?: ReactNode };
  };
  fieldset?: Omit<FieldsetProps, "children" | "role">;
  className?: string;
  attributes?: GovukAttributes;
};

const defaults = { dayLabel: "Day", monthLabel: "Month", yearLabel: "Year" };

type Part = "day" | "month" | "year";

const widths: Record<Part, number> = { day: 2, month: 2, year: 4 };

const hasError = (item: DateInputItem | false | null | undefined) => Boolean(item && (item.error || item.className?.includes("govuk-input--error")));

export function DateInput(props: DateInputProps) {
  const { id, hint, errorMessage, formGroup, fieldset, values, className, attributes } = props;
  const strings = useGovukStrings("dateInput", defaults);

  const standardPart = (given: DateInputItem | false | undefined, name: Part) =>
    given !== undefined ? given : { name, value: values?.[name], className: `govuk-input--width-${widths[name]}` };
  const parts: Record<Part, DateInputItem | false> = {
    day: standardPart(props.day, "day"),
    month: standardPart(props.month, "month"),
    year: standardPart(props.year, "year"),
  };
  const items = props.items?.length ? props.items : [parts.day, parts.month, parts.year];
  // Once any input is marked wrong, the error message no longer puts a red border on every input.
  const anyItemHasError = items.some(hasError);
  const namePrefix = props.namePrefix ? `${props.namePrefix}-` : "";
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [fieldset?.describedBy, hint ? hintId : "", errorMessage ? errorId : ""].filter(Boolean).join(" ");

  function renderItem(item: DateInputItem, index: number) {
    // Items named like a standard part (or given as `day`, `month`, `year`) take that part's name, value and width.
    const part = (["day", "month", "year"] as const).find((candidate) => {
      const standard = parts[candidate];
      return item === standard || (item.name && (item.name === candidate || (standard && item.name === standard.name)));
    });
    const standard = part ? parts[part] : false;
    const itemName = part ? (item.name ?? part) : item.name;
    const itemValue = item.value ?? (standard ? standard.value : undefined);

    const classes: string[] = [];
    const itemClasses = item.className ?? "";
    if (!itemClasses.includes("govuk-input--error") && (hasError(item) || (item.error !== false && errorMessage && !anyItemHasError))) {
      classes.push("govuk-input--error");
    }
    if (!itemClasses.includes("govuk-input--width-")) classes.push(`govuk-input--width-${part ? widths[part] : 2}`);
    if (itemClasses) classes.push(itemClasses);

    const defaultLabel = itemName === "day" || itemName === "month" || itemName === "year" ? strings[`${itemName}Label`] : capitalize(itemName ?? "");
    const value = itemValue ?? values?.[namePrefix + itemName];

    return (
      <div key={index} className="govuk-date-input__item">
        <Input
          label={{ children: item.label || defaultLabel, className: "govuk-date-input__label" }}
          id={item.id || `${id}-${itemName}`}
          className={["govuk-date-input__input", ...classes].join(" ")}
          name={namePrefix + itemName}
          value={value === undefined ? undefined : String(value)}
          type="text"
          inputmode={item.inputmode || "numeric"}
          autocomplete={item.autocomplete}
          pattern={item.pattern}
          attributes={item.attributes}
        />
      </div>
    );
  }

  const inner = (
    <>
      {hint ? <Hint {...hint} id={hintId} /> : null}
      {errorMessage ? <ErrorMessage {...errorMessage} id={errorId} /> : null}
      <div className={className ? `govuk-date-input ${className}` : "govuk-date-input"} id={id} {...attributeProps(attributes)}>
        {formGroup?.beforeInputs?.children}
        {items.map((item, index) => (item ? renderItem(item, index) : null))}
        {formGroup?.afterInputs?.children}
      </div>
    </>
  );

  return (
    // role="group" because JAWS does not announce a fieldset's description for text inputs otherwise.
    <FormGroup hasError={Boolean(errorMessage)} formGroup={formGroup} fieldset={fieldset} fieldsetRole="group" describedBy={describedBy}>
      {inner}
    </FormGroup>
  );
}

/** Nunjucks' `capitalize`: first letter upper case, the rest lower case. */
function capitalize(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();
}
