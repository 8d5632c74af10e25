import {
  bigint,
  boolean,
  char,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  smallint,
  text,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { prefectures } from "./reference";
import { organizations } from "./organizations";
import { users } from "./users";
import { timestamps, version } from "./_shared";

/**
 * 支援先企業. Keyed by the 13-digit 法人番号 where there is one; sole proprietors and founders-to-be are
 * provisional records without one, merged later (merged_into_id keeps the trail). Company data is not
 * personal data; the representative and contact people are, and live in company_contacts.
 */
export const companies = pgTable(
  "companies",
  {
    id: uuid().primaryKey().defaultRandom(),
    corporateNumber: char({ length: 13 }),
    name: text().notNull(),
    nameKana: text(),
    /** NFKC, without legal-form words and spaces: the key for duplicate warnings. */
    normalizedName: text().notNull(),
    prefectureCode: smallint()
      .notNull()
      .references(() => prefectures.code),
    city: text(),
    address: text(),
    industry: text(),
    employeeCount: integer(),
    capitalYen: bigint({ mode: "number" }),
    website: text(),
    foundedOn: date(),
    isProvisional: boolean().notNull().default(false),
    mergedIntoId: uuid().references((): AnyPgColumn => companies.id),
    /**
     * What search matches: NFKC-normalized, lower-cased name, kana and 法人番号, kept by the database itself.
     * Trigram-indexed for queries of 3+ characters; its 2-character pieces are GIN-indexed for 2-character queries.
     */
    searchText: text().generatedAlwaysAs(
      sql`lower(normalize(name || ' ' || coalesce(name_kana, '') || ' ' || coalesce(corporate_number, ''), NFKC))`,
    ),
    searchBigrams: text()
      .array()
      .generatedAlwaysAs(
        sql`renkei_bigrams(lower(normalize(name || ' ' || coalesce(name_kana, '') || ' ' || coalesce(corporate_number, ''), NFKC)))`,
      ),
    createdByOrgId: uuid().references(() => organizations.id),
    createdByUserId: uuid().references(() => users.id),
    /** The registration form's one-time key: a double submit finds the first company instead of creating a second. */
    idempotencyKey: text(),
    ...timestamps,
    ...version,
  },
  (t) => [
    uniqueIndex().on(t.createdByUserId, t.idempotencyKey).where(sql`${t.idempotencyKey} is not null`),
    uniqueIndex("companies_corporate_number_key")
      .on(t.corporateNumber)
      .where(sql`${t.corporateNumber} is not null and ${t.mergedIntoId} is null`),
    index().on(t.prefectureCode, t.normalizedName),
    index().on(t.normalizedName, t.id),
    index("companies_search_trgm").using("gin", t.searchText.op("gin_trgm_ops")),
    index("companies_search_bigrams").using("gin", t.searchBigrams),
    check("companies_corporate_number_digits", sql`${t.corporateNumber} ~ '^[0-9]{13}$'`),
  ],
);
export type Company = typeof companies.$inferSelect;

export const contactMethod = pgEnum("contact_method", ["email", "phone", "visit", "post", "any", "none"]);

/** 担当者・代表者 — personal data (APPI): shown only with access to the company's case or a consent that covers it. */
export const companyContacts = pgTable(
  "company_contacts",
  {
    id: uuid().primaryKey().defaultRandom(),
    companyId: uuid()
      .notNull()
      .references(() => companies.id),
    name: text().notNull(),
    nameKana: text(),
    title: text(),
    isRepresentative: boolean().notNull().default(false),
    email: text(),
    phone: text(),
    preferredContactMethod: contactMethod().notNull().default("any"),
    notes: text(),
    createdByUserId: uuid().references(() => users.id),
    /** The add form's one-time key: a double submit finds the first contact instead of adding a second. */
    idempotencyKey: text(),
    ...timestamps,
    ...version,
  },
  (t) => [
    index().on(t.companyId),
    uniqueIndex().on(t.createdByUserId, t.idempotencyKey).where(sql`${t.idempotencyKey} is not null`),
  ],
);
export type CompanyContact = typeof companyContacts.$inferSelect;

export const ipRightKind = pgEnum("ip_right_kind", ["patent", "utility_model", "design", "trademark", "plant_variety"]);
export const ipRightStatus = pgEnum("ip_right_status", [
  "preparing",
  "filed",
  "examination",
  "registered",
  "refused",
  "abandoned",
  "expired",
]);

/** 保有知財: IP rights the company holds or has applied for. */
export const ipRights = pgTable(
  "ip_rights",
  {
    id: uuid().primaryKey().defaultRandom(),
    companyId: uuid()
      .notNull()
      .references(() => companies.id),
    kind: ipRightKind().notNull(),
    title: text().notNull(),
    applicationNumber: text(),
    registrationNumber: text(),
    status: ipRightStatus().notNull(),
    filedOn: date(),
    registeredOn: date(),
    createdByUserId: uuid().references(() => users.id),
    /** The add form's one-time key: a double submit finds the first right instead of adding a second. */
    idempotencyKey: text(),
    ...timestamps,
    ...version,
  },
  (t) => [
    index().on(t.companyId),
    uniqueIndex().on(t.createdByUserId, t.idempotencyKey).where(sql`${t.idempotencyKey} is not null`),
  ],
);
export type IpRight = typeof ipRights.$inferSelect;
