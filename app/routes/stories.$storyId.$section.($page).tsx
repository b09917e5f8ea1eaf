import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useLocation } from "@remix-run/react";
import { FormErrorSummary, useForm } from "#app/components/form";
import { Button } from "#app/components/govuk/button";
import { StoryPage } from "#app/components/story-page";
import { StoryQuestion } from "#app/components/story-question";
import { pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { findPage, findSection, pageBefore, pageHeadingKey, pagePath, pageValues, type Field } from "#app/models/story-sections";
import { storyPath } from "#app/paths";
import { requireStoryToWrite } from "#app/web/guards.server";
import { draftSection, submitStoryPage } from "#app/services/story.server";
import { invalid, readForm } from "#app/web/form.server";

export const handle = { titleKey: "story:question.title" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { story, section, page } = await requireStoryToWrite(request, params);
  const values = pageValues(page, story ? await draftSection(story.id, section) : {});
  const titleKey = pageHeadingKey(section, page);
  // A story not yet made: the id it will have if the person saves this page.
  const newStoryId = story ? null : crypto.randomUUID();
  // Written for someone else: their name, for asking whose words each answer is.
  const forName = story && story.subject.basis !== "self" ? (story.subject.name ?? "") : null;
  return { ...pageTranslations(request, "story"), titleKey, storyId: story?.id ?? null, newStoryId, sectionId: section.id, pageId: page.id, values, forName };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { story, resident, section, page } = await requireStoryToWrite(request, params);
  const form = await readForm(request);
  const forSomeoneElse = story !== null && story.subject.basis !== "self";
  // Whose words each answer is, and who wrote it down: the writer, or a helper writing with them.
  const voiceBy = (story?.ownerId === resident.id ? story.subject.writerName : story?.helperName) ?? "";
  const outcome = await submitStoryPage({ request, storyId: story?.id ?? null, residentId: resident.id, section, page, form, forSomeoneElse, voiceBy });
  return outcome.ok ? redirect(outcome.redirectTo) : invalid(context, outcome);
}

export default function StoryQuestionPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const { storyId, newStoryId, sectionId, pageId, values, forName } = useLoaderData<typeof loader>();
  const form = useForm(values);
  const section = findSection(sectionId)!;
  const page = findPage(section, pageId)!;
  const previous = pageBefore(section, page);
  const hasList = (page.fields as readonly Field[]).some((field) => field.kind === "list");
  // A new story has only its first question, and Back goes to "Your stories".
  const backHref = storyId === null ? "/stories" : previous ? pagePath(storyId, section, previous) : storyPath(storyId);
  return (
    <StoryPage backHref={backHref}>
      <FormErrorSummary form={form} />
      {forName ? <span className="govuk-caption-l app-story-text">{t("story:question.caption", { name: forName })}</span> : null}
      {/* Keyed by location so that after "Remove" the fields show the saved items, not the browser's memory of the old ones. */}
      <Form method="post" noValidate key={location.key}>
        {newStoryId ? <input type="hidden" name="story" value={newStoryId} /> : null}
        {hasList ? (
          // Enter in a text box presses a form's first button: make that Continue, not "Remove".
          <button type="submit" name="intent" value="continue" className="govuk-visually-hidden" tabIndex={-1} aria-hidden="true">
            {t("story:question.continue")}
          </button>
        ) : null}
        <StoryQuestion section={section} page={page} form={form} forName={forName} />
        <div className="govuk-button-group">
          <Button name="intent" value="continue" preventDoubleClick>
            {t("story:question.continue")}
          </Button>
          <Button className="govuk-button--secondary" name="intent" value="save" preventDoubleClick>
            {t("story:question.save")}
          </Button>
        </div>
      </Form>
    </StoryPage>
  );
}
