import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Queryable } from "@/db/client";
import { companies, consents, organizations, referrals, users, type ReferralStatus } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { companyScope, referralScope } from "@/lib/authz/scopes";
import {
  afterCursor,
  clampLimit,
  decodeCursor,
  isUuid,
  MAX_PAGE_SIZE,
  timestampSortKey,
  toPage,
  withTotal,
  type CountedPage,
  type Page,
} from "@/lib/pagination";
import type { ConsentMethod } from "./schema";

/**
 * 提供記録 (APPI): each time a company's information went to another body — when, from whom, to whom, for
 * what, on which consent (its date, method and scope). Both sides keep it: the consent plus the referral
 * is the record, so this is a read of the two and nothing is copied.
 */
export interface ProvisionRecord {
  referralId: string;
  code: string;
  status: ReferralStatus;
  sentAt: Date;
  service: string;
  from: { orgId: string; orgName: string; userName: string };
  /** The organization in Renkei, or the outside body of a logged referral. */
  to: { orgId: string; orgName: string } | { external: string };
  consent: {
    id: string;
    obtainedOn: string;
    method: ConsentMethod;
    scopeBasicProfile: boolean;
    scopeConsultationSummary: boolean;
    scopeConfidentialNotes: boolean;
    /** The person who consented for the company (personal data, shown to both sides of the provision). */
    givenBy: string | null;
    recordedByOrgName: string;
    revokedAt: Date | null;
  };
}

const toOrg = alias(organizations, "to_org");
const consentOrg = alias(organizations, "consent_org");

export interface FindProvisionsOptions {
  cursor?: string;
  limit?: number;
}

/**
 * A page of the record of provision, with how many provisions it holds in all (for 「すべての提供記録（N件）」)
 * and the company it is the record of.
 */
export interface ProvisionPage extends CountedPage<ProvisionRecord> {
  company: { id: string; name: string };
}

/** The company, when the actor may find it; the provisions of a company outside the scope are not found. */
async function findCompanyInScope(db: Queryable, actor: Actor, companyId: string): Promise<{ id: string; name: string } | null> {
  if (!isUuid(companyId)) return null;
  const [company] = await db
    .select({ id: companies.id, name: companies.name })
    .from(companies)
    .where(and(eq(companies.id, companyId), companyScope(actor)));
  return company ?? null;
}

/** The rows of one company's record that the actor's organization took part in: its own referrals, either side. */
function provisionsOf(actor: Actor, companyId: string): SQL {
  return and(eq(referrals.companyId, companyId), referralScope(actor))!;
}

/**
 * The statement of one page of a company's provisions, built but not run: the EXPLAIN test
 * (provisions-explain.test.ts) checks the plan of exactly this statement. Newest first, keyset-paged on
 * (sent_at, id) like the referral boxes, `limit + 1` rows (the extra one says there is a next page).
 */
export function provisionPageQuery(db: Queryable, actor: Actor, companyId: string, options: FindProvisionsOptions) {
  const limit = clampLimit(options.limit);
  const conditions: SQL[] = [provisionsOf(actor, companyId)];
  if (options.cursor) {
    const cursor = decodeCursor(options.cursor, "timestamp");
    conditions.push(afterCursor(cursor, { sort: referrals.sentAt, id: referrals.id, kind: "timestamp", order: "desc" }));
  }
  return db
    .select({
      referralId: referrals.id,
      code: referrals.code,
      status: referrals.status,
      sentAt: referrals.sentAt,
      service: referrals.service,
      fromOrgId: organizations.id,
      fromOrgName: organizations.nameJa,
      fromUserName: users.name,
      toOrgId: toOrg.id,
      toOrgName: toOrg.nameJa,
      externalRecipient: referrals.externalRecipient,
      consentId: consents.id,
      obtainedOn: consents.obtainedOn,
      method: consents.method,
      scopeBasicProfile: consents.scopeBasicProfile,
      scopeConsultationSummary: consents.scopeConsultationSummary,
      scopeConfidentialNotes: consents.scopeConfidentialNotes,
      givenBy: consents.givenBy,
      recordedByOrgName: consentOrg.nameJa,
      revokedAt: consents.revokedAt,
      sortKey: timestampSortKey(referrals.sentAt),
    })
    .from(referrals)
    .innerJoin(organizations, eq(organizations.id, referrals.fromOrgId))
    .innerJoin(users, eq(users.id, referrals.fromUserId))
    .innerJoin(consents, eq(consents.id, referrals.consentId))
    .innerJoin(consentOrg, eq(consentOrg.id, consents.organizationId))
    .leftJoin(toOrg, eq(toOrg.id, referrals.toOrgId))
    .where(and(...conditions))
    .orderBy(desc(referrals.sentAt), desc(referrals.id))
    .limit(limit + 1);
}

