import { useTranslations } from "next-intl";
import { AlertTriangle } from "lucide-react";
import type { ReferralStatus } from "@/db/schema";
import { daysOverdue, formatOverdue } from "@/lib/format/datetime";
import type { Locale } from "@/lib/i18n/config";
import { isOverdue } from "@/lib/referrals/business-days";
import { Badge } from "@/components/ui/badge";

/**
 * 「3日超過」 with a warning icon on a referral still unanswered after its answer date (5 business days after
 * sending); nothing otherwise. The days are calendar days past the date, as people say it. The title names
 * what is overdue, so the badge reads on its own in a dense table.
 */
export function ReferralOverdueBadge({
  referral,
  locale,
  now,
}: {
  referral: { status: ReferralStatus; respondBy: string | null };
  locale: Locale;
  now?: Date;
}) {
  const t = useTranslations("referrals");
  if (!referral.respondBy || !isOverdue(referral, now)) return null;
  const label = formatOverdue(daysOverdue(referral.respondBy, now), locale);
  return (
    <Badge variant="destructive" data-testid="referral-overdue" title={t("overdueTitle")}>
      <AlertTriangle aria-hidden />
      <span className="sr-only">{t("overdue")}: </span>
      {label}
    </Badge>
  );
}
