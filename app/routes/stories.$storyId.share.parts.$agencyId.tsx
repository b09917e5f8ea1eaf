import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { fieldError, FormErrorSummary } from "#app/components/form-errors";
import { Button } from "#app/components/govuk/button";
import { Checkboxes } from "#app/components/govuk/checkboxes";
import { useMarkParts } from "#app/components/language-of-parts";
import { StoryPage } from "#app/components/story-page";
import { languageFor, pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { partName } from "#app/i18n/story-words";
import { agencyName } from "#app/models/agency.server";
import { storySections } from "#app/models/story-sections";
import { requireChosenAgency, requireEarlierSteps, requireShareJourney } from "#app/web/guards.server";
import { backPath, partsFormValue, submitParts, writtenSections } from "#app/services/sharing/journey.server";
import { readForm } from "#app/web/form.server";

export const handle = { titleKey: "sharing:parts.title" };

export function loader({ request, params }: LoaderFunctionArgs) {
  const { story, choices } = requireShareJourney(request, params.storyId);
  const agency = requireChosenAgency(request, choices, params.agencyId);
  const step = { kind: "parts", agencyId: agency.id } as const;
  requireEarlierSteps(story.id, choices, step);
  const written = writtenSections(story);
  return {
    ...pageTranslations(request, "sharing", "story"),
    agencyName: agencyName(agency, languageFor(request)),
    backHref: backPath(story.id, choices, step),
    chosen: partsFormValue(choices, agency.id),
    written,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { story, choices } = requireShareJourney(request, params.storyId);
  const agency = requireChosenAgency(request, choices, params.agencyId);
  const outcome = submitParts(story.id, choices, agency.id, await readForm(request));
  if (!outcome.ok) return data({ errors: outcome.errors, values: outcome.values }, { status: 400 });
  return redirect(outcome.redirectTo);
}

export default function ChooseParts() {
  const location = useLocation();
  const { t } = useTranslation();
  const { agencyName, backHref, chosen, written } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const mark = useMarkParts();
  const values = actionData?.values.parts;
  return (
    <StoryPage backHref={backHref}>
      <FormErrorSummary errors={actionData?.errors} t={t} />
      {/* Keyed by location: moving to the next agency keeps this route, and the ticks must be that agency's own. */}
      <Form method="post" noValidate key={location.key}>
        <Checkboxes
          name="parts"
          fieldset={{
            legend: {
              children: (
                <>
                  <span className="govuk-caption-l">{mark(agencyName)}</span> {t("sharing:parts.title")}
                </>
              ),
              isPageHeading: true,
              className: "govuk-fieldset__legend--l",
            },
          }}
          hint={{ children: t("sharing:parts.hint") }}
          errorMessage={fieldError(actionData?.errors, "parts", t)}
          values={Array.isArray(values) ? values : chosen}
          items={storySections.map(({ id }) => ({
            value: id,
            children: partName(t, id),
            hint: written.includes(id) ? undefined : { children: t("sharing:parts.notWritten") },
          }))}
        />
        <Button preventDoubleClick>{t("sharing:continue")}</Button>
      </Form>
    </StoryPage>
  );
}
