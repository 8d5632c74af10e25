import { getDb } from "@/db/client";
import { getSessionUserId } from "@/lib/auth/session";
import { handleAuditExportRequest } from "@/lib/audit/export";

export const dynamic = "force-dynamic";

/** GET /audit/export?format=csv|xlsx&user&entityType&entityId&from&to — the audit view as a file. */
export async function GET(request: Request): Promise<Response> {
  return handleAuditExportRequest(request, { actorUserId: getSessionUserId, db: getDb() });
}
