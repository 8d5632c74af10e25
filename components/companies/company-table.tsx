import Link from "next/link";
import { useTranslations } from "next-intl";
import type { CompanyListItem } from "@/lib/companies/queries";
import type { PrefectureOption } from "@/lib/dashboard/reference";
import type { Locale } from "@/lib/i18n/config";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

/** The company list: name and reading, 法人番号, where, what business — what people compare to tell companies apart. */
export function CompanyTable({ items, locale, prefectures }: { items: CompanyListItem[]; locale: Locale; prefectures: PrefectureOption[] }) {
  const t = useTranslations("companies");
  const prefectureName = (code: number, fallback: string) => {
    const p = prefectures.find((x) => x.code === code);
    return p ? (locale === "ja" ? p.nameJa : p.nameEn) : fallback;
  };
  return (
    <div className="rounded-lg border bg-card">
      <Table className="min-w-[44rem]" data-testid="company-table">
        <TableHeader>
          <TableRow>
            <TableHead scope="col">{t("columns.name")}</TableHead>
            <TableHead scope="col">{t("columns.corporateNumber")}</TableHead>
            <TableHead scope="col">{t("columns.location")}</TableHead>
            <TableHead scope="col">{t("columns.industry")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((company) => (
            <TableRow key={company.id}>
              <TableCell className="py-1.5">
                <Link href={`/companies/${company.id}`} className="font-medium text-primary hover:underline">
                  {company.name}
                </Link>
                {company.isProvisional ? (
                  <Badge variant="warning" className="ml-2">
                    {t("provisional")}
                  </Badge>
                ) : null}
                {company.nameKana ? <div className="text-xs text-muted-foreground">{company.nameKana}</div> : null}
              </TableCell>
              <TableCell className="font-mono text-xs tabular-nums">{company.corporateNumber ?? "—"}</TableCell>
              <TableCell className="whitespace-nowrap">
                {prefectureName(company.prefectureCode, company.prefectureName)}
                {company.city ? <span className="text-muted-foreground"> {company.city}</span> : null}
              </TableCell>
              <TableCell>{company.industry ?? "—"}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
