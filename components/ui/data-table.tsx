import type { ReactNode } from "react";

// The portal's one table: a scrollable region named for screen readers, a caption, column headers
// (`<th scope="col">`) and one row header per row (`<th scope="row">`), so every cell is announced with its row
// and column. Server component; also rendered inside client screens (no data access).

/** The header class most tables use; a table or column passes its own where it differs. */
export const TABLE_HEADER_CLASS = "whitespace-nowrap border-b border-solid-gray-420 px-3 py-3 text-dns-16B-130";
/** The cell class of the log tables (issuances, incidents, audit events, registrations). */
export const TABLE_CELL_CLASS = "px-3 py-3 align-top";

export type DataColumn<Row> = {
  /** The column header; a string is also its accessible name. */
  header: ReactNode;
  /** What the column shows for a row. */
  cell: (row: Row) => ReactNode;
  /** The cell naming the row (`<th scope="row">`); one column per table. */
  rowHeader?: boolean;
  /** Replaces the table's header class for this column. */
  headerClassName?: string;
  className?: string | ((row: Row) => string);
  /** `data-*` attributes of the cell (e.g. a status the e2e specs or styles read). */
  data?: (row: Row) => Record<`data-${string}`, string>;
};

type Props<Row> = {
  /** The accessible name of the scrollable region; without it the table scrolls in a plain container (none if regionClassName is ""). */
  label?: string;
  caption?: ReactNode;
  /** Default "sr-only": the caption describes the table to screen readers only. */
  captionClassName?: string;
  /** Columns; `false`/`null` entries are left out (columns shown to some roles only). */
  columns: ReadonlyArray<DataColumn<Row> | false | null>;
  rows: readonly Row[];
  rowKey: (row: Row) => string | number;
  /** Shown instead of the table when there are no rows (omitted: the table is shown empty). */
  empty?: ReactNode;
  /** Rows after the data rows (a totals row). */
  footerRows?: ReactNode;
  rowClassName?: string | ((row: Row) => string);
  headerClassName?: string;
  regionClassName?: string;
  tableClassName?: string;
  theadClassName?: string;
  headRowClassName?: string;
};

export function DataTable<Row>({
  label,
  caption,
  captionClassName = "sr-only",
  columns,
  rows,
  rowKey,
  empty,
  footerRows,
  rowClassName = "border-b border-solid-gray-200",
  headerClassName = TABLE_HEADER_CLASS,
  regionClassName = "overflow-x-auto rounded-8 border border-solid-gray-420",
  tableClassName = "w-full border-collapse text-left text-dns-16N-130",
  theadClassName = "bg-solid-gray-50",
  headRowClassName,
}: Props<Row>) {
  if (rows.length === 0 && empty !== undefined) return <>{empty}</>;
  const shown = columns.filter((c): c is DataColumn<Row> => Boolean(c));
  const table = (
    <table className={tableClassName}>
      {caption !== undefined ? <caption className={captionClassName}>{caption}</caption> : null}
      <thead className={theadClassName || undefined}>
        <tr className={headRowClassName}>
          {shown.map((c, i) => (
            <th key={i} scope="col" className={c.headerClassName ?? headerClassName}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} className={(typeof rowClassName === "function" ? rowClassName(row) : rowClassName) || undefined}>
            {shown.map((c, i) => {
              const className = (typeof c.className === "function" ? c.className(row) : c.className) || undefined;
              return c.rowHeader ? (
                <th key={i} scope="row" className={className} {...c.data?.(row)}>
                  {c.cell(row)}
                </th>
              ) : (
                <td key={i} className={className} {...c.data?.(row)}>
                  {c.cell(row)}
                </td>
              );
            })}
          </tr>
        ))}
        {footerRows}
      </tbody>
    </table>
  );
  if (label !== undefined) {
    return (
      <div className={regionClassName} role="region" aria-label={label} tabIndex={0}>
        {table}
      </div>
    );
  }
  return regionClassName ? <div className={regionClassName}>{table}</div> : table;
}
