import { apiRoute } from "@/lib/api/route";
import { listNotifications } from "@/lib/api/notifications";

export const dynamic = "force-dynamic";

/** GET /api/v1/notifications?unread=1&limit&cursor — the signed-in user's notifications and unread count. */
export const GET = apiRoute(listNotifications);
