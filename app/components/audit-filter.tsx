import { Form } from "@remix-run/react";
import { Button } from "#app/components/govuk/button";
import { DateInput } from "#app/components/govuk/date-input";
import { Select } from "#app/components/govuk/select";
import { useTranslation } from "#app/i18n/use-translation";
import { dateErrorParts, DATE_PARTS, type FormError } from "#app/web/form";

/**
 * The audit log's filter: from and to which day, and which kind of event. A
 * GET form, so a filtered page has an address of its own; its mistakes come
 * from the page's loader, each shown with its field.
 */
export function AuditFilter({
  values,
  errors,
  kinds,
}: {
  values: Record<string, string>;
  errors: readonly FormError[];
  kinds: readonly { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  const errorOf = (prefix: string) => errors.find((error) => error.field.startsWith(prefix));
  const message = (error: FormError | undefined) => (error ? { children: t(error.message) } : undefined);
  const date = (prefix: "from" | "to") => {
    const error = errorOf(`${prefix}-`);
    const marked = error ? Object.fromEntries(DATE_PARTS.map((part) => [part, { name: part, error: dateErrorParts(error.message).includes(part) }])) : {};
    return (
      <DateInput
        id={prefix}
        namePrefix={prefix}
        values={values}
        errorMessage={message(error)}
        fieldset={{ legend: { children: t(`staff:audit.${prefix}`), className: "govuk-fieldset__legend--s" } }}
        hint={{ children: t("staff:audit.dateHint") }}
        {...marked}
      />
    );
  };
  return (
    // A whole page load, with JavaScript or without: the filtered page has an address of its own, and its mistakes come from its loader.
    <Form method="get" reloadDocument noValidate>
      {date("from")}
      {date("to")}
      <Select
        id="event"
        name="event"
        label={{ children: t("staff:audit.event"), className: "govuk-label--s" }}
        errorMessage={message(errorOf("event"))}
        value={values.event}
        items={[{ value: "", children: t("staff:audit.allEvents") }, ...kinds.map((kind) => ({ value: kind.value, children: kind.label }))]}
      />
      <Button className="govuk-button--secondary">{t("staff:audit.filter")}</Button>
    </Form>
  );
}
