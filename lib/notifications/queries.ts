import { and, count, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { notifications } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/can";
import { afterCursor, clampLimit, decodeCursor, timestampSortKey, toPage, type Page } from "@/lib/pagination";
import type { NotificationKind, NotificationParams } from "./create-notification";

/**
 * A notification belongs to one user and only that user reads it — not their manager, not an administrator
 * (administrators have their own bell for their own notifications). Used by every read and by mark-read.
 */
export function ownNotifications(actor: Actor): SQL {
  if (!can(actor, "notification:read")) return sql`false`;
  return eq(notifications.userId, actor.userId);
}

export interface NotificationItem {
  id: string;
  kind: NotificationKind;
  /** Fill `notifications.kinds.<kind>` with these. */
  params: NotificationParams;
  entityType: string | null;
  entityId: string | null;
  /** Where clicking the notification leads; null when it points at nothing openable. */
  href: string | null;
  readAt: Date | null;
  createdAt: Date;
}

/** The number on the bell. Served by the partial index notifications_unread (user_id where read_at is null). */
export async function countUnreadForActor(db: Queryable, actor: Actor): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(ownNotifications(actor), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

export interface FindNotificationsOptions {
  cursor?: string;
  limit?: number;
  unreadOnly?: boolean;
}

/**
 * The actor's notifications, newest first, a page at a time (keyset on created_at, id — the index
 * (user_id, created_at) serves it). A malformed cursor throws InvalidCursorError (a 400 for route handlers).
 */
export async function findNotificationsForActor(
  db: Queryable,
  actor: Actor,
  options: FindNotificationsOptions = {},
): Promise<Page<NotificationItem>> {
  const limit = clampLimit(options.limit);
  const cursor = options.cursor ? decodeCursor(options.cursor, "timestamp") : null;
  const conditions: (SQL | undefined)[] = [ownNotifications(actor)];
  if (options.unreadOnly) conditions.push(isNull(notifications.readAt));
  if (cursor) {
    conditions.push(afterCursor(cursor, { sort: notifications.createdAt, id: notifications.id, kind: "timestamp", order: "desc" }));
  }
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      params: notifications.params,
      entityType: notifications.entityType,
      entityId: notifications.entityId,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
      sortKey: timestampSortKey(notifications.createdAt),
    })
    .from(notifications)
    .where(and(...conditions))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit + 1);

  return toPage(
    rows,
    limit,
    (row) => ({ key: row.sortKey, id: row.id }),
    ({ sortKey: _sortKey, ...row }) => ({
      ...row,
      kind: row.kind as NotificationKind,
      href: hrefOf(row.entityType, row.entityId),
    }),
  );
}

/** The page a notification opens; the page itself checks access again (the link is no permission). */
function hrefOf(entityType: string | null, entityId: string | null): string | null {
  if (!entityId) return null;
  if (entityType === "referral") return `/referrals/${entityId}`;
  return null;
}
