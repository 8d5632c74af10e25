import { getDb } from "@/db/client";
import { getSessionUserId } from "@/lib/auth/session";
import { handleKpiWorkbookRequest } from "@/lib/reports/download";

export const dynamic = "force-dynamic";

/** GET /api/v1/reports/kpi?fy&scope&ref — the KPI table of a scope the actor may see, as .xlsx. */
export async function GET(request: Request): Promise<Response> {
  return handleKpiWorkbookRequest(request, { actorUserId: getSessionUserId, db: getDb() });
}
