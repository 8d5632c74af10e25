import { logActivity } from "@/lib/activities/log-activity";
import { actionRoute } from "@/lib/api/action-route";
import { pathParam } from "@/lib/api/handle-action-request";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/cases/{id}/activities — logs a 支援記録 on the case, as the quick log form does:
 * `{ kind, occurredAt, summary, durationMinutes?, participantIds?, externalParticipants?, nextAction?, idempotencyKey? }`.
 */
export const POST = actionRoute(logActivity, (body, params) => ({ ...body, caseId: pathParam(params, "id") }));
