import { and, asc, desc, eq, inArray, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Queryable } from "@/db/client";
import {
  activities,
  activityParticipants,
  caseMembers,
  caseStage,
  caseThemes,
  cases,
  companies,
  confidentialNotes,
  nextActions,
  organizations,
  outcomes,
  prefectures,
  producerTeamMembers,
  producerTeams,
  themes,
  users,
  type ActivityKind,
  type CaseStage,
} from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/authz/actor";
import { caseScope, confidentialNoteAccessForCase, confidentialNoteScope } from "@/lib/authz/scopes";
import { mayEditCase } from "./case-access";
import {
  afterCursor,
  clampLimit,
  dateSortKey,
  decodeCursor,
  isUuid,
  sectionCursor,
  timestampSortKey,
  toPage,
  withTotal,
  type CountedPage,
  type Cursor,
  type Page,
  type SectionInfo,
} from "@/lib/pagination";

/** How many activities the case page shows at a time; older ones are the timeline's next pages. */
export const RECENT_ACTIVITY_LIMIT = 50;
/** How many open next actions, and how many outcomes, the case page shows at a time. */
export const CASE_SECTION_SIZE = 20;

export interface FindCasesOptions {
  stage?: CaseStage;
  /** A fragment of the case's title or code, or of its company's name. */
  q?: string;
  /** A theme key (商標・ブランド = trademark_brand, …). */
  theme?: string;
  /** Only cases the actor is a member of (the lead is one). */
  mine?: boolean;
  /** A prefecture's JIS code (1–47): cases of companies located there (the tile map's links). */
  prefecture?: number;
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
  /** For a stage change from the list or the board, which is versioned like any edit. */
  version: number;
  /** Whether the actor may change the case (lib/cases/case-access.ts); the board offers moves only then. */
  mayEdit: boolean;
}

const leadUsers = alias(users, "lead_users");

/** Characters PostgreSQL's LIKE treats specially; a search for "100%" means the text, not a pattern. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/** The list filters other than the stage and the position, shared by the list, the board's counts and exports. */
function caseFilterConditions(actor: Actor, options: Omit<FindCasesOptions, "stage" | "cursor" | "limit">): SQL[] {
  const conditions: SQL[] = [caseScope(actor)];
  const q = options.q?.normalize("NFKC").trim();
  if (q) {
    const pattern = `%${escapeLike(q)}%`;
    conditions.push(
      sql`(${cases.title} ilike ${pattern} or ${cases.code} ilike ${pattern} or ${companies.name} ilike ${pattern} or ${companies.searchText} like ${pattern.toLowerCase()})`,
    );
  }
  if (options.theme) {
    conditions.push(sql`exists (select 1 from ${caseThemes} where ${caseThemes.caseId} = ${cases.id} and ${caseThemes.themeKey} = ${options.theme})`);
  }
  if (options.mine) {
    conditions.push(sql`exists (select 1 from ${caseMembers} where ${caseMembers.caseId} = ${cases.id} and ${caseMembers.userId} = ${actor.userId})`);
  }
  if (options.prefecture !== undefined) {
    // The company's prefecture as the database copies it onto the case (decision 012), on its own index.
    conditions.push(eq(cases.prefectureCode, options.prefecture));
  }
  return conditions;
}

/** Cases the actor may open, most recently updated first. */
export async function findCasesForActor(db: Queryable, actor: Actor, options: FindCasesOptions = {}): Promise<Page<CaseListItem>> {
  const limit = clampLimit(options.limit);
  const cursor = options.cursor ? decodeCursor(options.cursor, "timestamp") : null;
  const conditions: SQL[] = caseFilterConditions(actor, options);
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
      version: cases.version,
      mayEdit: sql<boolean>`${mayEditCase(actor)}`.mapWith(Boolean),
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
      version: row.version,
      mayEdit: row.mayEdit,
    }),
  );
}

/** How many of the actor's cases, under the same filters, are in each stage: the board's column headings. */
export async function countCasesByStageForActor(
  db: Queryable,
  actor: Actor,
  options: Omit<FindCasesOptions, "stage" | "cursor" | "limit"> = {},
): Promise<Record<CaseStage, number>> {
  const rows = await db
    .select({ stage: cases.stage, count: sql<number>`count(*)`.mapWith(Number) })
    .from(cases)
    .innerJoin(companies, eq(companies.id, cases.companyId))
    .where(and(...caseFilterConditions(actor, options)))
    .groupBy(cases.stage);
  const counts = Object.fromEntries(caseStage.enumValues.map((stage) => [stage, 0])) as Record<CaseStage, number>;
  for (const row of rows) counts[row.stage] = row.count;
  return counts;
}

