import { eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { modelRegions, organizations, partyKinds, prefectures, regionalBlocks, themes } from "@/db/schema";
import { MODEL_REGIONS, PARTY_KINDS, PREFECTURES, REGIONAL_BLOCKS, SYSTEM_ORGANIZATION, THEMES } from "./data/reference";

export interface ReferenceSummary {
  partyKinds: number;
  regionalBlocks: number;
  prefectures: number;
  themes: number;
  modelRegions: number;
  systemOrganization: number;
}

/**
 * Inserts the reference data every install needs; rows that are already there are left as they are (an
 * administrator may have renamed them), so production can run it on every deploy. Returns how many rows
 * this run inserted.
 */
export async function seedReference(db: Queryable): Promise<ReferenceSummary> {
  const inserted = async (promise: Promise<unknown[]>) => (await promise).length;
  // Blocks before prefectures, prefectures before model regions: foreign keys.
  return {
    partyKinds: await inserted(
      db.insert(partyKinds).values([...PARTY_KINDS]).onConflictDoNothing().returning({ key: partyKinds.key }),
    ),
    regionalBlocks: await inserted(
      db.insert(regionalBlocks).values([...REGIONAL_BLOCKS]).onConflictDoNothing().returning({ code: regionalBlocks.code }),
    ),
    prefectures: await inserted(
      db.insert(prefectures).values([...PREFECTURES]).onConflictDoNothing().returning({ code: prefectures.code }),
    ),
    themes: await inserted(db.insert(themes).values(THEMES).onConflictDoNothing().returning({ key: themes.key })),
    modelRegions: await inserted(
      db
        .insert(modelRegions)
        .values(
          MODEL_REGIONS.map((r) => ({
            id: r.id,
            kind: r.kind,
            prefectureCode: r.prefectureCode,
            cityName: r.cityName,
            nameJa: r.nameJa,
            nameEn: r.nameEn,
            firstFiscalYear: r.firstFiscalYear,
            lastFiscalYear: r.lastFiscalYear,
          })),
        )
        .onConflictDoNothing()
        .returning({ id: modelRegions.id }),
    ),
    systemOrganization: await insertSystemOrganization(db),
  };
}

/** There is one system organization: an install that already has one (under any id) keeps it. */
async function insertSystemOrganization(db: Queryable): Promise<number> {
  const existing = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.isSystem, true)).limit(1);
  if (existing.length > 0) return 0;
  const rows = await db
    .insert(organizations)
    .values({ ...SYSTEM_ORGANIZATION, partyKindKey: null, blockCode: null, prefectureCode: null })
    .onConflictDoNothing()
    .returning({ id: organizations.id });
  return rows.length;
}
