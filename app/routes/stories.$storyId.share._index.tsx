import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { fieldError, FormErrorSummary } from "#app/components/form-errors";
import { Button } from "#app/components/govuk/button";
import { Checkboxes } from "#app/components/govuk/checkboxes";
import { useMarkParts } from "#app/components/language-of-parts";
import { StoryPage } from "#app/components/story-page";
import { languageFor, pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { activeAgencies, agencyDescription, agencyName } from "#app/models/agency.server";
import { sharePath } from "#app/paths";
import { storyPath } from "#app/paths";
import { mayShare } from "#app/services/sharing/consent-rules";
import { requireOwnStory, requireShareJourney } from "#app/web/guards.server";
import { shareChoices, submitAgencies } from "#app/services/sharing/journey.server";
import { readForm } from "#app/web/form.server";

/** The start of sharing: which agencies. A story with nothing published yet gets a page saying to publish first. */
export function loader({ request, params }: LoaderFunctionArgs) {
  const { story, resident } = requireOwnStory(request, params.storyId);
  const translations = pageTranslations(request, "sharing", "story");
  if (mayShare(story, resident.id) !== "ok") return { ...translations, titleKey: "sharing:notPublished.title", storyId: story.id, agencies: null, chosen: [] };
  const lang = languageFor(request);
  const agencies = activeAgencies(lang).map((agency) => ({ id: agency.id, name: agencyName(agency, lang), description: agencyDescription(agency, lang) }));
  return { ...translations, titleKey: "sharing:agencies.title", storyId: story.id, agencies, chosen: shareChoices(story.id)?.agencies ?? [] };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { story, choices } = requireShareJourney(request, params.storyId);
  const outcome = submitAgencies(story.id, choices, await readForm(request));
  if (!outcome.ok) return data({ errors: outcome.errors, values: outcome.values }, { status: 400 });
  return redirect(outcome.redirectTo);
}

export default function ChooseAgencies() {
  const { t } = useTranslation();
  const { storyId, agencies, chosen } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const mark = useMarkParts();
  if (!agencies) {
    return (
      <StoryPage backHref={storyPath(storyId)}>
        <h1 className="govuk-heading-l">{t("sharing:notPublished.title")}</h1>
        <p className="govuk-body">{t("sharing:notPublished.body")}</p>
        <p className="govuk-body">
          <a className="govuk-link" href={`${storyPath(storyId)}/check`}>
            {t("sharing:notPublished.link")}
          </a>
        </p>
      </StoryPage>
    );
  }
  const values = actionData?.values.agencies;
  return (
    <StoryPage backHref={storyPath(storyId)}>
      <FormErrorSummary errors={actionData?.errors} t={t} />
      {/* Named, because an index route's own form would post to `share?index`, which the address bar then shows. */}
      <Form method="post" action={sharePath(storyId)} noValidate>
        <Checkboxes
          name="agencies"
          fieldset={{ legend: { children: t("sharing:agencies.title"), isPageHeading: true, className: "govuk-fieldset__legend--l" } }}
          hint={{ children: t("sharing:agencies.hint") }}
          errorMessage={fieldError(actionData?.errors, "agencies", t)}
          values={Array.isArray(values) ? values : chosen}
          items={agencies.map((agency) => ({ value: agency.id, children: mark(agency.name), hint: { children: mark(agency.description) } }))}
        />
        <Button preventDoubleClick>{t("sharing:continue")}</Button>
      </Form>
    </StoryPage>
  );
}
