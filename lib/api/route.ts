import { getDb } from "@/db/client";
import { getSessionUserId } from "@/lib/auth/session";
import { handleApiRequest, type ApiHandler, type RouteParams } from "./handle-api-request";

/**
 * Wraps an API handler as a Next.js route handler. Every route handler is a public endpoint, so each one is
 * `export const GET = apiRoute(handler)`: the session's user id goes to handleApiRequest, which re-reads the
 * actor from the database exactly as getActor() does (a deactivated user is signed out at once), answers 401,
 * 400 and 404 as JSON and never caches.
 */
export function apiRoute(handler: ApiHandler) {
  return async (request: Request, context: { params: Promise<RouteParams> }): Promise<Response> =>
    handleApiRequest(request, { actorUserId: getSessionUserId, db: getDb(), params: await context.params }, handler);
}
