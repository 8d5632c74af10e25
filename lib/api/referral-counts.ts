import type { ReferralCounts } from "@/lib/referrals/counts";
import { countReferralsForOrg } from "@/lib/referrals/counts";
import type { ApiHandler } from "./handle-api-request";

/**
 * GET /api/v1/referrals/counts — the referral numbers of the actor's organization: per box and status, what
 * awaits an answer, what is overdue, which follow-ups are due. The navigation badges and the list's tabs poll
 * it (TanStack Query, every 30 s and on window focus) and every referral action invalidates it.
 */
export const getReferralCounts: ApiHandler = (context): Promise<ReferralCounts> => countReferralsForOrg(context.db, context.actor);
