import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AuditFilter } from "#app/components/audit-filter";
import { Breakable } from "#app/components/breakable";
import { ErrorSummary } from "#app/components/govuk/error-summary";
import { Pagination } from "#app/components/govuk/pagination";
import { Table } from "#app/components/govuk/table";
import { StaffPage } from "#app/components/staff-page";
import { languageFor, pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { staffPaths } from "#app/paths";
import { auditPage } from "#app/services/staff/audit.server";
import { requireStaff } from "#app/web/guards.server";

export { noFormHere as action } from "#app/web/layout.server";

export const handle = { titleKey: "staff:audit.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const page = await auditPage(new URL(request.url), languageFor(request));
  // A filter with mistakes is answered as a form with mistakes is: 400, with the page and its errors.
  return data({ ...pageTranslations(request, "staff"), ...page }, { status: page.errors.length > 0 ? 400 : 200 });
}

/** The audit log, newest first, filtered by day and by kind of event, a page at a time: identifiers and reasons, never anyone's story or name. */
export default function StaffAudit() {
  const { t } = useTranslation();
  const { kinds, values, errors, lines, total, page, pages, previous, next } = useLoaderData<typeof loader>();
  const summary = errors.length > 0 ? <ErrorSummary errorList={errors.map((error) => ({ href: `#${error.field}`, children: t(error.message) }))} /> : null;
  const pageLink = (href: string | null, words: string, to: number) =>
    href ? { href, children: words, labelText: t("staff:audit.pageOf", { page: to, pages }) } : undefined;
  return (
    <StaffPage heading={t("staff:audit.title")} back={{ href: staffPaths.home, text: t("staff:caption") }} before={summary} wide>
      <p className="govuk-body">{t("staff:audit.intro")}</p>
      <AuditFilter values={values} errors={errors} kinds={kinds} />
      <p className="govuk-body">{total === 0 ? t("staff:audit.none") : t("staff:audit.showing", { count: total, page, pages })}</p>
      {lines.length > 0 ? (
        <Table
          caption={t("staff:audit.caption")}
          captionClasses="govuk-visually-hidden"
          className="govuk-table--small-text-until-tablet"
          head={[{ children: t("staff:audit.columns.at") }, { children: t("staff:audit.columns.event") }, { children: t("staff:audit.columns.detail") }]}
          rows={lines.map((line) => [
            { children: line.at },
            { children: line.label },
            {
              children: line.detail.map((item) => (
                <span key={item.key} className="govuk-!-display-block">
                  {item.label}: <Breakable text={item.value} />
                </span>
              )),
            },
          ])}
        />
      ) : null}
      {pages > 1 ? (
        <Pagination
          landmarkLabel={t("staff:audit.pagination")}
          previous={pageLink(previous, t("staff:audit.newer"), page - 1)}
          next={pageLink(next, t("staff:audit.older"), page + 1)}
        />
      ) : null}
    </StaffPage>
  );
}
