import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Button } from "#app/components/govuk/button";
import { Panel } from "#app/components/govuk/panel";
import { useMarkParts } from "#app/components/language-of-parts";
import { LinkParagraph } from "#app/components/links";
import { ShareNotActive } from "#app/components/share-not-active";
import { StoryPage } from "#app/components/story-page";
import { pageTranslations } from "#app/i18n/i18n.server";
import { agencyName } from "#app/models/agency.server";
import { useTranslation } from "#app/i18n/use-translation";
import { sharesPath } from "#app/paths";
import { requireShareOfOwnStory } from "#app/web/guards.server";
import { sendNewLink } from "#app/services/sharing/changes.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { story, agency, state, lang } = await requireShareOfOwnStory(request, params);
  const titleKey = state === "active" ? "sharing:resend.title" : "sharing:notActive.title";
  return { ...pageTranslations(request, "sharing", "story"), titleKey, storyId: story.id, agency: agencyName(agency, lang), state };
}

/** The new link is in this response only (no redirect): it is kept nowhere, so it can be shown just once. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { action } = await requireShareOfOwnStory(request, params);
  const outcome = await sendNewLink(action);
  return outcome.ok ? { link: outcome.link } : null;
}

export default function SendNewLink() {
  const { t } = useTranslation();
  const { storyId, agency, state } = useLoaderData<typeof loader>();
  const sent = useActionData<typeof action>();
  const mark = useMarkParts();
  const withAgency = (key: string) => mark(t(key, { agency: agency.text }), agency);
  return (
    <StoryPage backHref={sent ? undefined : sharesPath(storyId)}>
      {sent ? (
        <>
          <Panel titleHtml={withAgency("sharing:resend.sent")}>{t("sharing:resend.oldDead")}</Panel>
          <h2 className="govuk-heading-m">{t("sharing:resend.linkHeading")}</h2>
          <p className="govuk-body">{t("sharing:resend.linkIntro")}</p>
          <h3 className="govuk-heading-s">{withAgency("sharing:resend.linkLabel")}</h3>
          <p className="govuk-body govuk-!-text-break-word app-share-link">{sent.link}</p>
          <LinkParagraph href={sharesPath(storyId)}>{t("sharing:whoHas.title")}</LinkParagraph>
        </>
      ) : state === "active" ? (
        <>
          <h1 className="govuk-heading-l">{withAgency("sharing:resend.heading")}</h1>
          <p className="govuk-body">{withAgency("sharing:resend.body")}</p>
          <p className="govuk-body">{t("sharing:resend.when")}</p>
          <Form method="post" noValidate>
            <Button preventDoubleClick>{t("sharing:resend.button")}</Button>
          </Form>
        </>
      ) : (
        <ShareNotActive storyId={storyId} agency={agency} state={state} />
      )}
    </StoryPage>
  );
}
