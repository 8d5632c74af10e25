import { count, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { referrals, referralStatus, type ReferralStatus } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { referralScope } from "@/lib/authz/scopes";
import { followUpDueCondition } from "./follow-up-due";
import { overdueReferralCondition } from "./overdue";

export interface ReferralBoxCounts {
  /** Every referral of the box, by status: the numbers beside the status filter. */
  byStatus: Record<ReferralStatus, number>;
  total: number;
  /** 依頼中: sent and not yet answered (for the inbox, the answers the organization owes). */
  awaitingAnswer: number;
  /** 依頼中 past the answer date (5 business days after sending). */
  overdue: number;
  /** Logged referrals to bodies outside Renkei whose follow-up date has come (sender side only). */
  followUpDue: number;
}

export interface ReferralCounts {
  inbox: ReferralBoxCounts;
  outbox: ReferralBoxCounts;
}

function emptyBox(): ReferralBoxCounts {
  const byStatus = Object.fromEntries(referralStatus.enumValues.map((s) => [s, 0])) as Record<ReferralStatus, number>;
  return { byStatus, total: 0, awaitingAnswer: 0, overdue: 0, followUpDue: 0 };
}

/**
 * The counts behind the tabs, the status filter and the navigation badges of the actor's organization, in
 * one grouped query over the same scope as the lists (lib/authz/scopes.ts referralScope). "Overdue" is the
 * SQL twin of isOverdue() (./overdue.ts), so the badge and the highlighted rows always agree.
 */
export async function countReferralsForOrg(db: Queryable, actor: Actor, now: Date = new Date()): Promise<ReferralCounts> {
  const result: ReferralCounts = { inbox: emptyBox(), outbox: emptyBox() };
  const rows = await db
    .select({
      inbox: sql<boolean>`${referrals.toOrgId} = ${actor.orgId}`.mapWith(Boolean),
      status: referrals.status,
      n: count(),
      overdue: count(sql`case when ${overdueReferralCondition(now)} then 1 end`),
      followUpDue: count(sql`case when ${followUpDueCondition(now)} then 1 end`),
    })
    .from(referrals)
    .where(referralScope(actor))
    .groupBy(sql`1`, referrals.status);

  for (const row of rows) {
    const box = row.inbox ? result.inbox : result.outbox;
    const n = Number(row.n);
    box.byStatus[row.status] += n;
    box.total += n;
    box.overdue += Number(row.overdue);
    if (row.status === "sent") box.awaitingAnswer += n;
    // Only the sender logs a referral to an outside body: the follow-up is theirs to do.
    if (!row.inbox) box.followUpDue += Number(row.followUpDue);
  }
  return result;
}

