import { useActionData } from "@remix-run/react";
import type { ReactNode } from "react";
import type { DateInputItem } from "#app/components/govuk/date-input";
import { ErrorSummary } from "#app/components/govuk/error-summary";
import { useMarkParts } from "#app/components/language-of-parts";
import type { Localised } from "#app/i18n/localised";
import { useTranslation } from "#app/i18n/use-translation";
import type { FormError, FormProblem, FormValues } from "#app/web/form";

type ErrorMessage = { children: ReactNode } | undefined;

/** What a page needs to show one form: each field's id, name, value and error, and the errors in page order for the summary. */
export type Form = ReturnType<typeof useForm>;

/**
 * The form on this page: what was typed and what was wrong with it, from the
 * action's `invalid(…)` answer, or else `initial` (what is saved). Spread a
 * field onto its GOV.UK component: `<Input {...form.field("email")} label={…} />`.
 * `parts`: words the error messages may quote in another language (an
 * agency's English name on a Welsh page), marked as such.
 */
export function useForm(initial: FormValues = {}, { parts = [] }: { parts?: readonly Localised[] } = {}) {
  const { t } = useTranslation();
  const mark = useMarkParts();
  const answer = (useActionData() as { form?: FormProblem } | null | undefined)?.form;
  const errors = answer?.errors ?? [];
  const values = answer?.values ?? initial;

  /** An error's words. A `labelKey` param names the field's own label, translated first so a message can say which field it means. */
  const message = (error: FormError): ReactNode => {
    const { labelKey, ...params } = error.params ?? {};
    return mark(t(error.message, labelKey === undefined ? params : { ...params, label: t(String(labelKey), params) }), ...parts);
  };
  const found = (error: FormError | undefined): ErrorMessage => (error ? { children: message(error) } : undefined);
  const text = (name: string) => String(values[name] ?? "");
  const errorMessage = (name: string) => found(errors.find((error) => error.field === name));

  return {
    errors,
    values,
    message,
    /** The inline message for one field, shaped for a component's `errorMessage` prop. */
    errorMessage,
    /** A text box or text area. */
    field: (name: string) => ({ id: name, name, value: text(name), errorMessage: errorMessage(name) }),
    /** Radios: the one value chosen. */
    radios: (name: string) => ({ name, value: text(name), errorMessage: errorMessage(name) }),
    /** Checkboxes: every value ticked. */
    checkboxes: (name: string) => {
      const ticked = values[name];
      return { name, values: Array.isArray(ticked) ? ticked : [], errorMessage: errorMessage(name) };
    },
    /**
     * A date in parts (`prefix-day`, `prefix-month`, `prefix-year`), whose error
     * names the part to focus; `wrong` says which parts the error is about, to mark each.
     */
    dateInput: <Part extends string>(prefix: string, parts: readonly Part[], wrong: (error: FormError) => readonly Part[]) => {
      const error = errors.find((e) => e.field.startsWith(`${prefix}-`));
      const marked = error ? Object.fromEntries(parts.map((part): [Part, DateInputItem] => [part, { name: part, error: wrong(error).includes(part) }])) : {};
      return {
        id: prefix,
        namePrefix: prefix,
        values: Object.fromEntries(parts.map((part) => [`${prefix}-${part}`, text(`${prefix}-${part}`)])),
        errorMessage: found(error),
        ...(marked as Partial<Record<Part, DateInputItem>>),
      };
    },
  };
}

/**
 * The GOV.UK error summary for a form: one link per field, in page order, to
 * the field itself (or where `href` says).
 */
export function FormErrorSummary({ form, href = (field) => `#${field}` }: { form: Form; href?: (field: string) => string }) {
  if (form.errors.length === 0) return null;
  return <ErrorSummary errorList={form.errors.map((error) => ({ href: href(error.field), children: form.message(error) }))} />;
}
