import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { outcomes } from "@/db/schema";
import { defineAction } from "@/lib/authz/action";
import { loadCaseForEdit } from "./case-access";
import { recordOutcomeSchema } from "./schema";

export interface RecordedOutcome {
  id: string;
  version: number;
  /** True when this was a second submit of the same form: the first outcome is returned, nothing was recorded. */
  replayed: boolean;
}

/**
 * 成果の記録: an IP filing or registration (with its number), a contract, a licence, funding obtained. It is
 * recorded against the case and its company, so that the company's outcomes survive a merge and the KPI
 * counts (IP filings per fiscal year) can be read from one table. A double-submitted form (same idempotency
 * key) returns the first outcome: a filing counted twice would inflate the KPI.
 */
export const recordOutcome = defineAction({
  name: "outcome.record",
  permission: "case:update",
  schema: recordOutcomeSchema,
  handler: async ({ actor, tx, input, audit, declareUnchanged }): Promise<RecordedOutcome> => {
    const replayed = await findByIdempotencyKey(tx, actor.userId, input.idempotencyKey);
    if (replayed) {
      declareUnchanged();
      return replayed;
    }

    const target = await loadCaseForEdit(tx, actor, input.caseId);
    const isIp = input.kind === "ip_filing" || input.kind === "ip_registration";
    const [created] = await tx
      .insert(outcomes)
      .values({
        caseId: target.id,
        companyId: target.companyId,
        kind: input.kind,
        ipKind: isIp ? (input.ipKind ?? null) : null,
        applicationNumber: input.applicationNumber ?? null,
        registrationNumber: input.registrationNumber ?? null,
        amountYen: input.amountYen ?? null,
        description: input.description,
        achievedOn: input.achievedOn,
        recordedByUserId: actor.userId,
        idempotencyKey: input.idempotencyKey,
      })
      // A concurrent second submit waits here for the first to commit, inserts nothing, and finds the first.
      .onConflictDoNothing()
      .returning();
    if (!created) {
      const first = await findByIdempotencyKey(tx, actor.userId, input.idempotencyKey);
      if (!first) throw new Error("outcome insert conflicted, yet no outcome has its idempotency key");
      declareUnchanged();
      return first;
    }
    await audit({ action: "outcome.record", entityType: "outcome", entityId: created.id, after: created, meta: { caseId: target.id } });
    return { id: created.id, version: created.version, replayed: false };
  },
});

async function findByIdempotencyKey(tx: Tx, userId: string, key: string): Promise<RecordedOutcome | undefined> {
  const [first] = await tx
    .select({ id: outcomes.id, version: outcomes.version })
    .from(outcomes)
    .where(and(eq(outcomes.recordedByUserId, userId), eq(outcomes.idempotencyKey, key)))
    .limit(1);
  return first ? { ...first, replayed: true } : undefined;
}
