import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Plus } from "lucide-react";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/authz/can";
import { companyListParams, parseCompanyListFilters } from "@/lib/companies/list-filters";
import { findCompaniesForActor, type CompanyListItem } from "@/lib/companies/queries";
import { listPrefectures, listRegionalBlocks } from "@/lib/dashboard/reference";
import { InvalidCursorError, type Page } from "@/lib/pagination";
import { ListPagination } from "@/components/app-shell/list-pagination";
import { getUiLocale } from "@/components/app-shell/locale";
import { PageHeader } from "@/components/app-shell/page-header";
import { CompanySearchForm } from "@/components/companies/company-search-form";
import { CompanyTable } from "@/components/companies/company-table";
import { ExportLinks } from "@/components/companies/export-links";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { firstParam, listHref, type SearchParams } from "../_lib/search-params";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("companies");
  return { title: t("title") };
}

const PAGE_SIZE = 50;

export default async function CompaniesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("company:read");
  const params = await searchParams;
  const filters = parseCompanyListFilters(params);
  const cursor = firstParam(params.cursor, 4000);

  const db = getDb();
  const [t, locale, prefectures, blocks] = await Promise.all([getTranslations(), getUiLocale(), listPrefectures(db), listRegionalBlocks(db)]);
  let page: Page<CompanyListItem>;
  try {
    page = await findCompaniesForActor(db, actor, { ...filters, cursor, limit: PAGE_SIZE });
  } catch (error) {
    // A cursor is only a position; a damaged one (an edited URL) starts the list over.
    if (!(error instanceof InvalidCursorError)) throw error;
    page = await findCompaniesForActor(db, actor, { ...filters, limit: PAGE_SIZE });
  }
  const listParams = companyListParams(filters);
  const filtered = Object.values(listParams).some(Boolean);

  return (
    <>
      <PageHeader
        title={t("companies.title")}
        description={t("companies.description")}
        actions={
          <>
            {can(actor, "export:read") ? <ExportLinks path="/api/v1/exports/companies" params={listParams} /> : null}
            {can(actor, "company:create") ? (
              <Button asChild>
                <Link href="/companies/new">
                  <Plus aria-hidden />
                  {t("companies.create.button")}
                </Link>
              </Button>
            ) : null}
          </>
        }
      />
      <Card className="mb-4 py-3">
        <CardContent>
          <CompanySearchForm
            prefectures={prefectures.map((p) => ({ value: String(p.code), nameJa: p.nameJa, nameEn: p.nameEn }))}
            blocks={blocks.map((b) => ({ value: b.key, nameJa: b.nameJa, nameEn: b.nameEn }))}
          />
        </CardContent>
      </Card>

      <section aria-labelledby="company-results">
        <h2 id="company-results" className="sr-only">
          {t("companies.results")}
        </h2>
        {/* Announced as the list follows the search box; the table itself is not re-read on every keystroke. */}
        <p className="sr-only" role="status">
          {t(page.nextCursor ? "companies.resultCountMore" : "companies.resultCount", { count: page.items.length })}
        </p>
        {page.items.length === 0 ? (
          <div className="rounded-lg border bg-card px-4 py-8 text-center text-sm text-muted-foreground">
            <p>{t("companies.empty")}</p>
            {filtered && can(actor, "company:create") ? (
              <p className="mt-2">
                <Link href="/companies/new" className="text-primary hover:underline">
                  {t("companies.emptyCreate")}
                </Link>
              </p>
            ) : null}
          </div>
        ) : (
          <CompanyTable items={page.items} locale={locale} prefectures={prefectures} />
        )}
      </section>
      <ListPagination
        nextHref={page.nextCursor ? listHref("/companies", { ...listParams, cursor: page.nextCursor }) : undefined}
        firstHref={cursor ? listHref("/companies", listParams) : undefined}
      />
    </>
  );
}
