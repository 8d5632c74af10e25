import { cn } from "@/lib/utils";

export interface CountTableProps {
  /** Names the table for screen readers (a <caption>) and the scrollable region. */
  caption: string;
  /** The header of the first column (what the rows are). */
  rowHeader: string;
  columns: readonly { key: string; label: string }[];
  rows: readonly { key: string; label: string; values: Record<string, number> }[];
  /** A total column and a total row. */
  totals?: { label: string };
  testId?: string;
}

/**
 * A matrix of counts (prefecture × stage, party → party): row and column headers for screen readers, zeros
 * dimmed so that the numbers stand out, and a scrollable region that keyboard users can reach and scroll
 * (it is focusable and named), since a wide matrix can outgrow the page.
 */
export function CountTable({ caption, rowHeader, columns, rows, totals, testId }: CountTableProps) {
  const rowTotal = (values: Record<string, number>) => columns.reduce((n, c) => n + (values[c.key] ?? 0), 0);
  const columnTotal = (key: string) => rows.reduce((n, r) => n + (r.values[key] ?? 0), 0);
  const cell = (value: number) => <span className={cn("tabular-nums", value === 0 && "text-muted-foreground/60")}>{value}</span>;

  return (
    <div
      role="region"
      aria-label={caption}
      tabIndex={0}
      data-testid={testId}
      className="relative w-full overflow-x-auto rounded-md focus-visible:outline-2 focus-visible:outline-ring"
    >
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-muted/60">
          <tr className="border-b">
            <th scope="col" className="h-9 px-3 text-left text-xs font-semibold whitespace-nowrap text-muted-foreground">
              {rowHeader}
            </th>
            {columns.map((c) => (
              <th key={c.key} scope="col" className="h-9 px-2 text-right text-xs font-semibold whitespace-nowrap text-muted-foreground">
                {c.label}
              </th>
            ))}
            {totals ? (
              <th scope="col" className="h-9 px-3 text-right text-xs font-semibold whitespace-nowrap text-muted-foreground">
                {totals.label}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className="border-b hover:bg-muted/40">
              <th scope="row" className="px-3 py-1.5 text-left font-normal whitespace-nowrap">
                {row.label}
              </th>
              {columns.map((c) => (
                <td key={c.key} className="px-2 py-1.5 text-right">
                  {cell(row.values[c.key] ?? 0)}
                </td>
              ))}
              {totals ? <td className="px-3 py-1.5 text-right font-semibold">{cell(rowTotal(row.values))}</td> : null}
            </tr>
          ))}
        </tbody>
        {totals ? (
          <tfoot>
            <tr className="bg-muted/30">
              <th scope="row" className="px-3 py-1.5 text-left font-semibold">
                {totals.label}
              </th>
              {columns.map((c) => (
                <td key={c.key} className="px-2 py-1.5 text-right font-semibold">
                  {cell(columnTotal(c.key))}
                </td>
              ))}
              <td className="px-3 py-1.5 text-right font-semibold">{cell(rows.reduce((n, r) => n + rowTotal(r.values), 0))}</td>
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
