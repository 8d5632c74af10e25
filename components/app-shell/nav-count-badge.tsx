"use client";

import { useSyncExternalStore } from "react";
import { useTranslations } from "next-intl";
import { AlertTriangle } from "lucide-react";
import type { NavBadge } from "@/lib/navigation";
import type { ReferralCounts } from "@/lib/referrals/counts";
import { useReferralCounts } from "@/components/referrals/referral-queries";
import { cn } from "@/lib/utils";

/**
 * What an item's number means: for the inbox, the referrals awaiting the organization's answer; for the sent
 * referrals, the ones to chase (no answer in time, a logged referral's follow-up due); for the one combined
 * item, both. `overdue` counts what is past its answer date on that side (the badge turns red with an icon).
 */
export function navBadgeNumbers(badge: NavBadge, counts: ReferralCounts): { count: number; overdue: number } {
  switch (badge) {
    case "referralInbox":
      return { count: counts.inbox.awaitingAnswer, overdue: counts.inbox.overdue };
    case "referralOutbox":
      return { count: counts.outbox.overdue + counts.outbox.followUpDue, overdue: counts.outbox.overdue };
    case "referrals":
      return {
        count: counts.inbox.awaitingAnswer + counts.outbox.overdue + counts.outbox.followUpDue,
        overdue: counts.inbox.overdue + counts.outbox.overdue,
      };
  }
}

/**
 * The live number beside a referral item of the menu. Polled every 30 s and on window focus, and invalidated
 * by every referral action, through the one query the list's tabs read too. Overdue work is marked with an
 * icon and spelled out for screen readers, never by colour alone. Nothing is shown while there is nothing to do.
 */
const BADGE_MESSAGES = { referralInbox: "awaitingAnswer", referralOutbox: "toChase", referrals: "needsAttention" } as const satisfies Record<
  NavBadge,
  string
>;

export function NavCountBadge({ badge }: { badge: NavBadge }) {
  const t = useTranslations("referrals.badge");
  const { data } = useReferralCounts();
  // The menu hydrates in its own Suspense boundary, possibly after a page has already filled the query cache:
  // render nothing until hydrated, as the server did, so the markup matches.
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  if (!hydrated || !data) return null;
  const { count, overdue } = navBadgeNumbers(badge, data);
  if (count === 0 && overdue === 0) return null;
  const description = [
    t(BADGE_MESSAGES[badge], { count }),
    overdue > 0 ? t("overdue", { count: overdue }) : null,
  ]
    .filter(Boolean)
    .join(t("separator"));
  return (
    <span
      data-testid={`nav-badge-${badge}`}
      data-count={count}
      data-overdue={overdue}
      title={description}
      className={cn(
        "ml-auto inline-flex h-5 min-w-5 shrink-0 items-center justify-center gap-0.5 rounded-full px-1.5 text-[0.7rem] leading-none font-semibold tabular-nums",
        overdue > 0 ? "bg-destructive text-destructive-foreground" : "bg-primary/15 text-primary",
      )}
    >
      {overdue > 0 ? <AlertTriangle aria-hidden className="size-3" /> : null}
      <span aria-hidden>{count}</span>
      <span className="sr-only">{description}</span>
    </span>
  );
}

const noSubscription = () => () => {};
