import { count, eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { cases, prefectures } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/can";
import { ALL_STAGES } from "@/lib/cases/stage";
import { findMetiScope, type MetiScope, type StageCounts } from "@/lib/dashboard/queries";

export interface PrefectureCaseCounts {
  prefecture: { code: number; nameJa: string; nameEn: string };
  /** The 経産局 user's area: their block, or the whole country for the national level (特許庁). */
  scope: MetiScope;
  /** False when the prefecture lies outside that area: no numbers are given for it. */
  inScope: boolean;
  /** Every case of the prefecture's companies by stage — counts, not cases (zeros when out of scope). */
  casesByStage: StageCounts;
  total: number;
}

/**
 * The counts card beside a prefecture-filtered case list, for 経産局. Their case list shows only the cases
 * they are members of (caseScope); DOMAIN.md gives them the block's cases as counts. The area is the 経産局
 * home's (findMetiScope) and the count reads the same index as its prefecture × stage table
 * (cases.prefecture_code, decision 012), so the two never disagree. Null for anyone else: no card.
 */
export async function getPrefectureCaseCountsForActor(db: Queryable, actor: Actor, prefectureCode: number): Promise<PrefectureCaseCounts | null> {
  if (actor.partyKind !== "meti" || !can(actor, "dashboard:view")) return null;
  const [prefecture] = await db
    .select({ code: prefectures.code, nameJa: prefectures.nameJa, nameEn: prefectures.nameEn, blockCode: prefectures.blockCode })
    .from(prefectures)
    .where(eq(prefectures.code, prefectureCode))
    .limit(1);
  if (!prefecture) return null;

  const scope = await findMetiScope(db, actor);
  const inScope = scope.kind === "national" || scope.blockCode === prefecture.blockCode;
  const casesByStage = Object.fromEntries(ALL_STAGES.map((stage) => [stage, 0])) as StageCounts;
  if (inScope) {
    const rows = await db
      .select({ stage: cases.stage, count: count() })
      .from(cases)
      .where(eq(cases.prefectureCode, prefectureCode))
      .groupBy(cases.stage);
    for (const row of rows) casesByStage[row.stage] = Number(row.count);
  }
  return {
    prefecture: { code: prefecture.code, nameJa: prefecture.nameJa, nameEn: prefecture.nameEn },
    scope,
    inScope,
    casesByStage,
    total: Object.values(casesByStage).reduce((a, b) => a + b, 0),
  };
}
