import { z } from "zod";
import { getDb, type Db, type Tx } from "@/db/client";
import { recordAudit, type AuditEntry } from "@/lib/audit/record-audit";
import { translate } from "@/lib/i18n/messages";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/config";
import { loadActor, type Actor } from "./actor";
import { can } from "./can";
import { ConflictError, DomainValidationError, ForbiddenError, NotFoundError } from "./errors";
import type { Permission } from "./permissions";

export type ActionErrorCode = "unauthenticated" | "forbidden" | "not_found" | "invalid" | "conflict" | "unexpected";

/** What every server action returns: data, or an error the form can show next to its fields. */
export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      code: ActionErrorCode;
      message: string;
      fieldErrors?: Record<string, string[]>;
      /** The submitted values, echoed back so that a form re-renders with what the user typed. */
      values?: Record<string, unknown>;
      /** On conflict: the record as it is now, so the user can see what changed. */
      current?: Record<string, unknown>;
    };

export interface ActionContext<I> {
  actor: Actor;
  tx: Tx;
  input: I;
  locale: Locale;
  /** Appends an audit row in the action's transaction. Every action must record at least one… */
  audit: (entry: AuditEntry) => Promise<void>;
  /**
   * …unless it changed nothing: a replayed double submit that found the first record, or completing a task
   * that is already complete. Declaring it keeps the audit log a record of changes, one row per change.
   */
  declareUnchanged: () => void;
}

export interface ActionDefinition<S extends z.ZodType, R> {
  name: string;
  permission: Permission;
  schema: S;
  handler: (ctx: ActionContext<z.output<S>>) => Promise<R>;
}

/**
 * The one way to write a mutation: a permission that is required, a zod schema that parses the input on
 * the server, the actor re-read from the database, one transaction around the work and its audit rows,
 * and a typed result. Domain handlers throw NotFoundError / ConflictError / DomainValidationError.
 */
export function defineAction<S extends z.ZodType, R>(definition: ActionDefinition<S, R>): ActionDefinition<S, R> {
  return definition;
}

export interface RunOptions {
  /** The session's user id (null when signed out). */
  actorUserId: string | null | undefined;
  db?: Db;
  locale?: Locale;
}

export async function runAction<S extends z.ZodType, R>(
  definition: ActionDefinition<S, R>,
  rawInput: unknown,
  options: RunOptions,
): Promise<ActionResult<R>> {
  const locale = options.locale ?? DEFAULT_LOCALE;
  const fail = (code: ActionErrorCode, key: string, extra: Partial<Extract<ActionResult<R>, { ok: false }>> = {}) =>
    ({ ok: false as const, code, message: translate(locale, key), ...extra });

  const db = options.db ?? getDb();
  const actor = options.actorUserId ? await loadActor(db, options.actorUserId) : null;
  if (!actor) return fail("unauthenticated", "errors.unauthenticated");
  if (!can(actor, definition.permission)) return fail("forbidden", "errors.forbidden");

  const input = rawInput instanceof FormData ? formDataToObject(rawInput) : rawInput;
  const parsed = definition.schema.safeParse(input, { error: zodErrorMap(locale) });
  if (!parsed.success) {
    return fail("invalid", "errors.invalidInput", {
      fieldErrors: fieldErrorsOf(parsed.error, locale),
      values: echoValues(input),
    });
  }

  try {
    const data = await db.transaction(async (tx) => {
      let audited = 0;
      let unchanged = false;
      const audit = async (entry: AuditEntry) => {
        audited += 1;
        await recordAudit(tx, { userId: actor.userId, orgId: actor.orgId }, entry);
      };
      const declareUnchanged = () => {
        unchanged = true;
      };
      const result = await definition.handler({ actor, tx, input: parsed.data, locale, audit, declareUnchanged });
      if (audited === 0 && !unchanged) throw new Error(`action ${definition.name} recorded no audit row`);
      return result;
    });
    return { ok: true, data };
  } catch (error) {
    if (error instanceof NotFoundError) return fail("not_found", "errors.notFound");
    if (error instanceof ForbiddenError) return fail("forbidden", "errors.forbidden");
    if (error instanceof ConflictError) {
      return fail("conflict", error.messageKey, { current: error.current, values: echoValues(input) });
    }
    if (error instanceof DomainValidationError) {
      return fail("invalid", error.message, {
        fieldErrors: Object.fromEntries(
          Object.entries(error.fieldErrors).map(([field, keys]) => [field, keys.map((k) => translate(locale, k))]),
        ),
        values: echoValues(input),
      });
    }
    console.error(`[action ${definition.name}]`, error);
    return fail("unexpected", "errors.unexpected", { values: echoValues(input) });
  }
}

/** Form fields become an object; repeated fields and fields named `x[]` become arrays. */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = formData.getAll(key).filter((v): v is string => typeof v === "string");
    if (key.endsWith("[]")) out[key.slice(0, -2)] = values;
    else out[key] = values.length > 1 ? values : values[0];
  }
  return out;
}

function echoValues(input: unknown): Record<string, unknown> | undefined {
  if (!input || typeof input !== "object") return undefined;
  return Object.fromEntries(Object.entries(input as Record<string, unknown>).filter(([k]) => !/password/i.test(k)));
}

function fieldErrorsOf(error: z.ZodError, locale: Locale): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = issue.path.length ? issue.path.join(".") : "_form";
    const message = /^(errors|validation)\./.test(issue.message) ? translate(locale, issue.message) : issue.message;
    (out[field] ??= []).push(message);
  }
  return out;
}

function zodErrorMap(locale: Locale) {
  return (locale === "ja" ? z.locales.ja() : z.locales.en()).localeError;
}
