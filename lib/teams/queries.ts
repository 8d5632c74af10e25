import { and, asc, desc, eq, isNull, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Queryable } from "@/db/client";
import {
  caseStage,
  cases,
  companies,
  modelRegions,
  nextActions,
  organizations,
  outcomeKind,
  outcomes,
  producerTeamMembers,
  producerTeams,
  referralStatus,
  users,
  type CaseStage,
  type ReferralStatus,
} from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { caseScope } from "@/lib/authz/scopes";
import { todayInJst } from "@/lib/format/fiscal-year";
import { queryRows } from "@/lib/kpi/actuals";
import { addDays, kpiPeriod, type KpiPeriod } from "@/lib/kpi/period";
import { buildKpiReport, type KpiReport } from "@/lib/kpi/queries";
import { resolveKpiScope } from "@/lib/kpi/scope";
import { isKpiScopeVisible, teamVisibility } from "@/lib/kpi/scope-access";
import { afterCursor, isUuid, sectionCursor, toPage, type SectionInfo } from "@/lib/pagination";

/**
 * Producer teams and their dashboard (/teams, /teams/[id]). Which teams an actor sees is teamVisibility of
 * lib/kpi/scope-access.ts (the team's members; 経産局 staff of its block). Inside a visible team, counts cover
 * all of the team's work, while anything that names a case or a company (the case list, overdue next
 * actions, outcomes) also passes caseScope: 経産局 staff see case details only where they may open the case.
 */

export type OutcomeKind = (typeof outcomeKind.enumValues)[number];

export interface TeamListItem {
  id: string;
  name: string;
  fiscalYear: number;
  modelRegion: { id: string; nameJa: string; nameEn: string };
  lead: { id: string; name: string };
  memberCount: number;
  caseCount: number;
  openCaseCount: number;
}

const leadUsers = alias(users, "team_lead_users");

/** The teams the actor may open, for one fiscal year or all, newest year first. */
export async function findTeamsForActor(db: Queryable, actor: Actor, options: { fiscalYear?: number } = {}): Promise<TeamListItem[]> {
  const rows = await db
    .select({
      id: producerTeams.id,
      name: producerTeams.name,
      fiscalYear: producerTeams.fiscalYear,
      regionId: modelRegions.id,
      regionNameJa: modelRegions.nameJa,
      regionNameEn: modelRegions.nameEn,
      leadId: leadUsers.id,
      leadName: leadUsers.name,
      memberCount: sql<number>`(select count(*) from ${producerTeamMembers} where ${producerTeamMembers.teamId} = ${producerTeams.id})`.mapWith(Number),
      caseCount: sql<number>`(select count(*) from ${cases} where ${cases.producerTeamId} = ${producerTeams.id})`.mapWith(Number),
      openCaseCount: sql<number>`(select count(*) from ${cases} where ${cases.producerTeamId} = ${producerTeams.id} and ${cases.stage} not in ('closed', 'paused'))`.mapWith(Number),
    })
    .from(producerTeams)
    .innerJoin(modelRegions, eq(modelRegions.id, producerTeams.modelRegionId))
    .innerJoin(leadUsers, eq(leadUsers.id, producerTeams.leadUserId))
    .where(and(teamVisibility(actor), options.fiscalYear === undefined ? undefined : eq(producerTeams.fiscalYear, options.fiscalYear)))
    .orderBy(desc(producerTeams.fiscalYear), asc(modelRegions.prefectureCode), asc(producerTeams.name));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    fiscalYear: r.fiscalYear,
    modelRegion: { id: r.regionId, nameJa: r.regionNameJa, nameEn: r.regionNameEn },
    lead: { id: r.leadId, name: r.leadName },
    memberCount: r.memberCount,
    caseCount: r.caseCount,
    openCaseCount: r.openCaseCount,
  }));
}

export interface TeamMemberItem {
  userId: string;
  name: string;
  teamRole: "lead" | "member";
  userRole: string;
  orgId: string;
  orgName: string;
  partyKind: string | null;
}

export interface TeamDetail {
  id: string;
  name: string;
  fiscalYear: number;
  modelRegion: { id: string; nameJa: string; nameEn: string; kind: "prefecture" | "city"; firstFiscalYear: number; lastFiscalYear: number };
  organization: { id: string; name: string };
  lead: { id: string; name: string };
  members: TeamMemberItem[];
  /** The teams of the same model region, one per fiscal year (this one included), newest first. */
  yearTeams: { id: string; fiscalYear: number }[];
}

