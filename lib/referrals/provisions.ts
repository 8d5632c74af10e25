import { and, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Queryable } from "@/db/client";
import { companies, consents, organizations, referrals, users, type ReferralStatus } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { companyScope, referralScope } from "@/lib/authz/scopes";
import { isUuid } from "@/lib/pagination";
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

/**
 * The provisions of one company that the actor's organization took part in (as sender or receiver), newest
 * first. Null when the company is outside the actor's scope (the page answers 404). A receiver whose
 * referral is closed no longer finds the company, and reads its provision through the referral record.
 */
export async function findProvisionsForCompany(db: Queryable, actor: Actor, companyId: string): Promise<ProvisionRecord[] | null> {
  if (!isUuid(companyId)) return null;
  const [company] = await db
    .select({ id: companies.id })
    .from(companies)
    .where(and(eq(companies.id, companyId), companyScope(actor)));
  if (!company) return null;

  const rows = await db
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
    })
    .from(referrals)
    .innerJoin(organizations, eq(organizations.id, referrals.fromOrgId))
    .innerJoin(users, eq(users.id, referrals.fromUserId))
    .innerJoin(consents, eq(consents.id, referrals.consentId))
    .innerJoin(consentOrg, eq(consentOrg.id, consents.organizationId))
    .leftJoin(toOrg, eq(toOrg.id, referrals.toOrgId))
    .where(and(eq(referrals.companyId, company.id), referralScope(actor)))
    .orderBy(desc(referrals.sentAt), desc(referrals.id));

  return rows.map((row) => ({
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
  }));
}
