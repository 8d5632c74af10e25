import { eq, sql } from "drizzle-orm";
import type { Db, Queryable } from "@/db/client";
import {
  activities,
  activityParticipants,
  caseMembers,
  caseStageChanges,
  caseThemes,
  cases,
  companies,
  companyContacts,
  confidentialNotes,
  consents,
  eventAttendees,
  ipRights,
  kpiTargets,
  modelRegions,
  nextActions,
  notifications,
  organizations,
  outcomes,
  outreachEvents,
  pdcaNotes,
  producerTeamMembers,
  producerTeams,
  referralEvents,
  referrals,
  users,
} from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/record-audit";
import { todayInJst } from "@/lib/format/fiscal-year";
import { MODEL_REGIONS } from "./data/reference";
import { DEMO_PASSWORD } from "./data/users";
import { buildDemoPlan, type DemoPlan } from "./demo-plan";

/** The account whose presence means "the demo is already seeded". */
export const DEMO_MARKER_EMAIL = "admin@example.jp";

export type DemoSummary = { [K in keyof DemoPlan]: number };

export async function isDemoSeeded(db: Queryable): Promise<boolean> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.email})`, DEMO_MARKER_EMAIL))
    .limit(1);
  return rows.length > 0;
}

/**
 * Seeds the demo network around `today` (a JST date, default today): organizations, the demo accounts, ~60
 * companies, ~40 cases in every stage, referrals in every status, activities with overdue and upcoming next
 * actions, and so on (db/seed/README.md). Deterministic: the same `today` gives the same data. Needs the
 * reference data (seedReference) and an empty demo; everything is inserted in one transaction.
 */
export async function seedDemo(db: Db, options: { today?: string } = {}): Promise<DemoSummary> {
  const today = options.today ?? todayInJst();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(`${today}T00:00:00Z`))) {
    throw new Error(`today must be a 'YYYY-MM-DD' date, not "${today}"`);
  }
  // Hash once, outside the transaction: argon2id is slow on purpose, and every demo account shares the password.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  return db.transaction(async (tx) => {
    const [systemOrg] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.isSystem, true)).limit(1);
    const regions = await tx.select({ id: modelRegions.id }).from(modelRegions);
    const missingRegion = MODEL_REGIONS.find((r) => !regions.some((row) => row.id === r.id));
    if (!systemOrg || missingRegion) throw new Error("the reference data is missing: run seedReference (npm run db:seed) first");
    if (await isDemoSeeded(tx)) throw new Error(`the demo is already seeded (${DEMO_MARKER_EMAIL} exists)`);

    const plan = buildDemoPlan({ today, passwordHash, systemOrgId: systemOrg.id });
    // Parents before children (foreign keys).
    await insertAll(tx, organizations, plan.organizations);
    await insertAll(tx, users, plan.users);
    await insertAll(tx, companies, plan.companies);
    await insertAll(tx, companyContacts, plan.contacts);
    await insertAll(tx, ipRights, plan.ipRights);
    await insertAll(tx, producerTeams, plan.teams);
    await insertAll(tx, producerTeamMembers, plan.teamMembers);
    await insertAll(tx, cases, plan.cases);
    await insertAll(tx, caseThemes, plan.caseThemes);
    await insertAll(tx, caseMembers, plan.caseMembers);
    await insertAll(tx, caseStageChanges, plan.stageChanges);
    await insertAll(tx, activities, plan.activities);
    await insertAll(tx, activityParticipants, plan.activityParticipants);
    await insertAll(tx, nextActions, plan.nextActions);
    await insertAll(tx, confidentialNotes, plan.confidentialNotes);
    await insertAll(tx, consents, plan.consents);
    await insertAll(tx, referrals, plan.referrals);
    await insertAll(tx, referralEvents, plan.referralEvents);
    await insertAll(tx, outcomes, plan.outcomes);
    await insertAll(tx, outreachEvents, plan.outreachEvents);
    await insertAll(tx, eventAttendees, plan.eventAttendees);
    await insertAll(tx, kpiTargets, plan.kpiTargets);
    await insertAll(tx, pdcaNotes, plan.pdcaNotes);
    await insertAll(tx, notifications, plan.notifications);

    const summary = Object.fromEntries(Object.entries(plan).map(([name, rows]) => [name, (rows as unknown[]).length])) as DemoSummary;
    await recordAudit(tx, { userId: null, orgId: systemOrg.id }, { action: "seed.demo", entityType: "system", meta: { today, ...summary } });
    return summary;
  });
}

/** Inserts rows in chunks, well below PostgreSQL's 65,535 bind parameters per statement. */
async function insertAll<T extends Parameters<Queryable["insert"]>[0]>(tx: Queryable, table: T, rows: Array<T["$inferInsert"]>): Promise<void> {
  for (let start = 0; start < rows.length; start += 500) {
    await tx.insert(table).values(rows.slice(start, start + 500));
  }
}
