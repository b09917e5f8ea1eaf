import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Button } from "#app/components/govuk/button";
import { Table } from "#app/components/govuk/table";
import { StoryPage } from "#app/components/story-page";
import { pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { storyPath } from "#app/models/story-sections";
import { startStory, storiesOf } from "#app/services/story.server";
import { requireResident } from "#app/utils/session.server";

export const handle = { titleKey: "story:list.title" };

export function loader({ request }: LoaderFunctionArgs) {
  const { resident } = requireResident(request);
  return { ...pageTranslations(request, "story"), stories: storiesOf(resident.id) };
}

export function action({ request }: ActionFunctionArgs) {
  const { resident } = requireResident(request);
  return redirect(storyPath(startStory(resident.id)));
}

export default function YourStories() {
  const { t } = useTranslation();
  const { stories } = useLoaderData<typeof loader>();
  return (
    <StoryPage>
      <h1 className="govuk-heading-l">{t("story:list.title")}</h1>
      <p className="govuk-body">{t("story:list.intro")}</p>
      {stories.length === 0 ? (
        <p className="govuk-body">{t("story:list.none")}</p>
      ) : (
        <Table
          head={[{ children: t("story:list.story") }, { children: t("story:list.status") }]}
          rows={stories.map((story) => [
            {
              children: (
                <a className="govuk-link" href={storyPath(story.id)}>
                  {story.name ?? t("story:list.untitled")}
                </a>
              ),
            },
            {
              children: story.latestVersion
                ? t(story.unpublishedChanges ? "story:list.changed" : "story:list.published", { version: story.latestVersion })
                : t("story:list.notPublished"),
            },
          ])}
        />
      )}
      {/* Named, because an index route's own form would post to `stories?index`, which the address bar then shows. */}
      <Form method="post" action="/stories" noValidate>
        <Button preventDoubleClick>{t("story:list.start")}</Button>
      </Form>
    </StoryPage>
  );
}
