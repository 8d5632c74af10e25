import { asc } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { prefectures } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { todayInJst } from "@/lib/format/fiscal-year";
import { countCompaniesSupportedByPrefecture } from "./actuals";
import { kpiPeriod, type KpiPeriod } from "./period";
import { findVisibleKpiScope } from "./scope-access";

export interface PrefectureValue {
  code: number;
  nameJa: string;
  nameEn: string;
  blockCode: string;
  /** Companies supported in the fiscal year so far; null for a prefecture outside what the actor may see. */
  value: number | null;
}

export interface PrefectureMapData {
  fiscalYear: number;
  period: KpiPeriod;
  /** The 47 prefectures in JIS order. */
  prefectures: PrefectureValue[];
}

/**
 * Companies supported per prefecture for the 経産局 home's tile map. The numbers are the KPI of a scope the
 * actor may see: the whole country for the national level (特許庁), else their block — still 47 tiles, the
 * other prefectures "out of scope" (null). Null when the actor sees neither (not 経産局).
 */
export async function getPrefectureMapForActor(
  db: Queryable,
  actor: Actor,
  fiscalYear: number,
  today: string = todayInJst(),
): Promise<PrefectureMapData | null> {
  const national = await findVisibleKpiScope(db, actor, { kind: "national", ref: "" });
  const block = national || !actor.blockCode ? null : await findVisibleKpiScope(db, actor, { kind: "block", ref: actor.blockCode });
  if (!national && !block) return null;
  return buildPrefectureMap(db, national ? null : block!.blockCode, fiscalYear, today);
}

/**
 * The tile map's numbers for the whole country (`blockCode` null) or one block, the rest out of scope. Callers
 * have checked that the actor may see that scope (getPrefectureMapForActor, or the /kpi page's visible scope).
 */
export async function buildPrefectureMap(db: Queryable, blockCode: string | null, fiscalYear: number, today: string): Promise<PrefectureMapData> {
  const period = kpiPeriod(fiscalYear, today);
  const [counts, all] = await Promise.all([
    countCompaniesSupportedByPrefecture(db, period, blockCode),
    db
      .select({ code: prefectures.code, nameJa: prefectures.nameJa, nameEn: prefectures.nameEn, blockCode: prefectures.blockCode })
      .from(prefectures)
      .orderBy(asc(prefectures.code)),
  ]);
  return {
    fiscalYear,
    period,
    prefectures: all.map((p) => ({
      ...p,
      value: blockCode === null || p.blockCode === blockCode ? (counts.get(p.code) ?? 0) : null,
    })),
  };
}
