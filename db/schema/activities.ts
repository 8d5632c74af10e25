import { date, index, integer, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { cases } from "./cases";
import { companies } from "./companies";
import { organizations } from "./organizations";
import { users } from "./users";
import { timestamps, version } from "./_shared";

export const activityKind = pgEnum("activity_kind", [
  "visit",
  "meeting",
  "online_meeting",
  "call",
  "email",
  "consultation",
  "seminar",
  "expert_dispatch",
  "other",
]);
export type ActivityKind = (typeof activityKind.enumValues)[number];

/** 支援記録: a visit, meeting, call… — when, how long, who took part, what happened. */
export const activities = pgTable(
  "activities",
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    companyId: uuid()
      .notNull()
      .references(() => companies.id),
    /** The company's prefecture, kept by the database like cases.prefecture_code (decision 012). */
    prefectureCode: smallint().notNull().default(0),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    kind: activityKind().notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    durationMinutes: integer(),
    summary: text().notNull(),
    /** People outside Renkei who took part (company staff, external experts), free text. */
    externalParticipants: text(),
    createdByUserId: uuid()
      .notNull()
      .references(() => users.id),
    /** A form's one-time key: a double submit finds the first row instead of creating a second. */
    idempotencyKey: text(),
    ...timestamps,
  },
  (t) => [
    // A case's timeline, newest first and paged by (occurred_at, id): walked in order, never sorted.
    index().on(t.caseId, t.occurredAt, t.id),
    index().on(t.organizationId, t.occurredAt),
    // Newest-first feeds (the desk home's recent activities): walked until the scoped page is full. Without it,
    // 2 million activities are scanned and sorted for eight rows (1.4 s → 1 ms; bench/, issue #7).
    index().on(t.occurredAt, t.id),
    // A company's activities (merge, company page) and its first activity of a fiscal year (company_support_years).
    index().on(t.companyId, t.occurredAt),
    // Consultations per prefecture in a period (the area KPIs), counted from the index alone (decision 012).
    index().on(t.prefectureCode, t.occurredAt),
    uniqueIndex().on(t.createdByUserId, t.idempotencyKey).where(sql`${t.idempotencyKey} is not null`),
  ],
);
export type Activity = typeof activities.$inferSelect;

/**
 * Companies supported, per fiscal year: one row per company with at least one activity in the year (April–March
 * in JST) and the moment of its first one. Kept by the database from activities (migration 0008's triggers),
 * never written by the application. "Companies supported from April 1 to a day" is then a count of rows whose
 * first activity came before that day's end — read from an index instead of a distinct count over every activity
 * of the year (the tile map and the area KPIs; decision 012).
 */
export const companySupportYears = pgTable(
  "company_support_years",
  {
    fiscalYear: smallint().notNull(),
    companyId: uuid()
      .notNull()
      .references(() => companies.id),
    prefectureCode: smallint().notNull(),
    firstActivityAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.fiscalYear, t.companyId] }),
    index().on(t.fiscalYear, t.prefectureCode, t.firstActivityAt),
    // The year's rows whose first activity comes after a day (company_support_counts minus these: the tile map).
    index().on(t.fiscalYear, t.firstActivityAt),
  ],
);
export type CompanySupportYear = typeof companySupportYears.$inferSelect;

export const activityParticipants = pgTable(
  "activity_participants",
  {
    activityId: uuid()
      .notNull()
      .references(() => activities.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.userId] }), index().on(t.userId)],
);

/** 次のアクション: what, who, by when. Overdue ones are what coordinators chase daily. */
export const nextActions = pgTable(
  "next_actions",
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    activityId: uuid().references(() => activities.id),
    title: text().notNull(),
    assigneeUserId: uuid()
      .notNull()
      .references(() => users.id),
    dueOn: date().notNull(),
    completedAt: timestamp({ withTimezone: true }),
    completedByUserId: uuid().references(() => users.id),
    createdByUserId: uuid().references(() => users.id),
    ...timestamps,
    ...version,
  },
  (t) => [
    index("next_actions_open_by_assignee").on(t.assigneeUserId, t.dueOn).where(sql`${t.completedAt} is null`),
    index().on(t.caseId),
  ],
);
export type NextAction = typeof nextActions.$inferSelect;

/** 秘匿メモ: pre-filing confidential notes. Only the case's members read them, and every read is audited. */
export const confidentialNotes = pgTable(
  "confidential_notes",
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    body: text().notNull(),
    authorUserId: uuid()
      .notNull()
      .references(() => users.id),
    /** The note form's one-time key: a double submit finds the first note instead of adding a second. */
    idempotencyKey: text(),
    ...timestamps,
    ...version,
  },
  (t) => [
    index().on(t.caseId, t.createdAt),
    uniqueIndex().on(t.authorUserId, t.idempotencyKey).where(sql`${t.idempotencyKey} is not null`),
  ],
);
export type ConfidentialNote = typeof confidentialNotes.$inferSelect;

