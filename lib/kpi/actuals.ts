import { sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import type { KpiValues } from "./metrics";
import { round1 } from "./metrics";
import type { KpiPeriod } from "./period";
import type { ResolvedKpiScope } from "./scope";

/**
 * KPI actuals, computed from the data and never typed in. One SQL statement per scope and period, with one
 * aggregate per source table (activities, cases, referrals, outcomes), each filtered by an indexed range and
 * the scope. Definitions (docs/decisions/007-kpi-computation.md):
 *
 *   companies_supported      distinct companies with an activity in the period, on the scope's work
 *   consultations            activities in the period, on the scope's work
 *   companies_discovered     distinct companies of cases opened in the period (opened_on), in the scope
 *   referrals_sent           referrals sent in the period (sent_at) from the scope, whatever became of them
 *   referrals_accepted       …of those, accepted by the recipient by the period's end (accepted_at set): 受付,
 *                            対応中, 完了 and a 取消 after acceptance all reached it; a referral to a body outside
 *                            Renkei (記録のみ) has no acceptance step
 *   referrals_completed      …of those, completed by the period's end (completed_at): the loop closed
 *   referral_completion_rate completed ÷ (sent − withdrawn − still logged), in percent; withdrawn (取下げ)
 *                            and external referrals not yet followed up (記録のみ) are not the recipient's to
 *                            complete; declined and revoked ones count against the rate
 *   median_days_to_accept    median of (accepted_at − sent_at) in days over the accepted ones (percentile_cont)
 *   ip_filings               outcomes of kind ip_filing achieved in the period, on the scope's cases
 *
 * The period ends at its `asOf` day, and every state is read as of then (accepted_at / completed_at /
 * withdrawn_at before the end), so that "the same point of the previous year" compares like with like.
 *
 * What "the scope's work" is:
 *   national      everything
 *   block         companies in the block's prefectures; referrals from organizations of the block
 *   model region  companies in the region (its prefecture; for a city region, a city starting with its name);
 *                 referrals about such companies
 *   team          the team's cases (cases.producer_team_id); referrals about them
 *   organization  activities its staff recorded; cases it owns; referrals it sent
 */

/** Rows from db.execute on either engine: postgres-js returns an array, PGlite `{ rows }`. */
export async function queryRows<T>(db: Queryable, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** Companies in the scope's area (block or model region), as a subquery of company ids; null for other kinds. */
function companiesInArea(scope: ResolvedKpiScope): SQL | null {
  if (scope.kind === "block") {
    return sql`(select co.id from companies co where co.prefecture_code in (select p.code from prefectures p where p.block_code = ${scope.blockCode}))`;
  }
  if (scope.kind === "model_region" && scope.modelRegion) {
    const { prefectureCode, cityName } = scope.modelRegion;
    // A city region also takes its wards: 神戸市 matches 神戸市 and 神戸市中央区.
    return cityName
      ? sql`(select co.id from companies co where co.prefecture_code = ${prefectureCode} and starts_with(co.city, ${cityName}))`
      : sql`(select co.id from companies co where co.prefecture_code = ${prefectureCode})`;
  }
  return null;
}

/**
 * The area's condition on a row `t` that carries its company's prefecture (cases, activities and
 * company_support_years keep it: decision 012), so the row's own index narrows it down; a city region then checks
 * the few remaining rows' companies one by one. Null for scopes that are not an area.
 */
function rowInArea(scope: ResolvedKpiScope, t: "a" | "c" | "s"): SQL | null {
  const alias = sql.raw(t);
  if (scope.kind === "block") return sql`${alias}.prefecture_code in (select p.code from prefectures p where p.block_code = ${scope.blockCode})`;
  if (scope.kind === "model_region" && scope.modelRegion) {
    const { prefectureCode, cityName } = scope.modelRegion;
    return cityName
      ? sql`${alias}.prefecture_code = ${prefectureCode} and exists (select 1 from companies co where co.id = ${alias}.company_id and starts_with(co.city, ${cityName}))`
      : sql`${alias}.prefecture_code = ${prefectureCode}`;
  }
  return null;
}

function teamCases(scope: ResolvedKpiScope): SQL {
  return sql`(select tc.id from cases tc where tc.producer_team_id = ${scope.team?.id ?? null})`;
}

/** The scope's condition on activities `a`. */
function activityInScope(scope: ResolvedKpiScope): SQL {
  const area = rowInArea(scope, "a");
  if (area) return area;
  if (scope.kind === "team") return sql`a.case_id in ${teamCases(scope)}`;
  if (scope.kind === "organization") return sql`a.organization_id = ${scope.organizationId}`;
  return sql`true`;
}

/**
 * Whether "companies supported" comes from company_support_years: for the areas and the whole country, whose
 * activities are counted by where the company is. Teams and organizations count the companies of their own
 * activities, which that table does not know.
 */
function supportFromSummary(scope: ResolvedKpiScope): boolean {
  return scope.kind === "national" || rowInArea(scope, "s") !== null;
}

/** The scope's condition on cases `c`. */
function caseInScope(scope: ResolvedKpiScope): SQL {
  const area = rowInArea(scope, "c");
  if (area) return area;
  if (scope.kind === "team") return sql`c.producer_team_id = ${scope.team?.id ?? null}`;
  if (scope.kind === "organization") return sql`c.owner_org_id = ${scope.organizationId}`;
  return sql`true`;
}

/** The scope's condition on outcomes `o` (through their case, or their company for areas). */
function outcomeInScope(scope: ResolvedKpiScope): SQL {
  const area = companiesInArea(scope);
  if (area) return sql`o.company_id in ${area}`;
  if (scope.kind === "team") return sql`o.case_id in ${teamCases(scope)}`;
  if (scope.kind === "organization") return sql`o.case_id in (select oc.id from cases oc where oc.owner_org_id = ${scope.organizationId})`;
  return sql`true`;
}

/** The scope's condition on referrals `r`. */
function referralInScope(scope: ResolvedKpiScope): SQL {
  if (scope.kind === "block") return sql`r.from_org_id in (select o.id from organizations o where o.block_code = ${scope.blockCode})`;
  const area = companiesInArea(scope);
  if (area) return sql`r.company_id in ${area}`;
  if (scope.kind === "team") return sql`r.case_id in ${teamCases(scope)}`;
  if (scope.kind === "organization") return sql`r.from_org_id = ${scope.organizationId}`;
  return sql`true`;
}

interface ActualsRow {
  consultations: number;
  companies_supported: number;
  companies_discovered: number;
  referrals_sent: number;
  referrals_accepted: number;
  referrals_completed: number;
  referrals_withdrawn: number;
  referrals_logged: number;
  median_days_to_accept: number | string | null;
  ip_filings: number;
}

/** The actuals of one scope over one period (see the definitions above). */
export async function computeKpiActuals(db: Queryable, scope: ResolvedKpiScope, period: KpiPeriod): Promise<KpiValues> {
  const s = period.startInstant;
  const e = period.endInstant;
  const [row] = await queryRows<ActualsRow>(
    db,
    sql`with
      act as (
        select count(*)::int as consultations${supportFromSummary(scope) ? sql`` : sql`, count(distinct a.company_id)::int as companies_supported`}
        from activities a
        where a.occurred_at >= ${s}::timestamptz and a.occurred_at < ${e}::timestamptz and ${activityInScope(scope)}
      ),
      ${
        supportFromSummary(scope)
          ? // A company was supported from April 1 to the period's end when its first activity of the year came before that end.
            sql`supported as (
              select count(*)::int as companies_supported
              from company_support_years s
              where s.fiscal_year = ${period.fiscalYear} and s.first_activity_at < ${e}::timestamptz and ${rowInArea(scope, "s") ?? sql`true`}
            ),`
          : sql``
      }
      opened as (
        select count(distinct c.company_id)::int as companies_discovered
        from cases c
        where c.opened_on >= ${period.start}::date and c.opened_on <= ${period.asOf}::date and ${caseInScope(scope)}
      ),
      ref as (
        select
          count(*)::int as referrals_sent,
          (count(*) filter (where r.accepted_at < ${e}::timestamptz))::int as referrals_accepted,
          (count(*) filter (where r.completed_at < ${e}::timestamptz))::int as referrals_completed,
          (count(*) filter (where r.status = 'withdrawn' and r.withdrawn_at < ${e}::timestamptz))::int as referrals_withdrawn,
          (count(*) filter (where r.to_org_id is null
              and not coalesce(r.completed_at < ${e}::timestamptz, false)
              and not (r.status = 'withdrawn' and coalesce(r.withdrawn_at < ${e}::timestamptz, false))))::int as referrals_logged,
          (percentile_cont(0.5) within group (order by extract(epoch from (r.accepted_at - r.sent_at)) / 86400.0)
            filter (where r.accepted_at < ${e}::timestamptz))::float8 as median_days_to_accept
        from referrals r
        where r.sent_at >= ${s}::timestamptz and r.sent_at < ${e}::timestamptz and ${referralInScope(scope)}
      ),
      ip as (
        select count(*)::int as ip_filings
        from outcomes o
        where o.kind = 'ip_filing' and o.achieved_on >= ${period.start}::date and o.achieved_on <= ${period.asOf}::date
          and ${outcomeInScope(scope)}
      )
    select * from act, ${supportFromSummary(scope) ? sql`supported, ` : sql``}opened, ref, ip`,
  );
  const r = row!;
  const closable = r.referrals_sent - r.referrals_withdrawn - r.referrals_logged;
  const median = r.median_days_to_accept === null ? null : Number(r.median_days_to_accept);
  return {
    companies_supported: Number(r.companies_supported),
    consultations: Number(r.consultations),
    companies_discovered: Number(r.companies_discovered),
    referrals_sent: Number(r.referrals_sent),
    referrals_accepted: Number(r.referrals_accepted),
    referrals_completed: Number(r.referrals_completed),
    referral_completion_rate: closable > 0 ? round1((Number(r.referrals_completed) / closable) * 100) : null,
    median_days_to_accept: median === null ? null : round1(median),
    ip_filings: Number(r.ip_filings),
  };
}

/**
 * Companies supported per prefecture (the tile map), over one period: companies with an activity from April 1 to
 * the period's end, by the company's prefecture. The year's running count per prefecture (company_support_counts,
 * decision 013) less the companies whose first activity of the year comes after the period's end — none for a
 * year that has ended, a few future-dated ones for the current year (an index range). `blockCode` limits it to
 * one block; null counts the whole country.
 */
export async function countCompaniesSupportedByPrefecture(
  db: Queryable,
  period: KpiPeriod,
  blockCode: string | null,
): Promise<Map<number, number>> {
  const rows = await queryRows<{ prefecture_code: number; companies: number }>(
    db,
    sql`select c.prefecture_code, (c.count - coalesce(later.n, 0))::int as companies
      from company_support_counts c
      left join (
        select s.prefecture_code, count(*) as n
        from company_support_years s
        where s.fiscal_year = ${period.fiscalYear} and s.first_activity_at >= ${period.endInstant}::timestamptz
        group by s.prefecture_code
      ) later on later.prefecture_code = c.prefecture_code
      where c.fiscal_year = ${period.fiscalYear} and c.count - coalesce(later.n, 0) > 0
        ${blockCode === null ? sql`` : sql`and c.prefecture_code in (select p.code from prefectures p where p.block_code = ${blockCode})`}`,
  );
  return new Map(rows.map((r) => [Number(r.prefecture_code), Number(r.companies)]));
}

/**
 * Cases of the scope by their stage at the period's end, from the stage history (a case without history counts
 * with its current stage); cases opened after the period are left out. For the printed summary.
 */
export async function countCasesByStageInScope(db: Queryable, scope: ResolvedKpiScope, period: KpiPeriod): Promise<Map<string, number>> {
  const rows = await queryRows<{ stage: string; count: number }>(
    db,
    sql`select coalesce(h.to_stage, c.stage)::text as stage, count(*)::int as count
      from cases c
      left join lateral (
        select sc.to_stage from case_stage_changes sc
        where sc.case_id = c.id and sc.changed_at < ${period.endInstant}::timestamptz
        order by sc.changed_at desc limit 1
      ) h on true
      where c.opened_on <= ${period.asOf}::date and ${caseInScope(scope)}
      group by 1`,
  );
  return new Map(rows.map((r) => [r.stage, Number(r.count)]));
}

/** Referrals of the scope sent in the period, by their status today. For the printed summary. */
export async function countReferralsByStatusInScope(db: Queryable, scope: ResolvedKpiScope, period: KpiPeriod): Promise<Map<string, number>> {
  const rows = await queryRows<{ status: string; count: number }>(
    db,
    sql`select r.status::text as status, count(*)::int as count
      from referrals r
      where r.sent_at >= ${period.startInstant}::timestamptz and r.sent_at < ${period.endInstant}::timestamptz and ${referralInScope(scope)}
      group by 1`,
  );
  return new Map(rows.map((r) => [r.status, Number(r.count)]));
}
