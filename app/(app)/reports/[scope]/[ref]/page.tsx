import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ChevronLeft } from "lucide-react";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { formatDate, formatDateTime } from "@/lib/format/datetime";
import { fiscalYearLabel, todayInJst } from "@/lib/format/fiscal-year";
import { parseFiscalYearParam } from "@/lib/kpi/period";
import { NATIONAL_PATH_REF, parseKpiScopeRef } from "@/lib/kpi/scope";
import { clampNoteForPrint } from "@/lib/reports/clamp-note";
import { getMeetingSummaryForActor } from "@/lib/reports/summary";
import { getUiLocale } from "@/components/app-shell/locale";
import { KpiTable } from "@/components/kpi/kpi-table";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { firstParam, listHref, type SearchParams } from "../../../_lib/search-params";
import { PrintButton } from "../../_components/print-button";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("reports");
  return { title: t("title") };
}

const PDCA_FIELDS = ["plan", "do", "check", "act"] as const;

/**
 * /reports/[scope]/[ref]?fy= — the one-page summary of a scope for the regional network meeting (連携会議):
 * KPI progress against targets and last year, cases by stage, referrals by status, the latest PDCA note.
 * Counts only, no case content. Printed with report-print.css (A4, no navigation); `national/all` is the
 * national scope. A scope the actor may not see is not found. The page is the sheet of paper — on screen too,
 * as its preview — so a PDCA field longer than its share of the page is cut (clampNoteForPrint) and ends in a
 * link to the full note on the KPI page.
 */
export default async function ReportPage({ params, searchParams }: { params: Promise<{ scope: string; ref: string }>; searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("report:read");
  const [{ scope: kind, ref }, query] = await Promise.all([params, searchParams]);
  const scope = kind === "national" ? (ref === NATIONAL_PATH_REF ? parseKpiScopeRef("national", "") : undefined) : parseKpiScopeRef(kind, ref);
  if (!scope) notFound();
  const today = todayInJst();
  const fiscalYear = parseFiscalYearParam(firstParam(query.fy), today);
  const summary = await getMeetingSummaryForActor(getDb(), actor, scope, fiscalYear, today);
  if (!summary) notFound();
  const [t, locale] = await Promise.all([getTranslations(), getUiLocale()]);
  const { kpi } = summary;
  const scopeName = locale === "ja" ? kpi.scope.nameJa : kpi.scope.nameEn;
  const kpiHref = listHref("/kpi", { fy: fiscalYear, scope: kpi.scope.kind, ref: kpi.scope.kind === "national" ? undefined : kpi.scope.ref });

  return (
    <>
      <div data-print="hide" className="mx-auto mb-4 flex max-w-[210mm] flex-wrap items-center justify-between gap-3">
        <Button asChild variant="link" size="sm" className="px-0">
          <Link href={kpiHref}>
            <ChevronLeft aria-hidden />
            {t("reports.back")}
          </Link>
        </Button>
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-xs text-muted-foreground">{t("reports.printHint")}</p>
          <PrintButton label={t("reports.print")} />
        </div>
      </div>

      <article data-report-page data-testid="report-page" aria-labelledby="report-title" className="grid gap-4">
        <header className="flex flex-wrap items-end justify-between gap-2 border-b pb-2">
          <div>
            <p className="text-xs text-muted-foreground">{t("reports.title")}</p>
            <h1 id="report-title" className="text-lg font-bold">
              {t("reports.summaryTitle", { scope: scopeName })}
            </h1>
            <p className="text-sm">
              {t("reports.subtitle", { fiscalYear: fiscalYearLabel(fiscalYear, locale), date: formatDate(kpi.period.asOf, locale) })}
            </p>
          </div>
          <p className="text-xs text-muted-foreground">{t("reports.generatedAt", { date: formatDateTime(new Date(), locale) })}</p>
        </header>

        <section aria-labelledby="report-kpi" className="grid gap-1">
          <h2 id="report-kpi" className="text-sm font-semibold">
            {t("reports.kpiSection")}
          </h2>
          <KpiTable report={kpi} locale={locale} compact />
          <p className="text-xs text-muted-foreground">
            {t("reports.previousNote", { label: fiscalYearLabel(kpi.previousPeriod.fiscalYear, locale), date: formatDate(kpi.previousPeriod.asOf, locale) })}
          </p>
        </section>

        <div className="grid grid-cols-2 gap-4">
          <section aria-labelledby="report-stages" data-report-block>
            <h2 id="report-stages" className="mb-1 text-sm font-semibold">
              {t("reports.stagesSection")}
            </h2>
            <Table className="text-xs">
              <TableHeader>
                <TableRow>
                  <TableHead scope="col">{t("teams.dashboard.stage")}</TableHead>
                  <TableHead scope="col" className="text-right">
                    {t("teams.dashboard.caseCount")}
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {summary.casesByStage.map((row) => (
                  <TableRow key={row.stage}>
                    <TableHead scope="row" className="h-auto font-normal text-foreground">
                      {t(`stages.${row.stage}`)}
                    </TableHead>
                    <TableCell className="text-right tabular-nums">{row.count}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </section>
          <section aria-labelledby="report-referrals" data-report-block>
            <h2 id="report-referrals" className="mb-1 text-sm font-semibold">
              {t("reports.referralsSection")}
            </h2>
            <Table className="text-xs">
              <TableHeader>
                <TableRow>
                  <TableHead scope="col">{t("teams.dashboard.status")}</TableHead>
                  <TableHead scope="col" className="text-right">
                    {t("teams.dashboard.total")}
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {summary.referralsByStatus.map((row) => (
                  <TableRow key={row.status}>
                    <TableHead scope="row" className="h-auto font-normal text-foreground">
                      {t(`referralStatus.${row.status}`)}
                    </TableHead>
                    <TableCell className="text-right tabular-nums">{row.count}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </section>
        </div>

        <section aria-labelledby="report-pdca" data-report-block>
          <h2 id="report-pdca" className="mb-1 text-sm font-semibold">
            {summary.pdca ? t("reports.pdcaSection", { quarter: summary.pdca.quarter, revision: summary.pdca.revision }) : t("kpi.pdca.title")}
          </h2>
          {summary.pdca ? (
            <dl className="grid grid-cols-2 gap-2">
              {PDCA_FIELDS.map((field) => {
                const note = clampNoteForPrint(summary.pdca![field]);
                return (
                  <div key={field} className="rounded-md border px-2 py-1" data-pdca-field={field}>
                    <dt className="text-xs font-semibold">{t(`kpi.pdca.${field}`)}</dt>
                    <dd className="text-xs whitespace-pre-wrap">
                      {note.text || "—"}
                      {note.truncated ? (
                        <Link href={`${kpiHref}#pdca-title`} className="ml-1 whitespace-nowrap text-primary underline-offset-2 hover:underline" data-testid="pdca-truncated">
                          {t("reports.fullTextOnScreen")}
                        </Link>
                      ) : null}
                    </dd>
                  </div>
                );
              })}
            </dl>
          ) : (
            <p className="text-xs text-muted-foreground">{t("reports.pdcaNone")}</p>
          )}
        </section>

        <footer className="border-t pt-1 text-[0.65rem] text-muted-foreground">{t("reports.footer")}</footer>
      </article>
    </>
  );
}
