import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ChevronLeft } from "lucide-react";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { listPrefectures } from "@/lib/dashboard/reference";
import { newIdempotencyKey } from "@/lib/validation/idempotency-key";
import { PageHeader } from "@/components/app-shell/page-header";
import { CompanyForm, type CompanyFormValues } from "@/components/companies/company-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { firstParam, type SearchParams } from "../../_lib/search-params";
import { checkCompanyDuplicatesAction, createCompanyAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("companies.create");
  return { title: t("title") };
}

/** 企業登録. `?name=` carries over what was searched for when the search found nothing. */
export default async function NewCompanyPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("company:create");
  const params = await searchParams;
  const [t, prefectures] = await Promise.all([getTranslations(), listPrefectures(getDb())]);
  const initial: CompanyFormValues = {
    corporateNumber: "",
    name: firstParam(params.name, 200) ?? "",
    nameKana: "",
    // Most companies a desk registers are in its own prefecture.
    prefectureCode: actor.prefectureCode ? String(actor.prefectureCode) : "",
    city: "",
    address: "",
    industry: "",
    employeeCount: "",
    capitalYen: "",
    website: "",
    foundedOn: "",
    isProvisional: false,
  };
  return (
    <>
      <Button asChild variant="link" size="sm" className="mb-2 px-0">
        <Link href="/companies">
          <ChevronLeft aria-hidden />
          {t("common.backToList")}
        </Link>
      </Button>
      <PageHeader title={t("companies.create.title")} description={t("companies.create.description")} />
      <Card className="max-w-4xl">
        <CardContent>
          <CompanyForm
            mode="create"
            action={createCompanyAction}
            checkDuplicates={checkCompanyDuplicatesAction}
            idempotencyKey={newIdempotencyKey()}
            prefectures={prefectures}
            initial={initial}
            cancelHref="/companies"
          />
        </CardContent>
      </Card>
    </>
  );
}
