import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ArrowRight } from "lucide-react";
import { formatShortDate } from "@/lib/format/datetime";
import type { Locale } from "@/lib/i18n/config";
import type { ProvisionRecord } from "@/lib/referrals/provisions";
import { ConsentScopeList } from "@/components/consents/consent-scope-list";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ReferralServiceLabel } from "./referral-service-label";
import { ReferralStatusBadge } from "./referral-status-badge";

/**
 * Rows of the record of provision (提供記録): when, which referral, from whom to whom, for what, in which
 * state, on which consent. The same table on the company and case pages (the newest few) and on
 * /companies/[id]/provisions (every one, a page at a time).
 */
export async function ProvisionTable({ provisions, locale }: { provisions: readonly ProvisionRecord[]; locale: Locale }) {
  const t = await getTranslations();
  const method = (key: string) => (t.has(`consents.methods.${key}`) ? t(`consents.methods.${key}`) : key);
  return (
    <Table className="min-w-[44rem]">
      <TableHeader>
        <TableRow>
          <TableHead scope="col">{t("referrals.columns.sentAt")}</TableHead>
          <TableHead scope="col">{t("referrals.columns.code")}</TableHead>
          <TableHead scope="col">{t("referrals.provisions.fromTo")}</TableHead>
          <TableHead scope="col">{t("referrals.columns.service")}</TableHead>
          <TableHead scope="col">{t("referrals.columns.status")}</TableHead>
          <TableHead scope="col">{t("referrals.provisions.consent")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {provisions.map((provision) => (
          <TableRow key={provision.referralId} data-testid="provision-row">
            <TableCell className="whitespace-nowrap">{formatShortDate(provision.sentAt, locale)}</TableCell>
            <TableCell className="whitespace-nowrap">
              <Link href={`/referrals/${provision.referralId}`} className="font-mono text-xs font-medium text-primary hover:underline">
                {provision.code}
              </Link>
            </TableCell>
            <TableCell className="text-xs">
              <span className="inline-flex flex-wrap items-center gap-1">
                {provision.from.orgName}
                <ArrowRight aria-label={t("referrals.provisions.to")} className="size-3" />
                {"orgName" in provision.to ? provision.to.orgName : t("referrals.detail.externalRecipient", { name: provision.to.external })}
              </span>
            </TableCell>
            <TableCell>
              <ReferralServiceLabel service={provision.service} />
            </TableCell>
            <TableCell className="whitespace-nowrap">
              <ReferralStatusBadge status={provision.status} />
            </TableCell>
            <TableCell className="text-xs">
              <span className="whitespace-nowrap">
                {formatShortDate(provision.consent.obtainedOn, locale)} · {method(provision.consent.method)}
              </span>
              <ConsentScopeList scopes={provision.consent} inline className="mt-1 text-xs" />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
