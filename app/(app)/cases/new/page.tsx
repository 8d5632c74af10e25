import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ChevronLeft, Search } from "lucide-react";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { findSelectableUsersForActor, findTeamsOfActor } from "@/lib/cases/queries";
import { getCompanyForActor } from "@/lib/companies/queries";
import { listThemes } from "@/lib/dashboard/reference";
import { newIdempotencyKey } from "@/lib/validation/idempotency-key";
import { PageHeader } from "@/components/app-shell/page-header";
import { CaseForm } from "@/components/cases/case-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { firstParam, type SearchParams } from "../../_lib/search-params";
import { openCaseAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("cases.open");
  return { title: t("title") };
}

/** 案件の開始, from a company (`?companyId=`): a case always belongs to a company the actor may find. */
export default async function NewCasePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("case:create");
  const companyId = firstParam((await searchParams).companyId, 64);
  const t = await getTranslations();
  if (!companyId) {
    return (
      <>
        <PageHeader title={t("cases.open.title")} description={t("cases.open.noCompany")} />
        <Button asChild>
          <Link href="/companies">
            <Search aria-hidden />
            {t("cases.open.findCompany")}
          </Link>
        </Button>
      </>
    );
  }
  const db = getDb();
  const company = await getCompanyForActor(db, actor, companyId);
  if (!company) notFound();
  const [themes, people, teams] = await Promise.all([listThemes(db), findSelectableUsersForActor(db, actor), findTeamsOfActor(db, actor)]);
  return (
    <>
      <Button asChild variant="link" size="sm" className="mb-2 px-0">
        <Link href={`/companies/${company.id}`}>
          <ChevronLeft aria-hidden />
          {company.name}
        </Link>
      </Button>
      <PageHeader title={t("cases.open.title")} description={`${t("cases.open.company")}: ${company.name}（${company.prefectureName}${company.city ?? ""}）`} />
      <Card className="max-w-4xl">
        <CardContent>
          <CaseForm
            mode="open"
            companyId={company.id}
            idempotencyKey={newIdempotencyKey()}
            me={{ id: actor.userId, name: actor.name }}
            people={people}
            teams={teams}
            themes={themes}
            initial={{ title: "", summary: "", themes: [], source: "" }}
            action={openCaseAction}
            cancelHref={`/companies/${company.id}`}
          />
        </CardContent>
      </Card>
    </>
  );
}
