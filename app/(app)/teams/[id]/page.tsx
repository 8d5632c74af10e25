import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ChevronLeft, Printer, Target } from "lucide-react";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { MAIN_STAGES } from "@/lib/cases/stage";
import { formatDate, formatShortDate } from "@/lib/format/datetime";
import { fiscalYearLabel, fiscalYearOf, todayInJst } from "@/lib/format/fiscal-year";
import { parseFiscalYearParam } from "@/lib/kpi/period";
import { getTeamDashboardForActor } from "@/lib/teams/queries";
import { FunnelChart } from "@/components/charts/funnel-chart";
import { WeeklyBars } from "@/components/charts/weekly-bars";
import { getUiLocale } from "@/components/app-shell/locale";
import { PageHeader } from "@/components/app-shell/page-header";
import { sectionHref } from "@/components/app-shell/section-pagination";
import { StatCard } from "@/components/app-shell/stat-card";
import { KpiTable } from "@/components/kpi/kpi-table";
import { ScopePicker } from "@/components/kpi/scope-picker";
import { TeamCasesCard, TeamMembersCard, TeamOutcomesCard, TeamOverdueCard, TeamReferralsCard } from "@/components/teams/team-sections";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cursorParam, firstParam, listHref, type SearchParams } from "../../_lib/search-params";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("teams");
  return { title: t("title") };
}

const EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/**
 * /teams/[id]?fy= — a producer team at a glance: members, the companies accompanied and their stages, activities
 * per week, referrals, overdue next actions, outcomes and the team's KPIs, for the team's fiscal year or another
 * one. A team the actor may not open is not found.
 */
