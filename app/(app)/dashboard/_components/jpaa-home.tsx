import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import type { Actor } from "@/lib/authz/actor";
import { getReferralInboxOverview } from "@/lib/dashboard/queries";
import { formatDateTime, formatShortDate } from "@/lib/format/datetime";
import { isOverdue } from "@/lib/referrals/business-days";
import { getUiLocale } from "@/components/app-shell/locale";
import { PageHeader } from "@/components/app-shell/page-header";
import { StatCard } from "@/components/app-shell/stat-card";
import { ReferralServiceLabel } from "@/components/referrals/referral-service-label";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

/** 弁理士会: the referral inbox — what is waiting for an answer, what is accepted, what is in hand. */
export async function JpaaHome({ actor }: { actor: Actor }) {
  const [t, locale, overview] = await Promise.all([getTranslations(), getUiLocale(), getReferralInboxOverview(getDb(), actor)]);

  return (
    <section data-testid="home-jpaa" aria-labelledby="home-title" className="grid gap-6">
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
          <CardTitle>{t("home.jpaa.newestPending")}</CardTitle>
        </CardHeader>
        <CardContent>
          {overview.newestPending.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("home.jpaa.noPending")}</p>
          ) : (
            <Table className="min-w-[44rem]">
              <TableHeader>
                <TableRow>
                  <TableHead scope="col">{t("referrals.columns.code")}</TableHead>
                  <TableHead scope="col">{t("referrals.columns.company")}</TableHead>
                  <TableHead scope="col">{t("referrals.columns.from")}</TableHead>
                  <TableHead scope="col">{t("referrals.columns.service")}</TableHead>
                  <TableHead scope="col">{t("referrals.columns.sentAt")}</TableHead>
                  <TableHead scope="col">{t("referrals.columns.respondBy")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {overview.newestPending.map((item) => (
                  <TableRow key={item.id}>
                    <TableCell>
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
                      {item.respondBy ? formatShortDate(item.respondBy, locale) : "—"}
                      {isOverdue(item) ? (
                        <Badge variant="destructive" className="ml-2">
                          {t("referrals.overdue")}
                        </Badge>
                      ) : null}
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
