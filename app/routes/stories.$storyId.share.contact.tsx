import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useForm } from "#app/components/form";
import { Checkboxes } from "#app/components/govuk/checkboxes";
import { Radios } from "#app/components/govuk/radios";
import { ShareStep } from "#app/components/share-step";
import { pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { CONTACT_METHODS } from "#app/models/story-sections";
import { requireShareStep } from "#app/web/guards.server";
import { contactFormValues, submitContact } from "#app/services/sharing/journey.server";
import { answerShareStep } from "#app/web/share-actions.server";

export const handle = { titleKey: "sharing:contact.title" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { choices, backHref } = await requireShareStep(request, params.storyId, { kind: "contact" });
  return { ...pageTranslations(request, "sharing", "story"), backHref, values: contactFormValues(choices) };
}

export function action(args: ActionFunctionArgs) {
  return answerShareStep(args, ({ story, choices }, form) => submitContact(story.id, choices, form));
}

export default function Contact() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const form = useForm(loaded.values);
  return (
    <ShareStep form={form} backHref={loaded.backHref}>
      <Radios
        {...form.radios("contact")}
        fieldset={{ legend: { children: t("sharing:contact.title"), isPageHeading: true, className: "govuk-fieldset__legend--l" } }}
        items={[
          { value: "yes", children: t("sharing:contact.yes") },
          { value: "no", children: t("sharing:contact.no") },
        ]}
      />
      {/* Below the choice rather than revealed by it: GOV.UK Frontend's reveal puts aria-expanded on a radio, which ARIA does not allow. */}
      <Checkboxes
        {...form.checkboxes("contactMethods")}
        fieldset={{ legend: { children: t("sharing:contact.methodsLegend"), className: "govuk-fieldset__legend--s" } }}
        hint={{ children: t("sharing:contact.methodsHint") }}
        items={CONTACT_METHODS.map((method) => ({ value: method, children: t(`story:fields.about.contactBy.options.${method}`) }))}
      />
    </ShareStep>
  );
}
