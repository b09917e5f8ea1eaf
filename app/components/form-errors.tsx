import type { TFunction } from "i18next";
import { ErrorSummary } from "#app/components/govuk/error-summary";
import { useMarkParts } from "#app/components/language-of-parts";
import type { Localised } from "#app/i18n/localised";
import type { FormError } from "#app/web/form";

/** An error's words. A `labelKey` param names the field's own label, translated first so a message can say which field it means. */
function errorText(error: FormError, t: TFunction): string {
  const { labelKey, ...params } = error.params ?? {};
  return t(error.message, labelKey === undefined ? params : { ...params, label: t(String(labelKey), params) });
}

/**
 * The GOV.UK error summary for a form: one link per field, in page order, to
 * the field itself. `parts`: words the messages may quote in another language
 * (an agency's English name on a Welsh page), marked as such.
 */
export function FormErrorSummary({
  errors,
  t,
  href = (field) => `#${field}`,
  parts = [],
}: {
  errors: FormError[] | undefined;
  t: TFunction;
  href?: (field: string) => string;
  parts?: readonly Localised[];
}) {
  const mark = useMarkParts();
  if (!errors?.length) return null;
  return <ErrorSummary errorList={errors.map((error) => ({ href: href(error.field), children: mark(errorText(error, t), ...parts) }))} />;
}

/** The inline message for one field, shaped for a component's `errorMessage` prop. */
export function fieldError(errors: FormError[] | undefined, field: string, t: TFunction): { children: string } | undefined {
  const error = errors?.find((e) => e.field === field);
  return error ? { children: errorText(error, t) } : undefined;
}