export default async function TeamPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("team:read");
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const today = todayInJst();
  const db = getDb();
  const asked = firstParam(query.fy);
  const casesCursor = cursorParam(query.cases);
  const dashboard = await getTeamDashboardForActor(db, actor, id, {
    fiscalYear: asked ? parseFiscalYearParam(asked, today) : undefined,
    today,
    casesCursor,
  });
  if (!dashboard) notFound();
  const { team, fiscalYear } = dashboard;
  // Teams are formed per fiscal year: another year of the same model region is that year's team, when there is one.
  const sibling = team.yearTeams.find((y) => y.fiscalYear === fiscalYear);
  if (sibling && sibling.id !== team.id) redirect(listHref(`/teams/${sibling.id}`, { fy: fiscalYear }));

  const [t, locale] = await Promise.all([getTranslations(), getUiLocale()]);
  const regionName = locale === "ja" ? team.modelRegion.nameJa : team.modelRegion.nameEn;
  const lastYear = Math.min(team.modelRegion.lastFiscalYear, fiscalYearOf(today));
  const years: number[] = [];
  for (let fy = Math.max(lastYear, team.fiscalYear); fy >= Math.min(team.modelRegion.firstFiscalYear, team.fiscalYear); fy -= 1) years.push(fy);
  const kpi = (metric: string) => dashboard.kpi.rows.find((r) => r.spec.key === metric)?.actual ?? 0;
  const stageSteps = (stages: readonly string[]) =>
    stages.map((stage) => ({ key: stage, label: t(`stages.${stage}`), count: dashboard.funnel.stages[stage as keyof typeof dashboard.funnel.stages] }));
  const weeklyTotal = dashboard.weeklyActivities.reduce((n, w) => n + w.count, 0);

  return (
    <>
      <Button asChild variant="link" size="sm" className="mb-2 px-0">
        <Link href={listHref("/teams", { fy: fiscalYear })}>
          <ChevronLeft aria-hidden />
          {t("common.backToList")}
        </Link>
      </Button>
      <PageHeader
        title={team.name}
        description={t("teams.dashboard.subtitle", { region: regionName, fiscalYear: fiscalYearLabel(fiscalYear, locale) })}
        actions={
          <>
            <Button asChild variant="outline" size="sm">
              <Link href={listHref("/kpi", { fy: fiscalYear, scope: "team", ref: team.id })}>
                <Target aria-hidden />
                {t("teams.dashboard.openKpi")}
              </Link>
            </Button>
            <Button asChild variant="outline" size="sm">
              <Link href={listHref(`/reports/team/${team.id}`, { fy: fiscalYear })}>
                <Printer aria-hidden />
                {t("teams.dashboard.printView")}
              </Link>
            </Button>
          </>
        }
      />
      <Card className="mb-4 py-3">
        <CardContent>
          <ScopePicker action={`/teams/${team.id}`} fiscalYears={years} fiscalYear={fiscalYear} locale={locale} />
        </CardContent>
      </Card>
      {fiscalYear !== team.fiscalYear ? (
        <Alert variant="info" className="mb-4">
          <AlertDescription>
            {t("teams.dashboard.otherYearNote", { teamYear: fiscalYearLabel(team.fiscalYear, locale), fiscalYear: fiscalYearLabel(fiscalYear, locale) })}
          </AlertDescription>
        </Alert>
      ) : null}

      <div className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-5" data-testid="team-stats">
        <StatCard label={t("kpi.metrics.companies_supported")} value={kpi("companies_supported")} unit={t("kpi.metricUnits.companies_supported")} />
        <StatCard label={t("kpi.metrics.consultations")} value={kpi("consultations")} unit={t("kpi.metricUnits.consultations")} />
        <StatCard label={t("kpi.metrics.referrals_sent")} value={kpi("referrals_sent")} unit={t("kpi.metricUnits.referrals_sent")} />
        <StatCard label={t("teams.dashboard.overdue")} value={dashboard.overdueActions.total} tone="alert" />
        <StatCard label={t("kpi.metrics.ip_filings")} value={kpi("ip_filings")} unit={t("kpi.metricUnits.ip_filings")} />
      </div>

      <div className="mb-4 grid gap-4 xl:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>
              {t("teams.dashboard.funnel")}
              <span className="ml-2 text-sm font-normal text-muted-foreground">{t("teams.dashboard.funnelTotal", { count: dashboard.funnel.total })}</span>
            </CardTitle>
            <CardDescription>{t("teams.dashboard.funnelDescription", { date: formatDate(dashboard.period.asOf, locale) })}</CardDescription>
          </CardHeader>
          <CardContent data-testid="team-funnel">
            <FunnelChart
              steps={stageSteps(MAIN_STAGES)}
              asideSteps={stageSteps(["paused"])}
              caption={t("teams.dashboard.funnel")}
              tableSummary={t("teams.dashboard.tableSummary")}
              columns={[t("teams.dashboard.stage"), t("teams.dashboard.caseCount")]}
            />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>
              {t("teams.dashboard.weekly")}
              <span className="ml-2 text-sm font-normal text-muted-foreground">{t("teams.dashboard.weeklyTotal", { count: weeklyTotal })}</span>
            </CardTitle>
            <CardDescription>{t("teams.dashboard.weeklyDescription")}</CardDescription>
          </CardHeader>
          <CardContent data-testid="team-weekly">
            <WeeklyBars
              weeks={dashboard.weeklyActivities}
              caption={t("teams.dashboard.weekly")}
              tableSummary={t("teams.dashboard.tableSummary")}
              columns={[t("teams.dashboard.week"), t("teams.dashboard.activities")]}
              weekLabel={(week) => t("teams.dashboard.weekOf", { date: formatShortDate(week, locale) })}
              monthLabel={(month) => (locale === "ja" ? `${month}月` : EN_MONTHS[month - 1]!)}
            />
          </CardContent>
        </Card>
      </div>

      <div className="mb-4 grid gap-4 xl:grid-cols-2">
        <TeamMembersCard dashboard={dashboard} />
        <TeamReferralsCard dashboard={dashboard} />
      </div>
      <div className="mb-4 grid gap-4 xl:grid-cols-2">
        <TeamOverdueCard dashboard={dashboard} locale={locale} />
        <TeamOutcomesCard dashboard={dashboard} locale={locale} />
      </div>
      <div className="mb-4">
        <TeamCasesCard
          dashboard={dashboard}
          locale={locale}
          cursor={casesCursor}
          href={sectionHref(`/teams/${team.id}`, { fy: asked ? String(fiscalYear) : undefined, cases: casesCursor }, "cases", "team-cases")}
        />
      </div>
      <Card>
        <CardHeader>
          <CardTitle>{t("teams.dashboard.kpi")}</CardTitle>
          <CardDescription>
            {t("kpi.previousNote", {
              label: fiscalYearLabel(dashboard.kpi.previousPeriod.fiscalYear, locale),
              date: formatDate(dashboard.kpi.previousPeriod.asOf, locale),
            })}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <KpiTable report={dashboard.kpi} locale={locale} compact />
        </CardContent>
      </Card>
    </>
  );
}
