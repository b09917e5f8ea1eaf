import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useForm } from "#app/components/form";
import { EndChoiceRadios } from "#app/components/share-end-choice";
import { ShareStep } from "#app/components/share-step";
import { languageFor, pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { exampleEndDate } from "#app/services/sharing/choices";
import { requireEarlierSteps, requireShareJourney } from "#app/web/guards.server";
import { backPath, howLongFormValues, submitHowLong } from "#app/services/sharing/journey.server";
import { invalid, readForm } from "#app/web/form.server";

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

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { story, choices } = requireShareJourney(request, params.storyId);
  const outcome = submitHowLong(story.id, choices, await readForm(request), languageFor(request));
  return outcome.ok ? redirect(outcome.redirectTo) : invalid(context, outcome);
}

export default function HowLong() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const form = useForm(loaded.values);
  return (
    <ShareStep form={form} backHref={loaded.backHref}>
      <EndChoiceRadios legend={t("sharing:howLong.title")} hint={t("sharing:howLong.hint")} form={form} example={loaded.example} />
    </ShareStep>
  );
}
