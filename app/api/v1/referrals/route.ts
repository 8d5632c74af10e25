import { apiRoute } from "@/lib/api/route";
import { listReferrals } from "@/lib/api/v1";

export const dynamic = "force-dynamic";

/** GET /api/v1/referrals?box=inbox|outbox&status&cursor&limit — the organization's referrals. */
export const GET = apiRoute(listReferrals);
