import { boolean, index, pgTable, smallint, text, uuid } from "drizzle-orm/pg-core";
import { partyKinds, prefectures, regionalBlocks } from "./reference";
import { timestamps, version } from "./_shared";

/**
 * A concrete body (中部経済産業局 知的財産室, INPIT 石川県知財総合支援窓口, …). Bureau-level bodies have a
 * block and no prefecture. The one "system" organization holds administrators and has no party kind.
 */
export const organizations = pgTable(
  "organizations",
  {
    id: uuid().primaryKey().defaultRandom(),
    nameJa: text().notNull(),
    nameEn: text(),
    partyKindKey: text().references(() => partyKinds.key),
    blockCode: text().references(() => regionalBlocks.code),
    prefectureCode: smallint().references(() => prefectures.code),
    isSystem: boolean().notNull().default(false),
    isActive: boolean().notNull().default(true),
    ...timestamps,
    ...version,
  },
  (t) => [index().on(t.partyKindKey), index().on(t.blockCode), index().on(t.prefectureCode)],
);
export type Organization = typeof organizations.$inferSelect;
