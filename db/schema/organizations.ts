import { boolean, index, pgTable, smallint, text, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { partyKinds, prefectures, regionalBlocks } from "./reference";
import { users } from "./users";
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
    /** The administrator who registered it (null for the seeded network). */
    createdByUserId: uuid().references((): AnyPgColumn => users.id),
    /** The registration form's one-time key: a double submit finds the first organization instead of creating a second. */
    idempotencyKey: text(),
    ...timestamps,
    ...version,
  },
  (t) => [
    index().on(t.partyKindKey),
    index().on(t.blockCode),
    index().on(t.prefectureCode),
    uniqueIndex().on(t.createdByUserId, t.idempotencyKey).where(sql`${t.idempotencyKey} is not null`),
  ],
);
export type Organization = typeof organizations.$inferSelect;
