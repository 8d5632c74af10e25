import { getDb } from "@/db/client";
import { getSessionUserId } from "@/lib/auth/session";
import { handleExportRequest } from "@/lib/exports/handle-export-request";

export const dynamic = "force-dynamic";

/** GET /api/v1/exports/companies?format=csv|xlsx&q&block&prefecture&industry&open — the company list as a file. */
export async function GET(request: Request): Promise<Response> {
  return handleExportRequest(request, { actorUserId: getSessionUserId, db: getDb() }, "companies");
}
