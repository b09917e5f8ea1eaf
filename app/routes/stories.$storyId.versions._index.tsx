import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Table } from "#app/components/govuk/table";
import { Tag } from "#app/components/govuk/tag";
import { StoryPage } from "#app/components/story-page";
import { formatDateTime } from "#app/i18n/dates";
import { languageFor, pageTranslations, serverT } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { draftSections, versionsOf } from "#app/models/story.server";
import { partName } from "#app/i18n/story-words";
import { nameFor, peopleOf } from "#app/services/helpers.server";
import { storyPath } from "#app/paths";
import { requireStory, storyPageTakesNoForm } from "#app/web/guards.server";

export const handle = { titleKey: "story:versions.title" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { story, resident } = await requireStory(request, params.storyId);
  const lang = languageFor(request);
  const t = serverT(lang, "helpers");
  const people = await peopleOf(story);
  const saved = await versionsOf(story.id);
  const versions = saved.map(({ version, publishedAt, publishedBy }) => ({
    version,
    publishedOn: formatDateTime(publishedAt, lang),
    by: nameFor(people, publishedBy, resident.id, t),
  }));
  // What has changed in the draft since the last version, part by part, and who changed it.
  const lastPublished = saved.at(-1)?.publishedAt ?? new Date(0);
  const changes = (await draftSections(story.id))
    .filter((row) => row.updatedAt > lastPublished)
    .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())
    .map((row) => ({ section: row.section, by: nameFor(people, row.updatedBy, resident.id, t), on: formatDateTime(row.updatedAt, lang) }));
  return { ...pageTranslations(request, "story", "sharing", "helpers"), storyId: story.id, versions: versions.reverse(), changes };
}

export const action = storyPageTakesNoForm;

export default function StoryVersions() {
  const { t } = useTranslation();
  const { storyId, versions, changes } = useLoaderData<typeof loader>();
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
          rows={versions.map(({ version, publishedOn, by }, index) => [
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
            {
              // Who saved it, under when: a fourth column would not fit a phone.
              children: (
                <>
                  {publishedOn}
                  <br />
                  <span className="app-story-text">{t("helpers:history.savedBy", { name: by })}</span>
                </>
              ),
            },
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
      {changes.length > 0 ? (
        <>
          <h2 className="govuk-heading-m">{t("helpers:history.changesHeading")}</h2>
          <Table
            className="govuk-table--small-text-until-tablet"
            head={[{ children: t("helpers:history.part") }, { children: t("helpers:history.changedBy") }, { children: t("helpers:history.when") }]}
            rows={changes.map((change) => [
              { children: partName(t, change.section) },
              { children: <span className="app-story-text">{change.by}</span> },
              { children: change.on },
            ])}
          />
        </>
      ) : null}
    </StoryPage>
  );
}