export interface SelectableUser {
  id: string;
  name: string;
  orgName: string;
}

/**
 * People the actor may put on a case or give a next action: the active staff of their own organization and of
 * their producer teams (administrators excluded — they take no part in cases). The actions check each choice
 * again; this list is what the forms offer.
 */
export async function findSelectableUsersForActor(db: Queryable, actor: Actor): Promise<SelectableUser[]> {
  const sameOrg = eq(users.organizationId, actor.orgId);
  const sameTeam =
    actor.teamIds.length > 0
      ? sql`exists (select 1 from ${producerTeamMembers} where ${producerTeamMembers.userId} = ${users.id} and ${inArray(producerTeamMembers.teamId, actor.teamIds)})`
      : undefined;
  return db
    .select({ id: users.id, name: users.name, orgName: organizations.nameJa })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(eq(users.isActive, true), eq(organizations.isActive, true), ne(users.role, "admin"), sameTeam ? or(sameOrg, sameTeam) : sameOrg))
    .orderBy(asc(organizations.nameJa), asc(users.nameKana), asc(users.name), asc(users.id));
}

/** The producer teams the actor belongs to, newest fiscal year first: a case may be given to one of them. */
export async function findTeamsOfActor(db: Queryable, actor: Actor): Promise<{ id: string; name: string; fiscalYear: number }[]> {
  if (actor.teamIds.length === 0) return [];
  return db
    .select({ id: producerTeams.id, name: producerTeams.name, fiscalYear: producerTeams.fiscalYear })
    .from(producerTeams)
    .where(inArray(producerTeams.id, actor.teamIds))
    .orderBy(desc(producerTeams.fiscalYear), asc(producerTeams.name));
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
  /** Whether the actor may change the case (stage, members, outcomes, edits): lib/cases/case-access.ts. */
  mayEdit: boolean;
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
  /** RECENT_ACTIVITY_LIMIT activities, newest first: the newest, or the older ones after `cursors.activities`. */
  recentActivities: CaseActivityItem[];
  /** Next actions not yet completed, soonest due first (CASE_SECTION_SIZE at a time). */
  openNextActions: { id: string; title: string; dueOn: string; assignee: { id: string; name: string }; activityId: string | null }[];
  /** Newest first (CASE_SECTION_SIZE at a time). */
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
  /** The three lists above are one section page each: their totals, and the cursors of the rows after them. */
  sections: {
    activities: SectionInfo;
    nextActions: SectionInfo;
    outcomes: SectionInfo;
  };
}

