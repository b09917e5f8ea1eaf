import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { fieldError, FormErrorSummary } from "#app/components/form-errors";
import { Button } from "#app/components/govuk/button";
import { Checkboxes } from "#app/components/govuk/checkboxes";
import { Radios } from "#app/components/govuk/radios";
import { StoryPage } from "#app/components/story-page";
import { pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { CONTACT_METHODS } from "#app/models/story-sections";
import { requireEarlierSteps, requireShareJourney } from "#app/web/guards.server";
import { backPath, contactFormValues, submitContact } from "#app/services/sharing/journey.server";
import { readForm } from "#app/web/form.server";

export const handle = { titleKey: "sharing:contact.title" };

export function loader({ request, params }: LoaderFunctionArgs) {
  const { story, choices } = requireShareJourney(request, params.storyId);
  requireEarlierSteps(story.id, choices, { kind: "contact" });
  return {
    ...pageTranslations(request, "sharing", "story"),
    backHref: backPath(story.id, choices, { kind: "contact" }),
    values: contactFormValues(choices),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { story, choices } = requireShareJourney(request, params.storyId);
  const outcome = submitContact(story.id, choices, await readForm(request));
  if (!outcome.ok) return data({ errors: outcome.errors, values: outcome.values }, { status: 400 });
  return redirect(outcome.redirectTo);
}

export default function Contact() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const values = actionData?.values ?? loaded.values;
  const methods = values.contactMethods;
  return (
    <StoryPage backHref={loaded.backHref}>
      <FormErrorSummary errors={actionData?.errors} t={t} />
      <Form method="post" noValidate>
        <Radios
          name="contact"
          fieldset={{ legend: { children: t("sharing:contact.title"), isPageHeading: true, className: "govuk-fieldset__legend--l" } }}
          errorMessage={fieldError(actionData?.errors, "contact", t)}
          value={String(values.contact ?? "")}
          items={[
            { value: "yes", children: t("sharing:contact.yes") },
            { value: "no", children: t("sharing:contact.no") },
          ]}
        />
        {/* Below the choice rather than revealed by it: GOV.UK Frontend's reveal puts aria-expanded on a radio, which ARIA does not allow. */}
        <Checkboxes
          name="contactMethods"
          fieldset={{ legend: { children: t("sharing:contact.methodsLegend"), className: "govuk-fieldset__legend--s" } }}
          hint={{ children: t("sharing:contact.methodsHint") }}
          errorMessage={fieldError(actionData?.errors, "contactMethods", t)}
          values={Array.isArray(methods) ? methods : []}
          items={CONTACT_METHODS.map((method) => ({ value: method, children: t(`story:fields.about.contactBy.options.${method}`) }))}
        />
        <Button preventDoubleClick>{t("sharing:continue")}</Button>
      </Form>
    </StoryPage>
  );
}
