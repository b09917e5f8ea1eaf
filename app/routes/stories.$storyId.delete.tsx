import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Button } from "#app/components/govuk/button";
import { WarningText } from "#app/components/govuk/warning-text";
import { LinkParagraph } from "#app/components/links";
import { StoryPage } from "#app/components/story-page";
import { pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { sharesPath, storyPath } from "#app/paths";
import { requireStory } from "#app/web/guards.server";
import { deleteDraftStory, storyOverview } from "#app/services/story.server";

/** Deleting a story: one with no saved version, after a confirmation. One that has a saved version is not deleted here, and the page says so. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { story } = await requireStory(request, params.storyId, "delete");
  const deletable = story.latestVersion === null;
  const titleKey = deletable ? "story:delete.title" : "story:delete.cannotTitle";
  return { ...pageTranslations(request, "story"), titleKey, storyId: story.id, deletable, name: (await storyOverview(story)).name ?? null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { story, resident } = await requireStory(request, params.storyId, "delete");
  if ((await deleteDraftStory(story.id, resident.id)) === "deleted") return redirect("/stories?deleted=1");
  // A version was saved since the page was shown: the page, loaded again, says it cannot be deleted.
  return data(null, { status: 409 });
}

export default function DeleteStory() {
  const { t } = useTranslation();
  const { storyId, deletable, name } = useLoaderData<typeof loader>();
  if (!deletable) {
    return (
      <StoryPage backHref={storyPath(storyId)} heading={t("story:delete.cannotTitle")}>
        <p className="govuk-body">{t("story:delete.cannot")}</p>
        <LinkParagraph href={sharesPath(storyId)}>{t("story:delete.whoHasLink")}</LinkParagraph>
      </StoryPage>
    );
  }
  return (
    <StoryPage backHref={storyPath(storyId)}>
      <span className="govuk-caption-l">{name ?? t("story:list.untitled")}</span>
      <h1 className="govuk-heading-l">{t("story:delete.heading")}</h1>
      <WarningText>{t("story:delete.warning")}</WarningText>
      <Form method="post" noValidate>
        <div className="govuk-button-group">
          <Button className="govuk-button--warning" preventDoubleClick>
            {t("story:delete.button")}
          </Button>
          <a className="govuk-link" href={storyPath(storyId)}>
            {t("story:delete.cancel")}
          </a>
        </div>
      </Form>
    </StoryPage>
  );
}
