import { logActivity } from "@/lib/activities/log-activity";
import { actionRoute } from "@/lib/api/action-route";
import { pathParam } from "@/lib/api/handle-action-request";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/cases/{id}/activities — logs a 支援記録 on the case, as the quick log form does:
 * `{ idempotencyKey, kind, occurredAt, summary, durationMinutes?, participantIds?, externalParticipants?, nextAction? }`, where
 * `idempotencyKey` is a UUID the client makes once per activity it means to log: a retry with the same key answers
 * with the first activity (`replayed: true`) instead of logging it twice, and a request without one is refused (400).
 */
export const POST = actionRoute(logActivity, (body, params) => ({ ...body, caseId: pathParam(params, "id") }));
