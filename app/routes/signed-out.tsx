import type { LoaderFunctionArgs } from "@remix-run/node";
import { LinkParagraph } from "#app/components/links";
import { Page } from "#app/components/story-page";
import { pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";

export { noFormHere as action } from "#app/web/layout.server";

export const handle = { titleKey: "signIn:signedOut.title" };

export function loader({ request }: LoaderFunctionArgs) {
  return pageTranslations(request, "signIn");
}

export default function SignedOut() {
  const { t } = useTranslation();
  return (
    <Page heading={t("signIn:signedOut.title")}>
      <p className="govuk-body">{t("signIn:signedOut.body")}</p>
      <LinkParagraph href="/sign-in">{t("signIn:signedOut.again")}</LinkParagraph>
    </Page>
  );
}
