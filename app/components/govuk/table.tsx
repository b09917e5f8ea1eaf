import type { ReactNode } from "react";
import { attributeProps, type GovukAttributes } from "./attributes";

export type TableCell = {
  children?: ReactNode;
  /** Currently only "numeric". */
  format?: string;
  className?: string;
  colspan?: number;
  rowspan?: number;
  attributes?: GovukAttributes;
};

export type TableProps = {
  /** Falsy rows are skipped, so rows can be included conditionally. */
  rows: (TableCell[] | false | null | undefined)[];
  head?: TableCell[];
  caption?: string;
  captionClasses?: string;
  firstCellIsHeader?: boolean;
  className?: string;
  attributes?: GovukAttributes;
};

function classNames(base: string, format: string | undefined, className: string | undefined) {
  return [base, format ? `${base}--${format}` : "", className ?? ""].filter(Boolean).join(" ");
}

function spans(cell: TableCell) {
  return { colSpan: cell.colspan || undefined, rowSpan: cell.rowspan || undefined };
}

export function Table({ rows, head, caption, captionClasses, firstCellIsHeader, className, attributes }: TableProps) {
  return (
    <table className={className ? `govuk-table ${className}` : "govuk-table"} {...attributeProps(attributes)}>
      {caption ? <caption className={captionClasses ? `govuk-table__caption ${captionClasses}` : "govuk-table__caption"}>{caption}</caption> : null}
      {head ? (
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {head.map((cell, index) => (
              <th
                key={index}
                scope="col"
                className={classNames("govuk-table__header", cell.format, cell.className)}
                {...spans(cell)}
                {...attributeProps(cell.attributes)}
              >
                {cell.children}
              </th>
            ))}
          </tr>
        </thead>
      ) : null}
      <tbody className="govuk-table__body">
        {rows.map((row, rowIndex) =>
          row ? (
            <tr key={rowIndex} className="govuk-table__row">
              {row.map((cell, index) =>
                index === 0 && firstCellIsHeader ? (
                  // Unlike head cells, the macro gives row headers no format modifier.
                  <th
                    key={index}
                    scope="row"
                    className={classNames("govuk-table__header", undefined, cell.className)}
                    {...spans(cell)}
                    {...attributeProps(cell.attributes)}
                  >
                    {cell.children}
                  </th>
                ) : (
                  <td
                    key={index}
                    className={classNames("govuk-table__cell", cell.format, cell.className)}
                    {...spans(cell)}
                    {...attributeProps(cell.attributes)}
                  >
                    {cell.children}
                  </td>
                ),
              )}
            </tr>
          ) : null,
        )}
      </tbody>
    </table>
  );
}
