import { and, asc, count, desc, eq, gt, inArray, isNull, lt, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Queryable } from "@/db/client";
import {
  caseStage,
  cases,
  companies,
  modelRegions,
  nextActions,
  organizations,
  prefectures,
  producerTeamMembers,
  producerTeams,
  referralStatus,
  referrals,
  regionalBlocks,
  users,
  userRole,
  type CaseStage,
  type ReferralStatus,
  type UserRole,
} from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/can";
import { ForbiddenError } from "@/lib/authz/errors";
import { caseScope, referralScope } from "@/lib/authz/scopes";
import { OPEN_STAGES } from "@/lib/cases/stage";
import { todayInJst } from "@/lib/format/fiscal-year";
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
  modelRegionNameJa: string;
  modelRegionNameEn: string;
  fiscalYear: number;
  memberCount: number;
  caseCount: number;
}

export interface TeamCaseItem {
  id: string;
  code: string;
  title: string;
  stage: CaseStage;
  companyName: string;
  updatedAt: Date;
}

export interface MetiOverview {
  scope: MetiScope;
  casesByStage: StageCounts;
  /** Referrals sent by organizations of the block, by status. */
  referralsSent: ReferralStatusCounts;
  /** Referrals received by organizations of the block, by status. */
  referralsReceived: ReferralStatusCounts;
  /** Referrals touching the block, by sending and receiving party kind (null receiver: outside Renkei). */
  flow: { fromParty: string | null; toParty: string | null; count: number }[];
  producerTeams: ProducerTeamSummary[];
  /** Cases of the actor's own producer teams that the actor may open (caseScope), newest first. */
  teamCases: TeamCaseItem[];
}

const fromOrgs = alias(organizations, "dash_from_orgs");
const toOrgs = alias(organizations, "dash_to_orgs");

