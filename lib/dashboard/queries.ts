import { and, asc, count, desc, eq, gt, inArray, isNull, lt, lte, ne, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Queryable } from "@/db/client";
import {
  activities,
  caseMembers,
  caseStage,
  caseStageCounts,
  caseThemeCounts,
  cases,
  companies,
  modelRegions,
  nextActions,
  organizations,
  partyKinds,
  prefectures,
  producerTeamMembers,
  producerTeams,
  referralCounts,
  referralStatus,
  referrals,
  regionalBlocks,
  themes,
  users,
  userRole,
  type ActivityKind,
  type CaseStage,
  type ReferralStatus,
  type UserRole,
} from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/can";
import { ForbiddenError } from "@/lib/authz/errors";
import { caseScope, referralBoxScope, referralScope } from "@/lib/authz/scopes";
import { OPEN_STAGES } from "@/lib/cases/stage";
import { fiscalYearOf, fiscalYearRange, todayInJst } from "@/lib/format/fiscal-year";
import { queryRows } from "@/lib/kpi/actuals";
import { overdueReferralCondition } from "@/lib/referrals/overdue";

/**
 * The numbers and short lists of each party's home (/dashboard). Every query here is scoped: through
 * caseScope / referralScope of lib/authz, or — for 経産局 only — by the regional block, and then it returns
 * counts, never case content (DOMAIN.md: 経産局 see their block's flow and counts; case details only where
 * they are members). Functions that are not for every party refuse the wrong actor rather than trusting the
 * page to call the right one.
 */

export type StageCounts = Record<CaseStage, number>;
export type ReferralStatusCounts = Record<ReferralStatus, number>;

/** How many items the short lists on a home show; the full lists are one click away. */
export const HOME_LIST_LIMIT = 8;
/** Organizations listed under "who owes an answer" on the 経産局 home, most overdue first. */
export const OVERDUE_RECIPIENT_LIMIT = 10;

function stageCounts(rows: { stage: CaseStage; count: number }[]): StageCounts {
  const counts = Object.fromEntries(caseStage.enumValues.map((s) => [s, 0])) as StageCounts;
  for (const row of rows) counts[row.stage] = Number(row.count);
  return counts;
}

function statusCounts(rows: { status: ReferralStatus; count: number }[]): ReferralStatusCounts {
  const counts = Object.fromEntries(referralStatus.enumValues.map((s) => [s, 0])) as ReferralStatusCounts;
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
}

/** Managers see their whole organization's work; everyone else their own (DOMAIN.md, roles). */
export type WorkScope = "mine" | "organization";
export function workScopeOf(actor: Pick<Actor, "role">): WorkScope {
  return actor.role === "manager" ? "organization" : "mine";
}

// ---------------------------------------------------------------------------------------------------------
// 経産局 (meti): the regional block in counts.

export type MetiScope =
  | { kind: "block"; blockCode: string; nameJa: string; nameEn: string }
  /** A meti organization without a block is the national level (特許庁). */
  | { kind: "national" };

export interface ProducerTeamSummary {
  id: string;
  name: string;
  modelRegionId: string;
  modelRegionNameJa: string;
  modelRegionNameEn: string;
  fiscalYear: number;
  leadName: string;
  memberCount: number;
  caseCount: number;
}

export interface ModelRegionSummary {
  id: string;
  kind: "prefecture" | "city";
  nameJa: string;
  nameEn: string;
  firstFiscalYear: number;
  lastFiscalYear: number;
  /** Running in the current fiscal year (知財重点支援エリア run up to three years). */
  current: boolean;
  teams: ProducerTeamSummary[];
}

export interface TeamCaseItem {
  id: string;
  code: string;
  title: string;
  stage: CaseStage;
  companyName: string;
  updatedAt: Date;
}

export interface NamedOption {
  key: string;
  nameJa: string;
  nameEn: string;
}

export interface PrefectureOfScope {
  code: number;
  nameJa: string;
  nameEn: string;
}

export interface OverdueByRecipient {
  orgId: string;
  orgName: string;
  partyKind: string | null;
  count: number;
  /** The earliest answer date missed: how long the oldest one has waited. */
  oldestRespondBy: string;
}

