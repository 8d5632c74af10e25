import { and, asc, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { cases, companies, companyContacts, ipRights, organizations, prefectures, type CaseStage } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { caseScope, companyScope, contactAccessForCompany, ipRightScope } from "@/lib/authz/scopes";
import { OPEN_STAGES } from "@/lib/cases/stage";
import {
  afterCursor,
  clampLimit,
  dateSortKey,
  decodeCursor,
  isUuid,
  MAX_PAGE_SIZE,
  sectionCursor,
  timestampSortKey,
  toPage,
  withTotal,
  type Page,
  type SectionInfo,
} from "@/lib/pagination";
import { normalizeKanaReading } from "./normalize-kana";
import { normalizeCompanyName } from "./normalize-name";

export interface FindCompaniesOptions {
  /** Name, kana, or a fragment of the 法人番号 (full-width digits and hyphens allowed). */
  q?: string;
  prefecture?: number;
  /** A regional block's code (tohoku, chubu, …): the companies of its prefectures. */
  block?: string;
  /** A fragment of the industry as recorded (free text: 製造業, 伝統工芸, …). */
  industry?: string;
  /** Only companies with a case in an open stage that the actor may open. */
  hasOpenCase?: boolean;
  cursor?: string;
  limit?: number;
}

export interface CompanyListItem {
  id: string;
  name: string;
  nameKana: string | null;
  corporateNumber: string | null;
  isProvisional: boolean;
  prefectureCode: number;
  prefectureName: string;
  city: string | null;
  industry: string | null;
}

/**
 * The list query of findCompaniesForActor, built but not run: the EXPLAIN test (search-explain.test.ts) checks
 * the plan of exactly this statement, so that the indexes it proves are the ones the page uses.
 */
export function companyListQuery(db: Queryable, actor: Actor, options: FindCompaniesOptions = {}) {
  const limit = clampLimit(options.limit);
  const cursor = options.cursor ? decodeCursor(options.cursor, "text") : null;
  const conditions: (SQL | undefined)[] = [companyScope(actor)];
  if (options.q !== undefined) conditions.push(companySearchCondition(options.q));
  if (options.prefecture !== undefined) conditions.push(eq(companies.prefectureCode, options.prefecture));
  if (options.block !== undefined) {
    conditions.push(
      inArray(companies.prefectureCode, sql`(select ${prefectures.code} from ${prefectures} where ${prefectures.blockCode} = ${options.block})`),
    );
  }
  if (options.industry !== undefined && options.industry.trim() !== "") {
    conditions.push(sql`${companies.industry} ilike ${`%${escapeLike(options.industry.normalize("NFKC").trim())}%`}`);
  }
  if (options.hasOpenCase) {
    // Through caseScope: a case the actor may not open must not show, even as "this company has one".
    const open = sql.raw(OPEN_STAGES.map((stage) => `'${stage}'`).join(", "));
    conditions.push(
      sql`exists (select 1 from ${cases} where ${cases.companyId} = ${companies.id} and ${cases.stage} in (${open}) and ${caseScope(actor)})`,
    );
  }
  if (cursor) {
    conditions.push(afterCursor(cursor, { sort: companies.normalizedName, id: companies.id, kind: "text", order: "asc" }));
  }

  return db
    .select({
      id: companies.id,
      name: companies.name,
      nameKana: companies.nameKana,
      normalizedName: companies.normalizedName,
      corporateNumber: companies.corporateNumber,
      isProvisional: companies.isProvisional,
      prefectureCode: companies.prefectureCode,
      prefectureName: prefectures.nameJa,
      city: companies.city,
      industry: companies.industry,
    })
    .from(companies)
    .innerJoin(prefectures, eq(prefectures.code, companies.prefectureCode))
    .where(and(...conditions))
    .orderBy(asc(companies.normalizedName), asc(companies.id))
    .limit(limit + 1);
}

/** Companies the actor may find, by normalized name then id; `q` searches name, kana and 法人番号. */
export async function findCompaniesForActor(
  db: Queryable,
  actor: Actor,
  options: FindCompaniesOptions = {},
): Promise<Page<CompanyListItem>> {
  const rows = await companyListQuery(db, actor, options);
  return toPage(
    rows,
    clampLimit(options.limit),
    (row) => ({ key: row.normalizedName, id: row.id }),
    ({ normalizedName: _sortKey, ...item }) => item,
  );
}

/** Characters PostgreSQL's LIKE treats specially; a search for "100%" means the text, not a pattern. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/** Digit-group separators people type in a 法人番号, as in ./corporate-number.ts. */
const NUMBER_SEPARATORS = /[\-\u2010-\u2015\u2212\u30fc\uff70]/g;

/**
 * One word of the query as the forms it may take in `search_text` (the database's NFKC, lower-cased name,
 * kana and 法人番号): as typed; without the legal form ("株式会社津軽醸造" finds "株式会社 津軽醸造"); as a
 * kana reading is stored (hiragana as katakana, ./normalize-kana.ts); digits without hyphens.
 */
function spellingsOf(word: string): string[] {
  const spellings = [word, normalizeCompanyName(word), normalizeKanaReading(word)];
  const digits = word.replace(NUMBER_SEPARATORS, "");
  if (/^[0-9]+$/.test(digits)) spellings.push(digits);
  return [...new Set(spellings.filter((s) => s !== ""))];
}

/**
 * `q` matches companies whose name, kana or 法人番号 contain every word of it, in any of its spellings.
 * Each spelling is a condition the search indexes serve (docs/decisions/006-company-search.md): a
 * trigram-indexed LIKE on search_text for 3+ characters, and containment in the GIN-indexed search_bigrams
 * for 2, which trigrams cannot serve. A blank q matches everything.
 */
function companySearchCondition(q: string): SQL | undefined {
  const words = q.normalize("NFKC").toLowerCase().split(/\s+/).filter((w) => w !== "");
  if (words.length === 0) return undefined;
  return and(
    ...words.map((word) =>
      or(
        ...spellingsOf(word).map((spelling) =>
          [...spelling].length === 2
            ? sql`${companies.searchBigrams} @> array[${spelling}]::text[]`
            : sql`${companies.searchText} like ${`%${escapeLike(spelling)}%`}`,
        ),
      ),
    ),
  );
}

export interface CompanyDetail {
  id: string;
  corporateNumber: string | null;
  name: string;
  nameKana: string | null;
  prefectureCode: number;
  prefectureName: string;
  city: string | null;
  address: string | null;
  industry: string | null;
  employeeCount: number | null;
  capitalYen: number | null;
  website: string | null;
  foundedOn: string | null;
  isProvisional: boolean;
  createdByOrg: { id: string; name: string } | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** Contact people (personal data), representatives first. Absent — not empty — when the actor may not see them. */
  contacts?: CompanyContactItem[];
  /** Newest filing first, rights not yet filed before them. */
  ipRights: IpRightItem[];
  /** The company's cases that the actor may open, most recently updated first. */
  cases: CompanyCaseItem[];
  /**
   * The three lists above are one section page each (COMPANY_SECTION_SIZE rows from the position asked for):
   * how many rows each holds in all, and the cursor of the rows after the ones given (null when there are none).
   */
  sections: {
    cases: SectionInfo;
    ipRights: SectionInfo;
    contacts?: SectionInfo;
  };
}

/** How many rows of each list the company page shows at a time. */
export const COMPANY_SECTION_SIZE = 20;

export interface CompanySectionOptions {
  /** Each section's keyset position (from the page's query parameters); its first rows when absent. */
  cursors?: { cases?: string; contacts?: string; ipRights?: string };
  /** Rows per section; COMPANY_SECTION_SIZE by default. */
  sectionSize?: number;
}

export interface CompanyContactItem {
  id: string;
  name: string;
  nameKana: string | null;
  title: string | null;
  isRepresentative: boolean;
  email: string | null;
  phone: string | null;
  preferredContactMethod: string;
  notes: string | null;
  /** For an edit of the contact, which is versioned like any edit. */
  version: number;
}

export interface IpRightItem {
  id: string;
  kind: string;
  title: string;
  applicationNumber: string | null;
  registrationNumber: string | null;
  status: string;
  filedOn: string | null;
  registeredOn: string | null;
  /** For an edit of the right, which is versioned like any edit. */
  version: number;
}

export interface CompanyCaseItem {
  id: string;
  code: string;
  title: string;
  stage: CaseStage;
  ownerOrgName: string;
  updatedAt: Date;
}

/** Representatives first, then in the order they were recorded: '0 <created_at>' before '1 <created_at>'. */
const contactSortKey = sql<string>`(case when ${companyContacts.isRepresentative} then '0' else '1' end) || ' ' || ${timestampSortKey(companyContacts.createdAt)}`;
/** Newest filing first; a right not yet filed sorts as if filed last of all, so it comes first. */
const ipRightSortKey = sql<string>`coalesce(${dateSortKey(ipRights.filedOn)}, '9999-12-31')`;

const countOf = (rows: { total: number }[]) => rows[0]?.total ?? 0;
const countAll = sql<number>`count(*)`.mapWith(Number);

/**
 * One company as the actor may see it, or null when it is outside the actor's scope (or the id is malformed).
 * Its cases, contact people and IP rights come a section page at a time (options.cursors, sectionSize), each
 * with its total: a company's lists are short, but no page renders an unbounded one.
 */
export async function getCompanyForActor(db: Queryable, actor: Actor, id: string, options: CompanySectionOptions = {}): Promise<CompanyDetail | null> {
  if (!isUuid(id)) return null;
  const [company] = await db
    .select({
      id: companies.id,
      corporateNumber: companies.corporateNumber,
      name: companies.name,
      nameKana: companies.nameKana,
      prefectureCode: companies.prefectureCode,
      prefectureName: prefectures.nameJa,
      city: companies.city,
      address: companies.address,
      industry: companies.industry,
      employeeCount: companies.employeeCount,
      capitalYen: companies.capitalYen,
      website: companies.website,
      foundedOn: companies.foundedOn,
      isProvisional: companies.isProvisional,
      createdByOrgId: organizations.id,
      createdByOrgName: organizations.nameJa,
      version: companies.version,
      createdAt: companies.createdAt,
      updatedAt: companies.updatedAt,
      mayReadContacts: sql<boolean>`${contactAccessForCompany(actor, companies.id)}`.mapWith(Boolean),
    })
    .from(companies)
    .innerJoin(prefectures, eq(prefectures.code, companies.prefectureCode))
    .leftJoin(organizations, eq(organizations.id, companies.createdByOrgId))
    .where(and(eq(companies.id, id), companyScope(actor)))
    .limit(1);
  if (!company) return null;

  const size = Math.min(clampLimit(options.sectionSize ?? COMPANY_SECTION_SIZE), MAX_PAGE_SIZE);
  const at = {
    cases: sectionCursor(options.cursors?.cases, "timestamp"),
    contacts: sectionCursor(options.cursors?.contacts, "text"),
    ipRights: sectionCursor(options.cursors?.ipRights, "text"),
  };
  const contactRows = and(eq(companyContacts.companyId, id), contactAccessForCompany(actor, companyContacts.companyId))!;
  const ipRightRows = and(eq(ipRights.companyId, id), ipRightScope(actor))!;
  const caseRows = and(eq(cases.companyId, id), caseScope(actor))!;

  const [contacts, rights, visibleCases] = await Promise.all([
    company.mayReadContacts
      ? db
          .select({
            id: companyContacts.id,
            name: companyContacts.name,
            nameKana: companyContacts.nameKana,
            title: companyContacts.title,
            isRepresentative: companyContacts.isRepresentative,
            email: companyContacts.email,
            phone: companyContacts.phone,
            preferredContactMethod: companyContacts.preferredContactMethod,
            notes: companyContacts.notes,
            version: companyContacts.version,
            sortKey: contactSortKey,
          })
          .from(companyContacts)
          .where(
            and(
              contactRows,
              at.contacts ? afterCursor(at.contacts, { sort: contactSortKey, id: companyContacts.id, kind: "text", order: "asc" }) : undefined,
            ),
          )
          .orderBy(asc(contactSortKey), asc(companyContacts.id))
          .limit(size + 1)
          .then((rows) => toPage(rows, size, (r) => ({ key: r.sortKey, id: r.id }), ({ sortKey: _key, ...item }) => item))
          .then((page) => withTotal(page, !at.contacts, async () => countOf(await db.select({ total: countAll }).from(companyContacts).where(contactRows))))
      : Promise.resolve(undefined),
    db
      .select({
        id: ipRights.id,
        kind: ipRights.kind,
        title: ipRights.title,
        applicationNumber: ipRights.applicationNumber,
        registrationNumber: ipRights.registrationNumber,
        status: ipRights.status,
        filedOn: ipRights.filedOn,
        registeredOn: ipRights.registeredOn,
        version: ipRights.version,
        sortKey: ipRightSortKey,
      })
      .from(ipRights)
      .where(and(ipRightRows, at.ipRights ? afterCursor(at.ipRights, { sort: ipRightSortKey, id: ipRights.id, kind: "text", order: "desc" }) : undefined))
      .orderBy(desc(ipRightSortKey), desc(ipRights.id))
      .limit(size + 1)
      .then((rows) => toPage(rows, size, (r) => ({ key: r.sortKey, id: r.id }), ({ sortKey: _key, ...item }) => item))
      .then((page) => withTotal(page, !at.ipRights, async () => countOf(await db.select({ total: countAll }).from(ipRights).where(ipRightRows)))),
    db
      .select({
        id: cases.id,
        code: cases.code,
        title: cases.title,
        stage: cases.stage,
        ownerOrgName: organizations.nameJa,
        updatedAt: cases.updatedAt,
        sortKey: timestampSortKey(cases.updatedAt),
      })
      .from(cases)
      .innerJoin(organizations, eq(organizations.id, cases.ownerOrgId))
      .where(and(caseRows, at.cases ? afterCursor(at.cases, { sort: cases.updatedAt, id: cases.id, kind: "timestamp", order: "desc" }) : undefined))
      .orderBy(desc(cases.updatedAt), desc(cases.id))
      .limit(size + 1)
      .then((rows) => toPage(rows, size, (r) => ({ key: r.sortKey, id: r.id }), ({ sortKey: _key, ...item }) => item))
      .then((page) => withTotal(page, !at.cases, async () => countOf(await db.select({ total: countAll }).from(cases).where(caseRows)))),
  ]);

  const { createdByOrgId, createdByOrgName, mayReadContacts: _checked, ...profile } = company;
  return {
    ...profile,
    createdByOrg: createdByOrgId && createdByOrgName ? { id: createdByOrgId, name: createdByOrgName } : null,
    ...(contacts ? { contacts: contacts.items } : {}),
    ipRights: rights.items,
    cases: visibleCases.items,
    sections: {
      cases: { total: visibleCases.total, nextCursor: visibleCases.nextCursor },
      ipRights: { total: rights.total, nextCursor: rights.nextCursor },
      ...(contacts ? { contacts: { total: contacts.total, nextCursor: contacts.nextCursor } } : {}),
    },
  };
}
