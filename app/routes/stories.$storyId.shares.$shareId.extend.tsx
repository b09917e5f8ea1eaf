import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrorSummary } from "#app/components/form-errors";
import { Button } from "#app/components/govuk/button";
import { InsetText } from "#app/components/govuk/inset-text";
import { useMarkParts } from "#app/components/language-of-parts";
import { EndChoiceRadios } from "#app/components/share-end-choice";
import { ShareNotActive } from "#app/components/share-not-active";
import { StoryPage } from "#app/components/story-page";
import { formatDate } from "#app/i18n/dates";
import { pageTranslations } from "#app/i18n/i18n.server";
import { agencyName } from "#app/models/agency.server";
import { useTranslation } from "#app/i18n/use-translation";
import { exampleEndDate } from "#app/services/sharing/choices";
import { sharesPath } from "#app/paths";
import { requireShareOfOwnStory } from "#app/web/guards.server";
import { extendSharing, extendWords } from "#app/services/sharing/changes.server";
import { readForm } from "#app/web/form.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  const found = requireShareOfOwnStory(request, params);
  const common = { ...pageTranslations(request, "sharing", "story"), storyId: found.story.id, agency: agencyName(found.agency, found.lang) };
  if (found.state !== "active") return { ...common, titleKey: "sharing:notActive.title", state: found.state, form: null };
  const form = { endsOn: formatDate(found.share.endsAt, found.lang), example: exampleEndDate(new Date()), agreement: extendWords(found.lang, found) };
  return { ...common, titleKey: "sharing:extend.title", state: found.state, form };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { story, action } = requireShareOfOwnStory(request, params);
  const outcome = extendSharing({ ...action, form: await readForm(request) });
  if ("errors" in outcome) return data({ errors: outcome.errors, values: outcome.values }, { status: 400 });
  // A share that stopped or ended meanwhile: the page, loaded again, says so.
  if (!outcome.ok) return null;
  return redirect(`${sharesPath(story.id)}?done=extended&share=${action.shareId}`);
}

export default function ExtendSharing() {
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
  return (
    <StoryPage backHref={sharesPath(storyId)}>
      <FormErrorSummary errors={actionData?.errors} t={t} />
      <Form method="post" noValidate>
        <input type="hidden" name="shown" value={form.agreement.wordingHash} />
        <EndChoiceRadios
          legend={mark(t("sharing:extend.heading", { agency: agency.text }), agency)}
          hint={`${t("sharing:extend.now", { date: form.endsOn })} ${t("sharing:extend.hint")}`}
          values={actionData?.values ?? {}}
          errors={actionData?.errors}
          example={form.example}
        />
        <InsetText>{mark(form.agreement.wording, agency)}</InsetText>
        <Button preventDoubleClick>{t("sharing:extend.button")}</Button>
      </Form>
    </StoryPage>
  );
}
