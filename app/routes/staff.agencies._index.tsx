import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Breakable } from "#app/components/breakable";
import { Button } from "#app/components/govuk/button";
import { NotificationBanner } from "#app/components/govuk/notification-banner";
import { Table } from "#app/components/govuk/table";
import { Tag } from "#app/components/govuk/tag";
import { useMarkParts } from "#app/components/language-of-parts";
import { StaffPage } from "#app/components/staff-page";
import { languageFor, pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { agencyName, allAgencies } from "#app/models/agency.server";
import { staffPaths } from "#app/paths";
import { directoryNotice } from "#app/services/staff/directory.server";
import { requireStaff } from "#app/web/guards.server";

export { noFormHere as action } from "#app/web/layout.server";

export const handle = { titleKey: "staff:agencies.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const lang = languageFor(request);
  const agencies = (await allAgencies()).map((agency) => ({
    id: agency.id,
    name: agencyName(agency, lang),
    active: agency.active,
    domains: agency.domains,
    addresses: agency.addresses.length,
  }));
  return { ...pageTranslations(request, "staff"), agencies, notice: directoryNotice(new URL(request.url).searchParams, agencies) };
}

/** The whole directory, offered or not, with what was just done to it. */
export default function StaffAgencies() {
  const { t } = useTranslation();
  const mark = useMarkParts();
  const { agencies, notice } = useLoaderData<typeof loader>();
  const banner = notice ? (
    <NotificationBanner type="success">
      <p className="govuk-notification-banner__heading">{mark(t(`staff:agencies.done.${notice.done}`, notice.values), ...notice.parts)}</p>
    </NotificationBanner>
  ) : null;
  const opens = (agency: (typeof agencies)[number]) => (
    <ul className="govuk-list govuk-!-font-size-16 govuk-!-margin-bottom-0">
      {agency.domains.map((domain) => (
        <li key={domain}>
          <Breakable text={`@${domain}`} />
        </li>
      ))}
      {agency.addresses > 0 ? <li>{t("staff:agencies.addresses", { count: agency.addresses })}</li> : null}
    </ul>
  );
  return (
    <StaffPage heading={t("staff:agencies.title")} back={{ href: staffPaths.home, text: t("staff:caption") }} before={banner} wide>
      <p className="govuk-body">{t("staff:agencies.intro")}</p>
      <div className="govuk-button-group">
        <Button href={staffPaths.newAgency}>{t("staff:agencies.add")}</Button>
        <Button href={staffPaths.importAgencies} className="govuk-button--secondary">
          {t("staff:agencies.import")}
        </Button>
      </div>
      <Table
        caption={t("staff:agencies.caption")}
        captionClasses="govuk-table__caption--m"
        className="govuk-table--small-text-until-tablet"
        firstCellIsHeader
        head={[{ children: t("staff:agencies.columns.name") }, { children: t("staff:agencies.columns.opens") }]}
        rows={agencies.map((agency) => [
          {
            children: (
              <>
                <a className="govuk-link" href={staffPaths.agency(agency.id)}>
                  {mark(agency.name)}
                </a>
                <br />
                {agency.active ? (
                  <Tag className="govuk-tag--green govuk-!-margin-top-1">{t("staff:agencies.offered")}</Tag>
                ) : (
                  <Tag className="govuk-tag--grey govuk-!-margin-top-1">{t("staff:agencies.notOffered")}</Tag>
                )}
              </>
            ),
          },
          { children: opens(agency) },
        ])}
      />
    </StaffPage>
  );
}