export async function getMetiOverview(db: Queryable, actor: Actor): Promise<MetiOverview> {
  // The block-wide counts below are not caseScope'd: they are the one aggregate DOMAIN.md grants 経産局.
  if (actor.partyKind !== "meti" || !can(actor, "dashboard:view")) throw new ForbiddenError("dashboard:view");

  let scope: MetiScope = { kind: "national" };
  if (actor.blockCode) {
    const [block] = await db
      .select({ code: regionalBlocks.code, nameJa: regionalBlocks.nameJa, nameEn: regionalBlocks.nameEn })
      .from(regionalBlocks)
      .where(eq(regionalBlocks.code, actor.blockCode))
      .limit(1);
    scope = block
      ? { kind: "block", blockCode: block.code, nameJa: block.nameJa, nameEn: block.nameEn }
      : { kind: "block", blockCode: actor.blockCode, nameJa: actor.blockCode, nameEn: actor.blockCode };
  }
  const blockCode = scope.kind === "block" ? scope.blockCode : null;
  const inBlock = (prefectureCode: AnyColumn) =>
    blockCode === null
      ? undefined
      : inArray(prefectureCode, sql`(select ${prefectures.code} from ${prefectures} where ${prefectures.blockCode} = ${blockCode})`);
  const orgInBlock = (org: typeof fromOrgs | typeof toOrgs) => (blockCode === null ? undefined : eq(org.blockCode, blockCode));

  const [caseRows, sentRows, receivedRows, flowRows, teams, teamCases] = await Promise.all([
    db
      .select({ stage: cases.stage, count: count() })
      .from(cases)
      .innerJoin(companies, eq(companies.id, cases.companyId))
      .where(inBlock(companies.prefectureCode))
      .groupBy(cases.stage),
    db
      .select({ status: referrals.status, count: count() })
      .from(referrals)
      .innerJoin(fromOrgs, eq(fromOrgs.id, referrals.fromOrgId))
      .where(orgInBlock(fromOrgs))
      .groupBy(referrals.status),
    db
      .select({ status: referrals.status, count: count() })
      .from(referrals)
      .innerJoin(toOrgs, eq(toOrgs.id, referrals.toOrgId))
      .where(orgInBlock(toOrgs))
      .groupBy(referrals.status),
    db
      .select({ fromParty: fromOrgs.partyKindKey, toParty: toOrgs.partyKindKey, count: count() })
      .from(referrals)
      .innerJoin(fromOrgs, eq(fromOrgs.id, referrals.fromOrgId))
      .leftJoin(toOrgs, eq(toOrgs.id, referrals.toOrgId))
      .where(blockCode === null ? undefined : or(eq(fromOrgs.blockCode, blockCode), eq(toOrgs.blockCode, blockCode)))
      .groupBy(fromOrgs.partyKindKey, toOrgs.partyKindKey)
      .orderBy(desc(count())),
    db
      .select({
        id: producerTeams.id,
        name: producerTeams.name,
        modelRegionNameJa: modelRegions.nameJa,
        modelRegionNameEn: modelRegions.nameEn,
        fiscalYear: producerTeams.fiscalYear,
        memberCount: sql<number>`(select count(*) from ${producerTeamMembers} where ${producerTeamMembers.teamId} = ${producerTeams.id})`.mapWith(Number),
        caseCount: sql<number>`(select count(*) from ${cases} where ${cases.producerTeamId} = ${producerTeams.id})`.mapWith(Number),
      })
      .from(producerTeams)
      .innerJoin(modelRegions, eq(modelRegions.id, producerTeams.modelRegionId))
      .innerJoin(organizations, eq(organizations.id, producerTeams.organizationId))
      .where(blockCode === null ? undefined : or(eq(organizations.blockCode, blockCode), inBlock(modelRegions.prefectureCode)))
      .orderBy(desc(producerTeams.fiscalYear), asc(producerTeams.name))
      .limit(20),
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

  return {
    scope,
    casesByStage: stageCounts(caseRows),
    referralsSent: statusCounts(sentRows),
    referralsReceived: statusCounts(receivedRows),
    flow: flowRows.map((r) => ({ ...r, count: Number(r.count) })),
    producerTeams: teams,
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
  const [caseRows, overdueActions, [overdueTotal], todayActions, [todayTotal], [referralCounts]] = await Promise.all([
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
  };
}

// ---------------------------------------------------------------------------------------------------------
// 弁理士会 (jpaa): the referral inbox.

export interface InboxReferralItem {
  id: string;
  code: string;
  service: string;
  urgency: string;
  status: ReferralStatus;
  sentAt: Date;
  respondBy: string | null;
  fromOrgName: string;
  /** Part of the referral record both sides keep (as in lib/referrals/queries.ts); the profile is not. */
  companyName: string;
}

export interface ReferralInboxOverview {
  pending: number;
  pendingOverdue: number;
  accepted: number;
  inProgress: number;
  /** Accepted or in progress, with the actor as the handler. */
  assignedToMe: number;
  newestPending: InboxReferralItem[];
}

export async function getReferralInboxOverview(db: Queryable, actor: Actor, now: Date = new Date()): Promise<ReferralInboxOverview> {
  const inbox = and(referralScope(actor), eq(referrals.toOrgId, actor.orgId));
  const [[counts], newestPending] = await Promise.all([
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
    db
      .select({
        id: referrals.id,
        code: referrals.code,
        service: referrals.service,
        urgency: referrals.urgency,
        status: referrals.status,
        sentAt: referrals.sentAt,
        respondBy: referrals.respondBy,
        fromOrgName: fromOrgs.nameJa,
        companyName: companies.name,
      })
      .from(referrals)
      .innerJoin(fromOrgs, eq(fromOrgs.id, referrals.fromOrgId))
      .innerJoin(companies, eq(companies.id, referrals.companyId))
      .where(and(inbox, eq(referrals.status, "sent")))
      .orderBy(desc(referrals.sentAt), desc(referrals.id))
      .limit(HOME_LIST_LIMIT),
  ]);
  return {
    pending: Number(counts?.pending ?? 0),
    pendingOverdue: Number(counts?.pendingOverdue ?? 0),
    accepted: Number(counts?.accepted ?? 0),
    inProgress: Number(counts?.inProgress ?? 0),
    assignedToMe: Number(counts?.assignedToMe ?? 0),
    newestPending,
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
  recent: SentReferralItem[];
}

export async function getSentReferralsOverview(db: Queryable, actor: Actor): Promise<SentReferralsOverview> {
  const scope = workScopeOf(actor);
  const sent = and(
    referralScope(actor),
    eq(referrals.fromOrgId, actor.orgId),
    scope === "mine" ? eq(referrals.fromUserId, actor.userId) : undefined,
  );
  const [statusRows, recent] = await Promise.all([
    db.select({ status: referrals.status, count: count() }).from(referrals).where(sent).groupBy(referrals.status),
    db
      .select({
        id: referrals.id,
        code: referrals.code,
        service: referrals.service,
        status: referrals.status,
        sentAt: referrals.sentAt,
        respondBy: referrals.respondBy,
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
      .limit(HOME_LIST_LIMIT),
  ]);
  return {
    scope,
    byStatus: statusCounts(statusRows),
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
