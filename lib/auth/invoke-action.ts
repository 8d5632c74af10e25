import { getLocale } from "next-intl/server";
import type { z } from "zod";
import { runAction, type ActionDefinition, type ActionResult } from "@/lib/authz/action";
import { isLocale } from "@/lib/i18n/config";
import { getSessionUserId } from "./session";

/**
 * Runs an action definition for the signed-in user. Every `"use server"` function is a public endpoint, so
 * each one is a one-line call to this: authentication, authorization and validation happen in runAction.
 */
export async function invokeAction<S extends z.ZodType, R>(definition: ActionDefinition<S, R>, input: unknown): Promise<ActionResult<R>> {
  const locale = await getLocale();
  return runAction(definition, input, {
    actorUserId: await getSessionUserId(),
    locale: isLocale(locale) ? locale : undefined,
  });
}
