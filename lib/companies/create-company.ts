import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { companies, type Company } from "@/db/schema";
import { defineAction } from "@/lib/authz/action";
import { ConflictError, DomainValidationError } from "@/lib/authz/errors";
import { translate } from "@/lib/i18n/messages";
import type { Locale } from "@/lib/i18n/config";
import { findDuplicateCandidates, type DuplicateCandidate } from "./find-duplicates";
import { normalizeCompanyName } from "./normalize-name";
import { auditViewOfCompany, createCompanySchema } from "./schema";

export interface CreatedCompany {
  id: string;
  name: string;
  corporateNumber: string | null;
  version: number;
  /** True when this was a second submit of the same form: the first company is returned, nothing was created. */
  replayed: boolean;
}

/**
 * 企業登録. Duplicates are the top pain of every CRM, so registration checks first: the same 法人番号 is
 * refused outright (one company, one record), and the same normalized name in the same prefecture is refused
 * until the user confirms they looked at the candidates and this is a different company.
 */
export const createCompany = defineAction({
  name: "company.create",
  permission: "company:create",
  schema: createCompanySchema,
  handler: async ({ actor, tx, input, locale, audit, declareUnchanged }): Promise<CreatedCompany> => {
    const candidates = await findDuplicateCandidates(tx, actor, {
      corporateNumber: input.corporateNumber,
      name: input.name,
      prefectureCode: input.prefectureCode,
    });
    // A double submit must not be refused as a duplicate of its own first submit. Looking the key up *after*
    // the duplicate search matters: each statement sees everything committed before it began, so if the
    // search found the first submit's company, this lookup finds it too.
    const replayed = await findByIdempotencyKey(tx, actor.userId, input.idempotencyKey);
    if (replayed) {
      declareUnchanged();
      return toCreated(replayed, true);
    }
    const sameNumber = candidates.find((c) => c.reason === "corporate_number");
    if (sameNumber) throw corporateNumberTaken(sameNumber, locale);
    if (candidates.length > 0 && !input.confirmDuplicate) {
      throw new ConflictError("validation.company.possibleDuplicate", { duplicates: candidates });
    }

    const inserted = await tx
      .insert(companies)
      .values({
        corporateNumber: input.corporateNumber ?? null,
        name: input.name,
        nameKana: input.nameKana ?? null,
        normalizedName: normalizeCompanyName(input.name),
        prefectureCode: input.prefectureCode,
        city: input.city ?? null,
        address: input.address ?? null,
        industry: input.industry ?? null,
        employeeCount: input.employeeCount ?? null,
        capitalYen: input.capitalYen ?? null,
        website: input.website ?? null,
        foundedOn: input.foundedOn ?? null,
        isProvisional: input.isProvisional,
        createdByOrgId: actor.orgId,
        createdByUserId: actor.userId,
        idempotencyKey: input.idempotencyKey,
      })
      // Two racing submits: the loser waits for the winner's commit, inserts nothing and looks below.
      .onConflictDoNothing()
      .returning();
    const company = inserted[0];

    if (!company) {
      const first = await findByIdempotencyKey(tx, actor.userId, input.idempotencyKey);
      if (first) {
        declareUnchanged();
        return toCreated(first, true);
      }
      // The only other unique key is the 法人番号: someone registered it between our check and our insert.
      const [racer] = await findDuplicateCandidates(tx, actor, {
        corporateNumber: input.corporateNumber,
        name: input.name,
        prefectureCode: input.prefectureCode,
      });
      throw corporateNumberTaken(racer, locale);
    }

    await audit({
      action: "company.create",
      entityType: "company",
      entityId: company.id,
      after: auditViewOfCompany(company),
      meta: candidates.length > 0 ? { confirmedDuplicateOf: candidates.map((c) => (c.visible ? c.id : null)) } : undefined,
    });
    return toCreated(company, false);
  },
});

async function findByIdempotencyKey(tx: Tx, userId: string, key: string): Promise<Company | undefined> {
  const [row] = await tx
    .select()
    .from(companies)
    .where(and(eq(companies.createdByUserId, userId), eq(companies.idempotencyKey, key)))
    .limit(1);
  return row;
}

function toCreated(company: Company, replayed: boolean): CreatedCompany {
  return { id: company.id, name: company.name, corporateNumber: company.corporateNumber, version: company.version, replayed };
}

/** The field error for a 法人番号 already registered; it names the company only if the actor may see it. */
export function corporateNumberTaken(existing: DuplicateCandidate | undefined, locale: Locale): DomainValidationError {
  const message =
    existing?.visible === true
      ? translate(locale, "validation.corporateNumber.takenBy", { name: existing.name })
      : "validation.corporateNumber.taken";
  return new DomainValidationError({ corporateNumber: [message] });
}
