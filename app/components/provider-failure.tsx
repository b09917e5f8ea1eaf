import { LinkList } from "#app/components/links";
import { Page } from "#app/components/story-page";
import { useTranslation } from "#app/i18n/use-translation";

/** A sign-in through a provider that did not happen: what went wrong, and the other ways in (`links`). */
export function ProviderFailure({ failure, links }: { failure: string; links: { href: string; text: string }[] }) {
  const { t } = useTranslation();
  return (
    <Page heading={t(`${failure}.title`)}>
      <p className="govuk-body">{t(`${failure}.body`)}</p>
      <LinkList links={links} />
    </Page>
  );
}

/** What GOV.UK One Login's pages say when no one was signed in: One Login again, or the emailed code. */
export function OneLoginFailure({ failure }: { failure: string }) {
  const { t } = useTranslation();
  return (
    <ProviderFailure
      failure={failure}
      links={[
        { href: "/sign-in", text: t("signIn:provider.emailInstead") },
        { href: "/sign-in/one-login", text: t("signIn:provider.tryAgain") },
      ]}
    />
  );
}

/** What the staff area's sign-in pages say when no one was signed in: the council's provider again (there are no emailed codes beside it). */
export function StaffProviderFailure({ failure }: { failure: string }) {
  const { t } = useTranslation();
  return <ProviderFailure failure={failure} links={[{ href: "/staff/sign-in/provider", text: t("staff:provider.tryAgain") }]} />;
}
