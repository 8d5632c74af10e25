import { and, eq, isNull, sql } from "drizzle-orm";
import { cases, nextActions } from "@/db/schema";
import { defineAction } from "@/lib/authz/action";
import { ForbiddenError, NotFoundError } from "@/lib/authz/errors";
import { caseScope } from "@/lib/authz/scopes";
import { isCaseMember } from "@/lib/cases/case-access";
import { completeNextActionSchema } from "./schema";

export interface CompletedNextAction {
  id: string;
  completedAt: Date;
  completedByUserId: string | null;
  /** False when it had already been completed (by this click's twin, or by a colleague). */
  changed: boolean;
}

/**
 * 次のアクションの完了, in one click from My day. The assignee or any member of the case may complete it.
 * Completing one that is already complete succeeds and changes nothing — no second audit row — so that a
 * double click, or two colleagues clicking at once, is never an error.
 */
export const completeNextAction = defineAction({
  name: "next_action.complete",
  permission: "next-action:complete",
  schema: completeNextActionSchema,
  handler: async ({ actor, tx, input, audit, declareUnchanged }): Promise<CompletedNextAction> => {
    const [before] = await tx
      .select({ nextAction: nextActions })
      .from(nextActions)
      .innerJoin(cases, eq(cases.id, nextActions.caseId))
      .where(and(eq(nextActions.id, input.nextActionId), caseScope(actor)))
      .for("update", { of: nextActions });
    if (!before) throw new NotFoundError("next_action");
    const action = before.nextAction;
    if (action.assigneeUserId !== actor.userId && !(await isCaseMember(tx, action.caseId, actor.userId))) {
      throw new ForbiddenError("next-action:complete");
    }

    if (action.completedAt) {
      declareUnchanged();
      return { id: action.id, completedAt: action.completedAt, completedByUserId: action.completedByUserId, changed: false };
    }

    const [after] = await tx
      .update(nextActions)
      .set({
        completedAt: sql`now()`,
        completedByUserId: actor.userId,
        version: sql`${nextActions.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(nextActions.id, action.id), isNull(nextActions.completedAt)))
      .returning();
    await audit({
      action: "next_action.complete",
      entityType: "next_action",
      entityId: action.id,
      before: action,
      after,
      meta: { caseId: action.caseId },
    });
    return { id: after!.id, completedAt: after!.completedAt!, completedByUserId: after!.completedByUserId, changed: true };
  },
});
