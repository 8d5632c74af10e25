import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { companies, type Company } from "@/db/schema";
import { defineAction } from "@/lib/authz/action";
import { ConflictError, NotFoundError } from "@/lib/authz/errors";
import { companyScope } from "@/lib/authz/scopes";
import type { Actor } from "@/lib/authz/actor";
import { corporateNumberTaken } from "./create-company";
import { findDuplicateCandidates } from "./find-duplicates";
import { normalizeCompanyName } from "./normalize-name";
import { auditViewOfCompany, EDITABLE_COMPANY_FIELDS, updateCompanySchema } from "./schema";

/** A company the actor may see, locked for the rest of the transaction; otherwise it does not exist for them. */
export async function loadCompanyForEdit(tx: Tx, actor: Actor, companyId: string): Promise<Company> {
  const [company] = await tx
    .select()
    .from(companies)
    .where(and(eq(companies.id, companyId), companyScope(actor)))
    .for("update");
  if (!company) throw new NotFoundError("company");
  return company;
}

/** What a stale edit shows as "now": the editable fields and the version to edit against. */
export function currentCompanyValues(company: Company): Record<string, unknown> {
  const current: Record<string, unknown> = { version: company.version, updatedAt: company.updatedAt };
  for (const field of EDITABLE_COMPANY_FIELDS) current[field] = company[field];
  return current;
}

/**
 * 企業情報の編集, with optimistic concurrency: the edit carries the version it read, and an edit made against
 * an older version is refused with the current values — never written over someone else's change.
 */
export const updateCompany = defineAction({
  name: "company.update",
  permission: "company:update",
  schema: updateCompanySchema,
  handler: async ({ actor, tx, input, locale, audit }) => {
    const before = await loadCompanyForEdit(tx, actor, input.id);
    if (before.version !== input.version) throw new ConflictError("errors.conflict", currentCompanyValues(before));

    if (input.corporateNumber && input.corporateNumber !== before.corporateNumber) {
      const candidates = await findDuplicateCandidates(tx, actor, {
        corporateNumber: input.corporateNumber,
        name: input.name,
        prefectureCode: input.prefectureCode,
        excludeId: before.id,
      });
      const sameNumber = candidates.find((c) => c.reason === "corporate_number");
      if (sameNumber) throw corporateNumberTaken(sameNumber, locale);
    }

    // Absent keys stay undefined, which drizzle leaves out of the SET: a partial edit changes only what it sent.
    const [after] = await tx
      .update(companies)
      .set({
        corporateNumber: input.corporateNumber,
        name: input.name,
        normalizedName: normalizeCompanyName(input.name),
        nameKana: input.nameKana,
        prefectureCode: input.prefectureCode,
        city: input.city,
        address: input.address,
        industry: input.industry,
        employeeCount: input.employeeCount,
        capitalYen: input.capitalYen,
        website: input.website,
        foundedOn: input.foundedOn,
        isProvisional: input.isProvisional,
        version: sql`${companies.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(companies.id, before.id), eq(companies.version, input.version)))
      .returning();
    // The row is locked above, so this is a safety net rather than the usual path.
    if (!after) throw new ConflictError("errors.conflict", currentCompanyValues(before));

    await audit({
      action: "company.update",
      entityType: "company",
      entityId: after.id,
      before: auditViewOfCompany(before),
      after: auditViewOfCompany(after),
    });
    return { id: after.id, version: after.version };
  },
});
