import { outcomes } from "@/db/schema";
import { defineAction } from "@/lib/authz/action";
import { loadCaseForEdit } from "./case-access";
import { recordOutcomeSchema } from "./schema";

/**
 * 成果の記録: an IP filing or registration (with its number), a contract, a licence, funding obtained. It is
 * recorded against the case and its company, so that the company's outcomes survive a merge and the KPI
 * counts (IP filings per fiscal year) can be read from one table.
 */
export const recordOutcome = defineAction({
  name: "outcome.record",
  permission: "case:update",
  schema: recordOutcomeSchema,
  handler: async ({ actor, tx, input, audit }) => {
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
      })
      .returning();
    await audit({ action: "outcome.record", entityType: "outcome", entityId: created!.id, after: created, meta: { caseId: target.id } });
    return { id: created!.id, version: created!.version };
  },
});
