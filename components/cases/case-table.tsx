import Link from "next/link";
import { useTranslations } from "next-intl";
import type { CaseListItem } from "@/lib/cases/queries";
import { formatShortDate } from "@/lib/format/datetime";
import type { Locale } from "@/lib/i18n/config";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { StageBadge } from "./stage-badge";

/** The case list: dense rows that people scan for stage, company and lead. */
export function CaseTable({ items, locale }: { items: CaseListItem[]; locale: Locale }) {
  const t = useTranslations("cases.columns");
  return (
    <div className="rounded-lg border bg-card">
      <Table className="min-w-[56rem]" data-testid="case-table">
        <TableHeader>
          <TableRow>
            <TableHead scope="col">{t("code")}</TableHead>
            <TableHead scope="col">{t("title")}</TableHead>
            <TableHead scope="col">{t("company")}</TableHead>
            <TableHead scope="col">{t("stage")}</TableHead>
            <TableHead scope="col">{t("lead")}</TableHead>
            <TableHead scope="col">{t("owner")}</TableHead>
            <TableHead scope="col">{t("updated")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((item) => (
            <TableRow key={item.id}>
              <TableCell className="font-mono text-xs whitespace-nowrap">{item.code}</TableCell>
              <TableCell className="py-1.5">
                <Link href={`/cases/${item.id}`} className="font-medium text-primary hover:underline">
                  {item.title}
                </Link>
              </TableCell>
              <TableCell>
                <Link href={`/companies/${item.company.id}`} className="hover:underline">
                  {item.company.name}
                </Link>
                <div className="text-xs text-muted-foreground">{item.company.prefectureName}</div>
              </TableCell>
              <TableCell>
                <StageBadge stage={item.stage} />
              </TableCell>
              <TableCell className="whitespace-nowrap">{item.lead.name}</TableCell>
              <TableCell className="text-xs">{item.ownerOrg.name}</TableCell>
              <TableCell className="whitespace-nowrap">{formatShortDate(item.updatedAt, locale)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
