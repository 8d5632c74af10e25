import { and, eq, sql } from "drizzle-orm";
import { caseStageChanges, cases, type Case } from "@/db/schema";
import { defineAction } from "@/lib/authz/action";
import { ConflictError, DomainValidationError } from "@/lib/authz/errors";
import { todayInJst } from "@/lib/format/fiscal-year";
import { loadCaseForEdit } from "./case-access";
import { changeCaseStageSchema } from "./schema";
import { checkStageChange, type StageChangeRefusal } from "./stage";

/** Where each refusal of lib/cases/stage.ts is shown, and what it says. */
const REFUSAL_FIELD_ERRORS: Record<StageChangeRefusal, Record<string, string[]>> = {
  same_stage: { toStage: ["validation.caseStage.sameStage"] },
  reason_required: { reason: ["validation.caseStage.reasonRequired"] },
  reopen_required: { toStage: ["validation.caseStage.reopenRequired"] },
  not_reopen: { reopen: ["validation.caseStage.notClosed"] },
};

function stageView(row: Case) {
  return { stage: row.stage, closedOn: row.closedOn, pausedReason: row.pausedReason, version: row.version, updatedAt: row.updatedAt };
}

/**
 * 段階の変更, by DOMAIN.md's rules (lib/cases/stage.ts): 中断 needs a reason; a closed case moves only when
 * reopened explicitly, with a reason. Closing dates the case; pausing keeps the reason on the case; every
 * change is kept in case_stage_changes for the funnel and the durations.
 */
export const changeCaseStage = defineAction({
  name: "case.change_stage",
  permission: "case:update",
  schema: changeCaseStageSchema,
  handler: async ({ actor, tx, input, audit }) => {
    const before = await loadCaseForEdit(tx, actor, input.caseId);
    // A stale form may think the case is in another stage: compare versions before judging the move.
    if (before.version !== input.version) throw new ConflictError("errors.conflict", stageView(before));

    const check = checkStageChange({ from: before.stage, to: input.toStage, reason: input.reason, reopen: input.reopen });
    if (!check.ok) throw new DomainValidationError(REFUSAL_FIELD_ERRORS[check.refusal]);

    const reason = input.reason ?? null;
    const [after] = await tx
      .update(cases)
      .set({
        stage: input.toStage,
        closedOn: input.toStage === "closed" ? todayInJst() : null,
        pausedReason: input.toStage === "paused" ? reason : null,
        version: sql`${cases.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(cases.id, before.id), eq(cases.version, input.version)))
      .returning();
    if (!after) throw new ConflictError("errors.conflict", stageView(before));

    await tx.insert(caseStageChanges).values({
      caseId: before.id,
      fromStage: before.stage,
      toStage: input.toStage,
      reason,
      changedByUserId: actor.userId,
    });
    await audit({
      action: input.reopen ? "case.reopen" : "case.change_stage",
      entityType: "case",
      entityId: before.id,
      before: stageView(before),
      after: stageView(after),
      meta: reason ? { reason } : undefined,
    });
    return { id: after.id, stage: after.stage, version: after.version };
  },
});
