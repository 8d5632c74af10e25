import { apiRoute } from "@/lib/api/route";
import { refreshNotifications } from "@/lib/api/notifications";

export const dynamic = "force-dynamic";

/** POST /api/v1/notifications/refresh — notices the organization's newly overdue referrals (see the handler). */
export const POST = apiRoute(refreshNotifications);
