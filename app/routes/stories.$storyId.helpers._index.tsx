import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Button } from "#app/components/govuk/button";
import { InsetText } from "#app/components/govuk/inset-text";
import { NotificationBanner } from "#app/components/govuk/notification-banner";
import { Table } from "#app/components/govuk/table";
import { LinkParagraph } from "#app/components/links";
import { StoryPage } from "#app/components/story-page";
import { formatDate } from "#app/i18n/dates";
import { languageFor, pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { invitationsOfStory } from "#app/models/invitation.server";
import { helpersPath, storyPath } from "#app/paths";
import { invitationState } from "#app/services/sharing/permissions";
import { requireStory, storyPageTakesNoFormFor } from "#app/web/guards.server";

export const handle = { titleKey: "helpers:list.title" };

const DONE = ["invited", "removed", "withdrawn", "handOver"] as const;

/** The owner's page: who helps, who is invited, and handing the story over to the person it is about. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { story } = await requireStory(request, params.storyId, "helpers");
  const lang = languageFor(request);
  const now = new Date();
  const invitations = await invitationsOfStory(story.id);
  const row = ({ id, name, email }: (typeof invitations)[number]) => ({ id, name, email });
  const helpers = invitations
    .filter((invitation) => invitation.role !== "owner" && invitationState(invitation, now) === "accepted")
    .map((invitation) => ({ ...row(invitation), role: invitation.role, since: formatDate(invitation.answeredAt ?? invitation.createdAt, lang) }));
  const waiting = invitations
    .filter((invitation) => invitation.role !== "owner" && invitationState(invitation, now) === "waiting")
    .map((invitation) => ({ ...row(invitation), role: invitation.role, until: formatDate(invitation.expiresAt, lang) }));
  const takeOver = invitations.find((invitation) => invitation.role === "owner" && invitationState(invitation, now) === "waiting");
  const handOver =
    story.subject.basis === "self"
      ? null
      : { name: story.subject.name ?? "", waiting: takeOver ? { ...row(takeOver), until: formatDate(takeOver.expiresAt, lang) } : null };
  // After a change the page says what happened, to whom: `?done=removed&invitation=<id>`.
  const query = new URL(request.url).searchParams;
  const kind = DONE.find((done) => done === query.get("done"));
  const named = invitations.find((invitation) => invitation.id === query.get("invitation"));
  const done = kind && named ? { kind, name: named.role === "owner" ? (story.subject.name ?? "") : named.name } : null;
  return { ...pageTranslations(request, "story", "helpers"), storyId: story.id, helpers, waiting, handOver, done };
}

/** Takes no form. A function, not a value made when the module loads: the browser's copy of this module has no guards to call. */
export function action(args: ActionFunctionArgs): Promise<never> {
  return storyPageTakesNoFormFor("helpers")(args);
}

export default function Helpers() {
  const { t } = useTranslation();
  const { storyId, helpers, waiting, handOver, done } = useLoaderData<typeof loader>();
  return (
    <StoryPage backHref={storyPath(storyId)}>
      {done ? <NotificationBanner type="success">{t(`helpers:list.done.${done.kind}`, { name: done.name })}</NotificationBanner> : null}
      <h1 className="govuk-heading-l">{t("helpers:list.title")}</h1>
      <p className="govuk-body">{t("helpers:list.intro")}</p>
      <p className="govuk-body">{t("helpers:list.cannot")}</p>
      <h2 className="govuk-heading-m">{t("helpers:list.helpersHeading")}</h2>
      {helpers.length === 0 ? (
        <p className="govuk-body">{t("helpers:list.none")}</p>
      ) : (
        <People
          storyId={storyId}
          people={helpers.map((helper) => ({ ...helper, detail: `${t(`helpers:roles.${helper.role}`)} (${t("helpers:list.since", { date: helper.since })})` }))}
          detailHeading={t("helpers:list.permission")}
          end={t("helpers:list.remove")}
        />
      )}
      {waiting.length === 0 ? null : (
        <>
          <h2 className="govuk-heading-m">{t("helpers:list.waitingHeading")}</h2>
          <People
            storyId={storyId}
            people={waiting.map((invitation) => ({ ...invitation, detail: invitation.until }))}
            detailHeading={t("helpers:list.expires")}
            end={t("helpers:list.withdraw")}
          />
        </>
      )}
      <Button href={`${helpersPath(storyId)}/invite`}>{t("helpers:list.inviteButton")}</Button>
      {handOver ? (
        <>
          <h2 className="govuk-heading-m app-story-text">{t("helpers:list.handOverHeading", { name: handOver.name })}</h2>
          {handOver.waiting ? (
            <>
              <InsetText>
                <p className="govuk-body app-story-text">
                  {t("helpers:list.handOverWaiting", { name: handOver.name, email: handOver.waiting.email, date: handOver.waiting.until })}
                </p>
              </InsetText>
              <LinkParagraph href={`${helpersPath(storyId)}/${handOver.waiting.id}`}>{t("helpers:list.handOverWithdraw")}</LinkParagraph>
            </>
          ) : (
            <>
              <p className="govuk-body app-story-text">{t("helpers:list.handOverBody", { name: handOver.name })}</p>
              <Button className="govuk-button--secondary" href={`${storyPath(storyId)}/hand-over`}>
                {t("helpers:list.handOverButton")}
              </Button>
            </>
          )}
        </>
      ) : null}
    </StoryPage>
  );
}

type Person = { id: string; name: string; email: string; detail: string };

/** Helpers, or people invited to help, a row each: who, `detail` beside them, and the link that ends their part (`end`). */
function People({ storyId, people, detailHeading, end }: { storyId: string; people: Person[]; detailHeading: string; end: string }) {
  const { t } = useTranslation();
  return (
    <Table
      className="govuk-table--small-text-until-tablet app-story-text"
      head={[{ children: t("helpers:list.name") }, { children: detailHeading }, { children: <span className="govuk-visually-hidden">{end}</span> }]}
      rows={people.map((person) => [
        { children: <NameAndEmail {...person} /> },
        { children: person.detail },
        {
          children: (
            <a className="govuk-link" href={`${helpersPath(storyId)}/${person.id}`}>
              {end}
              <span className="govuk-visually-hidden"> {person.name}</span>
            </a>
          ),
        },
      ])}
    />
  );
}

/** A helper or an invitee in a table: their name, with the address they sign in with under it. */
function NameAndEmail({ name, email }: { name: string; email: string }) {
  return (
    <>
      {name}
      <br />
      <span className="govuk-hint govuk-!-margin-bottom-0">{email}</span>
    </>
  );
}
