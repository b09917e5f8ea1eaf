import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useForm } from "#app/components/form";
import { useMarkParts } from "#app/components/language-of-parts";
import { ShareChange, ShareNotActivePage } from "#app/components/share-change";
import { EndChoiceRadios } from "#app/components/share-end-choice";
import { formatDate } from "#app/i18n/dates";
import { pageTranslations } from "#app/i18n/i18n.server";
import { agencyName } from "#app/models/agency.server";
import { useTranslation } from "#app/i18n/use-translation";
import { exampleEndDate } from "#app/services/sharing/choices";
import { requireShareOfOwnStory } from "#app/web/guards.server";
import { extendSharing, extendWords } from "#app/services/sharing/changes.server";
import { answerShareChange } from "#app/web/share-actions.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await requireShareOfOwnStory(request, params);
  const common = { ...pageTranslations(request, "sharing", "story"), storyId: found.story.id, agency: agencyName(found.agency, found.lang) };
  if (found.state !== "active") return { ...common, titleKey: "sharing:notActive.title", state: found.state, form: null };
  const form = { endsOn: formatDate(found.share.endsAt, found.lang), example: exampleEndDate(new Date()), agreement: extendWords(found.lang, found) };
  return { ...common, titleKey: "sharing:extend.title", state: found.state, form };
}

export function action(args: ActionFunctionArgs) {
  return answerShareChange(args, extendSharing, () => "extended");
}

export default function ExtendSharing() {
  const { t } = useTranslation();
  const { storyId, agency, state, form: active } = useLoaderData<typeof loader>();
  const form = useForm();
  const mark = useMarkParts();
  if (!active) return <ShareNotActivePage storyId={storyId} agency={agency} state={state} />;
  return (
    <ShareChange storyId={storyId} agency={agency} form={form} agreement={active.agreement} button={t("sharing:extend.button")}>
      <EndChoiceRadios
        legend={mark(t("sharing:extend.heading", { agency: agency.text }), agency)}
        hint={`${t("sharing:extend.now", { date: active.endsOn })} ${t("sharing:extend.hint")}`}
        form={form}
        example={active.example}
      />
    </ShareChange>
  );
}
