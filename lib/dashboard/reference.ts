import { asc } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { prefectures, regionalBlocks, themes } from "@/db/schema";

export interface PrefectureOption {
  code: number;
  nameJa: string;
  nameEn: string;
  /** The regional block (METI bureau) the prefecture belongs to. */
  blockCode: string;
}

/**
 * The 47 prefectures in JIS order, for filters. Reference data, the same for everyone: choosing a prefecture
 * in a filter opens nothing by itself, since the list it filters is scoped.
 */
export async function listPrefectures(db: Queryable): Promise<PrefectureOption[]> {
  return db
    .select({ code: prefectures.code, nameJa: prefectures.nameJa, nameEn: prefectures.nameEn, blockCode: prefectures.blockCode })
    .from(prefectures)
    .orderBy(asc(prefectures.code));
}

export interface ReferenceOption {
  key: string;
  nameJa: string;
  nameEn: string;
}

/** The nine regional blocks in their usual order, for filters. */
export async function listRegionalBlocks(db: Queryable): Promise<ReferenceOption[]> {
  return db
    .select({ key: regionalBlocks.code, nameJa: regionalBlocks.nameJa, nameEn: regionalBlocks.nameEn })
    .from(regionalBlocks)
    .orderBy(asc(regionalBlocks.sortOrder));
}

/** Support themes (商標・ブランド, 特許, …) in their usual order, for forms and filters. */
export async function listThemes(db: Queryable): Promise<ReferenceOption[]> {
  return db.select({ key: themes.key, nameJa: themes.nameJa, nameEn: themes.nameEn }).from(themes).orderBy(asc(themes.sortOrder));
}
