import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ChevronLeft, Pencil } from "lucide-react";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/authz/can";
import { getCompanyForActor } from "@/lib/companies/queries";
import { newIdempotencyKey } from "@/lib/validation/idempotency-key";
import { getUiLocale } from "@/components/app-shell/locale";
import { PageHeader } from "@/components/app-shell/page-header";
import { sectionHref } from "@/components/app-shell/section-pagination";
import {
  CompanyCasesSection,
  CompanyContactsSection,
  CompanyIpRightsSection,
  CompanyProfileSection,
} from "@/components/companies/company-sections";
import { MergeDialog } from "@/components/companies/merge-dialog";
import { ConsentsAndProvisions } from "@/components/referrals/consents-and-provisions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cursorParam, type SearchParams } from "../../_lib/search-params";
import { mergeCompaniesAction, saveContactAction, saveIpRightAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("companies");
  return { title: t("title") };
}

/**
 * 企業の詳細: the profile, the company's cases (and opening a new one), contact people (personal data, only for
 * those who may see them) and IP rights. Each section is its own card; header actions follow the permissions,
 * which every action checks again on the server. No list is unbounded: each shows a section page and pages on
 * with its own query parameter (?cases=, ?contacts=, ?ipRights=, ?consents=).
 */
export default async function CompanyPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("company:read");
  const [{ id }, query] = await Promise.all([params, searchParams]);
  // Each list section keeps its own keyset position in the URL, so paging one leaves the others in place.
  const positions = {
    cases: cursorParam(query.cases),
    contacts: cursorParam(query.contacts),
    ipRights: cursorParam(query.ipRights),
    consents: cursorParam(query.consents),
  };
  const company = await getCompanyForActor(getDb(), actor, id, { cursors: positions });
  // Outside the actor's scope and nonexistent look the same.
  if (!company) notFound();
  const [t, locale] = await Promise.all([getTranslations(), getUiLocale()]);
  const path = `/companies/${company.id}`;
  const paging = (key: keyof typeof positions, anchor: string) => ({ cursor: positions[key], href: sectionHref(path, positions, key, anchor) });

  return (
    <>
      <Button asChild variant="link" size="sm" className="mb-2 px-0">
        <Link href="/companies">
          <ChevronLeft aria-hidden />
          {t("common.backToList")}
        </Link>
      </Button>
      <PageHeader
        title={
          <>
            {company.name}
            {company.isProvisional ? (
              <Badge variant="warning" className="ml-3 align-middle">
                {t("companies.provisional")}
              </Badge>
            ) : null}
          </>
        }
        description={company.nameKana ?? undefined}
        actions={
          <>
            {can(actor, "company:update") ? (
              <Button asChild variant="outline">
                <Link href={`/companies/${company.id}/edit`}>
                  <Pencil aria-hidden />
                  {t("companies.detail.edit")}
                </Link>
              </Button>
            ) : null}
            {can(actor, "company:merge") ? (
              <MergeDialog
                company={{
                  id: company.id,
                  name: company.name,
                  corporateNumber: company.corporateNumber,
                  prefectureName: company.prefectureName,
                  city: company.city,
                  version: company.version,
                }}
                action={mergeCompaniesAction}
              />
            ) : null}
          </>
        }
      />
      <div className="grid gap-4 xl:grid-cols-2">
        <CompanyProfileSection company={company} locale={locale} />
        <CompanyCasesSection company={company} locale={locale} canOpenCase={can(actor, "case:create")} paging={paging("cases", "company-cases")} />
        <CompanyContactsSection
          company={company}
          paging={paging("contacts", "company-contacts")}
          canWrite={can(actor, "contact:write")}
          saveContactAction={saveContactAction}
          idempotencyKey={newIdempotencyKey()}
        />
        <CompanyIpRightsSection
          company={company}
          paging={paging("ipRights", "company-ip-rights")}
          locale={locale}
          canWrite={can(actor, "company:update")}
          saveIpRightAction={saveIpRightAction}
          idempotencyKey={newIdempotencyKey()}
        />
        <ConsentsAndProvisions
          actor={actor}
          company={company}
          consentsCursor={positions.consents}
          consentsHref={sectionHref(path, positions, "consents", "consents")}
          className="xl:col-span-2"
        />
      </div>
    </>
  );
}
