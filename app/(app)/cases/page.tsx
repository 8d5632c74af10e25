import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Columns3, List } from "lucide-react";
import { getDb } from "@/db/client";
import type { CaseStage } from "@/db/schema";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/authz/can";
import { caseListParams, parseCaseListFilters } from "@/lib/cases/list-filters";
import { getPrefectureCaseCountsForActor } from "@/lib/cases/prefecture-counts";
import { countCasesByStageForActor, findCasesForActor, type CaseListItem } from "@/lib/cases/queries";
import { ALL_STAGES } from "@/lib/cases/stage";
import { listPrefectures, listThemes } from "@/lib/dashboard/reference";
import { formatShortDate } from "@/lib/format/datetime";
import { InvalidCursorError, type Page } from "@/lib/pagination";
import { ListPagination } from "@/components/app-shell/list-pagination";
import { getUiLocale } from "@/components/app-shell/locale";
import { PageHeader } from "@/components/app-shell/page-header";
import { CaseBoard, type BoardColumn } from "@/components/cases/case-board";
import { CaseFilters } from "@/components/cases/case-filters";
import { CaseTable } from "@/components/cases/case-table";
import { ExportLinks } from "@/components/companies/export-links";
import { Card, CardContent } from "@/components/ui/card";
import { cn } from "@/lib/utils";
import { firstParam, listHref, oneOf, type SearchParams } from "../_lib/search-params";
import { PrefectureCountsCard } from "./_components/prefecture-counts-card";
import { changeCaseStageAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("cases");
  return { title: t("title") };
}

const PAGE_SIZE = 50;
/** Cards per board column: the most recently updated; the rest are a click away in the list view. */
const BOARD_COLUMN_SIZE = 30;

/**
 * 支援案件: the list (dense table, keyset pages) or the stage board, with the same filters in the URL
 * (`?view=board&theme=patent&prefecture=17&mine=1`). Both read through the actor's scope; the board offers moves
 * only on the cases the actor may change, and the server checks every move again. 経産局 filtering by a
 * prefecture (the tile map's links) also get that prefecture's cases of their block as counts.
 */
export default async function CasesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("case:read");
  const params = await searchParams;
  const view = oneOf(params.view, ["list", "board"] as const) ?? "list";
  const filters = parseCaseListFilters(params);
  const cursor = firstParam(params.cursor, 4000);
  const db = getDb();
  const [t, locale, themes, prefectures, prefectureCounts] = await Promise.all([
    getTranslations(),
    getUiLocale(),
    listThemes(db),
    listPrefectures(db),
    filters.prefecture === undefined ? null : getPrefectureCaseCountsForActor(db, actor, filters.prefecture),
  ]);
  const listParams = caseListParams(filters);
  const viewHref = (v: "list" | "board") => listHref("/cases", { ...listParams, stage: v === "board" ? undefined : listParams.stage, view: v === "board" ? "board" : undefined });

  let content: React.ReactNode;
  let pagination: React.ReactNode = null;
  if (view === "board") {
    const { stage: _stage, ...boardFilters } = filters;
    const [counts, ...pages] = await Promise.all([
      countCasesByStageForActor(db, actor, boardFilters),
      ...ALL_STAGES.map((stage) => findCasesForActor(db, actor, { ...boardFilters, stage, limit: BOARD_COLUMN_SIZE })),
    ]);
    const columns: BoardColumn[] = ALL_STAGES.map((stage, i) => ({
      stage,
      items: pages[i]!.items.map((item) => ({ ...item, updatedLabel: formatShortDate(item.updatedAt, locale) })),
      total: counts[stage],
    }));
    const stageListHref = Object.fromEntries(ALL_STAGES.map((stage) => [stage, listHref("/cases", { ...caseListParams(boardFilters), stage })])) as Record<CaseStage, string>;
    content = (
      <>
        <p className="mb-2 text-xs text-muted-foreground">{t("cases.boardLimit", { count: BOARD_COLUMN_SIZE })}</p>
        <CaseBoard columns={columns} action={changeCaseStageAction} stageListHref={stageListHref} />
      </>
    );
  } else {
    let page: Page<CaseListItem>;
    try {
      page = await findCasesForActor(db, actor, { ...filters, cursor, limit: PAGE_SIZE });
    } catch (error) {
      // A cursor is only a position; a damaged one (an edited URL) starts the list over.
      if (!(error instanceof InvalidCursorError)) throw error;
      page = await findCasesForActor(db, actor, { ...filters, limit: PAGE_SIZE });
    }
    content =
      page.items.length === 0 ? (
        <p className="rounded-lg border bg-card px-4 py-8 text-center text-sm text-muted-foreground">{t("cases.empty")}</p>
      ) : (
        <CaseTable items={page.items} locale={locale} />
      );
    pagination = (
      <ListPagination
        nextHref={page.nextCursor ? listHref("/cases", { ...listParams, cursor: page.nextCursor }) : undefined}
        firstHref={cursor ? listHref("/cases", listParams) : undefined}
      />
    );
  }

  return (
    <>
      <PageHeader
        title={t("cases.title")}
        description={t("cases.description")}
        actions={
          <>
            <nav aria-label={t("cases.views.label")} className="flex rounded-md border bg-card p-0.5">
              {(["list", "board"] as const).map((v) => (
                <Link
                  key={v}
                  href={viewHref(v)}
                  aria-current={view === v ? "page" : undefined}
                  className={cn(
                    "inline-flex h-8 items-center gap-1.5 rounded px-3 text-sm",
                    view === v ? "bg-primary text-primary-foreground" : "text-muted-foreground hover:bg-accent",
                  )}
                >
                  {v === "list" ? <List aria-hidden className="size-4" /> : <Columns3 aria-hidden className="size-4" />}
                  {t(`cases.views.${v}`)}
                </Link>
              ))}
            </nav>
            {can(actor, "export:read") ? <ExportLinks path="/api/v1/exports/cases" params={view === "board" ? { ...listParams, stage: undefined } : listParams} /> : null}
          </>
        }
      />
      <Card className="mb-4 py-3">
        <CardContent>
          <CaseFilters themes={themes} prefectures={prefectures} showStage={view === "list"} />
        </CardContent>
      </Card>
      {prefectureCounts ? <PrefectureCountsCard counts={prefectureCounts} locale={locale} /> : null}
      {content}
      {pagination}
    </>
  );
}