/** One team the actor may open, or null (not found). */
export async function getTeamForActor(db: Queryable, actor: Actor, id: string): Promise<TeamDetail | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({
      id: producerTeams.id,
      name: producerTeams.name,
      fiscalYear: producerTeams.fiscalYear,
      region: {
        id: modelRegions.id,
        nameJa: modelRegions.nameJa,
        nameEn: modelRegions.nameEn,
        kind: modelRegions.kind,
        firstFiscalYear: modelRegions.firstFiscalYear,
        lastFiscalYear: modelRegions.lastFiscalYear,
      },
      orgId: organizations.id,
      orgName: organizations.nameJa,
      leadId: leadUsers.id,
      leadName: leadUsers.name,
    })
    .from(producerTeams)
    .innerJoin(modelRegions, eq(modelRegions.id, producerTeams.modelRegionId))
    .innerJoin(organizations, eq(organizations.id, producerTeams.organizationId))
    .innerJoin(leadUsers, eq(leadUsers.id, producerTeams.leadUserId))
    .where(and(eq(producerTeams.id, id), teamVisibility(actor)))
    .limit(1);
  if (!row) return null;

  const [members, yearTeams] = await Promise.all([
    db
      .select({
        userId: users.id,
        name: users.name,
        teamRole: producerTeamMembers.role,
        userRole: users.role,
        orgId: organizations.id,
        orgName: organizations.nameJa,
        partyKind: organizations.partyKindKey,
      })
      .from(producerTeamMembers)
      .innerJoin(users, eq(users.id, producerTeamMembers.userId))
      .innerJoin(organizations, eq(organizations.id, users.organizationId))
      .where(eq(producerTeamMembers.teamId, row.id))
      .orderBy(asc(producerTeamMembers.role), asc(organizations.partyKindKey), asc(users.name)),
    db
      .select({ id: producerTeams.id, fiscalYear: producerTeams.fiscalYear })
      .from(producerTeams)
      .where(and(eq(producerTeams.modelRegionId, row.region.id), teamVisibility(actor)))
      .orderBy(desc(producerTeams.fiscalYear)),
  ]);
  return {
    id: row.id,
    name: row.name,
    fiscalYear: row.fiscalYear,
    modelRegion: row.region,
    organization: { id: row.orgId, name: row.orgName },
    lead: { id: row.leadId, name: row.leadName },
    members,
    yearTeams,
  };
}

export interface WeeklyCount {
  /** Monday of the week (JST), 'YYYY-MM-DD'. */
  weekStart: string;
  count: number;
}

export interface TeamCaseItem {
  id: string;
  code: string;
  title: string;
  stage: CaseStage;
  companyName: string;
  leadName: string;
  lastActivityAt: Date | null;
  nextActionDueOn: string | null;
}

export interface TeamDashboard {
  team: TeamDetail;
  fiscalYear: number;
  period: KpiPeriod;
  /** Cases of the team by their stage at the period's end (from the stage history), with the total. */
  funnel: { stages: Record<CaseStage, number>; total: number };
  weeklyActivities: WeeklyCount[];
  /** Referrals about the team's cases sent in the period, by status: sent from / received by members' organizations. */
  referrals: { status: ReferralStatus; sent: number; received: number; total: number }[];
  overdueActions: {
    total: number;
    /** The ones on cases the actor may open, most overdue first. */
    items: { id: string; title: string; dueOn: string; assigneeName: string; caseId: string; caseCode: string; caseTitle: string }[];
  };
  outcomes: {
    byKind: Record<OutcomeKind, number>;
    total: number;
    items: { id: string; kind: OutcomeKind; ipKind: string | null; applicationNumber: string | null; description: string; achievedOn: string; companyName: string; caseId: string }[];
  };
  /**
   * The team's cases the actor may open, a section page of TEAM_LIST_LIMIT at a time (`casesSection`: how many
   * the actor may open in all, and the cursor of the next ones); `hiddenCaseCount` more are counted in the funnel only.
   */
  cases: TeamCaseItem[];
  casesSection: SectionInfo;
  hiddenCaseCount: number;
  kpi: KpiReport;
}

/** How many rows the dashboard's lists show. */
export const TEAM_LIST_LIMIT = 50;

/** Mondays from the week of `start` to the week of `asOf`. */
export function weeksBetween(start: string, asOf: string): string[] {
  if (asOf < start) return [];
  const monday = (date: string) => {
    const day = new Date(`${date}T00:00:00Z`).getUTCDay();
    return addDays(date, -((day + 6) % 7));
  };
  const weeks: string[] = [];
  for (let week = monday(start); week <= asOf; week = addDays(week, 7)) weeks.push(week);
  return weeks;
}

