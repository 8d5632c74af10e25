import { date, index, integer, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { companies } from "./companies";
import { organizations } from "./organizations";
import { producerTeams } from "./teams";
import { themes } from "./reference";
import { users } from "./users";
import { codeNumber, codeSeries, timestamps, version } from "./_shared";

/** 掘り起こし → 課題整理 → 支援計画 → 伴走支援中 → 成果確認 → 完了, or 中断. */
export const caseStage = pgEnum("case_stage", [
  "discovery",
  "assessment",
  "planning",
  "accompanying",
  "outcome_review",
  "closed",
  "paused",
]);
export type CaseStage = (typeof caseStage.enumValues)[number];

/** 伴走支援案件: one company's support engagement. */
export const cases = pgTable(
  "cases",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Human-facing reference, e.g. R7-0012 (令和 year of opening + sequence). */
    code: text().notNull(),
    companyId: uuid()
      .notNull()
      .references(() => companies.id),
    /**
     * The company's prefecture, copied by the database (migration 0008's triggers) on insert, when the case moves
     * to another company (a merge) and when the company moves: the block- and nation-wide counts of the 経産局
     * home group by it through an index instead of joining 3.4 million companies (decision 012). Never written
     * by the application; the default is replaced before the row is stored (a CHECK refuses 0).
     */
    prefectureCode: smallint().notNull().default(0),
    title: text().notNull(),
    summary: text(),
    stage: caseStage().notNull().default("discovery"),
    ownerOrgId: uuid()
      .notNull()
      .references(() => organizations.id),
    producerTeamId: uuid().references(() => producerTeams.id),
    leadUserId: uuid()
      .notNull()
      .references(() => users.id),
    /** How the company came in: outreach event, business visit, referral, walk-in consultation… */
    source: text(),
    openedOn: date().notNull(),
    closedOn: date(),
    pausedReason: text(),
    createdByUserId: uuid().references(() => users.id),
    /** The opening form's one-time key: a double submit finds the first case instead of opening a second. */
    idempotencyKey: text(),
    ...timestamps,
    ...version,
  },
  (t) => [
    uniqueIndex().on(t.code),
    // The year's highest case number (nextCaseSequence), without reading the year's cases.
    index("cases_code_series_number").on(codeSeries(t.code), codeNumber(t.code)),
    uniqueIndex().on(t.createdByUserId, t.idempotencyKey).where(sql`${t.idempotencyKey} is not null`),
    index().on(t.ownerOrgId, t.stage, t.updatedAt, t.id),
    // The case list's order (most recently updated first): at 200,000 cases the scope's OR of EXISTS defeats the
    // row estimate, and without this index the planner sorts every visible case after hash-joining all
    // companies (2.2 s); with it, it walks the newest cases until the page is full (13 ms). bench/, issue #7.
    index().on(t.updatedAt, t.id),
    index().on(t.companyId),
    index().on(t.producerTeamId),
    index().on(t.leadUserId),
    index().on(t.stage),
    // The 経産局 home's cases by prefecture and stage, read from the index alone (decision 012).
    index().on(t.prefectureCode, t.stage),
    // KPI "newly discovered companies" per period at the national scope.
    index().on(t.openedOn),
  ],
);
export type Case = typeof cases.$inferSelect;

export const caseThemes = pgTable(
  "case_themes",
  {
    caseId: uuid()
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    themeKey: text()
      .notNull()
      .references(() => themes.key),
    /** The case's prefecture, kept by the database like cases.prefecture_code (decision 012). */
    prefectureCode: smallint().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.themeKey] }), index().on(t.themeKey), index().on(t.prefectureCode, t.themeKey)],
);

/** Members see the case's details and its confidential notes. The lead is always a member. */
export const caseMembers = pgTable(
  "case_members",
  {
    caseId: uuid()
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    addedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.userId] }), index().on(t.userId)],
);
export type CaseMember = typeof caseMembers.$inferSelect;

/** Every stage change, for the funnel, the durations and the reasons of 中断 and reopening. */
export const caseStageChanges = pgTable(
  "case_stage_changes",
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    fromStage: caseStage(),
    toStage: caseStage().notNull(),
    reason: text(),
    changedByUserId: uuid().references(() => users.id),
    changedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.caseId, t.changedAt)],
);
export type CaseStageChange = typeof caseStageChanges.$inferSelect;

export const outcomeKind = pgEnum("outcome_kind", [
  "ip_filing",
  "ip_registration",
  "contract",
  "license",
  "funding",
  "other",
]);

/** 成果: applications and registrations that came out of support, contracts, licences, funding. */
export const outcomes = pgTable(
  "outcomes",
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    companyId: uuid()
      .notNull()
      .references(() => companies.id),
    kind: outcomeKind().notNull(),
    /** For IP filings and registrations: patent, utility_model, design, trademark, plant_variety. */
    ipKind: text(),
    applicationNumber: text(),
    registrationNumber: text(),
    amountYen: integer(),
    description: text().notNull(),
    achievedOn: date().notNull(),
    recordedByUserId: uuid().references(() => users.id),
    /** The outcome form's one-time key: a double submit finds the first outcome instead of recording a second. */
    idempotencyKey: text(),
    ...timestamps,
    ...version,
  },
  (t) => [
    index().on(t.caseId),
    index().on(t.companyId),
    index().on(t.kind, t.achievedOn),
    uniqueIndex().on(t.recordedByUserId, t.idempotencyKey).where(sql`${t.idempotencyKey} is not null`),
  ],
);
export type Outcome = typeof outcomes.$inferSelect;
