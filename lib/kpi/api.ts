import { z } from "zod";
import { kpiScopeKind } from "@/db/schema";
import { found, parseQuery, type ApiContext, type ApiHandler } from "@/lib/api/handle-api-request";
import { NotFoundError } from "@/lib/authz/errors";
import { fiscalYearOf, todayInJst } from "@/lib/format/fiscal-year";
import { FIRST_KPI_FISCAL_YEAR } from "./period";
import { getKpiReportForActor, listPdcaNotes, type KpiReport } from "./queries";
import { parseKpiScopeRef, type KpiScopeRef } from "./scope";
import { defaultKpiScope, listKpiScopesForActor } from "./scope-access";

/**
 * The KPI handlers of the JSON API v1 (app/api/v1/kpi). Each route file is `export const GET = apiRoute(handler)`;
 * a scope the actor may not see answers 404. The producer-team handlers are lib/teams/api.ts.
 */

export const fiscalYearParam = z.coerce.number().int().min(FIRST_KPI_FISCAL_YEAR).max(2100);

export const scopeQuery = z.object({
  fy: fiscalYearParam.optional(),
  scope: z.enum(kpiScopeKind.enumValues).optional(),
  ref: z.string().max(64).optional(),
});

/** The scope named by `scope` and `ref`, or the actor's default one when neither is given. */
export async function scopeFromQuery(context: Pick<ApiContext, "db" | "actor">, query: z.output<typeof scopeQuery>, fiscalYear: number): Promise<KpiScopeRef> {
  if (query.scope) {
    const scope = parseKpiScopeRef(query.scope, query.ref);
    if (!scope) throw new NotFoundError("kpi scope");
    return scope;
  }
  const fallback = defaultKpiScope(context.actor, await listKpiScopesForActor(context.db, context.actor, fiscalYear));
  if (!fallback) throw new NotFoundError("kpi scope");
  return { kind: fallback.kind, ref: fallback.ref };
}

/** A KPI report as JSON: the scope, the periods compared, and one row per metric. */
export function serializeKpiReport(report: KpiReport) {
  return {
    scope: { kind: report.scope.kind, ref: report.scope.ref, nameJa: report.scope.nameJa, nameEn: report.scope.nameEn },
    fiscalYear: report.fiscalYear,
    period: { start: report.period.start, asOf: report.period.asOf },
    previousPeriod: { fiscalYear: report.previousPeriod.fiscalYear, start: report.previousPeriod.start, asOf: report.previousPeriod.asOf },
    elapsedShare: report.elapsedShare,
    canSetTargets: report.canSetTargets,
    canWritePdca: report.canWritePdca,
    metrics: report.rows.map((row) => ({
      metric: row.spec.key,
      unit: row.spec.unit,
      better: row.spec.better,
      target: row.target ? { value: row.target.value, version: row.target.version, setBy: row.target.setByName, updatedAt: row.target.updatedAt } : null,
      actual: row.actual,
      previous: row.previous,
      progress: row.progress,
    })),
  };
}

/** GET /api/v1/kpi?fy&scope&ref — targets, actuals and last year's same point, with the scope's PDCA notes. */
export const getKpi: ApiHandler = async (context) => {
  const query = parseQuery(context, scopeQuery);
  const today = todayInJst();
  const fiscalYear = query.fy ?? fiscalYearOf(today);
  const scope = await scopeFromQuery(context, query, fiscalYear);
  const report = found(await getKpiReportForActor(context.db, context.actor, scope, fiscalYear, today));
  const pdca = await listPdcaNotes(context.db, report.scope, fiscalYear);
  return { ...serializeKpiReport(report), pdca };
};

/** GET /api/v1/kpi/scopes?fy — the scopes the actor may see that year. */
export const listKpiScopes: ApiHandler = async (context) => {
  const query = parseQuery(context, z.object({ fy: fiscalYearParam.optional() }));
  const fiscalYear = query.fy ?? fiscalYearOf(todayInJst());
  const items = await listKpiScopesForActor(context.db, context.actor, fiscalYear);
  return { fiscalYear, items };
};

