import type { Key, ReactNode } from "react";

import { TableRegion } from "./table-region";

export interface Column<Row> {
  /** The column's header; with `hiddenHeader`, said only to screen readers (e.g. "Actions"). */
  header: string;
  hiddenHeader?: boolean;
  /** Classes of the column's cells beside the shared ones: how its text wraps, its font. */
  cellClassName?: string;
  cell: (row: Row) => ReactNode;
}

interface Props<Row> {
  /** The name of the region the table scrolls in (TableRegion). */
  label: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => Key;
}

/**
 * The app's table of records: one header row of column headers, one row per record, inside a
 * TableRegion so it scrolls sideways on a narrow screen rather than the page.
 */
export function DataTable<Row>({ label, columns, rows, rowKey }: Props<Row>) {
  // Every column but the last keeps a gap to the next one.
  const gap = (index: number) => (index < columns.length - 1 ? "py-2 pr-4" : "py-2");
  return (
    <TableRegion label={label}>
      <table className="w-full border-collapse text-left text-sm">
        <thead>
          <tr className="border-b border-slate-300 dark:border-slate-700">
            {columns.map((column, index) => (
              <th key={column.header} scope="col" className={gap(index)}>
                {column.hiddenHeader ? <span className="sr-only">{column.header}</span> : column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className="border-b border-slate-200 align-top dark:border-slate-800">
              {columns.map((column, index) => (
                <td
                  key={column.header}
                  className={column.cellClassName ? `${gap(index)} ${column.cellClassName}` : gap(index)}
                >
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
