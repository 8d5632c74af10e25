import { apiRoute } from "@/lib/api/route";
import { getReferral } from "@/lib/api/v1";

export const dynamic = "force-dynamic";

/** GET /api/v1/referrals/{id} — one referral sent or received by the actor's organization. */
export const GET = apiRoute(getReferral);
