import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ConfirmEnding } from "#app/components/confirm-ending";
import { Bullets } from "#app/components/bullets";
import { WarningText } from "#app/components/govuk/warning-text";
import { LinkParagraph } from "#app/components/links";
import { Page } from "#app/components/story-page";
import { pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { eraseAccount } from "#app/services/erasure.server";
import { storiesOf } from "#app/services/story.server";
import { requireResident } from "#app/web/guards.server";
import { clearSessionCookie } from "#app/web/session.server";

export const handle = { titleKey: "account:deleteAccount.title" };

/** Deleting the account, after a page that names the stories that go with it and says what happens to their shares. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { resident } = await requireResident(request);
  const owned = (await storiesOf(resident.id)).filter((story) => !story.helping);
  return { ...pageTranslations(request, "account", "story"), stories: owned.map((story) => ({ id: story.id, name: story.name })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { resident } = await requireResident(request);
  await eraseAccount(resident.id, "account-deleted");
  return redirect("/account/deleted", { headers: { "Set-Cookie": clearSessionCookie() } });
}

export default function DeleteAccount() {
  const { t } = useTranslation();
  const { stories } = useLoaderData<typeof loader>();
  return (
    <Page>
      <h1 className="govuk-heading-l">{t("account:deleteAccount.title")}</h1>
      <WarningText>{t("account:deleteAccount.warning")}</WarningText>
      {stories.length === 0 ? (
        <p className="govuk-body">{t("account:deleteAccount.noStories")}</p>
      ) : (
        <>
          <p className="govuk-body">{t("account:deleteAccount.stories")}</p>
          <Bullets
            items={stories.map((story) => ({ key: story.id, children: <span className="app-story-text">{story.name ?? t("story:list.untitled")}</span> }))}
          />
          <p className="govuk-body">{t("account:deleteAccount.told")}</p>
        </>
      )}
      <p className="govuk-body">{t("account:deleteAccount.helping")}</p>
      <p className="govuk-body">{t("account:deleteAccount.kept")}</p>
      <LinkParagraph href="/account/data">{t("account:deleteAccount.download")}</LinkParagraph>
      <ConfirmEnding button={t("account:deleteAccount.button")} cancel={{ href: "/account", text: t("account:deleteAccount.cancel") }} />
    </Page>
  );
}
