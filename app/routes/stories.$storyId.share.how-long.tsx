import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrorSummary } from "#app/components/form-errors";
import { Button } from "#app/components/govuk/button";
import { EndChoiceRadios } from "#app/components/share-end-choice";
import { StoryPage } from "#app/components/story-page";
import { languageFor, pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { exampleEndDate } from "#app/services/sharing/choices";
import { requireEarlierSteps, requireShareJourney } from "#app/web/guards.server";
import { backPath, howLongFormValues, submitHowLong } from "#app/services/sharing/journey.server";
import { readForm } from "#app/web/form.server";

export const handle = { titleKey: "sharing:howLong.title" };

export function loader({ request, params }: LoaderFunctionArgs) {
  const { story, choices } = requireShareJourney(request, params.storyId);
  requireEarlierSteps(story.id, choices, { kind: "how-long" });
  return {
    ...pageTranslations(request, "sharing", "story"),
    backHref: backPath(story.id, choices, { kind: "how-long" }),
    values: howLongFormValues(choices),
    example: exampleEndDate(new Date()),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { story, choices } = requireShareJourney(request, params.storyId);
  const outcome = submitHowLong(story.id, choices, await readForm(request), languageFor(request));
  if (!outcome.ok) return data({ errors: outcome.errors, values: outcome.values }, { status: 400 });
  return redirect(outcome.redirectTo);
}

export default function HowLong() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <StoryPage backHref={loaded.backHref}>
      <FormErrorSummary errors={actionData?.errors} t={t} />
      <Form method="post" noValidate>
        <EndChoiceRadios
          legend={t("sharing:howLong.title")}
          hint={t("sharing:howLong.hint")}
          values={actionData?.values ?? loaded.values}
          errors={actionData?.errors}
          example={loaded.example}
        />
        <Button preventDoubleClick>{t("sharing:continue")}</Button>
      </Form>
    </StoryPage>
  );
}
