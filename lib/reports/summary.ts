import type { Queryable } from "@/db/client";
import { caseStage, referralStatus, type CaseStage, type ReferralStatus } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { todayInJst } from "@/lib/format/fiscal-year";
import { countCasesByStageInScope, countReferralsByStatusInScope } from "@/lib/kpi/actuals";
import { buildKpiReport, listPdcaNotes, type KpiReport, type PdcaRevision } from "@/lib/kpi/queries";
import type { KpiScopeRef } from "@/lib/kpi/scope";
import { findVisibleKpiScope } from "@/lib/kpi/scope-access";

/** What the one-page summary for the regional network meeting (連携会議) shows for a scope and fiscal year. */
export interface MeetingSummary {
  kpi: KpiReport;
  casesByStage: { stage: CaseStage; count: number }[];
  referralsByStatus: { status: ReferralStatus; count: number }[];
  /** The newest PDCA note of the latest quarter that has one. */
  pdca: ({ quarter: number } & PdcaRevision) | null;
}

/** The summary of a scope the actor may see; null when it does not exist for them. Counts only, no case content. */
export async function getMeetingSummaryForActor(
  db: Queryable,
  actor: Actor,
  scope: KpiScopeRef,
  fiscalYear: number,
  today: string = todayInJst(),
): Promise<MeetingSummary | null> {
  const resolved = await findVisibleKpiScope(db, actor, scope);
  if (!resolved) return null;
  const kpi = await buildKpiReport(db, actor, resolved, fiscalYear, today);
  const [stages, statuses, quarters] = await Promise.all([
    countCasesByStageInScope(db, resolved, kpi.period),
    countReferralsByStatusInScope(db, resolved, kpi.period),
    listPdcaNotes(db, resolved, fiscalYear),
  ]);
  const latest = [...quarters].reverse().find((q) => q.revisions.length > 0);
  return {
    kpi,
    casesByStage: caseStage.enumValues.map((stage) => ({ stage, count: stages.get(stage) ?? 0 })),
    referralsByStatus: referralStatus.enumValues.map((status) => ({ status, count: statuses.get(status) ?? 0 })),
    pdca: latest ? { quarter: latest.quarter, ...latest.revisions[0]! } : null,
  };
}
