import { actionRoute } from "@/lib/api/action-route";
import { pathParam } from "@/lib/api/handle-action-request";
import { acceptReferral } from "@/lib/referrals/transition-referral";

export const dynamic = "force-dynamic";

/** POST /api/v1/referrals/{id}/accept — 受付 by the receiving organization: `{ version?, handlerUserId? }`. */
export const POST = actionRoute(acceptReferral, (body, params) => ({ ...body, referralId: pathParam(params, "id") }));
