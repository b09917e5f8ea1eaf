import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { fieldError, FormErrorSummary } from "#app/components/form-errors";
import { Button } from "#app/components/govuk/button";
import { Checkboxes } from "#app/components/govuk/checkboxes";
import { InsetText } from "#app/components/govuk/inset-text";
import { useMarkParts } from "#app/components/language-of-parts";
import { ShareNotActive } from "#app/components/share-not-active";
import { StoryPage } from "#app/components/story-page";
import { pageTranslations } from "#app/i18n/i18n.server";
import { agencyName } from "#app/models/agency.server";
import { useTranslation } from "#app/i18n/use-translation";
import { partName } from "#app/i18n/story-words";
import { sharesPath } from "#app/paths";
import { storySections } from "#app/models/story-sections";
import { requireShareOfOwnStory } from "#app/web/guards.server";
import { changeParts, changePartsWords } from "#app/services/sharing/changes.server";
import { readForm } from "#app/web/form.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  const found = requireShareOfOwnStory(request, params);
  const common = { ...pageTranslations(request, "sharing", "story"), storyId: found.story.id, agency: agencyName(found.agency, found.lang) };
  if (found.state !== "active") return { ...common, titleKey: "sharing:notActive.title", state: found.state, form: null };
  const form = { chosen: found.share.sections, agreement: changePartsWords(found.lang, found) };
  return { ...common, titleKey: "sharing:changeParts.title", state: found.state, form };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { story, action } = requireShareOfOwnStory(request, params);
  const outcome = changeParts({ ...action, form: await readForm(request) });
  if ("errors" in outcome) return data({ errors: outcome.errors, values: outcome.values }, { status: 400 });
  // A share that stopped or ended meanwhile: the page, loaded again, says so.
  if (!outcome.ok) return null;
  return redirect(outcome.changed ? `${sharesPath(story.id)}?done=changed&share=${action.shareId}` : sharesPath(story.id));
}

export default function ChangeParts() {
  const { t } = useTranslation();
  const { storyId, agency, state, form } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const mark = useMarkParts();
  if (!form) {
    return (
      <StoryPage backHref={sharesPath(storyId)}>
        <ShareNotActive storyId={storyId} agency={agency} state={state} />
      </StoryPage>
    );
  }
  const ticked = actionData?.values.parts;
  return (
    <StoryPage backHref={sharesPath(storyId)}>
      <FormErrorSummary errors={actionData?.errors} t={t} />
      <Form method="post" noValidate>
        <input type="hidden" name="shown" value={form.agreement.wordingHash} />
        <Checkboxes
          name="parts"
          fieldset={{ legend: { children: mark(t("sharing:changeParts.heading", { agency: agency.text }), agency), isPageHeading: true, className: "govuk-fieldset__legend--l" } }}
          hint={{ children: t("sharing:changeParts.hint") }}
          errorMessage={fieldError(actionData?.errors, "parts", t)}
          values={Array.isArray(ticked) ? ticked : form.chosen}
          items={storySections.map(({ id }) => ({ value: id, children: partName(t, id) }))}
        />
        <InsetText>{mark(form.agreement.wording, agency)}</InsetText>
        <Button preventDoubleClick>{t("sharing:changeParts.button")}</Button>
      </Form>
    </StoryPage>
  );
}
