import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { DeskActivityItem, DeskCaseItem, DeskReferralItem } from "@/lib/dashboard/queries";
import { formatDateTime, formatShortDate } from "@/lib/format/datetime";
import type { Locale } from "@/lib/i18n/config";
import { StageBadge } from "@/components/cases/stage-badge";
import { ReferralOverdueBadge } from "@/components/referrals/referral-overdue-badge";
import { ReferralServiceLabel } from "@/components/referrals/referral-service-label";
import { ReferralStatusBadge } from "@/components/referrals/referral-status-badge";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

/** The short lists of a desk's home: open cases, referrals in and out, recent activity. */

export async function DeskCaseList({ items, locale }: { items: DeskCaseItem[]; locale: Locale }) {
  const t = await getTranslations();
  if (items.length === 0) return <p className="text-sm text-muted-foreground">{t("dashboard.desk.noOpenCases")}</p>;
  return (
    <Table className="min-w-[36rem]" data-testid="desk-open-cases">
      <TableHeader>
        <TableRow>
          <TableHead scope="col">{t("cases.columns.title")}</TableHead>
          <TableHead scope="col">{t("cases.columns.company")}</TableHead>
          <TableHead scope="col">{t("cases.columns.stage")}</TableHead>
          <TableHead scope="col">{t("cases.columns.lead")}</TableHead>
          <TableHead scope="col">{t("cases.columns.updated")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((item) => (
          <TableRow key={item.id}>
            <TableCell>
              <Link href={`/cases/${item.id}`} className="font-medium text-primary hover:underline">
                <span className="mr-1.5 font-mono text-xs text-muted-foreground">{item.code}</span>
                {item.title}
              </Link>
              {item.isMine ? (
                <Badge variant="outline" className="ml-2">
                  {t("dashboard.desk.mine")}
                </Badge>
              ) : null}
            </TableCell>
            <TableCell>{item.companyName}</TableCell>
            <TableCell>
              <StageBadge stage={item.stage} />
            </TableCell>
            <TableCell className="whitespace-nowrap">{item.leadName}</TableCell>
            <TableCell className="whitespace-nowrap">{formatShortDate(item.updatedAt, locale)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export async function DeskReferralList({
  items,
  direction,
  locale,
  testId,
}: {
  items: DeskReferralItem[];
  direction: "in" | "out";
  locale: Locale;
  testId?: string;
}) {
  const t = await getTranslations();
  if (items.length === 0) {
    return <p className="text-sm text-muted-foreground">{t(direction === "in" ? "dashboard.desk.noReferralsIn" : "dashboard.desk.noReferralsOut")}</p>;
  }
  return (
    <Table className="min-w-[30rem]" data-testid={testId}>
      <TableHeader>
        <TableRow>
          <TableHead scope="col">{t("referrals.columns.code")}</TableHead>
          <TableHead scope="col">{t("referrals.columns.company")}</TableHead>
          <TableHead scope="col">{t(direction === "in" ? "referrals.columns.from" : "referrals.columns.to")}</TableHead>
          <TableHead scope="col">{t("referrals.columns.status")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((item) => (
          <TableRow key={item.id}>
            <TableCell className="whitespace-nowrap">
              <Link href={`/referrals/${item.id}`} className="font-mono text-xs font-medium text-primary hover:underline">
                {item.code}
              </Link>
              <div className="text-xs text-muted-foreground">
                <ReferralServiceLabel service={item.service} />
              </div>
            </TableCell>
            <TableCell>{item.companyName}</TableCell>
            <TableCell>
              {item.counterpartName}
              {item.handlerName ? <div className="text-xs text-muted-foreground">{t("dashboard.desk.handler", { name: item.handlerName })}</div> : null}
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
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export async function DeskActivityList({ items, locale }: { items: DeskActivityItem[]; locale: Locale }) {
  const t = await getTranslations();
  if (items.length === 0) return <p className="text-sm text-muted-foreground">{t("dashboard.desk.noActivity")}</p>;
  return (
    <ol className="grid gap-3" data-testid="desk-recent-activity">
      {items.map((item) => (
        <li key={item.id} className="grid gap-0.5 border-l-2 border-primary/30 pl-3">
          <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
            <time dateTime={item.occurredAt.toISOString()}>{formatDateTime(item.occurredAt, locale)}</time>
            <Badge variant="muted">{t(`activityKinds.${item.kind}`)}</Badge>
            <span>{item.byName}</span>
          </div>
          <Link href={`/cases/${item.caseId}`} className="text-sm font-medium text-primary hover:underline">
            <span className="mr-1.5 font-mono text-xs text-muted-foreground">{item.caseCode}</span>
            {item.caseTitle}
          </Link>
          <p className="line-clamp-2 text-sm">{item.summary}</p>
        </li>
      ))}
    </ol>
  );
}
