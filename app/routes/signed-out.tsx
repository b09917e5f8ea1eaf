import type { LoaderFunctionArgs } from "@remix-run/node";
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
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">{t("signIn:signedOut.title")}</h1>
        <p className="govuk-body">{t("signIn:signedOut.body")}</p>
        <p className="govuk-body">
          <a className="govuk-link" href="/sign-in">
            {t("signIn:signedOut.again")}
          </a>
        </p>
      </div>
    </div>
  );
}
