"use server";

import { invokeAction } from "@/lib/auth/invoke-action";
import { completeNextAction } from "@/lib/activities/complete-next-action";

/**
 * 完了 in one click, from My day and from a case page. A public endpoint like every server function: the
 * action wrapper authenticates and authorizes (the assignee or a member of the case). Completing one that is
 * already complete succeeds without a change, so a double click is never an error.
 */
export async function completeNextActionAction(nextActionId: string) {
  return invokeAction(completeNextAction, { nextActionId }, { refresh: true });
}
