import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/can";
import { getSentReferralsOverview } from "@/lib/dashboard/queries";
import { formatShortDate } from "@/lib/format/datetime";
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
import { IpNeedIntake } from "./ip-need-intake";

/**
 * 商工会議所: first the quick "IP need spotted" checklist that suggests whom to refer to and starts the referral,
 * then every referral sent and what became of it (the closed loop). Advisors are not IP experts; the page
 * shows states and the receiver's outcome report, nothing confidential.
 */
export async function JcciHome({ actor }: { actor: Actor }) {
  const [t, locale, overview] = await Promise.all([getTranslations(), getUiLocale(), getSentReferralsOverview(getDb(), actor)]);
  const maySend = can(actor, "referral:send");
  const s = overview.byStatus;
  const scopeLabel = overview.scope === "organization" ? t("home.scopeOrganization", { organization: actor.orgName }) : t("home.scopeMine");

  return (
    <section data-testid="home-jcci" aria-labelledby="home-title" className="grid grid-cols-1 gap-6">
      <PageHeader
        className="mb-0"
        titleId="home-title"
        title={t("home.jcci.title")}
        description={t("home.jcci.subtitle")}
        actions={
          <Button asChild variant="outline" size="sm">
            <Link href="/referrals?box=outbox">{t("home.jcci.openOutbox")}</Link>
          </Button>
        }
      />
      {maySend ? (
        <Card>
          <CardHeader>
            <CardTitle>{t("intake.title")}</CardTitle>
            <CardDescription>{t("intake.description")}</CardDescription>
          </CardHeader>
          <CardContent>
            <IpNeedIntake />
          </CardContent>
        </Card>
      ) : null}
      <div>
        <Badge variant="outline">{scopeLabel}</Badge>
      </div>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        <StatCard label={t("home.jcci.awaitingAnswer")} value={s.sent} href="/referrals?box=outbox" testId="stat-sent-awaiting" />
        <StatCard label={t("dashboard.jcci.overdue")} value={overview.overdue} tone="alert" testId="stat-sent-overdue" />
        <StatCard label={t("home.jcci.inHand")} value={s.accepted + s.in_progress} />
        <StatCard label={t("home.jcci.closed")} value={s.completed} />
        <StatCard label={t("home.jcci.notTaken")} value={s.declined + s.withdrawn + s.revoked} />
        <StatCard label={t("dashboard.jcci.followUpDue")} value={overview.followUpDue} tone="alert" hint={t("dashboard.jcci.loggedCount", { count: s.logged })} />
      </div>
      <Card>
        <CardHeader>
          <CardTitle>{t("home.jcci.recent")}</CardTitle>
          <CardDescription>{t("dashboard.jcci.recentDescription")}</CardDescription>
        </CardHeader>
        <CardContent>
          {overview.recent.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("home.jcci.noneSent")}</p>
          ) : (
            <Table className="min-w-[48rem]" data-testid="jcci-sent">
              <TableHeader>
                <TableRow>
                  <TableHead scope="col">{t("referrals.columns.code")}</TableHead>
                  <TableHead scope="col">{t("referrals.columns.company")}</TableHead>
                  <TableHead scope="col">{t("referrals.columns.to")}</TableHead>
                  <TableHead scope="col">{t("referrals.columns.service")}</TableHead>
                  <TableHead scope="col">{t("referrals.columns.status")}</TableHead>
                  <TableHead scope="col">{t("referrals.columns.sentAt")}</TableHead>
                  <TableHead scope="col">{t("home.jcci.feedback")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {overview.recent.map((item) => (
                  <TableRow key={item.id}>
                    <TableCell>
                      <Link href={`/referrals/${item.id}`} className="font-mono text-xs font-medium text-primary hover:underline">
                        {item.code}
                      </Link>
                    </TableCell>
                    <TableCell className="font-medium">{item.companyName}</TableCell>
                    <TableCell>
                      {item.recipientIsExternal ? t("referrals.detail.externalRecipient", { name: item.recipientName }) : item.recipientName}
                    </TableCell>
                    <TableCell>
                      <ReferralServiceLabel service={item.service} />
                    </TableCell>
                    <TableCell className="whitespace-nowrap">
                      <span className="flex flex-wrap items-center gap-1">
                        <ReferralStatusBadge status={item.status} />
                        <ReferralOverdueBadge referral={item} locale={locale} />
                      </span>
                      {item.status === "logged" && item.followUpOn ? (
                        <div className="text-xs text-muted-foreground">{t("dashboard.desk.followUpOn", { date: formatShortDate(item.followUpOn, locale) })}</div>
                      ) : null}
                    </TableCell>
                    <TableCell className="whitespace-nowrap">{formatShortDate(item.sentAt, locale)}</TableCell>
                    <TableCell className="max-w-72">
                      {item.outcomeFeedback ? <p className="line-clamp-2 text-xs">{item.outcomeFeedback}</p> : <span className="text-muted-foreground">—</span>}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </section>
  );
}
