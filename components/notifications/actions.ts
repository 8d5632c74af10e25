"use server";

import { invokeAction } from "@/lib/auth/invoke-action";
import { markNotificationsRead } from "@/lib/notifications/mark-read";

/**
 * The bell's one write: marking the user's own notifications read (one, or all). A public endpoint whose body
 * is invokeAction, like every server function. No page refresh: the bell re-reads its TanStack Query instead.
 * It lives beside the bell because the bell belongs to every page of the signed-in shell, not to one route.
 */
export async function markNotificationsReadAction(input: { notificationId?: string; all?: boolean }) {
  return invokeAction(markNotificationsRead, input);
}