/** Each list section's keyset position on the case page (its query parameter); the first rows when absent. */
export interface CaseSectionCursors {
  activities?: string;
  nextActions?: string;
  outcomes?: string;
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
export async function getCaseForActor(
  db: Queryable,
  actor: Actor,
  id: string,
  /** `confidential: false` for pages that do not show the notes: nothing is read, so no read is recorded. */
  options: { confidential?: boolean; cursors?: CaseSectionCursors } = {},
): Promise<CaseDetail | null> {
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
      mayEdit: sql<boolean>`${mayEditCase(actor)}`.mapWith(Boolean),
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
  // except the confidential notes, which have a stricter one. The lists come a section page at a time.
  const at = {
    activities: sectionCursor(options.cursors?.activities, "timestamp"),
    nextActions: sectionCursor(options.cursors?.nextActions, "text"),
    outcomes: sectionCursor(options.cursors?.outcomes, "text"),
  };
  const openActionRows = and(eq(nextActions.caseId, id), isNull(nextActions.completedAt))!;
  const nextActionKey = dateSortKey(nextActions.dueOn);
  const outcomeKey = dateSortKey(outcomes.achievedOn);
  const [caseThemeRows, members, recentActivities, openNextActions, caseOutcomes] = await Promise.all([
    db
      .select({ key: themes.key, nameJa: themes.nameJa, nameEn: themes.nameEn })
      .from(caseThemes)
      .innerJoin(themes, eq(themes.key, caseThemes.themeKey))
      .where(eq(caseThemes.caseId, id))
      .orderBy(asc(themes.sortOrder)),
    // Bounded by the members rule (setCaseMembersSchema: at most 200 besides the lead), and the members
    // dialog edits the whole list at once.
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
    findActivityPage(db, id, at.activities),
    db
      .select({
        id: nextActions.id,
        title: nextActions.title,
        dueOn: nextActions.dueOn,
        assignee: { id: users.id, name: users.name },
        activityId: nextActions.activityId,
        sortKey: nextActionKey,
      })
      .from(nextActions)
      .innerJoin(users, eq(users.id, nextActions.assigneeUserId))
      .where(and(openActionRows, at.nextActions ? afterCursor(at.nextActions, { sort: nextActionKey, id: nextActions.id, kind: "text", order: "asc" }) : undefined))
      .orderBy(asc(nextActionKey), asc(nextActions.id))
      .limit(CASE_SECTION_SIZE + 1)
      .then((rows) => toPage(rows, CASE_SECTION_SIZE, (r) => ({ key: r.sortKey, id: r.id }), ({ sortKey: _key, ...item }) => item))
      .then((page) => withTotal(page, !at.nextActions, async () => countOf(await db.select({ total: countAll }).from(nextActions).where(openActionRows)))),
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
        sortKey: outcomeKey,
      })
      .from(outcomes)
      .where(and(eq(outcomes.caseId, id), at.outcomes ? afterCursor(at.outcomes, { sort: outcomeKey, id: outcomes.id, kind: "text", order: "desc" }) : undefined))
      .orderBy(desc(outcomeKey), desc(outcomes.id))
      .limit(CASE_SECTION_SIZE + 1)
      .then((rows) => toPage(rows, CASE_SECTION_SIZE, (r) => ({ key: r.sortKey, id: r.id }), ({ sortKey: _key, ...item }) => item))
      .then((page) => withTotal(page, !at.outcomes, async () => countOf(await db.select({ total: countAll }).from(outcomes).where(eq(outcomes.caseId, id))))),
  ]);

  const { producerTeamId, producerTeamName, mayReadConfidential, ...detail } = row;
  const result: CaseDetail = {
    ...detail,
    producerTeam: producerTeamId && producerTeamName ? { id: producerTeamId, name: producerTeamName } : null,
    themes: caseThemeRows,
    members: members.map((m) => ({ ...m, isLead: m.userId === row.lead.id })),
    recentActivities: recentActivities.items,
    openNextActions: openNextActions.items,
    outcomes: caseOutcomes.items,
    sections: {
      activities: { total: recentActivities.total, nextCursor: recentActivities.nextCursor },
      nextActions: { total: openNextActions.total, nextCursor: openNextActions.nextCursor },
      outcomes: { total: caseOutcomes.total, nextCursor: caseOutcomes.nextCursor },
    },
  };
  if (mayReadConfidential && options.confidential !== false) result.confidentialNotes = await readConfidentialNotes(db, actor, id);
  return result;
}

const countOf = (rows: { total: number }[]) => rows[0]?.total ?? 0;
const countAll = sql<number>`count(*)`.mapWith(Number);

/** RECENT_ACTIVITY_LIMIT of the case's activities, newest first, after `cursor` (the newest when null), with their total. */
async function findActivityPage(db: Queryable, caseId: string, cursor: Cursor | null): Promise<CountedPage<CaseActivityItem>> {
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
      sortKey: timestampSortKey(activities.occurredAt),
    })
    .from(activities)
    .innerJoin(organizations, eq(organizations.id, activities.organizationId))
    .innerJoin(authors, eq(authors.id, activities.createdByUserId))
    .where(
      and(
        eq(activities.caseId, caseId),
        cursor ? afterCursor(cursor, { sort: activities.occurredAt, id: activities.id, kind: "timestamp", order: "desc" }) : undefined,
      ),
    )
    .orderBy(desc(activities.occurredAt), desc(activities.id))
    .limit(RECENT_ACTIVITY_LIMIT + 1);
  const page = toPage(rows, RECENT_ACTIVITY_LIMIT, (r) => ({ key: r.sortKey, id: r.id }), ({ sortKey: _key, ...item }) => item);
  const counted = await withTotal(page, !cursor, async () => countOf(await db.select({ total: countAll }).from(activities).where(eq(activities.caseId, caseId))));
  if (counted.items.length === 0) return { ...counted, items: [] };

  const participantRows = await db
    .select({ activityId: activityParticipants.activityId, id: users.id, name: users.name })
    .from(activityParticipants)
    .innerJoin(users, eq(users.id, activityParticipants.userId))
    .where(inArray(activityParticipants.activityId, counted.items.map((r) => r.id)))
    .orderBy(asc(users.name), asc(users.id));
  const byActivity = new Map<string, { id: string; name: string }[]>();
  for (const { activityId, ...participant } of participantRows) {
    const list = byActivity.get(activityId) ?? [];
    list.push(participant);
    byActivity.set(activityId, list);
  }
  return { ...counted, items: counted.items.map((r) => ({ ...r, participants: byActivity.get(r.id) ?? [] })) };
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
