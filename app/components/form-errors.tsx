import type { TFunction } from "i18next";
import { ErrorSummary } from "#app/components/govuk/error-summary";
import type { FormError } from "#app/utils/form.server";

/** The GOV.UK error summary for a form: one link per field, in page order, to the field itself. */
export function FormErrorSummary({ errors, t }: { errors: FormError[] | undefined; t: TFunction }) {
  if (!errors?.length) return null;
  return (
    <ErrorSummary
      errorList={errors.map((error) => ({ href: `#${error.field}`, children: t(error.message, error.params) }))}
    />
  );
}

/** The inline message for one field, shaped for a component's `errorMessage` prop. */
export function fieldError(errors: FormError[] | undefined, field: string, t: TFunction): { children: string } | undefined {
  const error = errors?.find((e) => e.field === field);
  return error ? { children: t(error.message, error.params) } : undefined;
}
