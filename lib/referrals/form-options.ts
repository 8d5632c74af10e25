import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { cases, companies, consents, organizations, partyKinds, users, type UserRole } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/can";
import { caseScope, companyScope, contactAccessForCompany } from "@/lib/authz/scopes";
import { afterCursor, clampLimit, dateSortKey, decodeCursor, isUuid, timestampSortKey, toPage, withTotal, type CountedPage } from "@/lib/pagination";
import type { ConsentMethod } from "./schema";

/**
 * What the consent and referral forms offer to choose from: the company's recorded consents, the people of
 * the receiving organization who can handle a referral, and the party kinds. Reads only, each scoped to the
 * actor like every query in lib/<domain>/queries.ts.
 */

export interface ConsentOption {
  id: string;
  obtainedOn: string;
  method: ConsentMethod;
  scopeBasicProfile: boolean;
  scopeConsultationSummary: boolean;
  scopeConfidentialNotes: boolean;
  /**
   * The person who consented for the company: personal data (APPI), so present only for those who may read
   * the company's contact people; absent otherwise (not null: "not shown" and "not recorded" differ).
   */
  givenBy?: string | null;
  recordedBy: { orgId: string; orgName: string; userName: string };
  revokedAt: Date | null;
  createdAt: Date;
}

/** How consents are ordered: newest consent first, then the latest recorded, then by id (the cursor's tie-break). */
const consentSortKey = sql<string>`${dateSortKey(consents.obtainedOn)} || ' ' || ${timestampSortKey(consents.createdAt)}`;

/**
 * The company's consents, newest first, revoked ones included (the page marks them; the send action refuses
 * them), a keyset page at a time (`limit`, 50 by default; `cursor` from the previous page) with their total.
 * A consent is the company's, not the recording organization's, so anyone who may find the company sees them
 * all and may refer on any of them. Null when the company is outside the actor's scope.
 */
export async function findConsentsForCompany(
  db: Queryable,
  actor: Actor,
  companyId: string,
  options: { cursor?: string; limit?: number } = {},
): Promise<CountedPage<ConsentOption> | null> {
  if (!isUuid(companyId)) return null;
  const [company] = await db
    .select({
      id: companies.id,
      mayReadPeople: sql<boolean>`${contactAccessForCompany(actor, companies.id)}`.mapWith(Boolean),
    })
    .from(companies)
    .where(and(eq(companies.id, companyId), companyScope(actor)));
  if (!company) return null;

  const limit = clampLimit(options.limit);
  const conditions: SQL[] = [eq(consents.companyId, company.id)];
  if (options.cursor) {
    conditions.push(afterCursor(decodeCursor(options.cursor, "text"), { sort: consentSortKey, id: consents.id, kind: "text", order: "desc" }));
  }
  const rows = await db
    .select({
      id: consents.id,
      obtainedOn: consents.obtainedOn,
      method: consents.method,
      scopeBasicProfile: consents.scopeBasicProfile,
      scopeConsultationSummary: consents.scopeConsultationSummary,
      scopeConfidentialNotes: consents.scopeConfidentialNotes,
      givenBy: consents.givenBy,
      recordedBy: { orgId: organizations.id, orgName: organizations.nameJa, userName: users.name },
      revokedAt: consents.revokedAt,
      createdAt: consents.createdAt,
      sortKey: consentSortKey,
    })
    .from(consents)
    .innerJoin(organizations, eq(organizations.id, consents.organizationId))
    .innerJoin(users, eq(users.id, consents.recordedByUserId))
    .where(and(...conditions))
    .orderBy(desc(consentSortKey), desc(consents.id))
    .limit(limit + 1);

  const page = toPage(
    rows,
    limit,
    (row) => ({ key: row.sortKey, id: row.id }),
    ({ givenBy, sortKey: _sortKey, ...row }): ConsentOption => (company.mayReadPeople ? { ...row, givenBy } : row),
  );
  return withTotal(page, !options.cursor, async () => {
    const [counted] = await db
      .select({ total: sql<number>`count(*)`.mapWith(Number) })
      .from(consents)
      .where(eq(consents.companyId, company.id));
    return counted?.total ?? 0;
  });
}

/** The roles that can be put in charge of a received referral (administrators never handle cases). */
const HANDLER_ROLES: readonly UserRole[] = ["coordinator", "manager", "producer"];

export interface HandlerOption {
  id: string;
  name: string;
  role: UserRole;
}

/**
 * The people of the actor's own organization who can be assigned a referral it received (e.g. the attorney
 * of a 弁理士会 chapter): active users other than administrators, by name. Empty for an actor who may not
 * answer referrals. The accept and assign actions check the same rule again on the server.
 */
export async function findHandlerCandidates(db: Queryable, actor: Actor): Promise<HandlerOption[]> {
  if (!can(actor, "referral:respond")) return [];
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.organizationId, actor.orgId), eq(users.isActive, true), inArray(users.role, [...HANDLER_ROLES])))
    .orderBy(asc(users.nameKana), asc(users.name), asc(users.id));
}

export interface PartyKindOption {
  key: string;
  nameJa: string;
  nameEn: string;
}

/** The party kinds a referral can go to, in their reference order. Data, not code: the SME Agency joined later. */
export async function listPartyKinds(db: Queryable): Promise<PartyKindOption[]> {
  return db
    .select({ key: partyKinds.key, nameJa: partyKinds.nameJa, nameEn: partyKinds.nameEn })
    .from(partyKinds)
    .where(eq(partyKinds.isActive, true))
    .orderBy(asc(partyKinds.sortOrder), asc(partyKinds.key));
}

export interface CaseRef {
  id: string;
  code: string;
  title: string;
  companyId: string;
}

/**
 * The case a referral is sent from (`/referrals/new?caseId=…`): its code, title and company, and nothing of
 * its content — so unlike getCaseForActor it reads no confidential note and writes no audit row. Null outside
 * the actor's case scope.
 */
export async function findCaseRefForActor(db: Queryable, actor: Actor, caseId: string): Promise<CaseRef | null> {
  if (!isUuid(caseId)) return null;
  const [row] = await db
    .select({ id: cases.id, code: cases.code, title: cases.title, companyId: cases.companyId })
    .from(cases)
    .where(and(eq(cases.id, caseId), caseScope(actor)));
  return row ?? null;
}