/** The dashboard of a team the actor may open, for a fiscal year (the team's own by default); null if not visible. */
export async function getTeamDashboardForActor(
  db: Queryable,
  actor: Actor,
  teamId: string,
  options: { fiscalYear?: number; today?: string; casesCursor?: string } = {},
): Promise<TeamDashboard | null> {
  const team = await getTeamForActor(db, actor, teamId);
  if (!team) return null;
  const today = options.today ?? todayInJst();
  const fiscalYear = options.fiscalYear ?? team.fiscalYear;
  const period = kpiPeriod(fiscalYear, today);
  const s = period.startInstant;
  const e = period.endInstant;

  const memberOrgs = sql`(select u.organization_id from producer_team_members m inner join users u on u.id = m.user_id where m.team_id = ${team.id})`;
  const teamCaseIds = sql`(select tc.id from cases tc where tc.producer_team_id = ${team.id})`;
  const openToActor = caseScope(actor);
  // The case list's order — the main line's stages in their enum order, then the code — as one text key.
  const caseSortKey = sql<string>`lpad(array_position(enum_range(null::case_stage), ${cases.stage})::text, 2, '0') || ' ' || ${cases.code}`;
  const casesAfter = sectionCursor(options.casesCursor, "text");

  const scope = await resolveKpiScope(db, { kind: "team", ref: team.id });
  // The team passed teamVisibility; the KPI rule for a team scope is the same one (scope-access.test.ts).
  if (!scope || !isKpiScopeVisible(actor, scope)) return null;

  const [funnelRows, weekRows, referralRows, overdueCount, overdueItems, outcomeRows, outcomeItems, caseRows, caseTotal, kpi] = await Promise.all([
    queryRows<{ stage: CaseStage; count: number }>(
      db,
      sql`select coalesce(h.to_stage, c.stage) as stage, count(*)::int as count
        from cases c
        left join lateral (
          select sc.to_stage from case_stage_changes sc
          where sc.case_id = c.id and sc.changed_at < ${e}::timestamptz
          order by sc.changed_at desc limit 1
        ) h on true
        where c.producer_team_id = ${team.id} and c.opened_on <= ${period.asOf}::date
        group by 1`,
    ),
    queryRows<{ week: string | Date; count: number }>(
      db,
      sql`select to_char(date_trunc('week', (a.occurred_at at time zone 'UTC') + interval '9 hours'), 'YYYY-MM-DD') as week, count(*)::int as count
        from activities a
        where a.case_id in ${teamCaseIds} and a.occurred_at >= ${s}::timestamptz and a.occurred_at < ${e}::timestamptz
        group by 1`,
    ),
    queryRows<{ status: ReferralStatus; sent: number; received: number; total: number }>(
      db,
      sql`select r.status,
          (count(*) filter (where r.from_org_id in ${memberOrgs}))::int as sent,
          (count(*) filter (where r.to_org_id in ${memberOrgs}))::int as received,
          count(*)::int as total
        from referrals r
        where r.case_id in ${teamCaseIds} and r.sent_at >= ${s}::timestamptz and r.sent_at < ${e}::timestamptz
        group by r.status`,
    ),
    // Overdue is about today, whatever year is shown: what the team has to chase now.
    db
      .select({ count: sql<number>`count(*)`.mapWith(Number) })
      .from(nextActions)
      .innerJoin(cases, eq(cases.id, nextActions.caseId))
      .where(and(eq(cases.producerTeamId, team.id), isNull(nextActions.completedAt), lt(nextActions.dueOn, today))),
    db
      .select({
        id: nextActions.id,
        title: nextActions.title,
        dueOn: nextActions.dueOn,
        assigneeName: users.name,
        caseId: cases.id,
        caseCode: cases.code,
        caseTitle: cases.title,
      })
      .from(nextActions)
      .innerJoin(cases, eq(cases.id, nextActions.caseId))
      .innerJoin(users, eq(users.id, nextActions.assigneeUserId))
      .where(and(eq(cases.producerTeamId, team.id), isNull(nextActions.completedAt), lt(nextActions.dueOn, today), openToActor))
      .orderBy(asc(nextActions.dueOn), asc(nextActions.id))
      .limit(TEAM_LIST_LIMIT),
    queryRows<{ kind: OutcomeKind; count: number }>(
      db,
      sql`select o.kind, count(*)::int as count from outcomes o
        where o.case_id in ${teamCaseIds} and o.achieved_on >= ${period.start}::date and o.achieved_on <= ${period.asOf}::date
        group by o.kind`,
    ),
    db
      .select({
        id: outcomes.id,
        kind: outcomes.kind,
        ipKind: outcomes.ipKind,
        applicationNumber: outcomes.applicationNumber,
        description: outcomes.description,
        achievedOn: outcomes.achievedOn,
        companyName: companies.name,
        caseId: cases.id,
      })
      .from(outcomes)
      .innerJoin(cases, eq(cases.id, outcomes.caseId))
      .innerJoin(companies, eq(companies.id, outcomes.companyId))
      .where(
        and(
          eq(cases.producerTeamId, team.id),
          sql`${outcomes.achievedOn} >= ${period.start}::date and ${outcomes.achievedOn} <= ${period.asOf}::date`,
          openToActor,
        ),
      )
      .orderBy(desc(outcomes.achievedOn), asc(outcomes.id))
      .limit(TEAM_LIST_LIMIT),
    db
      .select({
        id: cases.id,
        code: cases.code,
        title: cases.title,
        stage: cases.stage,
        companyName: companies.name,
        leadName: leadUsers.name,
        lastActivityAt: sql<Date | null>`(select max(la.occurred_at) from activities la where la.case_id = ${cases.id})`.mapWith((v: unknown) =>
          v === null || v instanceof Date ? v : new Date(String(v)),
        ),
        nextActionDueOn: sql<string | null>`(select min(na.due_on)::text from next_actions na where na.case_id = ${cases.id} and na.completed_at is null)`,
        sortKey: caseSortKey,
      })
      .from(cases)
      .innerJoin(companies, eq(companies.id, cases.companyId))
      .innerJoin(leadUsers, eq(leadUsers.id, cases.leadUserId))
      .where(
        and(
          eq(cases.producerTeamId, team.id),
          openToActor,
          casesAfter ? afterCursor(casesAfter, { sort: caseSortKey, id: cases.id, kind: "text", order: "asc" }) : undefined,
        ),
      )
      // The case_stage enum sorts in the order of the main line: discovery first, closed and paused last.
      .orderBy(asc(caseSortKey), asc(cases.id))
      .limit(TEAM_LIST_LIMIT + 1),
    db
      .select({
        total: sql<number>`count(*)`.mapWith(Number),
        visible: sql<number>`count(*) filter (where ${openToActor})`.mapWith(Number),
      })
      .from(cases)
      .where(eq(cases.producerTeamId, team.id)),
    buildKpiReport(db, actor, scope, fiscalYear, today),
  ]);

  const casePage = toPage(caseRows, TEAM_LIST_LIMIT, (r) => ({ key: r.sortKey, id: r.id }), ({ sortKey: _key, ...item }) => item);
  const stages = Object.fromEntries(caseStage.enumValues.map((st) => [st, 0])) as Record<CaseStage, number>;
  for (const r of funnelRows) stages[r.stage] = Number(r.count);
  const weekCounts = new Map(weekRows.map((r) => [typeof r.week === "string" ? r.week : r.week.toISOString().slice(0, 10), Number(r.count)]));
  const byKind = Object.fromEntries(outcomeKind.enumValues.map((k) => [k, 0])) as Record<OutcomeKind, number>;
  for (const r of outcomeRows) byKind[r.kind] = Number(r.count);
  const referralByStatus = new Map(referralRows.map((r) => [r.status, r]));

  return {
    team,
    fiscalYear,
    period,
    funnel: { stages, total: Object.values(stages).reduce((a, b) => a + b, 0) },
    weeklyActivities: weeksBetween(period.start, period.asOf).map((weekStart) => ({ weekStart, count: weekCounts.get(weekStart) ?? 0 })),
    referrals: referralStatus.enumValues.map((status) => {
      const r = referralByStatus.get(status);
      return { status, sent: Number(r?.sent ?? 0), received: Number(r?.received ?? 0), total: Number(r?.total ?? 0) };
    }),
    overdueActions: { total: overdueCount[0]?.count ?? 0, items: overdueItems },
    outcomes: { byKind, total: Object.values(byKind).reduce((a, b) => a + b, 0), items: outcomeItems },
    cases: casePage.items,
    casesSection: { total: caseTotal[0]?.visible ?? 0, nextCursor: casePage.nextCursor },
    hiddenCaseCount: (caseTotal[0]?.total ?? 0) - (caseTotal[0]?.visible ?? 0),
    kpi,
  };
}
