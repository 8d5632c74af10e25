import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { companies, organizations, prefectures } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/can";
import { companyScope } from "@/lib/authz/scopes";
import { isUuid } from "@/lib/pagination";

/** How close a suggested organization is to the company: same prefecture, same regional block, elsewhere. */
export type RecipientProximity = "prefecture" | "block" | "other";

export interface SuggestedRecipient {
  id: string;
  name: string;
  nameEn: string | null;
  partyKind: string | null;
  prefectureCode: number | null;
  blockCode: string | null;
  proximity: RecipientProximity;
}

/**
 * The organizations a referral about this company can go to, nearest first: the company's prefecture (the
 * local INPIT desk, chamber, 弁理士会 chapter), then its regional block (the bureau, which has no prefecture,
 * and the neighbours), then the rest of the country. Active organizations of the chosen party kind (all
 * kinds when none is given), never the actor's own organization nor the system organization.
 * Null when the company is outside the actor's scope.
 */
export async function suggestRecipients(
  db: Queryable,
  actor: Actor,
  options: { companyId: string; partyKind?: string },
): Promise<SuggestedRecipient[] | null> {
  if (!can(actor, "referral:send") || !isUuid(options.companyId)) return null;
  const [company] = await db
    .select({ prefectureCode: companies.prefectureCode, blockCode: prefectures.blockCode })
    .from(companies)
    .innerJoin(prefectures, eq(prefectures.code, companies.prefectureCode))
    .where(and(eq(companies.id, options.companyId), companyScope(actor)));
  if (!company) return null;

  const proximity = sql<RecipientProximity>`case
    when ${organizations.prefectureCode} = ${company.prefectureCode} then 'prefecture'
    when ${organizations.blockCode} = ${company.blockCode} then 'block'
    else 'other' end`;
  const rank = sql`case
    when ${organizations.prefectureCode} = ${company.prefectureCode} then 0
    when ${organizations.blockCode} = ${company.blockCode} then 1
    else 2 end`;

  return db
    .select({
      id: organizations.id,
      name: organizations.nameJa,
      nameEn: organizations.nameEn,
      partyKind: organizations.partyKindKey,
      prefectureCode: organizations.prefectureCode,
      blockCode: organizations.blockCode,
      proximity,
    })
    .from(organizations)
    .where(
      and(
        eq(organizations.isActive, true),
        eq(organizations.isSystem, false),
        ne(organizations.id, actor.orgId),
        options.partyKind ? eq(organizations.partyKindKey, options.partyKind) : undefined,
      ),
    )
    .orderBy(rank, asc(organizations.prefectureCode), asc(organizations.nameJa), asc(organizations.id));
}
