import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CalendarClock, Plus, Siren } from "lucide-react";
import { getDb } from "@/db/client";
import { referralStatus, type ReferralStatus } from "@/db/schema";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/authz/can";
import { formatShortDate } from "@/lib/format/datetime";
import { todayInJst } from "@/lib/format/fiscal-year";
import { InvalidCursorError, type Page } from "@/lib/pagination";
import { isOverdue } from "@/lib/referrals/business-days";
import { countReferralsForOrg } from "@/lib/referrals/counts";
import { findReferralsForActor, type ReferralBox, type ReferralListItem } from "@/lib/referrals/queries";
import { getUiLocale } from "@/components/app-shell/locale";
import { ListPagination } from "@/components/app-shell/list-pagination";
import { PageHeader } from "@/components/app-shell/page-header";
import { PartyBadge } from "@/components/app-shell/party-badge";
import { ReferralListNav } from "@/components/referrals/referral-list-nav";
import { ReferralOverdueBadge } from "@/components/referrals/referral-overdue-badge";
import { ReferralServiceLabel } from "@/components/referrals/referral-service-label";
import { ReferralStatusBadge } from "@/components/referrals/referral-status-badge";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";
import { firstParam, listHref, oneOf, type SearchParams } from "../_lib/search-params";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("referrals");
  return { title: t("title") };
}

const PAGE_SIZE = 50;
const BOXES: readonly ReferralBox[] = ["inbox", "outbox"];

/**
 * 連携依頼の受信箱・送信箱 of the actor's organization (`?box=inbox|outbox&status=`). Unanswered referrals past
 * their answer date are highlighted — a row tint, a warning icon and 「n日超過」 in words, never colour alone — as
 * are logged referrals whose follow-up date has come. The tabs' numbers are live (ReferralListNav).
 */
export default async function ReferralsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("referral:read");
  const params = await searchParams;
  const box = oneOf(params.box, BOXES) ?? "inbox";
  const status = oneOf(params.status, referralStatus.enumValues as readonly ReferralStatus[]);
  const cursor = firstParam(params.cursor, 4000);

  const db = getDb();
  const [t, locale] = await Promise.all([getTranslations(), getUiLocale()]);
  let page: Page<ReferralListItem>;
  try {
    page = await findReferralsForActor(db, actor, { box, status, cursor, limit: PAGE_SIZE });
  } catch (error) {
    // A cursor is only a position; a damaged one (an edited URL) starts the list over.
    if (!(error instanceof InvalidCursorError)) throw error;
    page = await findReferralsForActor(db, actor, { box, status, limit: PAGE_SIZE });
  }
  const counts = await countReferralsForOrg(db, actor);
  const today = todayInJst();

  return (
    <>
      <PageHeader
        title={t("referrals.title")}
        description={t("referrals.description")}
        actions={
          can(actor, "referral:send") ? (
            <Button asChild>
              <Link href="/referrals/new">
                <Plus aria-hidden />
                {t("referrals.newReferral")}
              </Link>
            </Button>
          ) : null
        }
      />
      <ReferralListNav box={box} status={status} initialCounts={counts} />

      {page.items.length === 0 ? (
        <p className="rounded-lg border bg-card px-4 py-8 text-center text-sm text-muted-foreground">
          {status ? t("referrals.empty.filtered") : t(`referrals.empty.${box}`)}
        </p>
      ) : (
        <div className="rounded-lg border bg-card">
          <Table className="min-w-[56rem]">
            <TableHeader>
              <TableRow>
                <TableHead scope="col">{t("referrals.columns.code")}</TableHead>
                <TableHead scope="col">{t("referrals.columns.company")}</TableHead>
                <TableHead scope="col">{box === "inbox" ? t("referrals.columns.from") : t("referrals.columns.to")}</TableHead>
                <TableHead scope="col">{t("referrals.columns.service")}</TableHead>
                <TableHead scope="col">{t("referrals.columns.status")}</TableHead>
                <TableHead scope="col">{t("referrals.columns.sentAt")}</TableHead>
                <TableHead scope="col">{t("referrals.columns.respondBy")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {page.items.map((item) => {
                const overdue = isOverdue(item);
                const followUpDue = item.status === "logged" && item.followUpOn !== null && item.followUpOn <= today;
                const counterpart = box === "inbox" ? item.fromOrg : item.toOrg;
                return (
                  <TableRow
                    key={item.id}
                    data-testid="referral-row"
                    data-code={item.code}
                    data-overdue={overdue || undefined}
                    className={cn((overdue || followUpDue) && "bg-destructive/5 hover:bg-destructive/10")}
                  >
                    <TableCell className="whitespace-nowrap">
                      <Link href={`/referrals/${item.id}`} className="font-mono text-xs font-medium text-primary hover:underline">
                        {item.code}
                      </Link>
                      {item.urgency !== "normal" ? (
                        <Badge variant="destructive" className="ml-2">
                          <Siren aria-hidden />
                          {t(`urgency.${item.urgency}`)}
                        </Badge>
                      ) : null}
                    </TableCell>
                    <TableCell className="font-medium">{item.company.name}</TableCell>
                    <TableCell className="text-xs">
                      <span className="flex flex-wrap items-center gap-1.5">
                        {counterpart?.name ?? t("referrals.detail.externalRecipient", { name: item.externalRecipient ?? "" })}
                        {counterpart ? null : <PartyBadge partyKind="external" />}
                      </span>
                    </TableCell>
                    <TableCell>
                      <ReferralServiceLabel service={item.service} />
                    </TableCell>
                    <TableCell className="whitespace-nowrap">
                      <ReferralStatusBadge status={item.status} />
                    </TableCell>
                    <TableCell className="whitespace-nowrap">{formatShortDate(item.sentAt, locale)}</TableCell>
                    <TableCell className="whitespace-nowrap">
                      {item.respondBy ? (
                        <span className="flex items-center gap-2">
                          {formatShortDate(item.respondBy, locale)}
                          <ReferralOverdueBadge referral={item} locale={locale} />
                        </span>
                      ) : item.followUpOn ? (
                        <span className="flex items-center gap-2 text-xs">
                          {t("referrals.followUpOn", { date: formatShortDate(item.followUpOn, locale) })}
                          {followUpDue ? (
                            <Badge variant="warning">
                              <CalendarClock aria-hidden />
                              {t("referrals.followUpDue")}
                            </Badge>
                          ) : null}
                        </span>
                      ) : (
                        "—"
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      )}
      <ListPagination
        nextHref={page.nextCursor ? listHref("/referrals", { box, status, cursor: page.nextCursor }) : undefined}
        firstHref={cursor ? listHref("/referrals", { box, status }) : undefined}
      />
    </>
  );
}
