import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Search } from "lucide-react";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { findCompaniesForActor, type CompanyListItem } from "@/lib/companies/queries";
import { listPrefectures } from "@/lib/dashboard/reference";
import { InvalidCursorError, type Page } from "@/lib/pagination";
import { getUiLocale } from "@/components/app-shell/locale";
import { ListPagination } from "@/components/app-shell/list-pagination";
import { PageHeader } from "@/components/app-shell/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { firstParam, listHref, type SearchParams } from "../_lib/search-params";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("companies");
  return { title: t("title") };
}

const PAGE_SIZE = 50;

export default async function CompaniesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("company:read");
  const params = await searchParams;
  const q = firstParam(params.q, 100);
  const prefectureValue = Number(firstParam(params.prefecture));
  const prefecture = Number.isInteger(prefectureValue) && prefectureValue >= 1 && prefectureValue <= 47 ? prefectureValue : undefined;
  const cursor = firstParam(params.cursor, 4000);

  const db = getDb();
  const [t, locale, prefectures] = await Promise.all([getTranslations(), getUiLocale(), listPrefectures(db)]);
  let page: Page<CompanyListItem>;
  try {
    page = await findCompaniesForActor(db, actor, { q, prefecture, cursor, limit: PAGE_SIZE });
  } catch (error) {
    // A cursor is only a position; a damaged one (an edited URL) starts the list over.
    if (!(error instanceof InvalidCursorError)) throw error;
    page = await findCompaniesForActor(db, actor, { q, prefecture, limit: PAGE_SIZE });
  }
  const prefectureName = (code: number, fallback: string) => {
    const p = prefectures.find((x) => x.code === code);
    return p ? (locale === "ja" ? p.nameJa : p.nameEn) : fallback;
  };

  return (
    <>
      <PageHeader title={t("companies.title")} description={t("companies.description")} />
      <Card className="mb-4 py-3">
        <CardContent>
          <form method="get" action="/companies" role="search" className="flex flex-wrap items-end gap-3">
            <div className="grid min-w-64 flex-1 gap-1.5">
              <Label htmlFor="company-q">{t("companies.searchLabel")}</Label>
              <Input id="company-q" name="q" type="search" defaultValue={q} placeholder={t("companies.searchPlaceholder")} maxLength={100} />
            </div>
            <div className="grid w-48 gap-1.5">
              <Label htmlFor="company-prefecture">{t("companies.prefecture")}</Label>
              <Select id="company-prefecture" name="prefecture" defaultValue={prefecture ? String(prefecture) : ""}>
                <option value="">{t("companies.allPrefectures")}</option>
                {prefectures.map((p) => (
                  <option key={p.code} value={p.code}>
                    {locale === "ja" ? p.nameJa : p.nameEn}
                  </option>
                ))}
              </Select>
            </div>
            <Button type="submit">
              <Search aria-hidden />
              {t("common.search")}
            </Button>
            {q || prefecture ? (
              <Button asChild variant="ghost">
                <Link href="/companies">{t("common.clear")}</Link>
              </Button>
            ) : null}
          </form>
        </CardContent>
      </Card>

      {page.items.length === 0 ? (
        <p className="rounded-lg border bg-card px-4 py-8 text-center text-sm text-muted-foreground">{t("companies.empty")}</p>
      ) : (
        <div className="rounded-lg border bg-card">
          <Table className="min-w-[40rem]">
            <TableHeader>
              <TableRow>
                <TableHead scope="col">{t("companies.columns.name")}</TableHead>
                <TableHead scope="col">{t("companies.columns.corporateNumber")}</TableHead>
                <TableHead scope="col">{t("companies.columns.location")}</TableHead>
                <TableHead scope="col">{t("companies.columns.industry")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {page.items.map((company) => (
                <TableRow key={company.id}>
                  <TableCell>
                    <Link href={`/companies/${company.id}`} className="font-medium text-primary hover:underline">
                      {company.name}
                    </Link>
                    {company.isProvisional ? (
                      <Badge variant="warning" className="ml-2">
                        {t("companies.provisional")}
                      </Badge>
                    ) : null}
                    {company.nameKana ? <div className="text-xs text-muted-foreground">{company.nameKana}</div> : null}
                  </TableCell>
                  <TableCell className="font-mono text-xs">{company.corporateNumber ?? "—"}</TableCell>
                  <TableCell>
                    {prefectureName(company.prefectureCode, company.prefectureName)}
                    {company.city ? ` ${company.city}` : ""}
                  </TableCell>
                  <TableCell>{company.industry ?? "—"}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <ListPagination
        nextHref={page.nextCursor ? listHref("/companies", { q, prefecture, cursor: page.nextCursor }) : undefined}
        firstHref={cursor ? listHref("/companies", { q, prefecture }) : undefined}
      />
    </>
  );
}
