import { Table } from "#app/components/govuk/table";
import { useTranslation } from "#app/i18n/use-translation";

type Shown = Record<string, string>;

/**
 * Some of the figures, month by month with their total for the months shown:
 * a GOV.UK table, its numbers right-aligned, narrow enough for a phone.
 */
export function FiguresTable({
  id,
  caption,
  columns,
  months,
  totals,
  headings = "staff:figures.columns",
}: {
  id: string;
  caption: string;
  columns: readonly string[];
  months: readonly { key: string; name: string; shown: Shown }[];
  totals: Shown;
  /** Where the columns' headings are: a table whose caption names what it counts can head its columns more briefly. */
  headings?: string;
}) {
  const { t } = useTranslation();
  return (
    <Table
      attributes={{ id }}
      caption={caption}
      captionClasses="govuk-table__caption--m"
      className="govuk-table--small-text-until-tablet"
      firstCellIsHeader
      head={[{ children: t("staff:figures.columns.month") }, ...columns.map((column) => ({ children: t(`${headings}.${column}`), format: "numeric" }))]}
      rows={[
        ...months.map((month) => [{ children: month.name }, ...columns.map((column) => ({ children: month.shown[column], format: "numeric" }))]),
        [{ children: t("staff:figures.total") }, ...columns.map((column) => ({ children: totals[column], format: "numeric" }))],
      ]}
    />
  );
}
