import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ChevronLeft } from "lucide-react";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { getCompanyForActor } from "@/lib/companies/queries";
import { listPrefectures } from "@/lib/dashboard/reference";
import { PageHeader } from "@/components/app-shell/page-header";
import { CompanyForm, type CompanyFormValues } from "@/components/companies/company-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { updateCompanyAction } from "../../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("companies.edit");
  return { title: t("title") };
}

/** 企業情報の編集: the form carries the version read here; a stale save is refused with what changed. */
export default async function EditCompanyPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("company:update");
  const { id } = await params;
  const db = getDb();
  const company = await getCompanyForActor(db, actor, id);
  if (!company) notFound();
  const [t, prefectures] = await Promise.all([getTranslations(), listPrefectures(db)]);
  const text = (value: string | number | null) => (value === null ? "" : String(value));
  const initial: CompanyFormValues = {
    corporateNumber: text(company.corporateNumber),
    name: company.name,
    nameKana: text(company.nameKana),
    prefectureCode: String(company.prefectureCode),
    city: text(company.city),
    address: text(company.address),
    industry: text(company.industry),
    employeeCount: text(company.employeeCount),
    capitalYen: text(company.capitalYen),
    website: text(company.website),
    foundedOn: text(company.foundedOn),
    isProvisional: company.isProvisional,
  };
  return (
    <>
      <Button asChild variant="link" size="sm" className="mb-2 px-0">
        <Link href={`/companies/${company.id}`}>
          <ChevronLeft aria-hidden />
          {t("companies.edit.back")}
        </Link>
      </Button>
      <PageHeader title={t("companies.edit.title")} description={company.name} />
      <Card className="max-w-4xl">
        <CardContent>
          <CompanyForm
            mode="edit"
            action={updateCompanyAction}
            id={company.id}
            version={company.version}
            prefectures={prefectures}
            initial={initial}
            cancelHref={`/companies/${company.id}`}
          />
        </CardContent>
      </Card>
    </>
  );
}
