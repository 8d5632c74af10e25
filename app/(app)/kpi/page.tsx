import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { FileSpreadsheet, Printer } from "lucide-react";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { formatDate } from "@/lib/format/datetime";
import { fiscalQuarterOf, fiscalYearLabel, todayInJst } from "@/lib/format/fiscal-year";
import { parseFiscalYearParam, selectableFiscalYears } from "@/lib/kpi/period";
import { buildPrefectureMap } from "@/lib/kpi/prefecture-map";
import { buildKpiReport, listPdcaNotes } from "@/lib/kpi/queries";
import { parseKpiScopeRef, scopePathRef } from "@/lib/kpi/scope";
import { defaultKpiScope, findVisibleKpiScope, listKpiScopesForActor } from "@/lib/kpi/scope-access";
import { getUiLocale } from "@/components/app-shell/locale";
import { PageHeader } from "@/components/app-shell/page-header";
import { PrefectureTileMap } from "@/components/charts/prefecture-tile-map";
import { KpiTable } from "@/components/kpi/kpi-table";
import { PdcaNotes } from "@/components/kpi/pdca-notes";
import { ScopePicker } from "@/components/kpi/scope-picker";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { firstParam, listHref, type SearchParams } from "../_lib/search-params";
import { savePdcaNoteAction, setKpiTargetAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("kpi");
  return { title: t("title") };
}

/**
 * /kpi?fy=&scope=&ref= — one scope's targets against actuals and last year's same point, the set-target
 * forms for the managers who answer for it, and its quarterly PDCA notes. A scope the actor may not see is
 * not found; without a scope the actor's default one opens (their team, block or organization).
 */
export default async function KpiPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("kpi:read");
  const params = await searchParams;
  const today = todayInJst();
  const fiscalYear = parseFiscalYearParam(firstParam(params.fy), today);
  const db = getDb();
  const [t, locale, options] = await Promise.all([getTranslations(), getUiLocale(), listKpiScopesForActor(db, actor, fiscalYear)]);

  const asked = firstParam(params.scope) ? parseKpiScopeRef(firstParam(params.scope), firstParam(params.ref)) : defaultKpiScope(actor, options);
  if (!asked) {
    if (firstParam(params.scope)) notFound();
    return (
      <>
        <PageHeader title={t("kpi.title")} description={t("kpi.description")} />
        <p className="rounded-lg border bg-card px-4 py-8 text-center text-sm text-muted-foreground">{t("kpi.noScopes")}</p>
      </>
    );
  }
  const scope = await findVisibleKpiScope(db, actor, asked);
  if (!scope) notFound();
  // The tile map belongs to the area scopes: the whole country, or one block with the rest out of scope.
  const showMap = scope.kind === "national" || scope.kind === "block";
  const [report, quarters, map] = await Promise.all([
    buildKpiReport(db, actor, scope, fiscalYear, today),
    listPdcaNotes(db, scope, fiscalYear),
    showMap ? buildPrefectureMap(db, scope.kind === "block" ? scope.blockCode : null, fiscalYear, today) : null,
  ]);
  const scopeName = locale === "ja" ? scope.nameJa : scope.nameEn;
  const pdcaQuarter = report.wholeYear || report.period.days === 0 ? 4 : fiscalQuarterOf(report.period.asOf);
  const query = { fy: fiscalYear, scope: scope.kind, ref: scope.kind === "national" ? undefined : scope.ref };

  return (
    <>
      <PageHeader
        title={`${t("kpi.title")} — ${scopeName}`}
        description={`${t(`kpi.scopeKinds.${scope.kind}`)} · ${fiscalYearLabel(fiscalYear, locale)}`}
        actions={
          <>
            <Button asChild variant="outline" size="sm">
              <a href={listHref("/api/v1/reports/kpi", query)} download>
                <FileSpreadsheet aria-hidden />
                {t("kpi.download")}
              </a>
            </Button>
            <Button asChild variant="outline" size="sm">
              <Link href={listHref(`/reports/${scope.kind}/${scopePathRef(scope)}`, { fy: fiscalYear })}>
                <Printer aria-hidden />
                {t("kpi.printView")}
              </Link>
            </Button>
          </>
        }
      />
      <Card className="mb-4 py-3">
        <CardContent>
          <ScopePicker action="/kpi" fiscalYears={selectableFiscalYears(today)} fiscalYear={fiscalYear} scopes={options} scope={scope} locale={locale} />
        </CardContent>
      </Card>

      <Card className="mb-6">
        <CardHeader>
          <CardTitle>{t("kpi.targetsTitle")}</CardTitle>
          <CardDescription>
            {report.wholeYear
              ? t("kpi.wholeYear", { date: formatDate(report.period.asOf, locale) })
              : t("kpi.asOf", { date: formatDate(report.period.asOf, locale), percent: Math.round(report.elapsedShare * 100) })}{" "}
            {t("kpi.previousNote", { label: fiscalYearLabel(report.previousPeriod.fiscalYear, locale), date: formatDate(report.previousPeriod.asOf, locale) })}
          </CardDescription>
          {!report.canSetTargets ? <p className="text-xs text-muted-foreground">{t("kpi.readOnly")}</p> : null}
        </CardHeader>
        <CardContent>
          <KpiTable report={report} locale={locale} setTargetAction={report.canSetTargets ? setKpiTargetAction : undefined} />
        </CardContent>
      </Card>

      {map ? (
        <Card className="mb-6">
          <CardContent>
            <PrefectureTileMap
              values={map.prefectures}
              locale={locale}
              title={t("kpi.tileMap.title")}
              description={t("kpi.tileMap.description", { label: fiscalYearLabel(fiscalYear, locale), date: formatDate(map.period.asOf, locale) })}
            />
          </CardContent>
        </Card>
      ) : null}

      <section aria-labelledby="pdca-title" className="grid gap-3">
        <div>
          <h2 id="pdca-title" className="text-lg font-semibold">
            {t("kpi.pdca.title")}
          </h2>
          <p className="text-sm text-muted-foreground">{t("kpi.pdca.description")}</p>
        </div>
        <PdcaNotes
          quarters={quarters}
          scope={scope}
          fiscalYear={fiscalYear}
          openQuarter={pdcaQuarter}
          locale={locale}
          saveAction={report.canWritePdca ? savePdcaNoteAction : undefined}
        />
      </section>
    </>
  );
}
