import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { NotificationBanner } from "#app/components/govuk/notification-banner";
import { useMarkParts } from "#app/components/language-of-parts";
import { LinkParagraph } from "#app/components/links";
import { ShareCard } from "#app/components/share-card";
import { StoryPage } from "#app/components/story-page";
import { languageFor, pageTranslations, serverT } from "#app/i18n/i18n.server";
import { nameFor, peopleOf } from "#app/services/helpers.server";
import { may } from "#app/services/sharing/permissions";
import { useTranslation } from "#app/i18n/use-translation";
import { sharePath, storyPath } from "#app/paths";
import { sharesOverview } from "#app/services/sharing/changes.server";
import { requireStory, storyPageTakesNoForm } from "#app/web/guards.server";

export const handle = { titleKey: "sharing:whoHas.title" };

const DONE = ["stopped", "changed", "extended"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { story, role, resident } = await requireStory(request, params.storyId);
  const lang = languageFor(request);
  const people = await peopleOf(story);
  const t = serverT(lang, "helpers");
  const shares = (await sharesOverview(story, lang)).map((share) => ({ ...share, sharedBy: nameFor(people, share.sharedBy, resident.id, t) }));
  // After a change the page says what happened, to which share: `?done=stopped&share=<id>`.
  const query = new URL(request.url).searchParams;
  const kind = DONE.find((done) => done === query.get("done"));
  const changed = shares.find((share) => share.id === query.get("share"));
  const done = kind && changed ? { kind, agency: changed.agency, date: changed.endsOn } : null;
  return { ...pageTranslations(request, "sharing", "story", "helpers"), storyId: story.id, shares, done, mayChange: may(role, "changeShare") };
}

export const action = storyPageTakesNoForm;

export default function WhoHasYourStory() {
  const { t } = useTranslation();
  const { storyId, shares, done, mayChange } = useLoaderData<typeof loader>();
  const mark = useMarkParts();
  return (
    <StoryPage backHref={storyPath(storyId)} backText={t("sharing:whoHas.backLink")}>
      {done ? (
        <NotificationBanner type="success">
          {mark(t(`sharing:whoHas.done.${done.kind}`, { agency: done.agency.text, date: done.date }), done.agency)}
        </NotificationBanner>
      ) : null}
      <h1 className="govuk-heading-l">{t("sharing:whoHas.title")}</h1>
      {shares.length === 0 ? (
        <p className="govuk-body">{t("sharing:whoHas.none")}</p>
      ) : (
        <>
          <p className="govuk-body">{t("sharing:whoHas.intro")}</p>
          {shares.map((share) => (
            <ShareCard key={share.id} storyId={storyId} share={share} mayChange={mayChange} />
          ))}
        </>
      )}
      {mayChange ? <LinkParagraph href={sharePath(storyId)}>{t("sharing:whoHas.shareLink")}</LinkParagraph> : null}
    </StoryPage>
  );
}