export interface MetiOverview {
  scope: MetiScope;
  casesByStage: StageCounts;
  /** The block's prefectures in JIS order (all 47 for the national level): the rows of the tables below. */
  prefectures: PrefectureOfScope[];
  /** Cases by the company's prefecture and stage (only non-zero cells). */
  casesByPrefectureStage: { prefectureCode: number; stage: CaseStage; count: number }[];
  /** Cases by the company's prefecture and theme (a case with two themes counts under both). */
  casesByPrefectureTheme: { prefectureCode: number; themeKey: string; count: number }[];
  themes: NamedOption[];
  /** Referrals sent by organizations of the block, by status. */
  referralsSent: ReferralStatusCounts;
  /** Referrals received by organizations of the block, by status. */
  referralsReceived: ReferralStatusCounts;
  /** Referrals touching the block, by sending and receiving party kind (null receiver: outside Renkei). */
  flow: { fromParty: string | null; toParty: string | null; count: number }[];
  /** The party kinds (data, DOMAIN.md), for the rows and columns of the flow matrix. */
  partyKinds: NamedOption[];
  /** Unanswered after their answer date, touching the block, by receiving organization. */
  /**
   * `byRecipient` holds the organizations with the most overdue answers (at most OVERDUE_RECIPIENT_LIMIT: the
   * national level has hundreds); `total` and `recipients` count them all.
   */
  overdueReferrals: { total: number; recipients: number; byRecipient: OverdueByRecipient[] };
  producerTeams: ProducerTeamSummary[];
  /** The model regions in the block, newest first, each with its producer teams. */
  modelRegions: ModelRegionSummary[];
  /** Cases of the actor's own producer teams that the actor may open (caseScope), newest first. */
  teamCases: TeamCaseItem[];
}

const fromOrgs = alias(organizations, "dash_from_orgs");
const toOrgs = alias(organizations, "dash_to_orgs");
const teamLeads = alias(users, "dash_team_leads");

/**
 * The area a 経産局 user oversees: their regional block, or the whole country for a national-level body (an
 * organization without a block, 特許庁). The one rule for every block-wide count; callers have checked the party.
 */
export async function findMetiScope(db: Queryable, actor: Actor): Promise<MetiScope> {
  if (!actor.blockCode) return { kind: "national" };
  const [block] = await db
    .select({ code: regionalBlocks.code, nameJa: regionalBlocks.nameJa, nameEn: regionalBlocks.nameEn })
    .from(regionalBlocks)
    .where(eq(regionalBlocks.code, actor.blockCode))
    .limit(1);
  return block
    ? { kind: "block", blockCode: block.code, nameJa: block.nameJa, nameEn: block.nameEn }
    : { kind: "block", blockCode: actor.blockCode, nameJa: actor.blockCode, nameEn: actor.blockCode };
}

