import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Queryable } from "@/db/client";
import {
  activities,
  activityParticipants,
  caseMembers,
  caseThemes,
  cases,
  companies,
  confidentialNotes,
  nextActions,
  organizations,
  outcomes,
  prefectures,
  producerTeams,
  themes,
  users,
  type ActivityKind,
  type CaseStage,
} from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/authz/actor";
import { caseScope, confidentialNoteAccessForCase, confidentialNoteScope } from "@/lib/authz/scopes";
import { afterCursor, clampLimit, decodeCursor, isUuid, timestampSortKey, toPage, type Page } from "@/lib/pagination";

/** How many activities the case page shows; older ones are paged in elsewhere. */
export const RECENT_ACTIVITY_LIMIT = 50;

export interface FindCasesOptions {
  stage?: CaseStage;
  cursor?: string;
  limit?: number;
}

export interface CaseListItem {
  id: string;
  code: string;
  title: string;
  stage: CaseStage;
  company: { id: string; name: string; prefectureName: string };
  ownerOrg: { id: string; name: string };
  lead: { id: string; name: string };
  openedOn: string;
  updatedAt: Date;
}

const leadUsers = alias(users, "lead_users");

/** Cases the actor may open, most recently updated first. */
export async function findCasesForActor(db: Queryable, actor: Actor, options: FindCasesOptions = {}): Promise<Page<CaseListItem>> {
  const limit = clampLimit(options.limit);
  const cursor = options.cursor ? decodeCursor(options.cursor, "timestamp") : null;
  const conditions: SQL[] = [caseScope(actor)];
  if (options.stage) conditions.push(eq(cases.stage, options.stage));
  if (cursor) conditions.push(afterCursor(cursor, { sort: cases.updatedAt, id: cases.id, kind: "timestamp", order: "desc" }));

  const rows = await db
    .select({
      id: cases.id,
      code: cases.code,
      title: cases.title,
      stage: cases.stage,
      companyId: companies.id,
      companyName: companies.name,
      prefectureName: prefectures.nameJa,
      ownerOrgId: organizations.id,
      ownerOrgName: organizations.nameJa,
      leadId: leadUsers.id,
      leadName: leadUsers.name,
      openedOn: cases.openedOn,
      updatedAt: cases.updatedAt,
      sortKey: timestampSortKey(cases.updatedAt),
    })
    .from(cases)
    .innerJoin(companies, eq(companies.id, cases.companyId))
    .innerJoin(prefectures, eq(prefectures.code, companies.prefectureCode))
    .innerJoin(organizations, eq(organizations.id, cases.ownerOrgId))
    .innerJoin(leadUsers, eq(leadUsers.id, cases.leadUserId))
    .where(and(...conditions))
    .orderBy(desc(cases.updatedAt), desc(cases.id))
    .limit(limit + 1);

  return toPage(
    rows,
    limit,
    (row) => ({ key: row.sortKey, id: row.id }),
    (row) => ({
      id: row.id,
      code: row.code,
      title: row.title,
      stage: row.stage,
      company: { id: row.companyId, name: row.companyName, prefectureName: row.prefectureName },
      ownerOrg: { id: row.ownerOrgId, name: row.ownerOrgName },
      lead: { id: row.leadId, name: row.leadName },
      openedOn: row.openedOn,
      updatedAt: row.updatedAt,
    }),
  );
}

export interface CaseDetail {
  id: string;
  code: string;
  title: string;
  summary: string | null;
  stage: CaseStage;
  source: string | null;
  openedOn: string;
  closedOn: string | null;
  pausedReason: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  company: {
    id: string;
    name: string;
    nameKana: string | null;
    corporateNumber: string | null;
    prefectureCode: number;
    prefectureName: string;
    city: string | null;
    industry: string | null;
    isProvisional: boolean;
  };
  ownerOrg: { id: string; name: string };
  producerTeam: { id: string; name: string } | null;
  lead: { id: string; name: string };
  themes: { key: string; nameJa: string; nameEn: string }[];
  members: { userId: string; name: string; orgId: string; orgName: string; partyKind: string | null; isLead: boolean }[];
  /** The newest RECENT_ACTIVITY_LIMIT activities, newest first. */
  recentActivities: CaseActivityItem[];
  /** Next actions not yet completed, soonest due first. */
  openNextActions: { id: string; title: string; dueOn: string; assignee: { id: string; name: string }; activityId: string | null }[];
  outcomes: {
    id: string;
    kind: string;
    ipKind: string | null;
    applicationNumber: string | null;
    registrationNumber: string | null;
    amountYen: number | null;
    description: string;
    achievedOn: string;
  }[];
  /**
   * 秘匿メモ, newest first — present only when the actor may read them (an empty array means "none"); absent
   * (undefined) when they are hidden from the actor, so that the page can tell the two apart.
   */
  confidentialNotes?: { id: string; body: string; author: { id: string; name: string }; createdAt: Date; updatedAt: Date }[];
}

