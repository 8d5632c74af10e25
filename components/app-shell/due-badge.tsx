import { Badge } from "@/components/ui/badge";
import { describeDue } from "@/lib/format/datetime";
import type { Locale } from "@/lib/i18n/config";

/** 「3日超過」 in red, 「今日まで」 in amber, 「あと2日」 quietly — the way coordinators scan due dates. */
export function DueBadge({ dueOn, locale, now }: { dueOn: string; locale: Locale; now?: Date }) {
  const due = describeDue(dueOn, locale, now);
  return <Badge variant={due.overdue ? "destructive" : due.dueToday ? "warning" : "muted"}>{due.label}</Badge>;
}
