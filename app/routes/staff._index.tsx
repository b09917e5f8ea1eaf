import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { StaffPage } from "#app/components/staff-page";
import { pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { staffPaths } from "#app/paths";
import { requireStaff } from "#app/web/guards.server";

export { noFormHere as action } from "#app/web/layout.server";

export const handle = { titleKey: "staff:home.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  const { staff } = await requireStaff(request);
  return { ...pageTranslations(request, "staff"), reference: staff.reference };
}

const parts = [
  { href: staffPaths.agencies, key: "agencies" },
  { href: staffPaths.figures, key: "figures" },
  { href: staffPaths.audit, key: "audit" },
] as const;

/** What the staff area holds, and the reference the audit log knows this member of staff by. */
export default function StaffHome() {
  const { t } = useTranslation();
  const { reference } = useLoaderData<typeof loader>();
  return (
    <StaffPage heading={t("staff:home.title")}>
      <p className="govuk-body">{t("staff:home.intro")}</p>
      {parts.map(({ href, key }) => (
        <div key={key}>
          <h2 className="govuk-heading-m">
            <a className="govuk-link" href={href}>
              {t(`staff:home.${key}.link`)}
            </a>
          </h2>
          <p className="govuk-body">{t(`staff:home.${key}.body`)}</p>
        </div>
      ))}
      <h2 className="govuk-heading-m">{t("staff:home.reference.title")}</h2>
      <p className="govuk-body">{t("staff:home.reference.body", { reference })}</p>
    </StaffPage>
  );
}
