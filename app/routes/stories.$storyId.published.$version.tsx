import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Panel } from "#app/components/govuk/panel";
import { StoryPage } from "#app/components/story-page";
import { pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { storyPath } from "#app/models/story-sections";
import { requireOwnStory, requireVersion, storyPageTakesNoForm } from "#app/services/story-access.server";

export const handle = { titleKey: "story:published.title" };

export function loader({ request, params }: LoaderFunctionArgs) {
  const { story } = requireOwnStory(request, params.storyId);
  const { version } = requireVersion(story, params.version);
  return { ...pageTranslations(request, "story"), storyId: story.id, version };
}

export const action = storyPageTakesNoForm;

export default function StoryPublished() {
  const { t } = useTranslation();
  const { storyId, version } = useLoaderData<typeof loader>();
  return (
    <StoryPage>
      <Panel titleText={t("story:published.title")}>{t("story:published.version", { version })}</Panel>
      <h2 className="govuk-heading-m">{t("story:published.nextHeading")}</h2>
      <p className="govuk-body">{t("story:published.kept")}</p>
      <p className="govuk-body">{t("story:published.change")}</p>
      <ul className="govuk-list">
        <li>
          <a className="govuk-link" href={`${storyPath(storyId)}/preview`}>
            {t("story:published.previewLink")}
          </a>
        </li>
        <li>
          <a className="govuk-link" href={storyPath(storyId)}>
            {t("story:published.backLink")}
          </a>
        </li>
      </ul>
    </StoryPage>
  );
}
