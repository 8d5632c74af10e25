import { apiRoute } from "@/lib/api/route";
import { getReferralCounts } from "@/lib/api/referral-counts";

export const dynamic = "force-dynamic";

/** GET /api/v1/referrals/counts — inbox/outbox numbers of the actor's organization, for badges and tabs. */
export const GET = apiRoute(getReferralCounts);
