import type { LoaderFunctionArgs } from "@remix-run/node";
import { LinkParagraph } from "#app/components/links";
import { StaffPage } from "#app/components/staff-page";
import { pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { staffPaths } from "#app/paths";

export { noFormHere as action } from "#app/web/layout.server";

export const handle = { titleKey: "staff:signedOut.title" };

export function loader({ request }: LoaderFunctionArgs) {
  return pageTranslations(request, "staff");
}

export default function StaffSignedOut() {
  const { t } = useTranslation();
  return (
    <StaffPage heading={t("staff:signedOut.title")} signedIn={false}>
      <p className="govuk-body">{t("staff:signedOut.body")}</p>
      <LinkParagraph href={staffPaths.signIn}>{t("staff:signedOut.again")}</LinkParagraph>
    </StaffPage>
  );
}
