import { getDb } from "@/db/client";
import { getSessionUserId } from "@/lib/auth/session";
import { handleProvisionExportRequest } from "@/lib/referrals/provision-export";

export const dynamic = "force-dynamic";

/** GET /companies/{id}/provisions/export?format=csv|xlsx — the company's record of provision as a file. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return handleProvisionExportRequest(request, { actorUserId: getSessionUserId, db: getDb() }, id);
}
