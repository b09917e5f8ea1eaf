import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { InsetText } from "#app/components/govuk/inset-text";
import { LinkParagraph } from "#app/components/links";
import { StoryPage } from "#app/components/story-page";
import { StorySummary } from "#app/components/story-summary";
import { formatDateTime } from "#app/i18n/dates";
import { languageFor, pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { findVersion } from "#app/models/story.server";
import { wordsLanguage } from "#app/models/story-language";
import { storyPath } from "#app/paths";
import { requireStory, storyPageTakesNoForm } from "#app/web/guards.server";
import { storyOverview } from "#app/services/story.server";

export const handle = { titleKey: "story:preview.title" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { story } = await requireStory(request, params.storyId);
  const { unpublishedChanges } = await storyOverview(story);
  const latest = story.latestVersion ? await findVersion(story.id, story.latestVersion) : undefined;
  const published = latest
    ? {
        version: latest.version,
        content: latest.content,
        publishedOn: formatDateTime(latest.publishedAt, languageFor(request)),
        wordsLang: wordsLanguage(latest.content, ""),
        writer: latest.writer,
      }
    : null;
  return { ...pageTranslations(request, "story"), storyId: story.id, published, unpublishedChanges };
}

export const action = storyPageTakesNoForm;

export default function StoryPreview() {
  const { t } = useTranslation();
  const { storyId, published, unpublishedChanges } = useLoaderData<typeof loader>();
  const frame = { backHref: storyPath(storyId), heading: t("story:preview.title") };
  if (!published) {
    return (
      <StoryPage {...frame}>
        <p className="govuk-body">{t("story:preview.notPublished")}</p>
        <LinkParagraph href={`${storyPath(storyId)}/check`}>{t("story:preview.checkLink")}</LinkParagraph>
      </StoryPage>
    );
  }
  return (
    <StoryPage {...frame}>
      <p className="govuk-body">{t("story:preview.intro")}</p>
      {unpublishedChanges ? <InsetText>{t("story:preview.unpublishedChanges")}</InsetText> : null}
      <StorySummary
        content={published.content}
        published={{ version: published.version, on: published.publishedOn }}
        writer={published.writer}
        wordsLang={published.wordsLang}
      />
    </StoryPage>
  );
}
