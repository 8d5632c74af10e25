import { z } from "zod";
import { can } from "@/lib/authz/can";
import { formatDate, formatShortDate, formatTime } from "@/lib/format/datetime";
import { translate } from "@/lib/i18n/messages";
import type { Locale } from "@/lib/i18n/config";
import type { NotificationParams } from "@/lib/notifications/create-notification";
import { countUnreadForActor, findNotificationsForActor, type NotificationItem } from "@/lib/notifications/queries";
import { MAX_CURSOR_LENGTH, MAX_PAGE_SIZE } from "@/lib/pagination";
import { notifyFollowUpDueReferrals } from "@/lib/referrals/follow-up-due";
import { notifyOverdueReferrals } from "@/lib/referrals/overdue";
import { parseQuery, type ApiHandler } from "./handle-api-request";

/**
 * The notification centre's API (the bell in the header polls it through TanStack Query). Each handler is
 * mounted by a route file under app/api/v1/notifications as `apiRoute(handler)`; the tests run these same
 * handlers through handleApiRequest.
 */

const notificationsQuery = z.object({
  cursor: z.string().max(MAX_CURSOR_LENGTH).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
  /** `unread=1`: only what the user has not read yet. */
  unread: z.enum(["1", "true", "0", "false"]).optional(),
});

export interface NotificationView extends Omit<NotificationItem, "params"> {
  /** The text in the reader's language, filled from the notification's params. */
  message: string;
  /** When, as the bell shows it (Japan time, the reader's language): 11/25(水) 14:05. */
  createdAtText: string;
}

export interface NotificationsResponse {
  items: NotificationView[];
  nextCursor: string | null;
  /** The number on the bell, whatever page or filter was asked for. */
  unreadCount: number;
}

/** The params that hold a calendar date ('YYYY-MM-DD'). */
const DATE_PARAMS = new Set(["respondBy", "followUpOn"]);

/** Fills `notifications.kinds.<kind>`; a date parameter is shown as people read dates, in the reader's language. */
export function notificationMessage(locale: Locale, item: Pick<NotificationItem, "kind" | "params">): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(item.params as NotificationParams)) {
    if (value === null || value === undefined) params[name] = "";
    else if (DATE_PARAMS.has(name) && typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) params[name] = formatDate(value, locale);
    else params[name] = value;
  }
  return translate(locale, `notifications.kinds.${item.kind}`, params);
}

/** GET /api/v1/notifications?unread=1&limit&cursor — the actor's own notifications, newest first. */
export const listNotifications: ApiHandler = async (context): Promise<NotificationsResponse> => {
  const query = parseQuery(context, notificationsQuery);
  const unreadOnly = query.unread === "1" || query.unread === "true";
  const [page, unreadCount] = await Promise.all([
    findNotificationsForActor(context.db, context.actor, { cursor: query.cursor, limit: query.limit, unreadOnly }),
    countUnreadForActor(context.db, context.actor),
  ]);
  return {
    items: page.items.map(({ params, ...item }) => ({
      ...item,
      message: notificationMessage(context.locale, { kind: item.kind, params }),
      createdAtText: `${formatShortDate(item.createdAt, context.locale)} ${formatTime(item.createdAt)}`,
    })),
    nextCursor: page.nextCursor,
    unreadCount,
  };
};

/**
 * POST /api/v1/notifications/refresh — tells both sides about their organization's referrals that have just
 * become overdue, and the senders about their logged referrals whose follow-up date has come, then answers
 * the bell's count.
 *
 * Why a POST the bell calls when it mounts, rather than work done while rendering a page: a GET (a page render,
 * a prefetch, a link preview) must not write. Overdue is a matter of the calendar, not of any action, so some
 * request has to notice it: the first signed-in user of an organization each session does, for their own
 * organization only (`forOrgId`). notifyOverdueReferrals notifies each referral once, under an advisory lock,
 * so repeated and concurrent calls are harmless, and a scheduled job (cron calling notifyOverdueReferrals and
 * notifyFollowUpDueReferrals without `forOrgId`) can run beside it. Administrators read no referrals and refresh nothing.
 */
export const refreshNotifications: ApiHandler = async (context) => {
  let notified = 0;
  if (can(context.actor, "referral:read")) {
    const forOrgId = context.actor.orgId;
    notified += await notifyOverdueReferrals(context.db, { forOrgId });
    notified += await notifyFollowUpDueReferrals(context.db, { forOrgId });
  }
  return { notified, unreadCount: await countUnreadForActor(context.db, context.actor) };
};
