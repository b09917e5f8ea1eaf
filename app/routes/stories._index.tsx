import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { Button } from "#app/components/govuk/button";
import { NotificationBanner } from "#app/components/govuk/notification-banner";
import { Table } from "#app/components/govuk/table";
import { StoryPage } from "#app/components/story-page";
import { pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { invitationPath, storyPath } from "#app/paths";
import { storiesOf } from "#app/services/story.server";
import { waitingInvitationsFor } from "#app/models/invitation.server";
import { requireResident, residentPageTakesNoForm } from "#app/web/guards.server";

export const handle = { titleKey: "story:list.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  const { resident } = await requireResident(request);
  const query = new URL(request.url).searchParams;
  const deleted = query.get("deleted") === "1";
  const declined = query.get("declined") === "1";
  const invitations = (await waitingInvitationsFor(resident.email, new Date())).map(({ id, role }) => ({ id, takeOver: role === "owner" }));
  return { ...pageTranslations(request, "story", "helpers"), stories: await storiesOf(resident.id), invitations, deleted, declined };
}

/** Starting a story makes nothing (the first save does): this page takes no form. */
export const action = residentPageTakesNoForm;

export default function YourStories() {
  const { t } = useTranslation();
  const { stories, invitations, deleted, declined } = useLoaderData<typeof loader>();
  const own = stories.filter((story) => !story.helping);
  const helped = stories.filter((story) => story.helping);
  return (
    <StoryPage>
      {deleted ? <NotificationBanner type="success">{t("story:list.deleted")}</NotificationBanner> : null}
      {declined ? <NotificationBanner type="success">{t("helpers:invitation.declined")}</NotificationBanner> : null}
      {invitations.length > 0 ? (
        <NotificationBanner titleText={t("helpers:stories.invitationsTitle")}>
          {invitations.map((invitation) => (
            <p className="govuk-body" key={invitation.id}>
              {t(invitation.takeOver ? "helpers:stories.invitationTakeOver" : "helpers:stories.invitationHelp")}{" "}
              <a className="govuk-notification-banner__link" href={invitationPath(invitation.id)}>
                {t("helpers:stories.answer")}
              </a>
            </p>
          ))}
        </NotificationBanner>
      ) : null}
      <h1 className="govuk-heading-l">{t("story:list.title")}</h1>
      <p className="govuk-body">{t("story:list.intro")}</p>
      {own.length === 0 ? <p className="govuk-body">{t("story:list.none")}</p> : null}
      {groupedByPerson(own).map(({ key, about, group }) => (
        <Fragment key={key}>
          {about === undefined ? null : (
            <h2 className="govuk-heading-m app-story-text">{about === null ? t("story:list.aboutYou") : t("story:list.aboutSomeone", { name: about.name })}</h2>
          )}
          <StoryTable stories={group} />
        </Fragment>
      ))}
      <Button href="/stories/new">{t("story:list.start")}</Button>
      {helped.length > 0 ? (
        <>
          <h2 className="govuk-heading-m">{t("helpers:stories.helpingHeading")}</h2>
          <StoryTable stories={helped} />
        </>
      ) : null}
    </StoryPage>
  );
}

type Listed = Awaited<ReturnType<typeof storiesOf>>[number];

/**
 * The stories under whom each is about: the resident's own first, then each
 * person they write for. With only their own, no headings (`about` undefined).
 */
function groupedByPerson(stories: Listed[]) {
  const groups = new Map<string, { key: string; about: Listed["about"] | undefined; group: Listed[] }>();
  for (const story of stories) {
    const key = story.about?.subjectId ?? "self";
    const found = groups.get(key) ?? { key, about: story.about, group: [] };
    found.group.push(story);
    groups.set(key, found);
  }
  const ordered = [...groups.values()].sort((a, b) => (a.key === "self" ? -1 : b.key === "self" ? 1 : 0));
  if (ordered.every((entry) => entry.key === "self")) return ordered.map((entry) => ({ ...entry, about: undefined }));
  return ordered;
}

function StoryTable({ stories }: { stories: Listed[] }) {
  const { t } = useTranslation();
  return (
    <Table
      head={[{ children: t("story:list.story") }, { children: t("story:list.status") }]}
      rows={stories.map((story) => [
        {
          children: (
            // The name is the person's own words: a word too long for the column breaks anywhere.
            <a className="govuk-link app-story-text" href={storyPath(story.id)}>
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
  );
}
