import { refresh } from "next/cache";
import { getLocale } from "next-intl/server";
import type { z } from "zod";
import { runAction, type ActionDefinition, type ActionResult } from "@/lib/authz/action";
import { isLocale } from "@/lib/i18n/config";
import { getSessionUserId } from "./session";

export interface InvokeActionOptions {
  /**
   * Re-render the page the form came from in the same round trip when the action succeeded (next/cache's
   * refresh()). Off for actions that navigate elsewhere afterwards (opening a case, sending a referral).
   */
  refresh?: boolean;
}

/**
 * Runs an action definition for the signed-in user. Every `"use server"` function is a public endpoint, so
 * each one is a one-line `return invokeAction(definition, input)`: authentication, authorization and
 * validation happen in runAction. The authorization matrix reads every server function and fails on one that
 * does anything else (lib/authz/matrix/scan.ts).
 */
export async function invokeAction<S extends z.ZodType, R>(
  definition: ActionDefinition<S, R>,
  input: unknown,
  options: InvokeActionOptions = {},
): Promise<ActionResult<R>> {
  const locale = await getLocale();
  const result = await runAction(definition, input, {
    actorUserId: await getSessionUserId(),
    locale: isLocale(locale) ? locale : undefined,
  });
  if (result.ok && options.refresh) refresh();
  return result;
}
