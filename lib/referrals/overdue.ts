import { and, count, eq, notExists, or, sql, type SQL } from "drizzle-orm";
import type { Db, Queryable } from "@/db/client";
import { companies, notifications, organizations, referrals } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { referralScope } from "@/lib/authz/scopes";
import { jstDateOf } from "@/lib/format/fiscal-year";
import { createNotifications, findReferralSideRecipients } from "@/lib/notifications/create-notification";

/**
 * 期限超過: a referral still 依頼中 (sent) after its answer date, which is 5 business days after sending
 * (./business-days.ts, respondByFor). The SQL twin of isOverdue(): "today" is the Japanese calendar day,
 * computed here rather than by the database so that a server or session in another zone changes nothing.
 * Use it in lists (to highlight) and in dashboard counts; the index (to_org_id | from_org_id, status, …)
 * narrows to the organization's sent referrals first.
 */
export function overdueReferralCondition(now: Date = new Date()): SQL {
  return and(eq(referrals.status, "sent"), sql`${referrals.respondBy} < ${jstDateOf(now)}::date`)!;
}

export interface OverdueCounts {
  /** Referrals the actor's organization received and has not answered in time. */
  inbox: number;
  /** Referrals the actor's organization sent that the receiver has not answered in time. */
  outbox: number;
}

/** Overdue referrals of the actor's organization, both ways: the red numbers on the dashboard and the inbox. */
export async function countOverdueForOrg(db: Queryable, actor: Actor, now: Date = new Date()): Promise<OverdueCounts> {
  const [row] = await db
    .select({
      inbox: count(sql`case when ${referrals.toOrgId} = ${actor.orgId} then 1 end`),
      outbox: count(sql`case when ${referrals.fromOrgId} = ${actor.orgId} then 1 end`),
    })
    .from(referrals)
    .where(and(referralScope(actor), overdueReferralCondition(now)));
  return { inbox: Number(row?.inbox ?? 0), outbox: Number(row?.outbox ?? 0) };
}

/**
 * Tells both sides, once per referral, that it is overdue: the receiving desk (and handler) and the sender.
 * "Once" is the existence of a `referral.overdue` notification for the referral — the same check whoever
 * runs it, so it is safe to call from several places:
 *
 * - on a page load (the dashboard or the referral inbox) with `forOrgId` = the actor's organization, which
 *   keeps the bell right for an organization without any scheduler; it costs one indexed query when there is
 *   nothing new;
 * - from a scheduled job (e.g. a daily cron calling a route handler or a tsx script) without `forOrgId`.
 *
 * Concurrent calls (two page loads at once) are serialized by a transaction-scoped advisory lock, so the
 * second finds the first one's notifications and creates none. Returns the number of referrals notified.
 * Not audited: it changes no record, it only tells people about one.
 */
export async function notifyOverdueReferrals(
  db: Db,
  options: { now?: Date; forOrgId?: string } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('renkei.referrals.overdue'))`);
    const alreadyNotified = tx
      .select({ one: sql`1` })
      .from(notifications)
      .where(
        and(
          eq(notifications.entityType, "referral"),
          eq(notifications.entityId, referrals.id),
          eq(notifications.kind, "referral.overdue"),
        ),
      );
    const due = await tx
      .select({
        id: referrals.id,
        code: referrals.code,
        fromOrgId: referrals.fromOrgId,
        fromUserId: referrals.fromUserId,
        toOrgId: referrals.toOrgId,
        handlerUserId: referrals.handlerUserId,
        respondBy: referrals.respondBy,
        companyName: companies.name,
        fromOrgName: sql<string>`(select ${organizations.nameJa} from ${organizations} where ${organizations.id} = ${referrals.fromOrgId})`,
        toOrgName: sql<string | null>`(select ${organizations.nameJa} from ${organizations} where ${organizations.id} = ${referrals.toOrgId})`,
      })
      .from(referrals)
      .innerJoin(companies, eq(companies.id, referrals.companyId))
      .where(
        and(
          overdueReferralCondition(now),
          options.forOrgId ? or(eq(referrals.fromOrgId, options.forOrgId), eq(referrals.toOrgId, options.forOrgId)) : undefined,
          notExists(alreadyNotified),
        ),
      )
      .orderBy(referrals.respondBy, referrals.id);

    for (const referral of due) {
      const base = { kind: "referral.overdue" as const, entityType: "referral" as const, entityId: referral.id };
      const shared = { code: referral.code, companyName: referral.companyName, respondBy: referral.respondBy };
      // Each side reads the other side's name: the receiver is reminded who is waiting, the sender who owes it.
      await createNotifications(tx, await findReferralSideRecipients(tx, "receiver", referral), {
        ...base,
        params: { ...shared, orgName: referral.fromOrgName },
      });
      await createNotifications(tx, await findReferralSideRecipients(tx, "sender", referral), {
        ...base,
        params: { ...shared, orgName: referral.toOrgName },
      });
    }
    return due.length;
  });
}
