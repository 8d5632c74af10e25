import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import {
  activities,
  cases,
  companies,
  companyContacts,
  consents,
  eventAttendees,
  ipRights,
  outcomes,
  referrals,
  type Company,
} from "@/db/schema";
import { defineAction } from "@/lib/authz/action";
import type { Actor } from "@/lib/authz/actor";
import { ConflictError, NotFoundError } from "@/lib/authz/errors";
import { companyScope } from "@/lib/authz/scopes";
import { auditViewOfCompany, mergeCompaniesSchema } from "./schema";
import { currentCompanyValues } from "./update-company";

/** Fields of the surviving record that the duplicate fills in when the survivor has nothing there. */
const FILLABLE_FIELDS = [
  "nameKana",
  "city",
  "address",
  "industry",
  "employeeCount",
  "capitalYen",
  "website",
  "foundedOn",
  "corporateNumber",
] as const satisfies readonly (keyof Company)[];

/** Everything that hangs off a company, in the order it is moved. */
const MOVED_TABLES = {
  cases,
  activities,
  referrals,
  consents,
  contacts: companyContacts,
  ipRights,
  outcomes,
  eventAttendees,
} as const;
type MovedTable = keyof typeof MOVED_TABLES;

export interface MergeResult {
  targetId: string;
  targetVersion: number;
  moved: Record<MovedTable, number>;
}

/**
 * 企業の統合: the duplicate (source) is folded into the record that stays (target). Its cases, activities,
 * referrals, consents, contacts, IP rights, outcomes and event attendances move to the target; the target's
 * empty fields are filled from the source; the source is kept, marked merged_into_id, so that history and
 * links to it can still be followed — and it leaves every scope (companyScope excludes merged records).
 * Both records are locked and version-checked, so two people merging at once cannot interleave.
 */
export const mergeCompanies = defineAction({
  name: "company.merge",
  permission: "company:merge",
  schema: mergeCompaniesSchema,
  handler: async ({ actor, tx, input, audit }): Promise<MergeResult> => {
    // Lock in id order, whichever way round the user picked them, so that two opposite merges cannot deadlock.
    const [first, second] = [input.sourceId, input.targetId].sort();
    const locked = new Map<string, Company>();
    for (const id of [first!, second!]) locked.set(id, await loadForMerge(tx, actor, id));
    const source = locked.get(input.sourceId)!;
    const target = locked.get(input.targetId)!;

    if (source.version !== input.sourceVersion || target.version !== input.targetVersion) {
      throw new ConflictError("errors.conflict", {
        source: currentCompanyValues(source),
        target: currentCompanyValues(target),
      });
    }

    // The source leaves first: its 法人番号 may move to the target, and the number is unique among live records.
    const [mergedSource] = await tx
      .update(companies)
      .set({ mergedIntoId: target.id, version: sql`${companies.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(companies.id, source.id), eq(companies.version, source.version)))
      .returning();

    const moved = {} as Record<MovedTable, number>;
    const movedIds = {} as Record<MovedTable, string[]>;
    for (const [key, table] of Object.entries(MOVED_TABLES) as [MovedTable, (typeof MOVED_TABLES)[MovedTable]][]) {
      const rows = await moveRows(tx, table, source.id, target.id);
      moved[key] = rows.length;
      movedIds[key] = rows;
    }

    const fill: Partial<Company> = {};
    for (const field of FILLABLE_FIELDS) {
      if (target[field] === null && source[field] !== null) Object.assign(fill, { [field]: source[field] });
    }
    const [mergedTarget] = await tx
      .update(companies)
      .set({
        ...fill,
        // One real record among the two makes the survivor real; a provisional one stays so only if both were.
        isProvisional: target.isProvisional && source.isProvisional,
        version: sql`${companies.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(companies.id, target.id), eq(companies.version, target.version)))
      .returning();

    await audit({
      action: "company.merge",
      entityType: "company",
      entityId: target.id,
      before: { source: auditViewOfCompany(source), target: auditViewOfCompany(target) },
      after: { source: auditViewOfCompany(mergedSource!), target: auditViewOfCompany(mergedTarget!) },
      meta: { sourceId: source.id, moved, movedIds, filledFields: Object.keys(fill) },
    });
    return { targetId: target.id, targetVersion: mergedTarget!.version, moved };
  },
});

/**
 * One side of a merge, locked. A record merged away in the meantime is a conflict the user can understand
 * ("already merged"); one outside the actor's scope does not exist for them.
 */
async function loadForMerge(tx: Tx, actor: Actor, id: string): Promise<Company> {
  const [company] = await tx
    .select()
    .from(companies)
    .where(and(eq(companies.id, id), companyScope(actor)))
    .for("update");
  if (company) return company;
  const [merged] = await tx
    .select({ id: companies.id })
    .from(companies)
    .where(and(eq(companies.id, id), sql`${companies.mergedIntoId} is not null`));
  // Only the fact "already merged" is told, and only for an id the user already holds: no name, no target.
  if (merged) throw new ConflictError("validation.company.alreadyMerged");
  throw new NotFoundError("company");
}

async function moveRows(
  tx: Tx,
  table: (typeof MOVED_TABLES)[MovedTable],
  sourceId: string,
  targetId: string,
): Promise<string[]> {
  const rows = await tx
    .update(table)
    .set({ companyId: targetId })
    .where(eq(table.companyId, sourceId))
    .returning({ id: table.id });
  return rows.map((r) => r.id);
}

