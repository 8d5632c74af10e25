import { asc } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { prefectures } from "@/db/schema";

export interface PrefectureOption {
  code: number;
  nameJa: string;
  nameEn: string;
}

/**
 * The 47 prefectures in JIS order, for filters. Reference data, the same for everyone: choosing a prefecture
 * in a filter opens nothing by itself, since the list it filters is scoped.
 */
export async function listPrefectures(db: Queryable): Promise<PrefectureOption[]> {
  return db
    .select({ code: prefectures.code, nameJa: prefectures.nameJa, nameEn: prefectures.nameEn })
    .from(prefectures)
    .orderBy(asc(prefectures.code));
}
