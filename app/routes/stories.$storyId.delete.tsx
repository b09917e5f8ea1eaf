import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ConfirmEnding } from "#app/components/confirm-ending";
import { Bullets } from "#app/components/bullets";
import { WarningText } from "#app/components/govuk/warning-text";
import { useMarkParts } from "#app/components/language-of-parts";
import { StoryPage } from "#app/components/story-page";
import { languageFor, pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { agencyName } from "#app/models/agency.server";
import { sharesOfStory } from "#app/models/share.server";
import { storyPath } from "#app/paths";
import { deleteStory } from "#app/services/erasure.server";
import { shareState } from "#app/services/sharing/consent-rules";
import { storyOverview } from "#app/services/story.server";
import { requireStory } from "#app/web/guards.server";

export const handle = { titleKey: "story:delete.title" };

/** Deleting a story, after a page that says what will happen: which organisations are told and lose it at once, and what is kept. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { story } = await requireStory(request, params.storyId, "delete");
  const lang = languageFor(request);
  const now = new Date();
  const told = (await sharesOfStory(story.id)).filter(({ share }) => shareState(share, now) === "active").map(({ agency }) => agencyName(agency, lang));
  return {
    ...pageTranslations(request, "story"),
    storyId: story.id,
    name: (await storyOverview(story)).name ?? null,
    saved: story.latestVersion !== null,
    told,
  };
}

/** Sent twice, the second finds nothing there (404) rather than deleting anything else. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { story, resident } = await requireStory(request, params.storyId, "delete");
  await deleteStory(story.id, resident.id);
  return redirect("/stories?deleted=1");
}

export default function DeleteStory() {
  const { t } = useTranslation();
  const mark = useMarkParts();
  const { storyId, name, saved, told } = useLoaderData<typeof loader>();
  return (
    <StoryPage backHref={storyPath(storyId)}>
      <span className="govuk-caption-l app-story-text">{name ?? t("story:list.untitled")}</span>
      <h1 className="govuk-heading-l">{t("story:delete.heading")}</h1>
      <WarningText>{t("story:delete.warning")}</WarningText>
      {saved ? <p className="govuk-body">{t("story:delete.versions")}</p> : null}
      {told.length > 0 ? (
        <>
          <p className="govuk-body">{t("story:delete.told")}</p>
          <Bullets items={told.map((agency) => ({ key: agency.text, children: mark(agency) }))} />
        </>
      ) : null}
      <p className="govuk-body">{t("story:delete.kept")}</p>
      <ConfirmEnding button={t("story:delete.button")} cancel={{ href: storyPath(storyId), text: t("story:delete.cancel") }} />
    </StoryPage>
  );
}
