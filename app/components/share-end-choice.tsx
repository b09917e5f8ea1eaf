import type { ReactNode } from "react";
import { fieldError } from "#app/components/form-errors";
import { DateInput } from "#app/components/govuk/date-input";
import { Radios } from "#app/components/govuk/radios";
import { useTranslation } from "#app/i18n/use-translation";
import { DATE_PARTS, dateErrorParts, END_DATE } from "#app/services/sharing/choices";
import { SHARE_PERIODS } from "#app/services/sharing/consent-rules";
import type { FormError, FormValues } from "#app/web/form";

/**
 * When sharing ends: 3, 6 or 12 months, or a date of the person's own (the
 * GOV.UK date pattern). The date sits below the choices rather than being
 * revealed by its radio: GOV.UK Frontend's reveal puts aria-expanded on a
 * radio, which ARIA does not allow, and this service has no accessibility
 * failures, known or not. The fields are those share-forms.server.ts reads:
 * `endsIn` and `endDate-day|month|year`.
 */
export function EndChoiceRadios({ legend, hint, values, errors, example }: { legend: ReactNode; hint: string; values: FormValues; errors: FormError[] | undefined; example: string }) {
  const { t } = useTranslation();
  const dateError = errors?.find((error) => error.field.startsWith(`${END_DATE}-`));
  const wrong = dateError ? dateErrorParts(dateError.message) : [];
  return (
    <>
      <Radios
        name="endsIn"
        fieldset={{ legend: { children: legend, isPageHeading: true, className: "govuk-fieldset__legend--l" } }}
        hint={{ children: hint }}
        errorMessage={fieldError(errors, "endsIn", t)}
        value={String(values.endsIn ?? "")}
        items={[
          ...SHARE_PERIODS.map((months) => ({ value: String(months), children: t(`sharing:howLong.months.${months}`) })),
          { divider: t("sharing:howLong.or") },
          { value: "date", children: t("sharing:howLong.date") },
        ]}
      />
      <DateInput
        id={END_DATE}
        namePrefix={END_DATE}
        fieldset={{ legend: { children: t("sharing:howLong.dateLegend"), className: "govuk-fieldset__legend--s" } }}
        hint={{ children: t("sharing:howLong.dateHint", { example }) }}
        errorMessage={dateError ? fieldError(errors, dateError.field, t) : undefined}
        values={Object.fromEntries(DATE_PARTS.map((part) => [`${END_DATE}-${part}`, String(values[`${END_DATE}-${part}`] ?? "")]))}
        {...(dateError ? Object.fromEntries(DATE_PARTS.map((part) => [part, { name: part, error: wrong.includes(part) }])) : {})}
      />
    </>
  );
}
