import { z } from "zod";
import type { Queryable } from "@/db/client";
import { loadActor, type Actor } from "@/lib/authz/actor";
import { NotFoundError } from "@/lib/authz/errors";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, type Locale } from "@/lib/i18n/config";
import { translate } from "@/lib/i18n/messages";
import { InvalidCursorError } from "@/lib/pagination";

/**
 * The core of every JSON route handler, without Next.js or Auth.js: authentication from a user id re-read in
 * the database, the actor's locale, error mapping and caching headers. `apiRoute` (./route.ts) feeds it the
 * session's user id; integration tests feed it an explicit one, so they run the same code as production.
 */

export type RouteParams = Record<string, string | string[] | undefined>;

export interface ApiContext {
  actor: Actor;
  db: Queryable;
  request: Request;
  searchParams: URLSearchParams;
  params: RouteParams;
  locale: Locale;
}

/** Returns the response body (JSON-serializable); throws NotFoundError, InvalidQueryError, InvalidCursorError. */
export type ApiHandler = (context: ApiContext) => Promise<unknown>;

export interface ApiRequestOptions {
  /**
   * The session's user id (null or undefined when signed out), or a function that reads it — so that a
   * failing session read is answered like any other error, as JSON.
   */
  actorUserId: string | null | undefined | (() => Promise<string | null | undefined>);
  db: Queryable;
  params?: RouteParams;
}

export type ApiErrorCode = "unauthenticated" | "not_found" | "invalid_query" | "invalid_cursor" | "unexpected";

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; fields?: Record<string, string[]> };
}

/** A query parameter failed validation; `fields` holds translated messages per parameter. */
export class InvalidQueryError extends Error {
  constructor(public readonly fields: Record<string, string[]>) {
    super("invalid query parameters");
    this.name = "InvalidQueryError";
  }
}

const NO_STORE = { "Cache-Control": "no-store" };

export async function handleApiRequest(request: Request, options: ApiRequestOptions, handler: ApiHandler): Promise<Response> {
  const locale = localeOf(request);
  const fail = (status: number, code: ApiErrorCode, key: string, fields?: Record<string, string[]>) =>
    json<ApiErrorBody>({ error: { code, message: translate(locale, key), ...(fields ? { fields } : {}) } }, status);

  try {
    // Re-read on every request: a deactivated user or organization is signed out at once, whatever the cookie says.
    const userId = typeof options.actorUserId === "function" ? await options.actorUserId() : options.actorUserId;
    const actor = userId ? await loadActor(options.db, userId) : null;
    if (!actor) return fail(401, "unauthenticated", "errors.unauthenticated");
    const searchParams = new URL(request.url).searchParams;
    const body = await handler({ actor, db: options.db, request, searchParams, params: options.params ?? {}, locale });
    return json(body, 200);
  } catch (error) {
    // A record outside the actor's scope is not found — never "forbidden" — so that its existence does not leak.
    if (error instanceof NotFoundError) return fail(404, "not_found", "errors.notFound");
    if (error instanceof InvalidQueryError) return fail(400, "invalid_query", "errors.invalidInput", error.fields);
    if (error instanceof InvalidCursorError) return fail(400, "invalid_cursor", "errors.invalidInput");
    // Logged on the server only: a stack trace or an SQL message in a response tells an attacker too much.
    console.error(`[api] ${request.method} ${new URL(request.url).pathname}`, error);
    return fail(500, "unexpected", "errors.unexpected");
  }
}

function json<T>(body: T, status: number): Response {
  return Response.json(body, { status, headers: NO_STORE });
}

/** The NEXT_LOCALE cookie (set by the language switch), else Japanese. */
export function localeOf(request: Request): Locale {
  const header = request.headers.get("cookie") ?? "";
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === LOCALE_COOKIE) {
      const value = decodeURIComponentSafe(rest.join("="));
      return isLocale(value) ? value : DEFAULT_LOCALE;
    }
  }
  return DEFAULT_LOCALE;
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Parses the query string with a zod object schema. Empty parameters count as absent (a form's "all"
 * option sends `stage=`), and a repeated parameter is read once. Failures become a 400 with messages in
 * the caller's language.
 */
export function parseQuery<S extends z.ZodType>(context: Pick<ApiContext, "searchParams" | "locale">, schema: S): z.output<S> {
  const input: Record<string, string> = {};
  for (const key of new Set(context.searchParams.keys())) {
    const value = context.searchParams.get(key);
    if (value) input[key] = value;
  }
  const parsed = schema.safeParse(input, { error: (context.locale === "ja" ? z.locales.ja() : z.locales.en()).localeError });
  if (parsed.success) return parsed.data;
  const fields: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.length ? issue.path.join(".") : "_query";
    (fields[field] ??= []).push(issue.message);
  }
  throw new InvalidQueryError(fields);
}

/** A route segment such as `[id]`, as one string ("" when missing, which no query will find). */
export function routeParam(context: Pick<ApiContext, "params">, name: string): string {
  const value = context.params[name];
  return typeof value === "string" ? value : "";
}

/** The record, or a NotFoundError (404) when the query found nothing the actor may see. */
export function found<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new NotFoundError();
  return value;
}
