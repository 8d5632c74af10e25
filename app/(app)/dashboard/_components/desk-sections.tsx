import { getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/authz/actor";
import type { DeskOverview } from "@/lib/dashboard/queries";
import { OPEN_STAGES } from "@/lib/cases/stage";
import type { Locale } from "@/lib/i18n/config";
import { StatCard } from "@/components/app-shell/stat-card";
import { StageCountGrid } from "@/components/cases/stage-count-grid";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { DeskActivityList, DeskCaseList, DeskReferralList } from "./desk-lists";
import { NextActionTable } from "./next-action-table";

/** The working day of a desk: overdue and today's next actions, open cases, referrals waiting for an answer. */
export async function DeskSections({ actor, overview, locale }: { actor: Actor; overview: DeskOverview; locale: Locale }) {
  const t = await getTranslations();
  const scopeLabel = overview.scope === "organization" ? t("home.scopeOrganization", { organization: actor.orgName }) : t("home.scopeMine");
  const more = (shown: number, total: number) => (total > shown ? <span className="ml-2 text-sm font-normal text-muted-foreground">{t("common.count", { count: total })}</span> : null);

  return (
    <div className="grid grid-cols-1 gap-6">
      <div>
        <Badge variant="outline">{scopeLabel}</Badge>
      </div>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5">
        <StatCard label={t("home.inpit.overdueActions")} value={overview.overdueActionsTotal} tone="alert" testId="stat-overdue-actions" />
        <StatCard label={t("home.inpit.todayActions")} value={overview.todayActionsTotal} testId="stat-today-actions" />
        <StatCard label={t("home.inpit.openCases")} value={overview.openCasesTotal} href="/cases" />
        <StatCard
          label={t("home.inpit.inboxPending")}
          value={overview.referrals.inboxPending}
          hint={overview.referrals.inboxOverdue > 0 ? t("home.inpit.inboxOverdue", { count: overview.referrals.inboxOverdue }) : undefined}
          tone={overview.referrals.inboxOverdue > 0 ? "alert" : "default"}
          href="/referrals?box=inbox"
        />
        <StatCard label={t("home.inpit.outboxPending")} value={overview.referrals.outboxPending} href="/referrals?box=outbox" />
      </div>
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>
              {t("home.inpit.overdueActions")}
              {more(overview.overdueActions.length, overview.overdueActionsTotal)}
            </CardTitle>
          </CardHeader>
          <CardContent>
            <NextActionTable
              items={overview.overdueActions}
              locale={locale}
              showAssignee={overview.scope === "organization"}
              emptyText={t("home.inpit.noOverdue")}
            />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>
              {t("home.inpit.todayActions")}
              {more(overview.todayActions.length, overview.todayActionsTotal)}
            </CardTitle>
          </CardHeader>
          <CardContent>
            <NextActionTable
              items={overview.todayActions}
              locale={locale}
              showAssignee={overview.scope === "organization"}
              emptyText={t("home.inpit.noToday")}
            />
          </CardContent>
        </Card>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>
            {t("home.inpit.openCases")}
            {more(overview.openCases.length, overview.openCasesTotal)}
          </CardTitle>
        </CardHeader>
        <CardContent className="grid grid-cols-1 gap-4">
          <StageCountGrid counts={overview.openCasesByStage} stages={OPEN_STAGES} linkToCases />
          <DeskCaseList items={overview.openCases} locale={locale} />
        </CardContent>
      </Card>
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{t("dashboard.desk.referralsIn")}</CardTitle>
          </CardHeader>
          <CardContent>
            <DeskReferralList items={overview.referralsIn} direction="in" locale={locale} testId="desk-referrals-in" />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{overview.scope === "organization" ? t("dashboard.desk.referralsOutOrganization") : t("dashboard.desk.referralsOutMine")}</CardTitle>
          </CardHeader>
          <CardContent>
            <DeskReferralList items={overview.referralsOut} direction="out" locale={locale} testId="desk-referrals-out" />
          </CardContent>
        </Card>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>{t("dashboard.desk.recentActivity")}</CardTitle>
        </CardHeader>
        <CardContent>
          <DeskActivityList items={overview.recentActivities} locale={locale} />
        </CardContent>
      </Card>
    </div>
  );
}
