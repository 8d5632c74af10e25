import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/can";
import { getReferralInboxOverview } from "@/lib/dashboard/queries";
import { formatDateTime, formatShortDate } from "@/lib/format/datetime";
import { getUiLocale } from "@/components/app-shell/locale";
import { PageHeader } from "@/components/app-shell/page-header";
import { StatCard } from "@/components/app-shell/stat-card";
import { ReferralOverdueBadge } from "@/components/referrals/referral-overdue-badge";
import { ReferralServiceLabel } from "@/components/referrals/referral-service-label";
import { ReferralStatusBadge } from "@/components/referrals/referral-status-badge";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { CountTable } from "./count-table";
import { AnswerReferralButtons, AssignHandlerButton } from "./referral-answer-dialogs";

/**
 * 弁理士会: the referral inbox first — accept or decline what is waiting, assign an attorney — then who has how
 * much in hand, and the outcomes reported back to the senders (the closed loop).
 */
export async function JpaaHome({ actor }: { actor: Actor }) {
  const [t, locale, overview] = await Promise.all([getTranslations(), getUiLocale(), getReferralInboxOverview(getDb(), actor)]);
  // The buttons are offered to those who may answer; the actions check it again whatever the page shows.
  const mayRespond = can(actor, "referral:respond");
  const handlers = overview.workload.map((w) => ({ userId: w.userId, name: w.name }));

  return (
    <section data-testid="home-jpaa" aria-labelledby="home-title" className="grid grid-cols-1 gap-6">
      <PageHeader
        className="mb-0"
        titleId="home-title"
        title={t("home.jpaa.title")}
        description={t("home.jpaa.subtitle")}
        actions={
          <Button asChild variant="outline" size="sm">
            <Link href="/referrals?box=inbox">{t("home.jpaa.openInbox")}</Link>
          </Button>
        }
      />
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <StatCard
          label={t("home.jpaa.pending")}
          value={overview.pending}
          hint={overview.pendingOverdue > 0 ? t("home.jpaa.overdue", { count: overview.pendingOverdue }) : undefined}
          tone={overview.pendingOverdue > 0 ? "alert" : "default"}
          href="/referrals?box=inbox"
          testId="stat-inbox-pending"
        />
        <StatCard label={t("home.jpaa.accepted")} value={overview.accepted} />
        <StatCard label={t("home.jpaa.inProgress")} value={overview.inProgress} />
        <StatCard label={t("home.jpaa.assignedToMe")} value={overview.assignedToMe} />
      </div>

      <Card>
        <CardHeader>
          <CardTitle>{t("dashboard.jpaa.inboxTitle")}</CardTitle>
          <CardDescription>{t("dashboard.jpaa.inboxDescription")}</CardDescription>
        </CardHeader>
        <CardContent>
          {overview.newestPending.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("home.jpaa.noPending")}</p>
          ) : (
            <Table className="min-w-[52rem]" data-testid="jpaa-inbox">
              <TableHeader>
                <TableRow>
                  <TableHead scope="col">{t("referrals.columns.code")}</TableHead>
                  <TableHead scope="col">{t("referrals.columns.company")}</TableHead>
                  <TableHead scope="col">{t("referrals.columns.from")}</TableHead>
                  <TableHead scope="col">{t("referrals.columns.service")}</TableHead>
                  <TableHead scope="col">{t("referrals.columns.sentAt")}</TableHead>
                  <TableHead scope="col">{t("referrals.columns.respondBy")}</TableHead>
                  {mayRespond ? <TableHead scope="col">{t("dashboard.jpaa.answer")}</TableHead> : null}
                </TableRow>
              </TableHeader>
              <TableBody>
                {overview.newestPending.map((item) => (
                  <TableRow key={item.id} data-referral-code={item.code}>
                    <TableCell className="whitespace-nowrap">
                      <Link href={`/referrals/${item.id}`} className="font-mono text-xs font-medium text-primary hover:underline">
                        {item.code}
                      </Link>
                      {item.urgency !== "normal" ? (
                        <Badge variant="destructive" className="ml-2">
                          {t(`urgency.${item.urgency}`)}
                        </Badge>
                      ) : null}
                    </TableCell>
                    <TableCell className="font-medium">{item.companyName}</TableCell>
                    <TableCell>{item.fromOrgName}</TableCell>
                    <TableCell>
                      <ReferralServiceLabel service={item.service} />
                    </TableCell>
                    <TableCell className="whitespace-nowrap">{formatDateTime(item.sentAt, locale)}</TableCell>
                    <TableCell className="whitespace-nowrap">
                      <span className="mr-2">{item.respondBy ? formatShortDate(item.respondBy, locale) : "—"}</span>
                      <ReferralOverdueBadge referral={item} locale={locale} />
                    </TableCell>
                    {mayRespond ? (
                      <TableCell>
                        <AnswerReferralButtons referral={item} handlers={handlers} />
                      </TableCell>
                    ) : null}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>

      <div className="grid grid-cols-1 gap-4 xl:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Card>
          <CardHeader>
            <CardTitle>{t("dashboard.jpaa.liveTitle")}</CardTitle>
            <CardDescription>{t("dashboard.jpaa.liveDescription")}</CardDescription>
          </CardHeader>
          <CardContent>
            {overview.live.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t("dashboard.jpaa.noLive")}</p>
            ) : (
              <Table className="min-w-[40rem]" data-testid="jpaa-live">
                <TableHeader>
                  <TableRow>
                    <TableHead scope="col">{t("referrals.columns.code")}</TableHead>
                    <TableHead scope="col">{t("referrals.columns.company")}</TableHead>
                    <TableHead scope="col">{t("referrals.columns.status")}</TableHead>
                    <TableHead scope="col">{t("dashboard.jpaa.handler")}</TableHead>
                    {mayRespond ? <TableHead scope="col">{t("dashboard.jpaa.assignColumn")}</TableHead> : null}
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {overview.live.map((item) => (
                    <TableRow key={item.id}>
                      <TableCell className="whitespace-nowrap">
                        <Link href={`/referrals/${item.id}`} className="font-mono text-xs font-medium text-primary hover:underline">
                          {item.code}
                        </Link>
                        <div className="text-xs text-muted-foreground">
                          <ReferralServiceLabel service={item.service} />
                        </div>
                      </TableCell>
                      <TableCell>
                        {item.companyName}
                        <div className="text-xs text-muted-foreground">{item.fromOrgName}</div>
                      </TableCell>
                      <TableCell>
                        <ReferralStatusBadge status={item.status} />
                      </TableCell>
                      <TableCell>
                        {item.handlerName ?? (
                          <Badge variant="warning" data-testid="unassigned">
                            {t("dashboard.jpaa.unassigned")}
                          </Badge>
                        )}
                      </TableCell>
                      {mayRespond ? (
                        <TableCell>
                          <AssignHandlerButton referral={item} handlers={handlers} />
                        </TableCell>
                      ) : null}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>{t("dashboard.jpaa.workloadTitle")}</CardTitle>
            <CardDescription>{t("dashboard.jpaa.workloadDescription")}</CardDescription>
          </CardHeader>
          <CardContent>
            <CountTable
              caption={t("dashboard.jpaa.workloadTitle")}
              rowHeader={t("dashboard.jpaa.attorney")}
              columns={[
                { key: "accepted", label: t("home.jpaa.accepted") },
                { key: "inProgress", label: t("home.jpaa.inProgress") },
                { key: "completedThisYear", label: t("dashboard.jpaa.completedThisYear") },
              ]}
              rows={overview.workload.map((row) => ({
                key: row.userId,
                label: row.userId === actor.userId ? `${row.name} ${t("dashboard.jpaa.you")}` : row.name,
                values: { accepted: row.accepted, inProgress: row.inProgress, completedThisYear: row.completedThisYear },
              }))}
              testId="jpaa-workload"
            />
          </CardContent>
        </Card>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>{t("dashboard.jpaa.outcomesTitle")}</CardTitle>
          <CardDescription>{t("dashboard.jpaa.outcomesDescription")}</CardDescription>
        </CardHeader>
        <CardContent>
          {overview.outcomesReported.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("dashboard.jpaa.noOutcomes")}</p>
          ) : (
            <ol className="grid gap-3" data-testid="jpaa-outcomes">
              {overview.outcomesReported.map((item) => (
                <li key={item.id} className="grid gap-0.5 border-l-2 border-success/40 pl-3">
                  <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
                    <Link href={`/referrals/${item.id}`} className="font-mono font-medium text-primary hover:underline">
                      {item.code}
                    </Link>
                    {item.completedAt ? <span>{formatShortDate(item.completedAt, locale)}</span> : null}
                    <span>{item.fromOrgName}</span>
                    {item.handlerName ? <span>{t("dashboard.desk.handler", { name: item.handlerName })}</span> : null}
                  </div>
                  <p className="text-sm font-medium">
                    {item.companyName} — <ReferralServiceLabel service={item.service} />
                  </p>
                  {item.outcomeFeedback ? <p className="line-clamp-3 text-sm">{item.outcomeFeedback}</p> : null}
                </li>
              ))}
            </ol>
          )}
        </CardContent>
      </Card>
    </section>
  );
}