export async function getMetiOverview(db: Queryable, actor: Actor, now: Date = new Date()): Promise<MetiOverview> {
  // The block-wide counts below are not caseScope'd: they are the one aggregate DOMAIN.md grants 経産局.
  if (actor.partyKind !== "meti" || !can(actor, "dashboard:view")) throw new ForbiddenError("dashboard:view");

  const scope = await findMetiScope(db, actor);
  const blockCode = scope.kind === "block" ? scope.blockCode : null;
  const inBlock = (prefectureCode: AnyColumn) =>
    blockCode === null
      ? undefined
      : inArray(prefectureCode, sql`(select ${prefectures.code} from ${prefectures} where ${prefectures.blockCode} = ${blockCode})`);
  const currentFiscalYear = fiscalYearOf(todayInJst(now));

  const [prefectureRows, blockOrgRows] = await Promise.all([
    db
      .select({ code: prefectures.code, nameJa: prefectures.nameJa, nameEn: prefectures.nameEn })
      .from(prefectures)
      .where(blockCode === null ? undefined : eq(prefectures.blockCode, blockCode))
      .orderBy(asc(prefectures.code)),
    blockCode === null
      ? Promise.resolve([])
      : db.select({ id: organizations.id }).from(organizations).where(eq(organizations.blockCode, blockCode)),
  ]);
  // The block's prefecture codes and organization ids as literals: each count below then walks its own index
  // (decision 012) — cases, case_themes and activities carry their company's prefecture, and referrals are
  // reached through their sending or receiving organization.
  const prefectureCodes = prefectureRows.map((p) => p.code);
  const blockOrgIds = blockOrgRows.map((o) => o.id);
  const noneInBlock = blockCode !== null && blockOrgIds.length === 0;
  const byOrgs = (column: AnyColumn) => (blockCode === null ? undefined : noneInBlock ? sql`false` : inArray(column, blockOrgIds));

  // The block's (or the country's) counts come from the running counts the database keeps (decision 013): a few
  // hundred rows, however many cases and referrals stand behind them.
  const [stageRows, themeCountRows, themeRows, kindRows] = await Promise.all([
    db
      .select({ prefectureCode: caseStageCounts.prefectureCode, stage: caseStageCounts.stage, count: caseStageCounts.count })
      .from(caseStageCounts)
      .where(and(gt(caseStageCounts.count, 0), blockCode === null ? undefined : inArray(caseStageCounts.prefectureCode, prefectureCodes)))
      .orderBy(asc(caseStageCounts.prefectureCode), asc(caseStageCounts.stage)),
    // A case counts once under each of its themes.
    db
      .select({ prefectureCode: caseThemeCounts.prefectureCode, themeKey: caseThemeCounts.themeKey, count: caseThemeCounts.count })
      .from(caseThemeCounts)
      .where(and(gt(caseThemeCounts.count, 0), blockCode === null ? undefined : inArray(caseThemeCounts.prefectureCode, prefectureCodes)))
      .orderBy(asc(caseThemeCounts.prefectureCode), asc(caseThemeCounts.themeKey)),
    db.select({ key: themes.key, nameJa: themes.nameJa, nameEn: themes.nameEn }).from(themes).orderBy(asc(themes.sortOrder)),
    db
      .select({ key: partyKinds.key, nameJa: partyKinds.nameJa, nameEn: partyKinds.nameEn })
      .from(partyKinds)
      .orderBy(asc(partyKinds.sortOrder), asc(partyKinds.key)),
  ]);
  const stageTotals = new Map<CaseStage, number>();
  for (const r of stageRows) stageTotals.set(r.stage, (stageTotals.get(r.stage) ?? 0) + r.count);

  // A referral touches the block when its sender or its receiver is in it. Each count row is one sender × receiver ×
  // status, so a referral inside the block is counted once.
  const touchesBlock = (from: AnyColumn, to: AnyColumn) => or(byOrgs(from), byOrgs(to));

  const statusCountsBy = (column: AnyColumn) =>
    db
      .select({ status: referralCounts.status, count: sql<number>`sum(${referralCounts.count})`.mapWith(Number) })
      .from(referralCounts)
      .where(and(gt(referralCounts.count, 0), byOrgs(column)))
      .groupBy(referralCounts.status);
  // For the whole country "sent by" and "received by" are the same set: counted once.
  const sentCounts = statusCountsBy(referralCounts.fromOrgId);
  const [sentRows, receivedRows, flowRows, overdueRows, teams, regions, teamCases] = await Promise.all([
    sentCounts,
    blockCode === null ? sentCounts : statusCountsBy(referralCounts.toOrgId),
    queryRows<{ from_party: string | null; to_party: string | null; count: number | string }>(
      db,
      sql`select fo.party_kind_key as from_party, tor.party_kind_key as to_party, sum(${referralCounts.count})::int as count
        from ${referralCounts}
        inner join ${organizations} fo on fo.id = ${referralCounts.fromOrgId}
        left join ${organizations} tor on tor.id = ${referralCounts.toOrgId}
        where ${and(gt(referralCounts.count, 0), touchesBlock(referralCounts.fromOrgId, referralCounts.toOrgId))}
        group by 1, 2
        order by 3 desc, 1, 2`,
    ),
    // Who owes an answer, not about what: organization names and counts only.
    db
      .select({
        orgId: toOrgs.id,
        orgName: toOrgs.nameJa,
        partyKind: toOrgs.partyKindKey,
        count: count(),
        oldestRespondBy: sql<string>`min(${referrals.respondBy})`,
      })
      .from(referrals)
      .innerJoin(toOrgs, eq(toOrgs.id, referrals.toOrgId))
      .where(and(overdueReferralCondition(now), touchesBlock(referrals.fromOrgId, referrals.toOrgId)))
      .groupBy(toOrgs.id, toOrgs.nameJa, toOrgs.partyKindKey)
      .orderBy(desc(count()), asc(toOrgs.nameJa)),
    db
      .select({
        id: producerTeams.id,
        name: producerTeams.name,
        modelRegionId: modelRegions.id,
        modelRegionNameJa: modelRegions.nameJa,
        modelRegionNameEn: modelRegions.nameEn,
        fiscalYear: producerTeams.fiscalYear,
        leadName: teamLeads.name,
        memberCount: sql<number>`(select count(*) from ${producerTeamMembers} where ${producerTeamMembers.teamId} = ${producerTeams.id})`.mapWith(Number),
        caseCount: sql<number>`(select count(*) from ${cases} where ${cases.producerTeamId} = ${producerTeams.id})`.mapWith(Number),
      })
      .from(producerTeams)
      .innerJoin(modelRegions, eq(modelRegions.id, producerTeams.modelRegionId))
      .innerJoin(organizations, eq(organizations.id, producerTeams.organizationId))
      .innerJoin(teamLeads, eq(teamLeads.id, producerTeams.leadUserId))
      .where(blockCode === null ? undefined : or(eq(organizations.blockCode, blockCode), inBlock(modelRegions.prefectureCode)))
      .orderBy(desc(producerTeams.fiscalYear), asc(producerTeams.name))
      .limit(50),
    db
      .select({
        id: modelRegions.id,
        kind: modelRegions.kind,
        nameJa: modelRegions.nameJa,
        nameEn: modelRegions.nameEn,
        firstFiscalYear: modelRegions.firstFiscalYear,
        lastFiscalYear: modelRegions.lastFiscalYear,
      })
      .from(modelRegions)
      .where(inBlock(modelRegions.prefectureCode))
      .orderBy(desc(modelRegions.lastFiscalYear), asc(modelRegions.prefectureCode), asc(modelRegions.nameJa)),
    actor.teamIds.length === 0
      ? Promise.resolve([])
      : db
          .select({
            id: cases.id,
            code: cases.code,
            title: cases.title,
            stage: cases.stage,
            companyName: companies.name,
            updatedAt: cases.updatedAt,
          })
          .from(cases)
          .innerJoin(companies, eq(companies.id, cases.companyId))
          // Content, not a count: only through caseScope (team members may open their team's cases).
          .where(and(inArray(cases.producerTeamId, actor.teamIds), caseScope(actor)))
          .orderBy(desc(cases.updatedAt), desc(cases.id))
          .limit(HOME_LIST_LIMIT),
  ]);

  const modelRegionSummaries: ModelRegionSummary[] = regions.map((region) => ({
    ...region,
    current: region.firstFiscalYear <= currentFiscalYear && currentFiscalYear <= region.lastFiscalYear,
    teams: teams.filter((team) => team.modelRegionId === region.id),
  }));
  const overdueByRecipient = overdueRows.map((r) => ({ ...r, count: Number(r.count) }));

  return {
    scope,
    casesByStage: stageCounts([...stageTotals].map(([stage, n]) => ({ stage, count: n }))),
    prefectures: prefectureRows,
    casesByPrefectureStage: stageRows,
    casesByPrefectureTheme: themeCountRows,
    themes: themeRows,
    referralsSent: statusCounts(sentRows),
    referralsReceived: statusCounts(receivedRows),
    flow: flowRows.map((r) => ({ fromParty: r.from_party, toParty: r.to_party, count: Number(r.count) })),
    partyKinds: kindRows,
    overdueReferrals: {
      total: overdueByRecipient.reduce((n, r) => n + r.count, 0),
      recipients: overdueByRecipient.length,
      byRecipient: overdueByRecipient.slice(0, OVERDUE_RECIPIENT_LIMIT),
    },
    producerTeams: teams,
    modelRegions: modelRegionSummaries,
    teamCases,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Desks (INPIT, and any party without a home of its own): cases, next actions, referrals waiting.

export interface NextActionItem {
  id: string;
  title: string;
  dueOn: string;
  assigneeName: string;
  caseId: string;
  caseCode: string;
  caseTitle: string;
}

export interface DeskOverview {
  scope: WorkScope;
  /** Open cases (not 完了 / 中断) owned by the actor's organization that the actor may open. */
  openCasesByStage: StageCounts;
  openCasesTotal: number;
  overdueActions: NextActionItem[];
  overdueActionsTotal: number;
  todayActions: NextActionItem[];
  todayActionsTotal: number;
  referrals: { inboxPending: number; inboxOverdue: number; outboxPending: number };
  /** The desk's open cases, most recently updated first; `isMine` where the actor is on the case. */
  openCases: DeskCaseItem[];
  /** Open referrals to the desk (unanswered first), and those the actor (a manager: the desk) sent. */
  referralsIn: DeskReferralItem[];
  referralsOut: DeskReferralItem[];
  /** The newest activities logged by the desk's people, on cases the actor may open. */
  recentActivities: DeskActivityItem[];
}

export interface DeskCaseItem {
  id: string;
  code: string;
  title: string;
  stage: CaseStage;
  companyName: string;
  leadName: string;
  updatedAt: Date;
  isMine: boolean;
}

export interface DeskReferralItem {
  id: string;
  code: string;
  service: string;
  status: ReferralStatus;
  sentAt: Date;
  respondBy: string | null;
  followUpOn: string | null;
  companyName: string;
  /** The other side: the sender of a received referral, the receiver (or outside body) of a sent one. */
  counterpartName: string;
  handlerName: string | null;
}

export interface DeskActivityItem {
  id: string;
  kind: ActivityKind;
  occurredAt: Date;
  summary: string;
  byName: string;
  caseId: string;
  caseCode: string;
  caseTitle: string;
}

export async function getDeskOverview(db: Queryable, actor: Actor, now: Date = new Date()): Promise<DeskOverview> {
  const today = todayInJst(now);
  const scope = workScopeOf(actor);
  const actionScope = and(
    isNull(nextActions.completedAt),
    caseScope(actor),
    scope === "mine" ? eq(nextActions.assigneeUserId, actor.userId) : eq(cases.ownerOrgId, actor.orgId),
  );
  const overdue = and(actionScope, lt(nextActions.dueOn, today));
  const dueToday = and(actionScope, eq(nextActions.dueOn, today));

  const actionList = (where: SQL | undefined) =>
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
      .where(where)
      .orderBy(asc(nextActions.dueOn), asc(nextActions.id))
      .limit(HOME_LIST_LIMIT);
  const actionCount = (where: SQL | undefined) =>
    db.select({ count: count() }).from(nextActions).innerJoin(cases, eq(cases.id, nextActions.caseId)).where(where);

  const outboxOwn = scope === "mine" ? eq(referrals.fromUserId, actor.userId) : eq(referrals.fromOrgId, actor.orgId);
  const deskOpenCases = and(caseScope(actor), eq(cases.ownerOrgId, actor.orgId), inArray(cases.stage, [...OPEN_STAGES]));
  const [caseRows, overdueActions, [overdueTotal], todayActions, [todayTotal], [referralCounts], openCases, referralsIn, referralsOut, recentActivities] = await Promise.all([
    db
      .select({ stage: cases.stage, count: count() })
      .from(cases)
      .where(and(caseScope(actor), eq(cases.ownerOrgId, actor.orgId), inArray(cases.stage, [...OPEN_STAGES])))
      .groupBy(cases.stage),
    actionList(overdue),
    actionCount(overdue),
    actionList(dueToday),
    actionCount(dueToday),
    db
      .select({
        inboxPending: count(sql`case when ${referrals.toOrgId} = ${actor.orgId} and ${referrals.status} = 'sent' then 1 end`),
        inboxOverdue: count(sql`case when ${referrals.toOrgId} = ${actor.orgId} and ${overdueReferralCondition(now)} then 1 end`),
        outboxPending: count(sql`case when ${outboxOwn} and ${referrals.status} = 'sent' then 1 end`),
      })
      .from(referrals)
      .where(and(referralScope(actor), eq(referrals.status, "sent"))),
    db
      .select({
        id: cases.id,
        code: cases.code,
        title: cases.title,
        stage: cases.stage,
        companyName: companies.name,
        leadName: users.name,
        updatedAt: cases.updatedAt,
        isMine: sql<boolean>`exists (select 1 from ${caseMembers} where ${caseMembers.caseId} = ${cases.id} and ${caseMembers.userId} = ${actor.userId})`.mapWith(Boolean),
      })
      .from(cases)
      .innerJoin(companies, eq(companies.id, cases.companyId))
      .innerJoin(users, eq(users.id, cases.leadUserId))
      .where(deskOpenCases)
      .orderBy(desc(cases.updatedAt), desc(cases.id))
      .limit(HOME_LIST_LIMIT),
    findDeskReferrals(db, actor, and(eq(referrals.toOrgId, actor.orgId), inArray(referrals.status, ["sent", "accepted", "in_progress"])), "in"),
    findDeskReferrals(db, actor, and(outboxOwn, inArray(referrals.status, ["sent", "accepted", "in_progress", "logged"])), "out"),
    findRecentDeskActivities(db, actor),
  ]);

  const openCasesByStage = stageCounts(caseRows);
  return {
    scope,
    openCasesByStage,
    openCasesTotal: Object.values(openCasesByStage).reduce((a, b) => a + b, 0),
    overdueActions,
    overdueActionsTotal: Number(overdueTotal?.count ?? 0),
    todayActions,
    todayActionsTotal: Number(todayTotal?.count ?? 0),
    referrals: {
      inboxPending: Number(referralCounts?.inboxPending ?? 0),
      inboxOverdue: Number(referralCounts?.inboxOverdue ?? 0),
      outboxPending: Number(referralCounts?.outboxPending ?? 0),
    },
    openCases,
    referralsIn,
    referralsOut,
    recentActivities,
  };
}

const handlers = alias(users, "dash_handlers");

/**
 * The newest activities logged by the desk's people, on cases the actor may open. By the desk, not "on the
 * desk's cases": the (organization_id, occurred_at) index answers this in a few milliseconds at national
 * scale, while the newest activities across all of a busy desk's cases mean reading tens of thousands of rows
 * (docs/scaling.md). What other parties logged on a case is on the case's page.
 */
function findRecentDeskActivities(db: Queryable, actor: Actor): Promise<DeskActivityItem[]> {
  return db
    .select({
      id: activities.id,
      kind: activities.kind,
      occurredAt: activities.occurredAt,
      summary: activities.summary,
      byName: users.name,
      caseId: cases.id,
      caseCode: cases.code,
      caseTitle: cases.title,
    })
    .from(activities)
    .innerJoin(cases, eq(cases.id, activities.caseId))
    .innerJoin(users, eq(users.id, activities.createdByUserId))
    // Content: only of cases the actor may open, even when a colleague logged it.
    .where(and(eq(activities.organizationId, actor.orgId), caseScope(actor)))
    .orderBy(desc(activities.occurredAt), desc(activities.id))
    .limit(HOME_LIST_LIMIT);
}

/** A short list of the actor's organization's referrals; unanswered ones first, then the newest. */
async function findDeskReferrals(db: Queryable, actor: Actor, where: SQL | undefined, direction: "in" | "out"): Promise<DeskReferralItem[]> {
  const rows = await db
    .select({
      id: referrals.id,
      code: referrals.code,
      service: referrals.service,
      status: referrals.status,
      sentAt: referrals.sentAt,
      respondBy: referrals.respondBy,
      followUpOn: referrals.followUpOn,
      companyName: companies.name,
      fromOrgName: fromOrgs.nameJa,
      toOrgName: toOrgs.nameJa,
      externalRecipient: referrals.externalRecipient,
      handlerName: handlers.name,
    })
    .from(referrals)
    .innerJoin(companies, eq(companies.id, referrals.companyId))
    .innerJoin(fromOrgs, eq(fromOrgs.id, referrals.fromOrgId))
    .leftJoin(toOrgs, eq(toOrgs.id, referrals.toOrgId))
    .leftJoin(handlers, eq(handlers.id, referrals.handlerUserId))
    .where(and(referralScope(actor), where))
    .orderBy(sql`case when ${referrals.status} = 'sent' then 0 else 1 end`, desc(referrals.sentAt), desc(referrals.id))
    .limit(HOME_LIST_LIMIT);
  return rows.map(({ fromOrgName, toOrgName, externalRecipient, ...row }) => ({
    ...row,
    counterpartName: direction === "in" ? fromOrgName : (toOrgName ?? externalRecipient ?? ""),
  }));
}

// ---------------------------------------------------------------------------------------------------------
// 弁理士会 (jpaa): the referral inbox.

/** The inbox lists on the 弁理士会 home are longer than other short lists: answering them is the job. */
export const INBOX_LIST_LIMIT = 20;

export interface InboxReferralItem {
  id: string;
  code: string;
  service: string;
  urgency: string;
  status: ReferralStatus;
  version: number;
  sentAt: Date;
  respondBy: string | null;
  fromOrgName: string;
  /** Part of the referral record both sides keep (as in lib/referrals/queries.ts); the profile is not. */
  companyName: string;
  handlerUserId: string | null;
  handlerName: string | null;
}

export interface AttorneyWorkload {
  userId: string;
  name: string;
  accepted: number;
  inProgress: number;
  /** Completed in the current fiscal year. */
  completedThisYear: number;
}

export interface ReportedOutcomeItem {
  id: string;
  code: string;
  service: string;
  companyName: string;
  fromOrgName: string;
  handlerName: string | null;
  completedAt: Date | null;
  outcomeFeedback: string | null;
}

export interface ReferralInboxOverview {
  pending: number;
  pendingOverdue: number;
  accepted: number;
  inProgress: number;
  /** Accepted or in progress, with the actor as the handler. */
  assignedToMe: number;
  /** Unanswered (依頼中), oldest answer date first: what to accept or decline now. */
  newestPending: InboxReferralItem[];
  /** Accepted or in progress: whom each is assigned to. */
  live: InboxReferralItem[];
  /** The organization's people who can handle a referral, with what each has in hand. */
  workload: AttorneyWorkload[];
  /** Completed referrals and the outcome reported back to the sender (the closed loop), newest first. */
  outcomesReported: ReportedOutcomeItem[];
}

export async function getReferralInboxOverview(db: Queryable, actor: Actor, now: Date = new Date()): Promise<ReferralInboxOverview> {
  // The organization's inbox, one-sided so that the planner can estimate it and walk its indexes.
  const inbox = referralBoxScope(actor, "inbox");
  const { start: fiscalYearStart } = fiscalYearRange(fiscalYearOf(todayInJst(now)));
  const inboxList = (where: SQL | undefined, order: SQL[]) =>
    db
      .select({
        id: referrals.id,
        code: referrals.code,
        service: referrals.service,
        urgency: referrals.urgency,
        status: referrals.status,
        version: referrals.version,
        sentAt: referrals.sentAt,
        respondBy: referrals.respondBy,
        fromOrgName: fromOrgs.nameJa,
        companyName: companies.name,
        handlerUserId: referrals.handlerUserId,
        handlerName: handlers.name,
      })
      .from(referrals)
      .innerJoin(fromOrgs, eq(fromOrgs.id, referrals.fromOrgId))
      .innerJoin(companies, eq(companies.id, referrals.companyId))
      .leftJoin(handlers, eq(handlers.id, referrals.handlerUserId))
      .where(and(inbox, where))
      .orderBy(...order)
      .limit(INBOX_LIST_LIMIT);

  const [[counts], newestPending, live, workloadRows, outcomesReported] = await Promise.all([
    db
      .select({
        pending: count(sql`case when ${referrals.status} = 'sent' then 1 end`),
        pendingOverdue: count(sql`case when ${overdueReferralCondition(now)} then 1 end`),
        accepted: count(sql`case when ${referrals.status} = 'accepted' then 1 end`),
        inProgress: count(sql`case when ${referrals.status} = 'in_progress' then 1 end`),
        assignedToMe: count(
          sql`case when ${referrals.status} in ('accepted', 'in_progress') and ${referrals.handlerUserId} = ${actor.userId} then 1 end`,
        ),
      })
      .from(referrals)
      .where(inbox),
    inboxList(eq(referrals.status, "sent"), [desc(referrals.sentAt), desc(referrals.id)]),
    inboxList(inArray(referrals.status, ["accepted", "in_progress"]), [sql`${referrals.handlerUserId} is not null`, desc(referrals.sentAt), desc(referrals.id)]),
    // Everyone of the organization who could be assigned (as assertHandlerOfReceiver allows: active users).
    can(actor, "referral:read")
      ? db
          .select({
            userId: users.id,
            name: users.name,
            accepted: count(sql`case when ${referrals.status} = 'accepted' then 1 end`),
            inProgress: count(sql`case when ${referrals.status} = 'in_progress' then 1 end`),
            completedThisYear: count(
              sql`case when ${referrals.status} = 'completed' and ${referrals.completedAt} >= ${`${fiscalYearStart}T00:00:00+09:00`}::timestamptz then 1 end`,
            ),
          })
          .from(users)
          .leftJoin(referrals, and(eq(referrals.handlerUserId, users.id), eq(referrals.toOrgId, actor.orgId)))
          .where(and(eq(users.organizationId, actor.orgId), eq(users.isActive, true), ne(users.role, "admin")))
          .groupBy(users.id, users.name, users.nameKana)
          .orderBy(asc(users.nameKana), asc(users.name), asc(users.id))
      : Promise.resolve([]),
    db
      .select({
        id: referrals.id,
        code: referrals.code,
        service: referrals.service,
        companyName: companies.name,
        fromOrgName: fromOrgs.nameJa,
        handlerName: handlers.name,
        completedAt: referrals.completedAt,
        outcomeFeedback: referrals.outcomeFeedback,
      })
      .from(referrals)
      .innerJoin(fromOrgs, eq(fromOrgs.id, referrals.fromOrgId))
      .innerJoin(companies, eq(companies.id, referrals.companyId))
      .leftJoin(handlers, eq(handlers.id, referrals.handlerUserId))
      .where(and(inbox, eq(referrals.status, "completed")))
      .orderBy(desc(referrals.completedAt), desc(referrals.id))
      .limit(HOME_LIST_LIMIT),
  ]);
  return {
    pending: Number(counts?.pending ?? 0),
    pendingOverdue: Number(counts?.pendingOverdue ?? 0),
    accepted: Number(counts?.accepted ?? 0),
    inProgress: Number(counts?.inProgress ?? 0),
    assignedToMe: Number(counts?.assignedToMe ?? 0),
    newestPending,
    live,
    workload: workloadRows.map((w) => ({ ...w, accepted: Number(w.accepted), inProgress: Number(w.inProgress), completedThisYear: Number(w.completedThisYear) })),
    outcomesReported,
  };
}

// ---------------------------------------------------------------------------------------------------------
// 商工会議所 (jcci): the referrals sent and what became of them (the closed loop).

export interface SentReferralItem {
  id: string;
  code: string;
  service: string;
  status: ReferralStatus;
  sentAt: Date;
  respondBy: string | null;
  followUpOn: string | null;
  companyName: string;
  /** The receiving organization, or the body outside Renkei for a logged referral. */
  recipientName: string;
  recipientIsExternal: boolean;
  completedAt: Date | null;
  /** The receiver's report at completion: what the sender is waiting to hear. */
  outcomeFeedback: string | null;
}

export interface SentReferralsOverview {
  scope: WorkScope;
  byStatus: ReferralStatusCounts;
  /** Sent and still unanswered after the answer date: the ones to chase. */
  overdue: number;
  /** Logged referrals to bodies outside Renkei whose follow-up date has come. */
  followUpDue: number;
  recent: SentReferralItem[];
}

/** The 商工会議所 home lists this many sent referrals; the outbox has them all. */
export const SENT_LIST_LIMIT = 20;

export async function getSentReferralsOverview(db: Queryable, actor: Actor, now: Date = new Date()): Promise<SentReferralsOverview> {
  const scope = workScopeOf(actor);
  const today = todayInJst(now);
  const sent = and(
    referralScope(actor),
    eq(referrals.fromOrgId, actor.orgId),
    scope === "mine" ? eq(referrals.fromUserId, actor.userId) : undefined,
  );
  const [statusRows, [chase], recent] = await Promise.all([
    db.select({ status: referrals.status, count: count() }).from(referrals).where(sent).groupBy(referrals.status),
    db
      .select({
        overdue: count(sql`case when ${overdueReferralCondition(now)} then 1 end`),
        followUpDue: count(sql`case when ${referrals.status} = 'logged' and ${lte(referrals.followUpOn, today)} then 1 end`),
      })
      .from(referrals)
      .where(sent),
    db
      .select({
        id: referrals.id,
        code: referrals.code,
        service: referrals.service,
        status: referrals.status,
        sentAt: referrals.sentAt,
        respondBy: referrals.respondBy,
        followUpOn: referrals.followUpOn,
        companyName: companies.name,
        toOrgName: toOrgs.nameJa,
        externalRecipient: referrals.externalRecipient,
        completedAt: referrals.completedAt,
        outcomeFeedback: referrals.outcomeFeedback,
      })
      .from(referrals)
      .innerJoin(companies, eq(companies.id, referrals.companyId))
      .leftJoin(toOrgs, eq(toOrgs.id, referrals.toOrgId))
      .where(sent)
      .orderBy(desc(referrals.sentAt), desc(referrals.id))
      .limit(SENT_LIST_LIMIT),
  ]);
  return {
    scope,
    byStatus: statusCounts(statusRows),
    overdue: Number(chase?.overdue ?? 0),
    followUpDue: Number(chase?.followUpDue ?? 0),
    recent: recent.map(({ toOrgName, externalRecipient, ...item }) => ({
      ...item,
      recipientName: toOrgName ?? externalRecipient ?? "",
      recipientIsExternal: toOrgName === null,
    })),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Administrators: organizations and users, no case content.

export interface AdminOverview {
  organizations: { total: number; active: number; byParty: { partyKind: string | null; count: number }[] };
  users: { total: number; active: number; locked: number; byRole: Record<UserRole, number> };
}

export async function getAdminOverview(db: Queryable, actor: Actor, now: Date = new Date()): Promise<AdminOverview> {
  if (!can(actor, "user:manage") && !can(actor, "organization:manage")) throw new ForbiddenError("user:manage");
  const [[orgTotals], byParty, [userTotals], roleRows] = await Promise.all([
    db
      .select({ total: count(), active: count(sql`case when ${organizations.isActive} then 1 end`) })
      .from(organizations),
    db
      .select({ partyKind: organizations.partyKindKey, count: count() })
      .from(organizations)
      .groupBy(organizations.partyKindKey)
      .orderBy(asc(organizations.partyKindKey)),
    db
      .select({
        total: count(),
        active: count(sql`case when ${users.isActive} then 1 end`),
        locked: count(sql`case when ${gt(users.lockedUntil, now)} then 1 end`),
      })
      .from(users),
    db.select({ role: users.role, count: count() }).from(users).groupBy(users.role),
  ]);
  const byRole = Object.fromEntries(userRole.enumValues.map((r) => [r, 0])) as Record<UserRole, number>;
  for (const row of roleRows) byRole[row.role] = Number(row.count);
  return {
    organizations: {
      total: Number(orgTotals?.total ?? 0),
      active: Number(orgTotals?.active ?? 0),
      byParty: byParty.map((r) => ({ partyKind: r.partyKind, count: Number(r.count) })),
    },
    users: {
      total: Number(userTotals?.total ?? 0),
      active: Number(userTotals?.active ?? 0),
      locked: Number(userTotals?.locked ?? 0),
      byRole,
    },
  };
}
