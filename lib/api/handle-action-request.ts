import type { z } from "zod";
import type { Db } from "@/db/client";
import { runAction, type ActionDefinition, type ActionErrorCode } from "@/lib/authz/action";
import { translate } from "@/lib/i18n/messages";
import { localeOf, type RouteParams } from "./handle-api-request";

/**
 * The core of every JSON *write* route handler, without Next.js or Auth.js: the same action definitions the
 * forms' server actions run, through the same runAction (permission, zod, transaction, audit), answered as
 * JSON with an HTTP status. `actionRoute` (./action-route.ts) feeds it the session's user id; integration
 * tests feed it an explicit one, so they run the code production runs.
 */

export interface ActionRequestOptions {
  /** The session's user id, or a function that reads it (see ApiRequestOptions). */
  actorUserId: string | null | undefined | (() => Promise<string | null | undefined>);
  db?: Db;
  params?: RouteParams;
}

/** Builds the action's input from the JSON body and the route's parameters; the id in the path wins. */
export type ActionInputOf = (body: Record<string, unknown>, params: RouteParams) => unknown;

export type ActionApiErrorCode = ActionErrorCode | "unsupported_media_type";

const STATUS: Record<ActionErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid: 400,
  conflict: 409,
  unexpected: 500,
};

const NO_STORE = { "Cache-Control": "no-store" };

export async function handleActionRequest<S extends z.ZodType, R>(
  request: Request,
  options: ActionRequestOptions,
  definition: ActionDefinition<S, R>,
  inputOf: ActionInputOf,
): Promise<Response> {
  const locale = localeOf(request);
  const fail = (code: ActionApiErrorCode, status: number, message: string, extra: Record<string, unknown> = {}) =>
    Response.json({ error: { code, message, ...extra } }, { status, headers: NO_STORE });

  const userId = typeof options.actorUserId === "function" ? await options.actorUserId() : options.actorUserId;
  // Signed out: nothing about the request is looked at, not even whether its body parses.
  if (!userId) return fail("unauthenticated", 401, translate(locale, "errors.unauthenticated"));
  // JSON only. A cross-site HTML form can post text/plain or form data with the user's cookie, never
  // application/json without a CORS preflight this API does not answer: requiring it closes that door.
  if (!/^application\/json(\s*;|$)/i.test(request.headers.get("content-type") ?? "")) {
    return fail("unsupported_media_type", 415, translate(locale, "errors.invalidInput"));
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return fail("invalid", 400, translate(locale, "errors.invalidInput"));
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) return fail("invalid", 400, translate(locale, "errors.invalidInput"));

  const result = await runAction(definition, inputOf(body as Record<string, unknown>, options.params ?? {}), { actorUserId: userId, db: options.db, locale });
  if (result.ok) return Response.json({ data: result.data }, { status: 200, headers: NO_STORE });
  return fail(result.code, STATUS[result.code], result.message, {
    ...(result.fieldErrors ? { fields: result.fieldErrors } : {}),
    ...(result.current ? { current: result.current } : {}),
  });
}

/** A route segment such as `[id]`, as one string ("" when missing, which no record has). */
export function pathParam(params: RouteParams, name: string): string {
  const value = params[name];
  return typeof value === "string" ? value : "";
}
