import { Form } from "@remix-run/react";
import type { Form as FormState } from "#app/components/form";
import { Button } from "#app/components/govuk/button";
import { Input } from "#app/components/govuk/input";
import { Textarea } from "#app/components/govuk/textarea";
import { useTranslation } from "#app/i18n/use-translation";

/**
 * The questions about one agency, for adding one (with its key) or changing
 * one. The Welsh fields are marked as Welsh, so a screen reader reads what
 * is typed there in Welsh on an English page too.
 */
export function AgencyForm({ form, withKey, button }: { form: FormState; withKey: boolean; button: string }) {
  const { t } = useTranslation();
  const label = (name: string) => ({ children: t(`staff:agency.fields.${name}.label`), className: "govuk-label--s" });
  const hint = (name: string) => ({ children: t(`staff:agency.fields.${name}.hint`) });
  const welsh = { lang: "cy" };
  return (
    <Form method="post" noValidate>
      {withKey ? <Input {...form.field("key")} label={label("key")} hint={hint("key")} className="govuk-input--width-20" spellcheck={false} /> : null}
      <Input {...form.field("name")} label={label("name")} spellcheck={false} />
      <Input {...form.field("nameCy")} label={label("nameCy")} hint={hint("nameCy")} spellcheck={false} attributes={welsh} />
      <Textarea {...form.field("description")} label={label("description")} hint={hint("description")} rows={3} />
      <Textarea {...form.field("descriptionCy")} label={label("descriptionCy")} hint={hint("descriptionCy")} rows={3} attributes={welsh} />
      <Input {...form.field("contactEmail")} type="email" label={label("contactEmail")} hint={hint("contactEmail")} spellcheck={false} autocomplete="off" />
      <Textarea {...form.field("domains")} label={label("domains")} hint={hint("domains")} rows={3} spellcheck={false} />
      <Textarea {...form.field("addresses")} label={label("addresses")} hint={hint("addresses")} rows={4} spellcheck={false} />
      <Button name="intent" value="save" preventDoubleClick>
        {button}
      </Button>
    </Form>
  );
}