export interface CaseActivityItem {
  id: string;
  kind: ActivityKind;
  occurredAt: Date;
  durationMinutes: number | null;
  summary: string;
  externalParticipants: string | null;
  organization: { id: string; name: string };
  createdBy: { id: string; name: string };
  participants: { id: string; name: string }[];
}

/**
 * One case as the actor may see it, or null when it is outside the actor's scope. Reading confidential notes
 * writes a `confidential.read` audit row before they are returned: every read of confidential content is
 * recorded (DOMAIN.md), and if the record cannot be written the notes are not shown.
 */
export async function getCaseForActor(db: Queryable, actor: Actor, id: string): Promise<CaseDetail | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({
      id: cases.id,
      code: cases.code,
      title: cases.title,
      summary: cases.summary,
      stage: cases.stage,
      source: cases.source,
      openedOn: cases.openedOn,
      closedOn: cases.closedOn,
      pausedReason: cases.pausedReason,
      version: cases.version,
      createdAt: cases.createdAt,
      updatedAt: cases.updatedAt,
      company: {
        id: companies.id,
        name: companies.name,
        nameKana: companies.nameKana,
        corporateNumber: companies.corporateNumber,
        prefectureCode: companies.prefectureCode,
        prefectureName: prefectures.nameJa,
        city: companies.city,
        industry: companies.industry,
        isProvisional: companies.isProvisional,
      },
      ownerOrg: { id: organizations.id, name: organizations.nameJa },
      producerTeamId: producerTeams.id,
      producerTeamName: producerTeams.name,
      lead: { id: leadUsers.id, name: leadUsers.name },
      mayReadConfidential: sql<boolean>`${confidentialNoteAccessForCase(actor, cases.id)}`.mapWith(Boolean),
    })
    .from(cases)
    .innerJoin(companies, eq(companies.id, cases.companyId))
    .innerJoin(prefectures, eq(prefectures.code, companies.prefectureCode))
    .innerJoin(organizations, eq(organizations.id, cases.ownerOrgId))
    .innerJoin(leadUsers, eq(leadUsers.id, cases.leadUserId))
    .leftJoin(producerTeams, eq(producerTeams.id, cases.producerTeamId))
    .where(and(eq(cases.id, id), caseScope(actor)))
    .limit(1);
  if (!row) return null;

  // The case passed its scope above; its parts are read by that id and need no scope of their own —
  // except the confidential notes, which have a stricter one.
  const [caseThemeRows, members, recentActivities, openNextActions, caseOutcomes] = await Promise.all([
    db
      .select({ key: themes.key, nameJa: themes.nameJa, nameEn: themes.nameEn })
      .from(caseThemes)
      .innerJoin(themes, eq(themes.key, caseThemes.themeKey))
      .where(eq(caseThemes.caseId, id))
      .orderBy(asc(themes.sortOrder)),
    db
      .select({
        userId: users.id,
        name: users.name,
        orgId: organizations.id,
        orgName: organizations.nameJa,
        partyKind: organizations.partyKindKey,
      })
      .from(caseMembers)
      .innerJoin(users, eq(users.id, caseMembers.userId))
      .innerJoin(organizations, eq(organizations.id, users.organizationId))
      .where(eq(caseMembers.caseId, id))
      .orderBy(asc(caseMembers.addedAt), asc(users.id)),
    findRecentActivities(db, id),
    db
      .select({
        id: nextActions.id,
        title: nextActions.title,
        dueOn: nextActions.dueOn,
        assignee: { id: users.id, name: users.name },
        activityId: nextActions.activityId,
      })
      .from(nextActions)
      .innerJoin(users, eq(users.id, nextActions.assigneeUserId))
      .where(and(eq(nextActions.caseId, id), isNull(nextActions.completedAt)))
      .orderBy(asc(nextActions.dueOn), asc(nextActions.id)),
    db
      .select({
        id: outcomes.id,
        kind: outcomes.kind,
        ipKind: outcomes.ipKind,
        applicationNumber: outcomes.applicationNumber,
        registrationNumber: outcomes.registrationNumber,
        amountYen: outcomes.amountYen,
        description: outcomes.description,
        achievedOn: outcomes.achievedOn,
      })
      .from(outcomes)
      .where(eq(outcomes.caseId, id))
      .orderBy(desc(outcomes.achievedOn), asc(outcomes.id)),
  ]);

  const { producerTeamId, producerTeamName, mayReadConfidential, ...detail } = row;
  const result: CaseDetail = {
    ...detail,
    producerTeam: producerTeamId && producerTeamName ? { id: producerTeamId, name: producerTeamName } : null,
    themes: caseThemeRows,
    members: members.map((m) => ({ ...m, isLead: m.userId === row.lead.id })),
    recentActivities,
    openNextActions,
    outcomes: caseOutcomes,
  };
  if (mayReadConfidential) result.confidentialNotes = await readConfidentialNotes(db, actor, id);
  return result;
}

