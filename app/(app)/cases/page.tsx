import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Filter } from "lucide-react";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { findCasesForActor, type CaseListItem } from "@/lib/cases/queries";
import { ALL_STAGES } from "@/lib/cases/stage";
import { formatShortDate } from "@/lib/format/datetime";
import { InvalidCursorError, type Page } from "@/lib/pagination";
import { getUiLocale } from "@/components/app-shell/locale";
import { ListPagination } from "@/components/app-shell/list-pagination";
import { PageHeader } from "@/components/app-shell/page-header";
import { StageBadge } from "@/components/cases/stage-badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { firstParam, listHref, oneOf, type SearchParams } from "../_lib/search-params";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("cases");
  return { title: t("title") };
}

const PAGE_SIZE = 50;

export default async function CasesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("case:read");
  const params = await searchParams;
  const stage = oneOf(params.stage, ALL_STAGES);
  const cursor = firstParam(params.cursor, 4000);

  const db = getDb();
  const [t, locale] = await Promise.all([getTranslations(), getUiLocale()]);
  let page: Page<CaseListItem>;
  try {
    page = await findCasesForActor(db, actor, { stage, cursor, limit: PAGE_SIZE });
  } catch (error) {
    // A cursor is only a position; a damaged one (an edited URL) starts the list over.
    if (!(error instanceof InvalidCursorError)) throw error;
    page = await findCasesForActor(db, actor, { stage, limit: PAGE_SIZE });
  }

  return (
    <>
      <PageHeader title={t("cases.title")} description={t("cases.description")} />
      <Card className="mb-4 py-3">
        <CardContent>
          {/* A GET form: the filter lives in the URL, so a filtered list can be bookmarked and shared. */}
          <form method="get" action="/cases" className="flex flex-wrap items-end gap-3">
            <div className="grid w-56 gap-1.5">
              <Label htmlFor="case-stage">{t("cases.stageFilter")}</Label>
              <Select id="case-stage" name="stage" defaultValue={stage ?? ""}>
                <option value="">{t("cases.allStages")}</option>
                {ALL_STAGES.map((s) => (
                  <option key={s} value={s}>
                    {t(`stages.${s}`)}
                  </option>
                ))}
              </Select>
            </div>
            <Button type="submit" variant="secondary">
              <Filter aria-hidden />
              {t("cases.filter")}
            </Button>
            {stage ? (
              <Button asChild variant="ghost">
                <Link href="/cases">{t("common.clear")}</Link>
              </Button>
            ) : null}
          </form>
        </CardContent>
      </Card>

      {page.items.length === 0 ? (
        <p className="rounded-lg border bg-card px-4 py-8 text-center text-sm text-muted-foreground">{t("cases.empty")}</p>
      ) : (
        <div className="rounded-lg border bg-card">
          <Table className="min-w-[52rem]">
            <TableHeader>
              <TableRow>
                <TableHead scope="col">{t("cases.columns.code")}</TableHead>
                <TableHead scope="col">{t("cases.columns.title")}</TableHead>
                <TableHead scope="col">{t("cases.columns.company")}</TableHead>
                <TableHead scope="col">{t("cases.columns.stage")}</TableHead>
                <TableHead scope="col">{t("cases.columns.lead")}</TableHead>
                <TableHead scope="col">{t("cases.columns.owner")}</TableHead>
                <TableHead scope="col">{t("cases.columns.updated")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {page.items.map((item) => (
                <TableRow key={item.id}>
                  <TableCell className="font-mono text-xs whitespace-nowrap">{item.code}</TableCell>
                  <TableCell>
                    <Link href={`/cases/${item.id}`} className="font-medium text-primary hover:underline">
                      {item.title}
                    </Link>
                  </TableCell>
                  <TableCell>
                    {item.company.name}
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
      )}
      <ListPagination
        nextHref={page.nextCursor ? listHref("/cases", { stage, cursor: page.nextCursor }) : undefined}
        firstHref={cursor ? listHref("/cases", { stage }) : undefined}
      />
    </>
  );
}
