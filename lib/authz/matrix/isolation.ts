import { sql, TransactionRollbackError } from "drizzle-orm";
import type { Db, Queryable } from "@/db/client";

/**
 * Runs `fn` inside a transaction that is always rolled back, so that every call of the matrix starts from the
 * same seeded world: an accepted referral is still "sent" for the next actor. The code under test opens its
 * own transaction inside (runAction, notifyOverdueReferrals); on a transaction that is a savepoint, so it
 * commits and rolls back exactly as in production, and this outer one throws everything away afterwards.
 */
export async function inRolledBackTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  let result: { value: T } | undefined;
  try {
    await db.transaction(async (tx) => {
      // The transaction object has the database's query surface, nested transactions (savepoints) included.
      result = { value: await fn(tx as unknown as Db) };
      tx.rollback();
    });
  } catch (error) {
    if (!(error instanceof TransactionRollbackError)) throw error;
  }
  if (!result) throw new Error("the rolled-back transaction produced no result");
  return result.value;
}

/** Tables whose rows an action may add, change or remove; versioned ones are summed by version as well. */
const COUNTED = [
  "organizations",
  "party_kinds",
  "users",
  "companies",
  "company_contacts",
  "ip_rights",
  "producer_teams",
  "producer_team_members",
  "cases",
  "case_members",
  "case_themes",
  "case_stage_changes",
  "outcomes",
  "activities",
  "activity_participants",
  "next_actions",
  "confidential_notes",
  "consents",
  "referrals",
  "referral_events",
  "kpi_targets",
  "pdca_notes",
  "notifications",
  "audit_log",
] as const;
const VERSIONED = ["organizations", "users", "companies", "company_contacts", "ip_rights", "cases", "next_actions", "referrals", "kpi_targets"] as const;

export interface Fingerprint {
  /** Row counts per table, version sums of the versioned ones, and read notifications. */
  state: Record<string, number>;
  auditRows: number;
}

/**
 * What "changed nothing" is checked against: the number of rows of every table an action touches, the sum of
 * the versions of every versioned table (an UPDATE bumps one), the notifications read, and the audit rows.
 * One statement, so it costs one round trip before and one after each call.
 */
export async function fingerprint(db: Queryable): Promise<Fingerprint> {
  const columns = [
    ...COUNTED.map((table) => sql`(select count(*) from ${sql.identifier(table)})::int as ${sql.identifier(`${table}_rows`)}`),
    ...VERSIONED.map((table) => sql`(select coalesce(sum(version), 0) from ${sql.identifier(table)})::int as ${sql.identifier(`${table}_versions`)}`),
    sql`(select count(*) from notifications where read_at is not null)::int as notifications_read`,
    sql`(select count(*) from users where is_active)::int as users_active`,
  ];
  const result = await db.execute(sql`select ${sql.join(columns, sql`, `)}`);
  // postgres-js answers an array of rows, PGlite an object with `rows`.
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, number>[];
  const state = Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]));
  return { state, auditRows: state.audit_log_rows! };
}
