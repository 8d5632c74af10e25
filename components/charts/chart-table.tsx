import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";

interface ChartTableProps {
  /** The disclosure's label, e.g. 「表で見る」. */
  summary: string;
  caption: string;
  columns: readonly string[];
  rows: readonly { key: string; cells: readonly React.ReactNode[] }[];
  className?: string;
}

/**
 * The table behind a chart, in a disclosure: screen readers and anyone who wants the exact numbers read the
 * same data the chart draws.
 */
export function ChartTable({ summary, caption, columns, rows, className }: ChartTableProps) {
  return (
    <details data-slot="chart-table" className={cn("text-sm", className)}>
      <summary className="w-fit cursor-pointer text-xs text-primary underline-offset-4 hover:underline print:hidden">{summary}</summary>
      <Table className="mt-2">
        <caption className="sr-only">{caption}</caption>
        <TableHeader>
          <TableRow>
            {columns.map((column, i) => (
              <TableHead key={column} scope="col" className={i > 0 ? "text-right" : undefined}>
                {column}
              </TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.key}>
              {row.cells.map((cell, i) =>
                i === 0 ? (
                  <TableHead key={i} scope="row" className="font-normal text-foreground">
                    {cell}
                  </TableHead>
                ) : (
                  <TableCell key={i} className="text-right tabular-nums">
                    {cell}
                  </TableCell>
                ),
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </details>
  );
}
