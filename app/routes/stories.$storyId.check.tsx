import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { FormErrorSummary, useForm } from "#app/components/form";
import { Button } from "#app/components/govuk/button";
import { SummaryList } from "#app/components/govuk/summary-list";
import { answerRows } from "#app/components/story-answers";
import { StoryPage } from "#app/components/story-page";
import { VersionAudience } from "#app/components/version-audience";
import { languageFor, pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { wordsLanguage } from "#app/models/story-language";
import { findSection, pagePath, storySections } from "#app/models/story-sections";
import { storyPath } from "#app/paths";
import { newVersionAudienceNames } from "#app/services/sharing/changes.server";
import { requireStory } from "#app/web/guards.server";
import { publishStory, storyOverview } from "#app/services/story.server";
import { invalid } from "#app/web/form.server";

export const handle = { titleKey: "story:check.title" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { story } = await requireStory(request, params.storyId, "publish");
  const { draft } = await storyOverview(story);
  return {
    ...pageTranslations(request, "story"),
    storyId: story.id,
    draft,
    // Until a version is saved, words whose language the person has not given are marked as the language saving would record.
    wordsLang: wordsLanguage(draft, languageFor(request)),
    nextVersion: (story.latestVersion ?? 0) + 1,
    audience: await newVersionAudienceNames(story.id, languageFor(request)),
    writer: story.subject,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { story, resident } = await requireStory(request, params.storyId, "publish");
  const published = await publishStory(story.id, resident.id);
  if (published.ok) return redirect(`${storyPath(story.id)}/published/${published.version}`);
  return invalid(context, { errors: [{ field: "name", message: "story:errors.publishName" }], values: {} });
}

export default function CheckYourAnswers() {
  const { t } = useTranslation();
  const { storyId, draft, wordsLang, nextVersion, audience, writer } = useLoaderData<typeof loader>();
  const form = useForm();
  // The name is asked for on the first page of "About you": the error takes the person there.
  const namePage = `${pagePath(storyId, findSection("about")!)}#`;
  return (
    <StoryPage backHref={storyPath(storyId)}>
      <FormErrorSummary form={form} href={(field) => `${namePage}${field}`} />
      <h1 className="govuk-heading-l">{t("story:check.title")}</h1>
      <p className="govuk-body">{t("story:check.intro")}</p>
      {storySections.map((section) => (
        <SummaryList
          key={section.id}
          card={{ title: { children: t(`story:sections.${section.id}.title`) } }}
          rows={answerRows(section, draft[section.id] ?? {}, t, wordsLang, {
            writer,
            changeLinks: { href: (page) => pagePath(storyId, section, page), change: t("story:check.change"), notAnswered: t("story:check.notAnswered") },
          })}
        />
      ))}
      <h2 className="govuk-heading-m">{t("story:check.publishHeading")}</h2>
      <p className="govuk-body">{t("story:check.publishBody", { version: nextVersion })}</p>
      <VersionAudience audience={audience} saved={false} />
      <Form method="post" noValidate>
        <Button preventDoubleClick>{t("story:check.publish", { version: nextVersion })}</Button>
      </Form>
    </StoryPage>
  );
}
