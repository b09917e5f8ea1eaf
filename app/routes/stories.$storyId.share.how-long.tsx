import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useForm } from "#app/components/form";
import { EndChoiceRadios } from "#app/components/share-end-choice";
import { ShareStep } from "#app/components/share-step";
import { languageFor, pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { exampleEndDate } from "#app/services/sharing/choices";
import { requireShareStep } from "#app/web/guards.server";
import { howLongFormValues, submitHowLong } from "#app/services/sharing/journey.server";
import { answerShareStep } from "#app/web/share-actions.server";

export const handle = { titleKey: "sharing:howLong.title" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { choices, backHref } = await requireShareStep(request, params.storyId, { kind: "how-long" });
  return { ...pageTranslations(request, "sharing", "story"), backHref, values: howLongFormValues(choices), example: exampleEndDate(new Date()) };
}

export function action(args: ActionFunctionArgs) {
  return answerShareStep(args, ({ story, choices }, form) => submitHowLong(story.id, choices, form, languageFor(args.request)));
}

export default function HowLong() {
  const { t } = useTranslation();
  const { backHref, values, example } = useLoaderData<typeof loader>();
  const form = useForm(values);
  return (
    <ShareStep form={form} backHref={backHref}>
      <EndChoiceRadios legend={t("sharing:howLong.title")} hint={t("sharing:howLong.hint")} form={form} example={example} />
    </ShareStep>
  );
}
