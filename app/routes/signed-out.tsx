import type { LoaderFunctionArgs } from "@remix-run/node";
import { TextPage } from "#app/components/story-page";
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
    <TextPage heading={t("signIn:signedOut.title")} paragraphs={[t("signIn:signedOut.body")]} link={{ href: "/sign-in", text: t("signIn:signedOut.again") }} />
  );
}
