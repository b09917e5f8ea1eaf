import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useForm } from "#app/components/form";
import { Checkboxes } from "#app/components/govuk/checkboxes";
import { useMarkParts } from "#app/components/language-of-parts";
import { LinkParagraph } from "#app/components/links";
import { ShareStep } from "#app/components/share-step";
import { StoryPage } from "#app/components/story-page";
import { languageFor, pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { activeAgencies, agencyDescription, agencyName } from "#app/models/agency.server";
import { sharePath, storyPath } from "#app/paths";
import { mayShare } from "#app/services/sharing/consent-rules";
import { requireStory } from "#app/web/guards.server";
import { shareChoices, submitAgencies } from "#app/services/sharing/journey.server";
import { answerShareStep } from "#app/web/share-actions.server";

/** The start of sharing: which agencies. A story with nothing published yet gets a page saying to publish first. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { story, role } = await requireStory(request, params.storyId, "share");
  const translations = pageTranslations(request, "sharing", "story");
  const may = mayShare(story, role, new Date());
  if (may === "basis-ended") return { ...translations, titleKey: "sharing:basisEnded.title", storyId: story.id, agencies: null, chosen: [], basisEnded: true };
  if (may !== "ok") return { ...translations, titleKey: "sharing:notPublished.title", storyId: story.id, agencies: null, chosen: [], basisEnded: false };
  const lang = languageFor(request);
  const agencies = (await activeAgencies(lang)).map((agency) => ({
    id: agency.id,
    name: agencyName(agency, lang),
    description: agencyDescription(agency, lang),
  }));
  return {
    ...translations,
    titleKey: "sharing:agencies.title",
    storyId: story.id,
    agencies,
    chosen: (await shareChoices(story.id))?.agencies ?? [],
    basisEnded: false,
  };
}

export function action(args: ActionFunctionArgs) {
  return answerShareStep(args, ({ story, choices }, form) => submitAgencies(story.id, choices, form));
}

export default function ChooseAgencies() {
  const { t } = useTranslation();
  const { storyId, agencies, chosen, basisEnded } = useLoaderData<typeof loader>();
  const form = useForm({ agencies: chosen });
  const mark = useMarkParts();
  if (basisEnded) {
    return (
      <StoryPage backHref={storyPath(storyId)} heading={t("sharing:basisEnded.title")}>
        <p className="govuk-body">{t("sharing:basisEnded.body")}</p>
        <p className="govuk-body">{t("sharing:basisEnded.next")}</p>
      </StoryPage>
    );
  }
  if (!agencies) {
    return (
      <StoryPage backHref={storyPath(storyId)} heading={t("sharing:notPublished.title")}>
        <p className="govuk-body">{t("sharing:notPublished.body")}</p>
        <LinkParagraph href={`${storyPath(storyId)}/check`}>{t("sharing:notPublished.link")}</LinkParagraph>
      </StoryPage>
    );
  }
  // The form's address is named, because an index route's own form would post to `share?index`, which the address bar then shows.
  return (
    <ShareStep form={form} backHref={storyPath(storyId)} action={sharePath(storyId)}>
      <Checkboxes
        {...form.checkboxes("agencies")}
        fieldset={{ legend: { children: t("sharing:agencies.title"), isPageHeading: true, className: "govuk-fieldset__legend--l" } }}
        hint={{ children: t("sharing:agencies.hint") }}
        items={agencies.map((agency) => ({ value: agency.id, children: mark(agency.name), hint: { children: mark(agency.description) } }))}
      />
    </ShareStep>
  );
}
