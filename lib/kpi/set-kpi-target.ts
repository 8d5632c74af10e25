import { and, eq, sql } from "drizzle-orm";
import { kpiTargets, type KpiTarget } from "@/db/schema";
import { defineAction } from "@/lib/authz/action";
import { ConflictError, DomainValidationError } from "@/lib/authz/errors";
import { todayInJst } from "@/lib/format/fiscal-year";
import { metricSpec } from "./metrics";
import { setKpiTargetSchema } from "./schema";
import { loadScopeForTargets } from "./scope-access";
import { isTargetYearAllowed, parseTargetValue } from "./targets";

function valuesOf(row: KpiTarget) {
  return { targetValue: Number(row.targetValue), version: row.version, setByUserId: row.setByUserId, updatedAt: row.updatedAt };
}

/**
 * 目標の設定: one metric's target for a fiscal year and scope, inserted or updated (one row per fy, scope and
 * metric). Only the managers who answer for the scope may set it (./scope-access.ts). Optimistic concurrency:
 * the form sends the version it showed (0 for "no target yet"); a target changed or created meanwhile is
 * refused with the current value, never overwritten. Re-sending what is already saved (a double submit)
 * changes nothing.
 */
export const setKpiTarget = defineAction({
  name: "kpi.set_target",
  permission: "kpi:set",
  schema: setKpiTargetSchema,
  handler: async ({ actor, tx, input, audit, declareUnchanged }) => {
    const scope = await loadScopeForTargets(tx, actor, { kind: input.scopeKind, ref: input.scopeRef });
    const spec = metricSpec(input.metric);
    const parsed = parseTargetValue(input.targetValue, spec);
    const fieldErrors: Record<string, string[]> = {};
    if (!parsed.ok) fieldErrors.targetValue = [parsed.messageKey];
    if (!isTargetYearAllowed(input.fiscalYear, todayInJst())) fieldErrors.fiscalYear = ["kpi.validation.fiscalYearTooLate"];
    if (!parsed.ok || fieldErrors.fiscalYear) throw new DomainValidationError(fieldErrors);
    const value = parsed.value;

    const key = and(
      eq(kpiTargets.fiscalYear, input.fiscalYear),
      eq(kpiTargets.scopeKind, scope.kind),
      eq(kpiTargets.scopeRef, scope.ref),
      eq(kpiTargets.metric, input.metric),
    );
    const [existing] = await tx.select().from(kpiTargets).where(key).for("update");
    const meta = { fiscalYear: input.fiscalYear, scopeKind: scope.kind, scopeRef: scope.ref, metric: input.metric };

    if (!existing) {
      if (input.version !== 0) throw new ConflictError("errors.conflict", { targetValue: null, version: 0 });
      // A concurrent first save of the same target hits the unique index: nothing is inserted, and the
      // second saver sees the first one's value as a conflict.
      const [created] = await tx
        .insert(kpiTargets)
        .values({ fiscalYear: input.fiscalYear, scopeKind: scope.kind, scopeRef: scope.ref, metric: input.metric, targetValue: value, setByUserId: actor.userId })
        .onConflictDoNothing()
        .returning();
      if (!created) {
        const [now] = await tx.select().from(kpiTargets).where(key);
        throw new ConflictError("errors.conflict", now ? valuesOf(now) : undefined);
      }
      await audit({ action: "kpi_target.set", entityType: "kpi_target", entityId: created.id, before: null, after: valuesOf(created), meta });
      return { id: created.id, targetValue: value, version: created.version };
    }

    const current = valuesOf(existing);
    if (current.targetValue === value && (existing.version === input.version || existing.setByUserId === actor.userId)) {
      // Already so: the same value re-sent (a double submit, or saving an unchanged field).
      declareUnchanged();
      return { id: existing.id, targetValue: value, version: existing.version };
    }
    if (existing.version !== input.version) throw new ConflictError("errors.conflict", current);

    const [updated] = await tx
      .update(kpiTargets)
      .set({ targetValue: value, setByUserId: actor.userId, version: sql`${kpiTargets.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(kpiTargets.id, existing.id), eq(kpiTargets.version, input.version)))
      .returning();
    if (!updated) throw new ConflictError("errors.conflict", current);
    await audit({ action: "kpi_target.set", entityType: "kpi_target", entityId: updated.id, before: current, after: valuesOf(updated), meta });
    return { id: updated.id, targetValue: value, version: updated.version };
  },
});
