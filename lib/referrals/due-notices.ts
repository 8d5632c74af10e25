import type { Db } from "@/db/client";
import { notifyFollowUpDueReferrals } from "./follow-up-due";
import { notifyOverdueReferrals } from "./overdue";

export interface DueNoticeCounts {
  /** Referrals whose answer date passed unanswered, told to both sides for the first time. */
  overdue: number;
  /** Logged referrals whose follow-up day has come, told to their sender for the first time. */
  followUpDue: number;
}

/**
 * The scheduled side of the bell (`npm run jobs:notify-due`, e.g. a cron every morning at 08:00 JST): every
 * organization's overdue and follow-up-due referrals at once, so that people hear of them even on a day nobody of
 * theirs opens Renkei. The bell's own refresh does the same for one organization (lib/api/notifications.ts); both
 * notify each referral once, under the same advisory locks, so they may run side by side and as often as wanted.
 */
export async function notifyDueReferrals(db: Db, now: Date = new Date()): Promise<DueNoticeCounts> {
  const overdue = await notifyOverdueReferrals(db, { now });
  const followUpDue = await notifyFollowUpDueReferrals(db, { now });
  return { overdue, followUpDue };
}
