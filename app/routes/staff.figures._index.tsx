import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { FiguresChart } from "#app/components/figures-chart";
import { FiguresTable } from "#app/components/figures-table";
import { Button } from "#app/components/govuk/button";
import { SummaryList } from "#app/components/govuk/summary-list";
import { StaffPage } from "#app/components/staff-page";
import { languageFor, pageTranslations } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { staffPaths } from "#app/paths";
import { figuresPage, MONTHS_SHOWN } from "#app/services/staff/figures.server";
import { requireStaff } from "#app/web/guards.server";

export { noFormHere as action } from "#app/web/layout.server";

export const handle = { titleKey: "staff:figures.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  // The number of months comes with the data: a server module's constants are not in the browser's bundle.
  return { ...pageTranslations(request, "staff"), ...(await figuresPage(languageFor(request))), monthsShown: MONTHS_SHOWN };
}

const CHARTED = ["storiesPublished", "agenciesReached", "retellingsAvoided"] as const;

/** The service's impact, month by month: a chart drawn on the server, the tables it is drawn from, and a download. */
export default function StaffFigures() {
  const { t } = useTranslation();
  const { months, totals, costPerRetelling, monthsShown } = useLoaderData<typeof loader>();
  // Few columns to a table, so that each fits a phone's screen.
  const tables = [
    { id: "figures-reach", columns: ["storiesPublished", "agenciesReached"] },
    { id: "figures-retellings", columns: ["retellingsAvoided", ...(costPerRetelling ? ["costAvoided"] : [])] },
    { id: "figures-shares", columns: ["sharesActive", "sharesStopped", "sharesEnded"], headings: "staff:figures.shareColumns" },
    { id: "figures-reading", columns: ["views", "acknowledgements"] },
  ];
  const caption = (id: string) => t(`staff:figures.tables.${id}`);
  return (
    <StaffPage heading={t("staff:figures.title")} back={{ href: staffPaths.home, text: t("staff:caption") }} wide>
      <p className="govuk-body">{t("staff:figures.intro", { count: monthsShown })}</p>
      <SummaryList
        rows={[
          ...CHARTED.map((column) => ({ key: { children: t(`staff:figures.totals.${column}`) }, value: { children: totals[column] } })),
          costPerRetelling
            ? { key: { children: t("staff:figures.totals.costAvoided", { cost: costPerRetelling }) }, value: { children: totals.costAvoided } }
            : null,
        ]}
      />
      <h2 className="govuk-heading-m">{t("staff:figures.chartTitle")}</h2>
      <FiguresChart
        id="figures-chart"
        title={t("staff:figures.chartDescription", { count: monthsShown, first: caption("figures-reach"), second: caption("figures-retellings") })}
        series={CHARTED.map((column) => t(`staff:figures.columns.${column}`))}
        rows={months.map((month) => ({ label: month.short, bars: CHARTED.map((column) => ({ value: month.values[column], text: month.shown[column] })) }))}
      />
      {tables.map(({ id, columns, headings }) => (
        <FiguresTable key={id} id={id} caption={caption(id)} columns={columns} headings={headings} months={months} totals={totals} />
      ))}
      <h2 className="govuk-heading-m">{t("staff:figures.download.title")}</h2>
      <p className="govuk-body">{t("staff:figures.download.body")}</p>
      {/* A form, so that each download is written to the audit log; the browser saves the file the answer is. */}
      <Form method="post" action={staffPaths.figuresCsv} reloadDocument>
        <Button className="govuk-button--secondary">{t("staff:figures.download.button")}</Button>
      </Form>
      <h2 className="govuk-heading-m">{t("staff:figures.definitions.title")}</h2>
      {["storiesPublished", "agenciesReached", "shares", "reading", "retellingsAvoided", costPerRetelling ? "cost" : "noCost", "months", "kept"].map((key) => (
        <p key={key} className="govuk-body">
          {t(`staff:figures.definitions.${key}`, { cost: costPerRetelling ?? "" })}
        </p>
      ))}
    </StaffPage>
  );
}