/**
 * One page of a company's provisions, newest first: provisions sent in the same instant are neither skipped nor
 * repeated at a page boundary. The company has already passed companyScope; each row is the actor's through
 * referralScope.
 */
async function findProvisionPage(db: Queryable, actor: Actor, companyId: string, options: FindProvisionsOptions): Promise<Page<ProvisionRecord>> {
  const limit = clampLimit(options.limit);
  const rows = await provisionPageQuery(db, actor, companyId, options);
  return toPage(
    rows,
    limit,
    (row) => ({ key: row.sortKey, id: row.referralId }),
    (row) => ({
      referralId: row.referralId,
      code: row.code,
      status: row.status,
      sentAt: row.sentAt,
      service: row.service,
      from: { orgId: row.fromOrgId, orgName: row.fromOrgName, userName: row.fromUserName },
      to: row.toOrgId && row.toOrgName ? { orgId: row.toOrgId, orgName: row.toOrgName } : { external: row.externalRecipient ?? "" },
      consent: {
        id: row.consentId,
        obtainedOn: row.obtainedOn,
        method: row.method,
        scopeBasicProfile: row.scopeBasicProfile,
        scopeConsultationSummary: row.scopeConsultationSummary,
        scopeConfidentialNotes: row.scopeConfidentialNotes,
        givenBy: row.givenBy,
        recordedByOrgName: row.recordedByOrgName,
        revokedAt: row.revokedAt,
      },
    }),
  );
}

/**
 * The provisions of one company that the actor's organization took part in (as sender or receiver), newest
 * first, one keyset page at a time (`limit`, 50 by default; `cursor` from the previous page), with their total.
 * Null when the company is outside the actor's scope (the page answers 404). A receiver whose referral is
 * closed no longer finds the company, and reads its provision through the referral record.
 */
export async function findProvisionsForCompany(
  db: Queryable,
  actor: Actor,
  companyId: string,
  options: FindProvisionsOptions = {},
): Promise<ProvisionPage | null> {
  const company = await findCompanyInScope(db, actor, companyId);
  if (!company) return null;
  const page = await findProvisionPage(db, actor, company.id, options);
  const counted = await withTotal(page, !options.cursor, async () => {
    const [row] = await db
      .select({ total: sql<number>`count(*)`.mapWith(Number) })
      .from(referrals)
      .where(provisionsOf(actor, company.id));
    return row?.total ?? 0;
  });
  return { ...counted, company };
}

/**
 * The whole record of one company as the actor's organization keeps it, for the export: every page to the
 * end, or to `maxRows` (then `truncated`). Null when the company is outside the actor's scope.
 */
export async function collectProvisionsForCompany(
  db: Queryable,
  actor: Actor,
  companyId: string,
  maxRows: number,
): Promise<{ items: ProvisionRecord[]; truncated: boolean } | null> {
  const company = await findCompanyInScope(db, actor, companyId);
  if (!company) return null;
  const items: ProvisionRecord[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await findProvisionPage(db, actor, company.id, { cursor, limit: MAX_PAGE_SIZE });
    items.push(...page.items);
    if (items.length >= maxRows) return { items: items.slice(0, maxRows), truncated: items.length > maxRows || page.nextCursor !== null };
    if (!page.nextCursor) return { items, truncated: false };
    cursor = page.nextCursor;
  }
}
