import { and, asc, desc, eq, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { companies } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { companyScope } from "@/lib/authz/scopes";
import { normalizeCorporateNumber } from "./corporate-number";
import { normalizeCompanyName } from "./normalize-name";

export type DuplicateReason = "corporate_number" | "name_and_prefecture";

/**
 * A company that may be the one being registered. Duplicates are searched among *all* live companies — a
 * desk must not register a second record just because the first was made elsewhere — but a company the actor
 * may not see is reported only as "one exists", without its name or id.
 */
export type DuplicateCandidate =
  | {
      visible: true;
      reason: DuplicateReason;
      id: string;
      name: string;
      corporateNumber: string | null;
      prefectureCode: number;
      city: string | null;
      version: number;
    }
  | { visible: false; reason: DuplicateReason };

export interface DuplicateQuery {
  /** As typed or normalized; a value that is not 13 digits after normalizing is ignored. */
  corporateNumber?: string | null;
  name: string;
  prefectureCode: number;
  /** The company being edited, which is not its own duplicate. */
  excludeId?: string;
}

/** At most this many candidates: enough for the warning, bounded for a very common name. */
const MAX_CANDIDATES = 20;

/**
 * Likely duplicates of a company: the same 法人番号, or the same normalized name in the same prefecture,
 * among companies not merged away. Same-number matches come first.
 */
export async function findDuplicateCandidates(db: Queryable, actor: Actor, query: DuplicateQuery): Promise<DuplicateCandidate[]> {
  const corporateNumber = query.corporateNumber ? normalizeCorporateNumber(query.corporateNumber) : null;
  const normalizedName = normalizeCompanyName(query.name);
  const sameNumber: SQL = corporateNumber ? eq(companies.corporateNumber, corporateNumber) : sql`false`;
  const sameNameAndPrefecture = and(
    eq(companies.prefectureCode, query.prefectureCode),
    eq(companies.normalizedName, normalizedName),
  )!;

  const rows = await db
    .select({
      id: companies.id,
      name: companies.name,
      corporateNumber: companies.corporateNumber,
      prefectureCode: companies.prefectureCode,
      city: companies.city,
      version: companies.version,
      isSameNumber: sql<boolean>`coalesce(${sameNumber}, false)`,
      visible: sql<boolean>`coalesce(${companyScope(actor)}, false)`,
    })
    .from(companies)
    .where(
      and(
        isNull(companies.mergedIntoId),
        or(sameNumber, sameNameAndPrefecture),
        query.excludeId ? ne(companies.id, query.excludeId) : undefined,
      ),
    )
    .orderBy(...(corporateNumber ? [desc(sameNumber)] : []), asc(companies.name), asc(companies.id))
    .limit(MAX_CANDIDATES);

  return rows.map((row): DuplicateCandidate => {
    const reason: DuplicateReason = row.isSameNumber ? "corporate_number" : "name_and_prefecture";
    if (!row.visible) return { visible: false, reason };
    return {
      visible: true,
      reason,
      id: row.id,
      name: row.name,
      corporateNumber: row.corporateNumber,
      prefectureCode: row.prefectureCode,
      city: row.city,
      version: row.version,
    };
  });
}
