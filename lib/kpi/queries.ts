import { and, asc, desc, eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { kpiTargets, pdcaNotes, users, type KpiMetric } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { todayInJst } from "@/lib/format/fiscal-year";
import { computeKpiActuals } from "./actuals";
import { KPI_METRICS, progressAgainstTarget, type KpiMetricSpec, type KpiProgress } from "./metrics";
import { isWholeYear, kpiPeriod, samePointOfPreviousYear, yearElapsedShare, type KpiPeriod } from "./period";
import type { KpiScopeRef, ResolvedKpiScope } from "./scope";
import { canSetKpiTargets, canWritePdcaNotes, findVisibleKpiScope } from "./scope-access";

export interface KpiTargetItem {
  value: number;
  version: number;
  setByName: string;
  updatedAt: Date;
}

export interface KpiRow {
  spec: KpiMetricSpec;
  target: KpiTargetItem | null;
  actual: number | null;
  /** The same metric for the previous fiscal year, up to the same day of the fiscal year. */
  previous: number | null;
  progress: KpiProgress;
}

export interface KpiReport {
  scope: ResolvedKpiScope;
  fiscalYear: number;
  period: KpiPeriod;
  previousPeriod: KpiPeriod;
  /** Whether the year is over (then "previous" is the whole previous year). */
  wholeYear: boolean;
  elapsedShare: number;
  rows: KpiRow[];
  canSetTargets: boolean;
  canWritePdca: boolean;
}

/** The targets of a scope and fiscal year, by metric. */
export async function findKpiTargets(db: Queryable, scope: KpiScopeRef, fiscalYear: number): Promise<Map<KpiMetric, KpiTargetItem>> {
  const rows = await db
    .select({
      metric: kpiTargets.metric,
      value: kpiTargets.targetValue,
      version: kpiTargets.version,
      setByName: users.name,
      updatedAt: kpiTargets.updatedAt,
    })
    .from(kpiTargets)
    .innerJoin(users, eq(users.id, kpiTargets.setByUserId))
    .where(and(eq(kpiTargets.fiscalYear, fiscalYear), eq(kpiTargets.scopeKind, scope.kind), eq(kpiTargets.scopeRef, scope.ref)));
  return new Map(rows.map((r) => [r.metric, { value: Number(r.value), version: r.version, setByName: r.setByName, updatedAt: r.updatedAt }]));
}

/** Targets, actuals and last year's actuals of an already visible scope. */
export async function buildKpiReport(db: Queryable, actor: Actor, scope: ResolvedKpiScope, fiscalYear: number, today: string): Promise<KpiReport> {
  const period = kpiPeriod(fiscalYear, today);
  const previousPeriod = samePointOfPreviousYear(period);
  const [targets, actuals, previous] = await Promise.all([
    findKpiTargets(db, scope, fiscalYear),
    computeKpiActuals(db, scope, period),
    computeKpiActuals(db, scope, previousPeriod),
  ]);
  const elapsedShare = yearElapsedShare(period);
  return {
    scope,
    fiscalYear,
    period,
    previousPeriod,
    wholeYear: isWholeYear(period),
    elapsedShare,
    rows: KPI_METRICS.map((spec) => {
      const target = targets.get(spec.key) ?? null;
      return {
        spec,
        target,
        actual: actuals[spec.key],
        previous: previous[spec.key],
        progress: progressAgainstTarget(spec, actuals[spec.key], target?.value ?? null, elapsedShare),
      };
    }),
    canSetTargets: canSetKpiTargets(actor, scope),
    canWritePdca: canWritePdcaNotes(actor, scope),
  };
}

/** The KPI report of a scope the actor may see; null when the scope does not exist for them. */
export async function getKpiReportForActor(
  db: Queryable,
  actor: Actor,
  scope: KpiScopeRef,
  fiscalYear: number,
  today: string = todayInJst(),
): Promise<KpiReport | null> {
  const resolved = await findVisibleKpiScope(db, actor, scope);
  return resolved ? buildKpiReport(db, actor, resolved, fiscalYear, today) : null;
}

export interface PdcaRevision {
  id: string;
  revision: number;
  plan: string;
  do: string;
  check: string;
  act: string;
  authorName: string;
  createdAt: Date;
}

export interface PdcaQuarter {
  quarter: 1 | 2 | 3 | 4;
  /** Every revision, newest first; the first one is the current text. */
  revisions: PdcaRevision[];
}

/** The PDCA notes of a scope (already checked visible) and fiscal year: four quarters, each with its history. */
export async function listPdcaNotes(db: Queryable, scope: KpiScopeRef, fiscalYear: number): Promise<PdcaQuarter[]> {
  const rows = await db
    .select({
      id: pdcaNotes.id,
      quarter: pdcaNotes.quarter,
      revision: pdcaNotes.revision,
      plan: pdcaNotes.plan,
      do: pdcaNotes.do,
      check: pdcaNotes.check,
      act: pdcaNotes.act,
      authorName: users.name,
      createdAt: pdcaNotes.createdAt,
    })
    .from(pdcaNotes)
    .innerJoin(users, eq(users.id, pdcaNotes.authorUserId))
    .where(and(eq(pdcaNotes.fiscalYear, fiscalYear), eq(pdcaNotes.scopeKind, scope.kind), eq(pdcaNotes.scopeRef, scope.ref)))
    .orderBy(asc(pdcaNotes.quarter), desc(pdcaNotes.revision));
  return ([1, 2, 3, 4] as const).map((quarter) => ({
    quarter,
    revisions: rows.filter((r) => r.quarter === quarter).map(({ quarter: _q, ...rest }) => rest),
  }));
}
