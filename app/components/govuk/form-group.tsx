import type { ReactNode } from "react";
import { attributeProps, type GovukAttributes } from "./attributes";
import { Fieldset, type FieldsetProps } from "./fieldset";

/**
 * The form group that wraps a group of inputs (checkboxes, radios, date input):
 * red when there is an error, with the fieldset around the inputs when one is
 * given. The same markup in each macro, so written once here.
 */
export function FormGroup({
  hasError,
  formGroup,
  fieldset,
  fieldsetRole,
  describedBy,
  children,
}: {
  hasError: boolean;
  formGroup?: { className?: string; attributes?: GovukAttributes };
  fieldset?: Omit<FieldsetProps, "children" | "role">;
  fieldsetRole?: string;
  describedBy: string;
  children: ReactNode;
}) {
  return (
    <div
      className={["govuk-form-group", hasError ? "govuk-form-group--error" : "", formGroup?.className ?? ""].filter(Boolean).join(" ")}
      {...attributeProps(formGroup?.attributes)}
    >
      {fieldset ? (
        <Fieldset {...fieldset} role={fieldsetRole} describedBy={describedBy}>
          {children}
        </Fieldset>
      ) : (
        children
      )}
    </div>
  );
}
