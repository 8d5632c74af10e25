import { check, index, integer, numeric, pgEnum, pgTable, smallint, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { users } from "./users";
import { timestamps, version } from "./_shared";

export const kpiScopeKind = pgEnum("kpi_scope_kind", ["national", "block", "model_region", "team", "organization"]);
export type KpiScopeKind = (typeof kpiScopeKind.enumValues)[number];

export const kpiMetric = pgEnum("kpi_metric", [
  "companies_supported",
  "consultations",
  "companies_discovered",
  "referrals_sent",
  "referrals_accepted",
  "referrals_completed",
  "referral_completion_rate",
  "median_days_to_accept",
  "ip_filings",
]);
export type KpiMetric = (typeof kpiMetric.enumValues)[number];

/**
 * A manager's target for one metric, fiscal year and scope. scope_ref is the scope's key (block code,
 * model region / team / organization id) and empty for the national scope. Actuals are never stored here:
 * they are computed from the data.
 */
export const kpiTargets = pgTable(
  "kpi_targets",
  {
    id: uuid().primaryKey().defaultRandom(),
    fiscalYear: integer().notNull(),
    scopeKind: kpiScopeKind().notNull(),
    scopeRef: text().notNull().default(""),
    metric: kpiMetric().notNull(),
    targetValue: numeric({ precision: 12, scale: 2, mode: "number" }).notNull(),
    setByUserId: uuid()
      .notNull()
      .references(() => users.id),
    ...timestamps,
    ...version,
  },
  (t) => [uniqueIndex().on(t.fiscalYear, t.scopeKind, t.scopeRef, t.metric)],
);
export type KpiTarget = typeof kpiTargets.$inferSelect;

/**
 * PDCA notes per scope, fiscal year and quarter. Each save is a new row (revision); the newest row is the
 * current text, the older ones are its history.
 */
export const pdcaNotes = pgTable(
  "pdca_notes",
  {
    id: uuid().primaryKey().defaultRandom(),
    fiscalYear: integer().notNull(),
    quarter: smallint().notNull(),
    scopeKind: kpiScopeKind().notNull(),
    scopeRef: text().notNull().default(""),
    revision: integer().notNull(),
    plan: text().notNull().default(""),
    do: text().notNull().default(""),
    check: text().notNull().default(""),
    act: text().notNull().default(""),
    authorUserId: uuid()
      .notNull()
      .references(() => users.id),
    ...timestamps,
  },
  (t) => [
    uniqueIndex().on(t.fiscalYear, t.scopeKind, t.scopeRef, t.quarter, t.revision),
    index().on(t.scopeKind, t.scopeRef),
    check("pdca_quarter_range", sql`${t.quarter} between 1 and 4`),
  ],
);
export type PdcaNote = typeof pdcaNotes.$inferSelect;
