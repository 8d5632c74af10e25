import { eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { prefectures } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/can";
import { getMetiOverview, type MetiScope, type StageCounts } from "@/lib/dashboard/queries";

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
 * they are members of (caseScope); DOMAIN.md gives them the block's cases as counts. The numbers are the
 * prefecture's row of the 経産局 home's block aggregate (getMetiOverview), so the two never disagree and
 * the rule of who sees which block's counts stays in one place. Null for anyone else: no card.
 */
export async function getPrefectureCaseCountsForActor(db: Queryable, actor: Actor, prefectureCode: number): Promise<PrefectureCaseCounts | null> {
  if (actor.partyKind !== "meti" || !can(actor, "dashboard:view")) return null;
  const [prefecture] = await db
    .select({ code: prefectures.code, nameJa: prefectures.nameJa, nameEn: prefectures.nameEn })
    .from(prefectures)
    .where(eq(prefectures.code, prefectureCode))
    .limit(1);
  if (!prefecture) return null;

  const overview = await getMetiOverview(db, actor);
  const inScope = overview.prefectures.some((p) => p.code === prefectureCode);
  const casesByStage = Object.fromEntries(Object.keys(overview.casesByStage).map((stage) => [stage, 0])) as StageCounts;
  if (inScope) {
    for (const cell of overview.casesByPrefectureStage) if (cell.prefectureCode === prefectureCode) casesByStage[cell.stage] += cell.count;
  }
  return {
    prefecture,
    scope: overview.scope,
    inScope,
    casesByStage,
    total: Object.values(casesByStage).reduce((a, b) => a + b, 0),
  };
}
