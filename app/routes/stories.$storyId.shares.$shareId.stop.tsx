import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ConfirmEnding } from "#app/components/confirm-ending";
import { WarningText } from "#app/components/govuk/warning-text";
import { useMarkParts } from "#app/components/language-of-parts";
import { ShareNotActive } from "#app/components/share-not-active";
import { StoryPage } from "#app/components/story-page";
import { pageTranslations } from "#app/i18n/i18n.server";
import { agencyName } from "#app/models/agency.server";
import { useTranslation } from "#app/i18n/use-translation";
import { sharesPath } from "#app/paths";
import { requireShareOfOwnStory } from "#app/web/guards.server";
import { stopSharing, stopWords } from "#app/services/sharing/changes.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { story, agency, lang, state } = await requireShareOfOwnStory(request, params);
  const common = { ...pageTranslations(request, "sharing", "story"), storyId: story.id, agency: agencyName(agency, lang) };
  if (state !== "active") return { ...common, titleKey: "sharing:notActive.title", state, words: null };
  // The words the withdrawal record keeps are exactly these.
  const { heading, warning, tell, button } = stopWords(lang, agency);
  return { ...common, titleKey: "sharing:stop.title", state, words: { heading, warning, tell, button } };
}

/** Stopping twice is safe: the second time changes nothing and tells no one. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { story, action } = await requireShareOfOwnStory(request, params);
  const outcome = await stopSharing(action);
  return redirect(sharesPath(story.id, outcome === "stopped" ? { done: "stopped", share: action.shareId } : undefined));
}

export default function StopSharing() {
  const { t } = useTranslation();
  const { storyId, agency, state, words } = useLoaderData<typeof loader>();
  const mark = useMarkParts();
  return (
    <StoryPage backHref={sharesPath(storyId)}>
      {words ? (
        <>
          <h1 className="govuk-heading-l">{mark(words.heading, agency)}</h1>
          <WarningText>{words.warning}</WarningText>
          <p className="govuk-body">{mark(words.tell, agency)}</p>
          <ConfirmEnding button={words.button} cancel={{ href: sharesPath(storyId), text: t("sharing:stop.cancel") }} />
        </>
      ) : (
        <ShareNotActive storyId={storyId} agency={agency} state={state} />
      )}
    </StoryPage>
  );
}
