import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { StoryPage } from "#app/components/story-page";
import { StorySummary } from "#app/components/story-summary";
import { formatDateTime } from "#app/i18n/dates";
import { languageFor, pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { wordsLanguage } from "#app/models/story-language";
import { storyPath } from "#app/paths";
import { requireStory, requireVersion, storyPageTakesNoForm } from "#app/web/guards.server";

export const handle = { titleKey: "story:version.title" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { story } = await requireStory(request, params.storyId);
  const { version, content, publishedAt, writer } = await requireVersion(request, story, params.version);
  const publishedOn = formatDateTime(publishedAt, languageFor(request));
  return {
    ...pageTranslations(request, "story"),
    storyId: story.id,
    version,
    content,
    publishedOn,
    writer,
    wordsLang: wordsLanguage(content, ""),
  };
}

export const action = storyPageTakesNoForm;

export default function StoryVersion() {
  const { t } = useTranslation();
  const { storyId, version, content, publishedOn, writer, wordsLang } = useLoaderData<typeof loader>();
  return (
    <StoryPage backHref={`${storyPath(storyId)}/versions`} heading={t("story:version.heading", { version })}>
      <p className="govuk-body">{t("story:version.intro")}</p>
      <StorySummary content={content} published={{ version, on: publishedOn }} writer={writer} wordsLang={wordsLang} />
    </StoryPage>
  );
}
