import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ConfirmEnding } from "#app/components/confirm-ending";
import { WarningText } from "#app/components/govuk/warning-text";
import { StoryPage } from "#app/components/story-page";
import { pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { helpersPath } from "#app/paths";
import { endInvitation } from "#app/services/helpers.server";
import { requireInvitationOfStory } from "#app/web/guards.server";

/** Removing a helper, or withdrawing an invitation still waiting: asked first, done by the button. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { story, invitation } = await requireInvitationOfStory(request, params);
  const name = invitation.role === "owner" ? (story.subject.name ?? "") : invitation.name;
  const removing = invitation.status === "accepted";
  return {
    ...pageTranslations(request, "story", "helpers"),
    titleKey: removing ? "helpers:end.removeTitle" : "helpers:end.withdrawTitle",
    titleValues: { name },
    storyId: story.id,
    name,
    removing,
  };
}

/** Sent twice, the second changes nothing and still lands on the list. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { story, invitation, resident } = await requireInvitationOfStory(request, params);
  const ended = await endInvitation(story.id, invitation.id, resident.id);
  const done = invitation.status === "accepted" ? "removed" : "withdrawn";
  return redirect(ended ? `${helpersPath(story.id)}?done=${done}&invitation=${invitation.id}` : helpersPath(story.id));
}

export default function EndInvitation() {
  const { t } = useTranslation();
  const { storyId, name, removing } = useLoaderData<typeof loader>();
  return (
    <StoryPage backHref={helpersPath(storyId)}>
      <h1 className="govuk-heading-l app-story-text">{t(removing ? "helpers:end.removeTitle" : "helpers:end.withdrawTitle", { name })}</h1>
      <WarningText>{t(removing ? "helpers:end.removeBody" : "helpers:end.withdrawBody", { name })}</WarningText>
      <ConfirmEnding
        button={t(removing ? "helpers:end.removeButton" : "helpers:end.withdrawButton")}
        cancel={{ href: helpersPath(storyId), text: t("helpers:end.cancel") }}
      />
    </StoryPage>
  );
}
