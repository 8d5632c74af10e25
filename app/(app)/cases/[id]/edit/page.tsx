import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ChevronLeft } from "lucide-react";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { getCaseForActor } from "@/lib/cases/queries";
import { listThemes } from "@/lib/dashboard/reference";
import { PageHeader } from "@/components/app-shell/page-header";
import { CaseForm } from "@/components/cases/case-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { updateCaseAction } from "../../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("cases.edit");
  return { title: t("title") };
}

/** 案件の編集: title, summary, themes, source; the form carries the version read here. */
export default async function EditCasePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("case:update");
  const { id } = await params;
  const db = getDb();
  const detail = await getCaseForActor(db, actor, id, { confidential: false });
  // Seeing a case is not changing it: a page of a case the actor may not edit does not exist for them.
  if (!detail || !detail.mayEdit) notFound();
  const [t, themes] = await Promise.all([getTranslations(), listThemes(db)]);
  return (
    <>
      <Button asChild variant="link" size="sm" className="mb-2 px-0">
        <Link href={`/cases/${detail.id}`}>
          <ChevronLeft aria-hidden />
          {t("cases.edit.back")}
        </Link>
      </Button>
      <PageHeader title={t("cases.edit.title")} description={`${detail.code} ${detail.title}`} />
      <Card className="max-w-4xl">
        <CardContent>
          <CaseForm
            mode="edit"
            id={detail.id}
            version={detail.version}
            themes={themes}
            initial={{ title: detail.title, summary: detail.summary ?? "", themes: detail.themes.map((th) => th.key), source: detail.source ?? "" }}
            action={updateCaseAction}
            cancelHref={`/cases/${detail.id}`}
          />
        </CardContent>
      </Card>
    </>
  );
}
