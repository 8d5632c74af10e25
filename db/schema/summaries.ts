import { index, integer, pgTable, primaryKey, smallint, text, unique, uuid } from "drizzle-orm/pg-core";
import { caseStage } from "./cases";
import { referralStatus } from "./referrals";

/**
 * Running counts kept by the database (migration 0014's triggers, decision 013), never written by the
 * application: the 経産局 home reads a few hundred of these rows instead of grouping every case, theme and
 * referral of its block — or of the whole country for 特許庁 — on each request. A count is the number of rows
 * with that key right now; a key whose count fell to 0 may stay, so readers take `count > 0`.
 * `renkei_recount_summaries()` rebuilds all three from the rows themselves (after a bulk load).
 */
export const caseStageCounts = pgTable(
  "case_stage_counts",
  {
    prefectureCode: smallint().notNull(),
    stage: caseStage().notNull(),
    count: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.prefectureCode, t.stage] })],
);

/** Cases per prefecture and theme: a case with two themes counts under both (one row per case_themes row). */
export const caseThemeCounts = pgTable(
  "case_theme_counts",
  {
    prefectureCode: smallint().notNull(),
    themeKey: text().notNull(),
    count: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.prefectureCode, t.themeKey] })],
);

/**
 * Companies supported per fiscal year and prefecture: the rows of company_support_years (decision 012) counted.
 * The tile map takes away the few whose first activity lies after the day it shows (a future date).
 */
export const companySupportCounts = pgTable(
  "company_support_counts",
  {
    fiscalYear: smallint().notNull(),
    prefectureCode: smallint().notNull(),
    count: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.fiscalYear, t.prefectureCode] })],
);

/** Referrals per sending organization, receiving organization (null: a body outside Renkei) and status. */
export const referralCounts = pgTable(
  "referral_counts",
  {
    fromOrgId: uuid().notNull(),
    toOrgId: uuid(),
    status: referralStatus().notNull(),
    count: integer().notNull(),
  },
  (t) => [unique("referral_counts_key").on(t.fromOrgId, t.toOrgId, t.status).nullsNotDistinct(), index().on(t.toOrgId)],
);
