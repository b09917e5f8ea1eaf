import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { fieldError, FormErrorSummary } from "#app/components/form-errors";
import { Button } from "#app/components/govuk/button";
import { Radios } from "#app/components/govuk/radios";
import { StoryPage } from "#app/components/story-page";
import { pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { requireEarlierSteps, requireShareJourney } from "#app/web/guards.server";
import { backPath, submitUpdates } from "#app/services/sharing/journey.server";
import { readForm } from "#app/web/form.server";

export const handle = { titleKey: "sharing:updates.title" };

export function loader({ request, params }: LoaderFunctionArgs) {
  const { story, choices } = requireShareJourney(request, params.storyId);
  requireEarlierSteps(story.id, choices, { kind: "updates" });
  const value = choices.keepUpToDate === undefined ? "" : choices.keepUpToDate ? "yes" : "no";
  return { ...pageTranslations(request, "sharing", "story"), backHref: backPath(story.id, choices, { kind: "updates" }), value };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { story, choices } = requireShareJourney(request, params.storyId);
  const outcome = submitUpdates(story.id, choices, await readForm(request));
  if (!outcome.ok) return data({ errors: outcome.errors, values: outcome.values }, { status: 400 });
  return redirect(outcome.redirectTo);
}

export default function KeepUpToDate() {
  const { t } = useTranslation();
  const { backHref, value } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <StoryPage backHref={backHref}>
      <FormErrorSummary errors={actionData?.errors} t={t} />
      <Form method="post" noValidate>
        <Radios
          name="keepUpToDate"
          fieldset={{ legend: { children: t("sharing:updates.title"), isPageHeading: true, className: "govuk-fieldset__legend--l" } }}
          hint={{ children: t("sharing:updates.hint") }}
          errorMessage={fieldError(actionData?.errors, "keepUpToDate", t)}
          value={actionData ? String(actionData.values.keepUpToDate ?? "") : value}
          items={[
            { value: "yes", children: t("sharing:updates.yes") },
            { value: "no", children: t("sharing:updates.no") },
          ]}
        />
        <Button preventDoubleClick>{t("sharing:continue")}</Button>
      </Form>
    </StoryPage>
  );
}
