import { and, eq, inArray, or, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { notifications, users, type UserRole } from "@/db/schema";

/**
 * What the bell can say. The text is `notifications.kinds.<kind>` in the reader's language, filled from the
 * notification's params; add a kind here and its two messages together.
 */
export const NOTIFICATION_KINDS = [
  "referral.received",
  "referral.accepted",
  "referral.declined",
  "referral.completed",
  "referral.withdrawn",
  "referral.revoked",
  "referral.assigned",
  "referral.overdue",
  "referral.follow_up_due",
  "referral.consent_revoked",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type NotificationParams = Record<string, string | number | null>;

export interface NewNotification {
  kind: NotificationKind;
  /** What the message needs (referral code, company name, organization name) — never confidential content. */
  params: NotificationParams;
  entityType: "referral";
  entityId: string;
}

/**
 * One notification per recipient (duplicates and `except` — usually the person acting — left out). Call it
 * with the action's transaction: when the action rolls back, nobody is told about a change that did not happen.
 */
export async function createNotifications(
  tx: Queryable,
  recipientIds: Iterable<string>,
  notification: NewNotification,
  options: { except?: string } = {},
): Promise<number> {
  const userIds = [...new Set(recipientIds)].filter((id) => id !== options.except);
  if (userIds.length === 0) return 0;
  await tx.insert(notifications).values(
    userIds.map((userId) => ({
      userId,
      kind: notification.kind,
      params: notification.params,
      entityType: notification.entityType,
      entityId: notification.entityId,
    })),
  );
  return userIds.length;
}

/** The roles that work an organization's referral inbox: its coordinators and managers. */
export const REFERRAL_DESK_ROLES: readonly UserRole[] = ["coordinator", "manager"];

/**
 * Who hears about a referral on one side. The receiving side is its organization's desk (coordinators and
 * managers) and the handler once one is assigned. The sending side is the person who sent it; if they have
 * left (deactivated or moved), their organization's managers, so that the closed loop still reaches someone.
 */
export async function findReferralSideRecipients(
  tx: Queryable,
  side: "sender" | "receiver",
  referral: { fromOrgId: string; fromUserId: string; toOrgId: string | null; handlerUserId: string | null },
): Promise<string[]> {
  if (side === "receiver") {
    if (!referral.toOrgId) return [];
    const desk = and(eq(users.organizationId, referral.toOrgId), inArray(users.role, [...REFERRAL_DESK_ROLES]));
    const handler: SQL | undefined = referral.handlerUserId
      ? and(eq(users.id, referral.handlerUserId), eq(users.organizationId, referral.toOrgId))
      : undefined;
    return activeUserIds(tx, handler ? or(desk, handler)! : desk!);
  }
  const sender = await activeUserIds(tx, and(eq(users.id, referral.fromUserId), eq(users.organizationId, referral.fromOrgId))!);
  if (sender.length > 0) return sender;
  return activeUserIds(tx, and(eq(users.organizationId, referral.fromOrgId), eq(users.role, "manager"))!);
}

async function activeUserIds(tx: Queryable, condition: SQL): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(condition, eq(users.isActive, true)))
    .orderBy(users.id);
  return rows.map((row) => row.id);
}
