import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Button } from "#app/components/govuk/button";
import { Panel } from "#app/components/govuk/panel";
import { LinkList } from "#app/components/links";
import { StoryPage } from "#app/components/story-page";
import { VersionAudience } from "#app/components/version-audience";
import { languageFor, pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { sharePath, storyPath } from "#app/paths";
import { newVersionAudienceNames } from "#app/services/sharing/changes.server";
import { requireStory, requireVersion, storyPageTakesNoForm } from "#app/web/guards.server";

/** "Version 2 saved": who can see it now, and sharing as the next step. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { story } = await requireStory(request, params.storyId);
  const { version } = await requireVersion(request, story, params.version);
  // Who sees it is only true of the newest version: an older one is read on its own page.
  if (version !== story.latestVersion) throw redirect(`${storyPath(story.id)}/versions/${version}`);
  const audience = await newVersionAudienceNames(story.id, languageFor(request));
  return {
    ...pageTranslations(request, "story", "sharing"),
    titleKey: "story:published.title",
    titleValues: { version: String(version) },
    storyId: story.id,
    version,
    audience,
  };
}

export const action = storyPageTakesNoForm;

export default function VersionSaved() {
  const { t } = useTranslation();
  const { storyId, version, audience } = useLoaderData<typeof loader>();
  return (
    <StoryPage>
      <Panel titleText={t("story:published.title", { version })}>
        {t(audience.following.length > 0 ? "story:published.followersSee" : "story:published.onlyYou")}
      </Panel>
      <h2 className="govuk-heading-m">{t("story:published.whoHeading")}</h2>
      <VersionAudience audience={audience} saved />
      <h2 className="govuk-heading-m">{t("story:published.nextHeading")}</h2>
      <p className="govuk-body">{t("sharing:taskList.body")}</p>
      <Button href={sharePath(storyId)}>{t("sharing:taskList.button")}</Button>
      <p className="govuk-body">{t("story:published.change")}</p>
      <LinkList
        links={[
          { href: `${storyPath(storyId)}/preview`, text: t("story:published.previewLink") },
          { href: storyPath(storyId), text: t("story:published.backLink") },
        ]}
      />
    </StoryPage>
  );
}
