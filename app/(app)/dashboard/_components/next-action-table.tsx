import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { NextActionItem } from "@/lib/dashboard/queries";
import { formatShortDate } from "@/lib/format/datetime";
import type { Locale } from "@/lib/i18n/config";
import { DueBadge } from "@/components/app-shell/due-badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

interface NextActionTableProps {
  items: NextActionItem[];
  locale: Locale;
  /** Show the assignee column (a manager's view of the whole organization). */
  showAssignee: boolean;
  emptyText: string;
}

export async function NextActionTable({ items, locale, showAssignee, emptyText }: NextActionTableProps) {
  const t = await getTranslations("home.inpit");
  if (items.length === 0) return <p className="text-sm text-muted-foreground">{emptyText}</p>;
  return (
    <Table className="min-w-[30rem]">
      <TableHeader>
        <TableRow>
          <TableHead scope="col">{t("action")}</TableHead>
          <TableHead scope="col">{t("case")}</TableHead>
          {showAssignee ? <TableHead scope="col">{t("assignee")}</TableHead> : null}
          <TableHead scope="col">{t("due")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((item) => (
          <TableRow key={item.id}>
            <TableCell className="font-medium">{item.title}</TableCell>
            <TableCell>
              <Link href={`/cases/${item.caseId}`} className="text-primary hover:underline">
                <span className="mr-1.5 font-mono text-xs text-muted-foreground">{item.caseCode}</span>
                {item.caseTitle}
              </Link>
            </TableCell>
            {showAssignee ? <TableCell>{item.assigneeName}</TableCell> : null}
            <TableCell className="whitespace-nowrap">
              <span className="mr-2">{formatShortDate(item.dueOn, locale)}</span>
              <DueBadge dueOn={item.dueOn} locale={locale} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
