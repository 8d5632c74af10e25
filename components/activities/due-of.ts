import { describeDue, formatShortDate } from "@/lib/format/datetime";
import type { Locale } from "@/lib/i18n/config";
import type { NextActionRow } from "./next-action-list";

/** A due date as the next-action list shows it, formatted on the server by lib/format. */
export function dueOf(dueOn: string, locale: Locale, now: Date = new Date()): NextActionRow["due"] {
  const { label, overdue, dueToday } = describeDue(dueOn, locale, now);
  return { date: formatShortDate(dueOn, locale), label, overdue, dueToday };
}
