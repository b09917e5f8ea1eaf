import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Button } from "#app/components/govuk/button";
import { InsetText } from "#app/components/govuk/inset-text";
import { NotificationBanner } from "#app/components/govuk/notification-banner";
import { TaskList, type TaskListItem } from "#app/components/govuk/task-list";
import { LinkList, LinkParagraph } from "#app/components/links";
import { StoryPage } from "#app/components/story-page";
import { formatDate, formatDateTime } from "#app/i18n/dates";
import { basisEnds, basisNeedsReview } from "#app/services/sharing/consent-rules";
import { languageFor, pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { pagePath, storySections, type SectionStatus } from "#app/models/story-sections";
import { helpersPath, sharePath, sharesPath, storyPath } from "#app/paths";
import { requireStory, storyPageTakesNoForm } from "#app/web/guards.server";
import { storyOverview } from "#app/services/story.server";
import { ownerName } from "#app/services/helpers.server";
import { may } from "#app/services/sharing/permissions";

export const handle = { titleKey: "story:taskList.title" };

const WELCOMES = ["helping", "owner"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { story, role } = await requireStory(request, params.storyId);
  const { statuses, latest, unpublishedChanges } = await storyOverview(story);
  const saved = new URL(request.url).searchParams.get("saved") === "1";
  const lang = languageFor(request);
  const published = latest ? { version: latest.version, on: formatDateTime(latest.publishedAt, lang) } : null;
  // A child's story, soon 16 or 16 already: parental responsibility, which lets the writer share it, ends.
  const ends = basisEnds(story.subject);
  const now = new Date();
  const review = ends && basisNeedsReview(story.subject, now) ? { name: story.subject.name ?? "", date: formatDate(ends, lang), ended: ends <= now } : null;
  const forName = story.subject.basis === "self" ? null : (story.subject.name ?? "");
  const query = new URL(request.url).searchParams;
  const welcome = WELCOMES.find((kind) => kind === query.get("welcome")) ?? null;
  // A helper is told whose story it is and what they may do; the owner is offered the helpers' page.
  const helping = role === "owner" ? null : { owner: await ownerName(story), mayShare: may(role, "share") };
  return {
    ...pageTranslations(request, "story", "sharing", "helpers"),
    storyId: story.id,
    statuses,
    published,
    unpublishedChanges,
    saved,
    review: role === "owner" ? review : null,
    forName,
    welcome,
    helping,
  };
}

export const action = storyPageTakesNoForm;

const statusTags: Record<SectionStatus, TaskListItem["status"]["tag"]> = {
  "not-started": { className: "govuk-tag--blue" },
  in_progress: { className: "govuk-tag--light-blue" },
  completed: undefined,
};

export default function StoryTaskList() {
  const { t } = useTranslation();
  const { storyId, statuses, published, unpublishedChanges, saved, review, forName, welcome, helping } = useLoaderData<typeof loader>();
  return (
    <StoryPage backHref="/stories" backText={t("story:taskList.backToStories")}>
      {saved ? <NotificationBanner type="success">{t("story:taskList.saved")}</NotificationBanner> : null}
      {welcome ? <NotificationBanner type="success">{t(`helpers:welcome.${welcome}`)}</NotificationBanner> : null}
      {review ? (
        <NotificationBanner titleText={t("sharing:basisReview.title")}>
          <p className="govuk-notification-banner__heading">{t(review.ended ? "sharing:basisReview.endedHeading" : "sharing:basisReview.heading", review)}</p>
          <p className="govuk-body">{t(review.ended ? "sharing:basisEnded.next" : "sharing:basisReview.body")}</p>
        </NotificationBanner>
      ) : null}
      {forName ? <span className="govuk-caption-l app-story-text">{t("story:question.caption", { name: forName })}</span> : null}
      <h1 className="govuk-heading-l">{t("story:taskList.title")}</h1>
      <p className="govuk-body">{t("story:taskList.intro")}</p>
      {helping ? (
        <InsetText>
          <p className="govuk-body app-story-text">
            {t(helping.mayShare ? "helpers:taskList.helpingShare" : "helpers:taskList.helping", { owner: helping.owner })}
          </p>
        </InsetText>
      ) : null}
      {published ? (
        <InsetText>
          <p className="govuk-body">{t("story:taskList.published", { version: published.version, date: published.on })}</p>
          <p className="govuk-body">{t(unpublishedChanges ? "story:taskList.unpublishedChanges" : "story:taskList.upToDate")}</p>
        </InsetText>
      ) : (
        <p className="govuk-body">{t("story:taskList.notPublished")}</p>
      )}
      <h2 className="govuk-heading-m">{t("story:taskList.sectionsHeading")}</h2>
      <TaskList
        idPrefix="section"
        items={storySections.map((section) => {
          const status = statuses[section.id];
          const tag = statusTags[status];
          const label = t(`story:taskList.status.${status}`);
          return {
            title: { children: t(`story:sections.${section.id}.title`) },
            hint: { children: t(`story:sections.${section.id}.hint`) },
            href: pagePath(storyId, section),
            status: tag ? { tag: { ...tag, children: label } } : { children: label },
          };
        })}
      />
      <h2 className="govuk-heading-m">{t("story:taskList.checkHeading")}</h2>
      <LinkParagraph href={`${storyPath(storyId)}/check`}>{t("story:taskList.checkLink")}</LinkParagraph>
      {published ? (
        <>
          <h2 className="govuk-heading-m">{t("story:taskList.publishedHeading")}</h2>
          <LinkList
            links={[
              { href: `${storyPath(storyId)}/preview`, text: t("story:taskList.previewLink") },
              { href: `${storyPath(storyId)}/versions`, text: t("story:taskList.versionsLink") },
            ]}
          />
          <h2 className="govuk-heading-m">{t("sharing:taskList.heading")}</h2>
          {!helping || helping.mayShare ? (
            <>
              <p className="govuk-body">{t("sharing:taskList.body")}</p>
              <Button href={sharePath(storyId)}>{t("sharing:taskList.button")}</Button>
            </>
          ) : null}
          <LinkParagraph href={sharesPath(storyId)}>{t("sharing:whoHas.taskListLink")}</LinkParagraph>
        </>
      ) : null}
      {helping ? null : (
        <>
          <h2 className="govuk-heading-m">{t("helpers:list.helpersHeading")}</h2>
          <LinkParagraph href={helpersPath(storyId)}>{t("helpers:list.taskListLink")}</LinkParagraph>
          <LinkParagraph href={`${storyPath(storyId)}/delete`}>{t("story:taskList.deleteLink")}</LinkParagraph>
        </>
      )}
    </StoryPage>
  );
}
