import { and, eq, notExists, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { companies, notifications, referrals } from "@/db/schema";
import { jstDateOf } from "@/lib/format/fiscal-year";
import { createNotifications, findReferralSideRecipients } from "@/lib/notifications/create-notification";

/**
 * フォローアップ期日: a referral logged to a body outside Renkei (よろず支援拠点, a private patent office, a bank)
 * waits for nobody's answer in Renkei; instead the sender set a date to check with the company how it went.
 * From that day (in Japan) until the sender closes it, it is due: counted on the outbox badge (./counts.ts)
 * and noticed once on the sender's bell.
 */
export function followUpDueCondition(now: Date = new Date()): SQL {
  return and(eq(referrals.status, "logged"), sql`${referrals.followUpOn} <= ${jstDateOf(now)}::date`)!;
}

/**
 * Tells the sender, once per referral, that a logged referral's follow-up date has come — the twin of
 * notifyOverdueReferrals (./overdue.ts), called beside it by the bell's refresh and safe to call from a
 * scheduled job: "once" is the existence of a `referral.follow_up_due` notification for the referral, and
 * concurrent calls are serialized by a transaction-scoped advisory lock. Only the sending side hears of it:
 * the outside body has no one in Renkei. Returns the number of referrals notified. Not audited: it changes no
 * record, it only reminds someone.
 */
export async function notifyFollowUpDueReferrals(db: Db, options: { now?: Date; forOrgId?: string } = {}): Promise<number> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('renkei.referrals.follow_up_due'))`);
    const alreadyNotified = tx
      .select({ one: sql`1` })
      .from(notifications)
      .where(
        and(
          eq(notifications.entityType, "referral"),
          eq(notifications.entityId, referrals.id),
          eq(notifications.kind, "referral.follow_up_due"),
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
        externalRecipient: referrals.externalRecipient,
        followUpOn: referrals.followUpOn,
        companyName: companies.name,
      })
      .from(referrals)
      .innerJoin(companies, eq(companies.id, referrals.companyId))
      .where(
        and(
          followUpDueCondition(now),
          options.forOrgId ? eq(referrals.fromOrgId, options.forOrgId) : undefined,
          notExists(alreadyNotified),
        ),
      )
      .orderBy(referrals.followUpOn, referrals.id);

    for (const referral of due) {
      await createNotifications(tx, await findReferralSideRecipients(tx, "sender", referral), {
        kind: "referral.follow_up_due",
        params: {
          code: referral.code,
          companyName: referral.companyName,
          recipient: referral.externalRecipient,
          followUpOn: referral.followUpOn,
        },
        entityType: "referral",
        entityId: referral.id,
      });
    }
    return due.length;
  });
}
