"use client";

import { useEffect, useRef } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { AlertTriangle } from "lucide-react";
import type { ReferralStatus } from "@/db/schema";
import type { ReferralBox } from "@/lib/referrals/queries";
import type { ReferralCounts } from "@/lib/referrals/counts";
import { cn } from "@/lib/utils";
import { REFERRAL_COUNTS_KEY, useReferralCounts } from "./referral-queries";

const BOXES: readonly ReferralBox[] = ["inbox", "outbox"];

/** What makes two snapshots of the counts differ for the list below: a referral arrived, moved or closed. */
function signatureOf(counts: ReferralCounts): string {
  return JSON.stringify([counts.inbox.byStatus, counts.outbox.byStatus, counts.inbox.overdue, counts.outbox.overdue]);
}

/**
 * The inbox/outbox tabs and the status filter of /referrals, with their numbers live (the same TanStack Query
 * as the navigation badges). When the numbers change under an open list — a referral arrived, a colleague
 * answered one — the server-rendered rows are re-read too, so the list never contradicts its own tabs.
 * Tabs and filters are links: each view has its own URL and works before JavaScript has loaded.
 */
export function ReferralListNav({ box, status, initialCounts }: { box: ReferralBox; status?: ReferralStatus; initialCounts: ReferralCounts }) {
  const t = useTranslations("referrals");
  const tStatus = useTranslations("referralStatus");
  const router = useRouter();
  const queryClient = useQueryClient();
  // Not passed as initialData: the cache must stay as the server left it (empty) until hydration is over, or
  // the menu's badges, hydrating later, would not match their server markup. The effect below seeds it.
  const { data } = useReferralCounts();
  const counts = data ?? initialCounts;

  // The numbers rendered with the rows are the freshest there are: they replace whatever the cache held (the
  // navigation badges follow), and they are what a later poll is compared with.
  const rendered = useRef(signatureOf(initialCounts));
  useEffect(() => {
    rendered.current = signatureOf(initialCounts);
    queryClient.setQueryData(REFERRAL_COUNTS_KEY, initialCounts);
  }, [initialCounts, queryClient]);
  // A poll that brings different numbers than the rows were rendered with re-reads the rows. The first value
  // seen is only recorded: it may be the cache's older copy, about to be replaced by the seeding above.
  const seen = useRef<string | null>(null);
  useEffect(() => {
    if (!data) return;
    const signature = signatureOf(data);
    const previous = seen.current;
    seen.current = signature;
    if (previous !== null && signature !== previous && signature !== rendered.current) {
      rendered.current = signature;
      router.refresh();
    }
  }, [data, router]);

  const current = counts[box];
  // The statuses in the order the counts list them (the enum's: the lifecycle's order), those in use only.
  const statuses = (Object.keys(current.byStatus) as ReferralStatus[]).filter((s) => current.byStatus[s] > 0 || s === status);

  return (
    <div className="mb-4 grid gap-3">
      <nav aria-label={t("tabs.label")} className="flex gap-1 border-b">
        {BOXES.map((b) => {
          const boxCounts = counts[b];
          return (
            <Link
              key={b}
              href={`/referrals?box=${b}`}
              aria-current={b === box ? "page" : undefined}
              data-testid={`referral-tab-${b}`}
              className={cn(
                "-mb-px flex items-center gap-2 border-b-2 px-4 py-2 text-sm font-medium transition-colors",
                b === box ? "border-primary text-primary" : "border-transparent text-muted-foreground hover:text-foreground",
              )}
            >
              {t(`tabs.${b}`)}
              <span className="rounded-full bg-muted px-1.5 text-xs tabular-nums text-muted-foreground" aria-hidden>
                {boxCounts.total}
              </span>
              <span className="sr-only">{t("tabs.total", { count: boxCounts.total })}</span>
              {boxCounts.overdue > 0 ? (
                <span className="inline-flex items-center gap-0.5 rounded-full bg-destructive px-1.5 text-xs text-destructive-foreground tabular-nums">
                  <AlertTriangle aria-hidden className="size-3" />
                  {t("tabs.overdue", { count: boxCounts.overdue })}
                </span>
              ) : null}
            </Link>
          );
        })}
      </nav>
      <nav aria-label={t("filter.label")} className="flex flex-wrap gap-1.5">
        <FilterChip href={`/referrals?box=${box}`} active={!status} label={t("filter.all")} count={current.total} />
        {statuses.map((s) => (
          <FilterChip key={s} href={`/referrals?box=${box}&status=${s}`} active={s === status} label={tStatus(s)} count={current.byStatus[s]} />
        ))}
      </nav>
    </div>
  );
}

function FilterChip({ href, active, label, count }: { href: string; active: boolean; label: string; count: number }) {
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={cn(
        "inline-flex items-center gap-1.5 rounded-full border px-3 py-1 text-xs font-medium transition-colors",
        active ? "border-primary bg-primary text-primary-foreground" : "bg-card hover:bg-accent",
      )}
    >
      {label}
      <span className={cn("tabular-nums", active ? "text-primary-foreground/80" : "text-muted-foreground")}>{count}</span>
    </Link>
  );
}
