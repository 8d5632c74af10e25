import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { activities, activityParticipants, cases, nextActions } from "@/db/schema";
import { defineAction } from "@/lib/authz/action";
import { loadActor } from "@/lib/authz/actor";
import { DomainValidationError } from "@/lib/authz/errors";
import { caseScope } from "@/lib/authz/scopes";
import { findUnavailableUserIds, loadVisibleCase } from "@/lib/cases/case-access";
import { logActivitySchema } from "./schema";

export interface LoggedActivity {
  id: string;
  nextActionId: string | null;
  /** True when this was a second submit of the same form: the first activity is returned, nothing was added. */
  replayed: boolean;
}

/**
 * 支援記録: a visit, meeting, call… on a case the actor may see, while the case is open or paused (a closed
 * case is reopened first). An optional next action goes to someone who can see the case — otherwise it would
 * sit on nobody's My day. A double-submitted form (same idempotency key) returns the first activity.
 */
export const logActivity = defineAction({
  name: "activity.log",
  permission: "activity:create",
  schema: logActivitySchema,
  handler: async ({ actor, tx, input, audit, declareUnchanged }): Promise<LoggedActivity> => {
    const replayed = await findByIdempotencyKey(tx, actor.userId, input.idempotencyKey);
    if (replayed) {
      declareUnchanged();
      return replayed;
    }

    const target = await loadVisibleCase(tx, actor, input.caseId);
    if (target.stage === "closed") throw new DomainValidationError({ _form: ["validation.activity.caseClosed"] });

    const fieldErrors: Record<string, string[]> = {};
    if ((await findUnavailableUserIds(tx, input.participantIds)).length > 0) {
      fieldErrors.participantIds = ["validation.user.unavailable"];
    }
    if (input.nextAction) {
      const problem = await assigneeProblem(tx, input.nextAction.assigneeUserId, target.id);
      if (problem) fieldErrors["nextAction.assigneeUserId"] = [problem];
    }
    if (Object.keys(fieldErrors).length > 0) throw new DomainValidationError(fieldErrors);

    const [activity] = await tx
      .insert(activities)
      .values({
        caseId: target.id,
        companyId: target.companyId,
        organizationId: actor.orgId,
        kind: input.kind,
        occurredAt: input.occurredAt,
        durationMinutes: input.durationMinutes ?? null,
        summary: input.summary,
        externalParticipants: input.externalParticipants ?? null,
        createdByUserId: actor.userId,
        idempotencyKey: input.idempotencyKey,
      })
      // A concurrent second submit waits here for the first to commit, inserts nothing, and finds the first.
      .onConflictDoNothing()
      .returning();
    if (!activity) {
      const first = await findByIdempotencyKey(tx, actor.userId, input.idempotencyKey);
      if (!first) throw new Error("activity insert conflicted, yet no activity has its idempotency key");
      declareUnchanged();
      return first;
    }

    const participantIds = [...new Set(input.participantIds)];
    if (participantIds.length > 0) {
      await tx.insert(activityParticipants).values(participantIds.map((userId) => ({ activityId: activity.id, userId })));
    }
    const [nextAction] = input.nextAction
      ? await tx
          .insert(nextActions)
          .values({
            caseId: target.id,
            activityId: activity.id,
            title: input.nextAction.title,
            assigneeUserId: input.nextAction.assigneeUserId,
            dueOn: input.nextAction.dueOn,
            createdByUserId: actor.userId,
          })
          .returning()
      : [];

    await audit({
      action: "activity.log",
      entityType: "activity",
      entityId: activity.id,
      after: { ...activity, participantIds, nextAction: nextAction ?? null },
      meta: { caseId: target.id },
    });
    return { id: activity.id, nextActionId: nextAction?.id ?? null, replayed: false };
  },
});

async function findByIdempotencyKey(tx: Tx, userId: string, key: string): Promise<LoggedActivity | undefined> {
  const [first] = await tx
    .select({ id: activities.id })
    .from(activities)
    .where(and(eq(activities.createdByUserId, userId), eq(activities.idempotencyKey, key)))
    .limit(1);
  if (!first) return undefined;
  const [nextAction] = await tx
    .select({ id: nextActions.id })
    .from(nextActions)
    .where(eq(nextActions.activityId, first.id))
    .limit(1);
  return { id: first.id, nextActionId: nextAction?.id ?? null, replayed: true };
}

/** Why the chosen assignee cannot take the next action, or null when they can. */
async function assigneeProblem(tx: Tx, assigneeUserId: string, caseId: string): Promise<string | null> {
  if ((await findUnavailableUserIds(tx, [assigneeUserId])).length > 0) return "validation.user.unavailable";
  const assignee = await loadActor(tx, assigneeUserId);
  if (!assignee) return "validation.user.unavailable";
  const [visible] = await tx
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.id, caseId), caseScope(assignee)));
  return visible ? null : "validation.nextAction.assigneeCannotSeeCase";
}
