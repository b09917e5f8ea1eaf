import type { ReactNode } from "react";
import type { Form } from "#app/components/form";
import { DateInput } from "#app/components/govuk/date-input";
import { Radios } from "#app/components/govuk/radios";
import { useTranslation } from "#app/i18n/use-translation";
import { END_DATE } from "#app/services/sharing/choices";
import { DATE_PARTS, dateErrorParts } from "#app/web/form";
import { SHARE_PERIODS } from "#app/services/sharing/consent-rules";

/**
 * When sharing ends: 3, 6 or 12 months, or a date of the person's own (the
 * GOV.UK date pattern). The date sits below the choices rather than being
 * revealed by its radio: GOV.UK Frontend's reveal puts aria-expanded on a
 * radio, which ARIA does not allow, and this service has no accessibility
 * failures, known or not. The fields are those share-forms.server.ts reads:
 * `endsIn` and `endDate-day|month|year`.
 */
export function EndChoiceRadios({ legend, hint, form, example }: { legend: ReactNode; hint: string; form: Form; example: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Radios
        {...form.radios("endsIn")}
        fieldset={{ legend: { children: legend, isPageHeading: true, className: "govuk-fieldset__legend--l" } }}
        hint={{ children: hint }}
        items={[
          ...SHARE_PERIODS.map((months) => ({ value: String(months), children: t(`sharing:howLong.months.${months}`) })),
          { divider: t("sharing:howLong.or") },
          { value: "date", children: t("sharing:howLong.date") },
        ]}
      />
      <DateInput
        {...form.dateInput(END_DATE, DATE_PARTS, (error) => dateErrorParts(error.message))}
        fieldset={{ legend: { children: t("sharing:howLong.dateLegend"), className: "govuk-fieldset__legend--s" } }}
        hint={{ children: t("sharing:howLong.dateHint", { example }) }}
      />
    </>
  );
}
