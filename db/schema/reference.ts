import { boolean, check, index, integer, pgEnum, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";

/** 連携機関区分 — party kinds are data, not code: the SME Agency joined in 2024 and more may follow. */
export const partyKinds = pgTable("party_kinds", {
  key: text().primaryKey(),
  nameJa: text().notNull(),
  nameEn: text().notNull(),
  sortOrder: integer().notNull().default(0),
  isActive: boolean().notNull().default(true),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
export type PartyKind = typeof partyKinds.$inferSelect;

/** The nine regional blocks, one per METI bureau. */
export const regionalBlocks = pgTable("regional_blocks", {
  code: text().primaryKey(),
  nameJa: text().notNull(),
  nameEn: text().notNull(),
  sortOrder: integer().notNull(),
});
export type RegionalBlock = typeof regionalBlocks.$inferSelect;

/** The 47 prefectures by JIS X 0401 code. */
export const prefectures = pgTable(
  "prefectures",
  {
    code: smallint().primaryKey(),
    nameJa: text().notNull(),
    nameEn: text().notNull(),
    blockCode: text()
      .notNull()
      .references(() => regionalBlocks.code),
  },
  (t) => [index().on(t.blockCode), check("prefecture_code_range", sql`${t.code} between 1 and 47`)],
);
export type Prefecture = typeof prefectures.$inferSelect;

export const modelRegionKind = pgEnum("model_region_kind", ["prefecture", "city"]);

/** 知財重点支援エリア: a prefecture or a city, chosen for a fiscal year and running up to three years. */
export const modelRegions = pgTable(
  "model_regions",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: modelRegionKind().notNull(),
    prefectureCode: smallint()
      .notNull()
      .references(() => prefectures.code),
    cityName: text(),
    nameJa: text().notNull(),
    nameEn: text().notNull(),
    firstFiscalYear: integer().notNull(),
    lastFiscalYear: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.prefectureCode),
    check("model_region_city_has_name", sql`(${t.kind} = 'city') = (${t.cityName} is not null)`),
    check(
      "model_region_span",
      sql`${t.lastFiscalYear} >= ${t.firstFiscalYear} and ${t.lastFiscalYear} <= ${t.firstFiscalYear} + 2`,
    ),
  ],
);
export type ModelRegion = typeof modelRegions.$inferSelect;

/** Support themes of a case (商標・ブランド, 特許, …); data so that the list can grow. */
export const themes = pgTable("themes", {
  key: text().primaryKey(),
  nameJa: text().notNull(),
  nameEn: text().notNull(),
  sortOrder: integer().notNull(),
});
export type Theme = typeof themes.$inferSelect;
