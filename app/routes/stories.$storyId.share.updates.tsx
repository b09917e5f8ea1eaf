import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useForm } from "#app/components/form";
import { Radios } from "#app/components/govuk/radios";
import { ShareStep } from "#app/components/share-step";
import { pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { requireShareStep } from "#app/web/guards.server";
import { submitUpdates } from "#app/services/sharing/journey.server";
import { answerShareStep } from "#app/web/share-actions.server";

export const handle = { titleKey: "sharing:updates.title" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { choices, backHref } = await requireShareStep(request, params.storyId, { kind: "updates" });
  const value = choices.keepUpToDate === undefined ? "" : choices.keepUpToDate ? "yes" : "no";
  return { ...pageTranslations(request, "sharing", "story"), backHref, value };
}

export function action(args: ActionFunctionArgs) {
  return answerShareStep(args, ({ story, choices }, form) => submitUpdates(story.id, choices, form));
}

export default function KeepUpToDate() {
  const { t } = useTranslation();
  const { backHref, value } = useLoaderData<typeof loader>();
  const form = useForm({ keepUpToDate: value });
  return (
    <ShareStep form={form} backHref={backHref}>
      <Radios
        {...form.radios("keepUpToDate")}
        fieldset={{ legend: { children: t("sharing:updates.title"), isPageHeading: true, className: "govuk-fieldset__legend--l" } }}
        hint={{ children: t("sharing:updates.hint") }}
        items={[
          { value: "yes", children: t("sharing:updates.yes") },
          { value: "no", children: t("sharing:updates.no") },
        ]}
      />
    </ShareStep>
  );
}
