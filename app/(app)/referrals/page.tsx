import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { formatShortDate } from "@/lib/format/datetime";
import { InvalidCursorError, type Page } from "@/lib/pagination";
import { isOverdue } from "@/lib/referrals/business-days";
import { findReferralsForActor, type ReferralBox, type ReferralListItem } from "@/lib/referrals/queries";
import { getUiLocale } from "@/components/app-shell/locale";
import { ListPagination } from "@/components/app-shell/list-pagination";
import { PageHeader } from "@/components/app-shell/page-header";
import { ReferralServiceLabel } from "@/components/referrals/referral-service-label";
import { ReferralStatusBadge } from "@/components/referrals/referral-status-badge";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";
import { firstParam, listHref, oneOf, type SearchParams } from "../_lib/search-params";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("referrals");
  return { title: t("title") };
}

const PAGE_SIZE = 50;
const BOXES: readonly ReferralBox[] = ["inbox", "outbox"];

export default async function ReferralsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("referral:read");
  const params = await searchParams;
  const box = oneOf(params.box, BOXES) ?? "inbox";
  const cursor = firstParam(params.cursor, 4000);

  const db = getDb();
  const [t, locale] = await Promise.all([getTranslations(), getUiLocale()]);
  let page: Page<ReferralListItem>;
  try {
    page = await findReferralsForActor(db, actor, { box, cursor, limit: PAGE_SIZE });
  } catch (error) {
    // A cursor is only a position; a damaged one (an edited URL) starts the list over.
    if (!(error instanceof InvalidCursorError)) throw error;
    page = await findReferralsForActor(db, actor, { box, limit: PAGE_SIZE });
  }

  return (
    <>
      <PageHeader title={t("referrals.title")} description={t("referrals.description")} />
      {/* Two views of one list, as links: each box has its own URL and works without JavaScript. */}
      <nav aria-label={t("referrals.title")} className="mb-4 flex gap-1 border-b">
        {BOXES.map((b) => (
          <Link
            key={b}
            href={listHref("/referrals", { box: b })}
            aria-current={b === box ? "page" : undefined}
            className={cn(
              "-mb-px border-b-2 px-4 py-2 text-sm font-medium transition-colors",
              b === box ? "border-primary text-primary" : "border-transparent text-muted-foreground hover:text-foreground",
            )}
          >
            {t(`referrals.tabs.${b}`)}
          </Link>
        ))}
      </nav>

      {page.items.length === 0 ? (
        <p className="rounded-lg border bg-card px-4 py-8 text-center text-sm text-muted-foreground">{t(`referrals.empty.${box}`)}</p>
      ) : (
        <div className="rounded-lg border bg-card">
          <Table className="min-w-[52rem]">
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
              {page.items.map((item) => (
                <TableRow key={item.id}>
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
                  <TableCell className="font-medium">{item.company.name}</TableCell>
                  <TableCell className="text-xs">
                    {box === "inbox"
                      ? item.fromOrg.name
                      : (item.toOrg?.name ?? t("referrals.detail.externalRecipient", { name: item.externalRecipient ?? "" }))}
                  </TableCell>
                  <TableCell>
                    <ReferralServiceLabel service={item.service} />
                  </TableCell>
                  <TableCell className="whitespace-nowrap">
                    <ReferralStatusBadge status={item.status} />
                  </TableCell>
                  <TableCell className="whitespace-nowrap">{formatShortDate(item.sentAt, locale)}</TableCell>
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
        </div>
      )}
      <ListPagination
        nextHref={page.nextCursor ? listHref("/referrals", { box, cursor: page.nextCursor }) : undefined}
        firstHref={cursor ? listHref("/referrals", { box }) : undefined}
      />
    </>
  );
}