async function findRecentActivities(db: Queryable, caseId: string): Promise<CaseActivityItem[]> {
  const authors = alias(users, "authors");
  const rows = await db
    .select({
      id: activities.id,
      kind: activities.kind,
      occurredAt: activities.occurredAt,
      durationMinutes: activities.durationMinutes,
      summary: activities.summary,
      externalParticipants: activities.externalParticipants,
      organization: { id: organizations.id, name: organizations.nameJa },
      createdBy: { id: authors.id, name: authors.name },
    })
    .from(activities)
    .innerJoin(organizations, eq(organizations.id, activities.organizationId))
    .innerJoin(authors, eq(authors.id, activities.createdByUserId))
    .where(eq(activities.caseId, caseId))
    .orderBy(desc(activities.occurredAt), desc(activities.id))
    .limit(RECENT_ACTIVITY_LIMIT);
  if (rows.length === 0) return [];

  const participantRows = await db
    .select({ activityId: activityParticipants.activityId, id: users.id, name: users.name })
    .from(activityParticipants)
    .innerJoin(users, eq(users.id, activityParticipants.userId))
    .where(inArray(activityParticipants.activityId, rows.map((r) => r.id)))
    .orderBy(asc(users.name), asc(users.id));
  const byActivity = new Map<string, { id: string; name: string }[]>();
  for (const { activityId, ...participant } of participantRows) {
    const list = byActivity.get(activityId) ?? [];
    list.push(participant);
    byActivity.set(activityId, list);
  }
  return rows.map((r) => ({ ...r, participants: byActivity.get(r.id) ?? [] }));
}

/** Reads the case's confidential notes through their scope and records the read (one audit row per read). */
async function readConfidentialNotes(db: Queryable, actor: Actor, caseId: string): Promise<NonNullable<CaseDetail["confidentialNotes"]>> {
  const notes = await db
    .select({
      id: confidentialNotes.id,
      body: confidentialNotes.body,
      author: { id: users.id, name: users.name },
      createdAt: confidentialNotes.createdAt,
      updatedAt: confidentialNotes.updatedAt,
    })
    .from(confidentialNotes)
    .innerJoin(users, eq(users.id, confidentialNotes.authorUserId))
    .where(and(eq(confidentialNotes.caseId, caseId), confidentialNoteScope(actor)))
    .orderBy(desc(confidentialNotes.createdAt), desc(confidentialNotes.id));
  // Nothing confidential was shown when there are no notes, so there is nothing to record.
  if (notes.length > 0) {
    await recordAudit(
      db,
      { userId: actor.userId, orgId: actor.orgId },
      { action: "confidential.read", entityType: "case", entityId: caseId, meta: { noteIds: notes.map((n) => n.id) } },
    );
  }
  return notes;
}
