import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ChevronLeft } from "lucide-react";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/authz/can";
import { readPageOrStartOver } from "@/lib/pagination";
import { findProvisionsForCompany } from "@/lib/referrals/provisions";
import { ListPagination } from "@/components/app-shell/list-pagination";
import { getUiLocale } from "@/components/app-shell/locale";
import { PageHeader } from "@/components/app-shell/page-header";
import { ExportLinks } from "@/components/companies/export-links";
import { ProvisionTable } from "@/components/referrals/provision-table";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { cursorParam, listHref, type SearchParams } from "../../../_lib/search-params";

/** Provisions per page. */
const PAGE_SIZE = 50;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("referrals.provisions");
  return { title: t("title") };
}

/**
 * 提供記録 of one company, whole: every provision the actor's organization took part in, newest first, 50 at a
 * time with the position in the URL (?cursor=), and the whole record as a file (APPI asks both sides to keep
 * it). The company is found through companyScope and the rows through referralScope, as on the company page:
 * a company outside the actor's scope is not found. The company and case pages show only the newest few.
 */
export default async function CompanyProvisionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const actor = await requirePermission("referral:read");
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const cursor = cursorParam(query.cursor);
  const db = getDb();
  const record = await readPageOrStartOver(cursor, (at) => findProvisionsForCompany(db, actor, id, { cursor: at, limit: PAGE_SIZE }));
  if (!record) notFound();
  const [t, locale] = await Promise.all([getTranslations(), getUiLocale()]);
  const path = `/companies/${record.company.id}/provisions`;

  return (
    <>
      <Button asChild variant="link" size="sm" className="mb-2 px-0">
        <Link href={`/companies/${record.company.id}`}>
          <ChevronLeft aria-hidden />
          {t("referrals.provisions.backToCompany")}
        </Link>
      </Button>
      <PageHeader
        title={t("referrals.provisions.pageTitle", { company: record.company.name })}
        description={t("referrals.provisions.pageDescription", { size: PAGE_SIZE })}
        actions={can(actor, "export:read") && record.total > 0 ? <ExportLinks path={`${path}/export`} params={{}} /> : null}
      />
      <Card>
        <CardContent className="grid gap-2">
          <p className="text-xs text-muted-foreground" data-testid="provisions-scope-note">
            {t("referrals.provisions.scopeNote")}
          </p>
          <p className="text-sm font-medium" data-testid="provisions-total">
            {t("common.total", { count: record.total })}
          </p>
          {record.items.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("referrals.provisions.empty")}</p>
          ) : (
            <ProvisionTable provisions={record.items} locale={locale} />
          )}
          <ListPagination
            nextHref={record.nextCursor ? listHref(path, { cursor: record.nextCursor }) : undefined}
            firstHref={cursor ? path : undefined}
          />
        </CardContent>
      </Card>
    </>
  );
}
