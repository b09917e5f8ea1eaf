import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { useForm } from "#app/components/form";
import { Checkboxes } from "#app/components/govuk/checkboxes";
import { useMarkParts } from "#app/components/language-of-parts";
import { ShareStep } from "#app/components/share-step";
import { languageFor, pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { partName } from "#app/i18n/story-words";
import { agencyName } from "#app/models/agency.server";
import { storySections } from "#app/models/story-sections";
import { requireChosenAgency, requireEarlierSteps, requireShareJourney } from "#app/web/guards.server";
import { backPath, partsFormValue, submitParts, writtenSections } from "#app/services/sharing/journey.server";
import { invalid, readForm } from "#app/web/form.server";

export const handle = { titleKey: "sharing:parts.title" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { story, choices } = await requireShareJourney(request, params.storyId);
  const agency = await requireChosenAgency(request, choices, params.agencyId);
  const step = { kind: "parts", agencyId: agency.id } as const;
  requireEarlierSteps(story.id, choices, step);
  const written = await writtenSections(story);
  return {
    ...pageTranslations(request, "sharing", "story"),
    agencyName: agencyName(agency, languageFor(request)),
    backHref: backPath(story.id, choices, step),
    chosen: partsFormValue(choices, agency.id),
    written,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { story, choices } = await requireShareJourney(request, params.storyId);
  const agency = await requireChosenAgency(request, choices, params.agencyId);
  const outcome = await submitParts(story.id, choices, agency.id, await readForm(request));
  return outcome.ok ? redirect(outcome.redirectTo) : invalid(context, outcome);
}

export default function ChooseParts() {
  const location = useLocation();
  const { t } = useTranslation();
  const { agencyName, backHref, chosen, written } = useLoaderData<typeof loader>();
  const form = useForm({ parts: chosen });
  const mark = useMarkParts();
  // The form keyed by location: moving to the next agency keeps this route, and the ticks must be that agency's own.
  return (
    <ShareStep form={form} backHref={backHref} formKey={location.key}>
      <Checkboxes
        {...form.checkboxes("parts")}
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
        items={storySections.map(({ id }) => ({
          value: id,
          children: partName(t, id),
          hint: written.includes(id) ? undefined : { children: t("sharing:parts.notWritten") },
        }))}
      />
    </ShareStep>
  );
}
