import type { z } from "zod";
import { getSessionUserId } from "@/lib/auth/session";
import type { ActionDefinition } from "@/lib/authz/action";
import { handleActionRequest, type ActionInputOf } from "./handle-action-request";
import type { RouteParams } from "./handle-api-request";

/**
 * Wraps an action definition as a JSON POST route handler: `export const POST = actionRoute(logActivity, …)`.
 * Every route handler is a public endpoint: the session's user id goes to runAction, which re-reads the actor,
 * checks the permission, validates the input and audits the change, exactly as for the form's server action.
 */
export function actionRoute<S extends z.ZodType, R>(definition: ActionDefinition<S, R>, inputOf: ActionInputOf) {
  return async (request: Request, context: { params: Promise<RouteParams> }): Promise<Response> =>
    handleActionRequest(request, { actorUserId: getSessionUserId, params: await context.params }, definition, inputOf);
}
