import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useForm } from "#app/components/form";
import { Checkboxes } from "#app/components/govuk/checkboxes";
import { useMarkParts } from "#app/components/language-of-parts";
import { ShareChange, ShareNotActivePage } from "#app/components/share-change";
import { pageTranslations } from "#app/i18n/i18n.server";
import { agencyName } from "#app/models/agency.server";
import { useTranslation } from "#app/i18n/use-translation";
import { partName } from "#app/i18n/story-words";
import { storySections } from "#app/models/story-sections";
import { requireShareOfOwnStory } from "#app/web/guards.server";
import { changeParts, changePartsWords } from "#app/services/sharing/changes.server";
import { answerShareChange } from "#app/web/share-actions.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await requireShareOfOwnStory(request, params);
  const common = { ...pageTranslations(request, "sharing", "story"), storyId: found.story.id, agency: agencyName(found.agency, found.lang) };
  if (found.state !== "active") return { ...common, titleKey: "sharing:notActive.title", state: found.state, form: null };
  const form = { chosen: found.share.sections, agreement: changePartsWords(found.lang, found) };
  return { ...common, titleKey: "sharing:changeParts.title", state: found.state, form };
}

/** Ticking the same parts again changes nothing, and "Who has your story" says nothing about it. */
export function action(args: ActionFunctionArgs) {
  return answerShareChange(args, changeParts, (changed) => (changed ? "changed" : null));
}

export default function ChangeParts() {
  const { t } = useTranslation();
  const { storyId, agency, state, form: active } = useLoaderData<typeof loader>();
  const form = useForm({ parts: active?.chosen ?? [] });
  const mark = useMarkParts();
  if (!active) return <ShareNotActivePage storyId={storyId} agency={agency} state={state} />;
  return (
    <ShareChange storyId={storyId} agency={agency} form={form} agreement={active.agreement} button={t("sharing:changeParts.button")}>
      <Checkboxes
        {...form.checkboxes("parts")}
        fieldset={{
          legend: {
            children: mark(t("sharing:changeParts.heading", { agency: agency.text }), agency),
            isPageHeading: true,
            className: "govuk-fieldset__legend--l",
          },
        }}
        hint={{ children: t("sharing:changeParts.hint") }}
        items={storySections.map(({ id }) => ({ value: id, children: partName(t, id) }))}
      />
    </ShareChange>
  );
}
