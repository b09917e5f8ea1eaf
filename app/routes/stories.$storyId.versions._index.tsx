import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Table } from "#app/components/govuk/table";
import { Tag } from "#app/components/govuk/tag";
import { StoryPage } from "#app/components/story-page";
import { formatDateTime } from "#app/i18n/dates";
import { languageFor, pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { versionsOf } from "#app/models/story.server";
import { storyPath } from "#app/paths";
import { requireStory, storyPageTakesNoForm } from "#app/web/guards.server";

export const handle = { titleKey: "story:versions.title" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { story } = await requireStory(request, params.storyId);
  const lang = languageFor(request);
  const versions = (await versionsOf(story.id)).map(({ version, publishedAt }) => ({ version, publishedOn: formatDateTime(publishedAt, lang) }));
  return { ...pageTranslations(request, "story"), storyId: story.id, versions: versions.reverse() };
}

export const action = storyPageTakesNoForm;

export default function StoryVersions() {
  const { t } = useTranslation();
  const { storyId, versions } = useLoaderData<typeof loader>();
  return (
    <StoryPage backHref={storyPath(storyId)} heading={t("story:versions.title")}>
      <p className="govuk-body">{t("story:versions.intro")}</p>
      {versions.length === 0 ? (
        <p className="govuk-body">{t("story:versions.none")}</p>
      ) : (
        <Table
          className="govuk-table--small-text-until-tablet"
          head={[
            { children: t("story:versions.version") },
            { children: t("story:versions.published") },
            { children: <span className="govuk-visually-hidden">{t("story:versions.view")}</span> },
          ]}
          rows={versions.map(({ version, publishedOn }, index) => [
            {
              children:
                index === 0 ? (
                  <>
                    {version} <Tag className="govuk-tag--green">{t("story:versions.latest")}</Tag>
                  </>
                ) : (
                  String(version)
                ),
            },
            { children: publishedOn },
            {
              children: (
                <a className="govuk-link" href={`${storyPath(storyId)}/versions/${version}`}>
                  {t("story:versions.view")}
                  <span className="govuk-visually-hidden"> {t("story:versions.viewHidden", { version })}</span>
                </a>
              ),
            },
          ])}
        />
      )}
    </StoryPage>
  );
}
