import { and, asc, desc, eq, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Queryable } from "@/db/client";
import {
  cases,
  companies,
  consents,
  organizations,
  prefectures,
  referralEvents,
  referrals,
  users,
  type CaseStage,
  type ReferralStatus,
} from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { caseScope, companyScope, referralBoxScope, referralScope } from "@/lib/authz/scopes";
import { afterCursor, clampLimit, decodeCursor, isUuid, timestampSortKey, toPage, type Page } from "@/lib/pagination";

/** The receiving side (inbox: sent to the actor's organization) or the sending side (outbox). */
export type ReferralBox = "inbox" | "outbox";

export interface FindReferralsOptions {
  box: ReferralBox;
  status?: ReferralStatus;
  cursor?: string;
  limit?: number;
}

type OrgRef = { id: string; name: string; partyKind: string | null };

export interface ReferralListItem {
  id: string;
  code: string;
  status: ReferralStatus;
  urgency: string;
  service: string;
  sentAt: Date;
  respondBy: string | null;
  /** A logged referral's follow-up date (null for referrals to organizations in Renkei). */
  followUpOn: string | null;
  company: { id: string; name: string };
  fromOrg: OrgRef;
  fromUser: { id: string; name: string };
  /** Null for a logged referral to a body outside Renkei; see externalRecipient. */
  toOrg: OrgRef | null;
  externalRecipient: string | null;
}

const fromOrgs = alias(organizations, "from_orgs");
const toOrgs = alias(organizations, "to_orgs");
const fromUsers = alias(users, "from_users");

/** The referrals of the actor's organization in one box, newest first. */
export async function findReferralsForActor(
  db: Queryable,
  actor: Actor,
  options: FindReferralsOptions,
): Promise<Page<ReferralListItem>> {
  const limit = clampLimit(options.limit);
  const cursor = options.cursor ? decodeCursor(options.cursor, "timestamp") : null;
  const conditions: SQL[] = [referralBoxScope(actor, options.box)];
  if (options.status) conditions.push(eq(referrals.status, options.status));
  if (cursor) conditions.push(afterCursor(cursor, { sort: referrals.sentAt, id: referrals.id, kind: "timestamp", order: "desc" }));

  const rows = await db
    .select({
      id: referrals.id,
      code: referrals.code,
      status: referrals.status,
      urgency: referrals.urgency,
      service: referrals.service,
      sentAt: referrals.sentAt,
      respondBy: referrals.respondBy,
      followUpOn: referrals.followUpOn,
      // The company's name is part of the referral itself (the record of provision both sides keep);
      // its profile is shown only in the detail, and only within the company's scope.
      company: { id: companies.id, name: companies.name },
      fromOrg: { id: fromOrgs.id, name: fromOrgs.nameJa, partyKind: fromOrgs.partyKindKey },
      fromUser: { id: fromUsers.id, name: fromUsers.name },
      toOrgId: toOrgs.id,
      toOrgName: toOrgs.nameJa,
      toOrgPartyKind: toOrgs.partyKindKey,
      externalRecipient: referrals.externalRecipient,
      sortKey: timestampSortKey(referrals.sentAt),
    })
    .from(referrals)
    .innerJoin(companies, eq(companies.id, referrals.companyId))
    .innerJoin(fromOrgs, eq(fromOrgs.id, referrals.fromOrgId))
    .innerJoin(fromUsers, eq(fromUsers.id, referrals.fromUserId))
    .leftJoin(toOrgs, eq(toOrgs.id, referrals.toOrgId))
    .where(and(...conditions))
    .orderBy(desc(referrals.sentAt), desc(referrals.id))
    .limit(limit + 1);

  return toPage(
    rows,
    limit,
    (row) => ({ key: row.sortKey, id: row.id }),
    ({ sortKey: _sortKey, toOrgId, toOrgName, toOrgPartyKind, ...item }) => ({
      ...item,
      toOrg: toOrgId && toOrgName ? { id: toOrgId, name: toOrgName, partyKind: toOrgPartyKind } : null,
    }),
  );
}

export interface ReferralDetail extends Omit<ReferralListItem, "company"> {
  caseId: string | null;
  reason: string;
  handoverNotes: string | null;
  followUpOn: string | null;
  acceptedAt: Date | null;
  declinedAt: Date | null;
  declineReason: string | null;
  startedAt: Date | null;
  completedAt: Date | null;
  outcomeFeedback: string | null;
  withdrawnAt: Date | null;
  withdrawReason: string | null;
  respondedBy: { id: string; name: string } | null;
  handler: { id: string; name: string } | null;
  version: number;
  company: {
    id: string;
    name: string;
    /**
     * The basic profile, when the company is within the actor's scope: always for the sender, for the
     * receiver while the referral is open and the consent covers it. Absent otherwise.
     */
    profile?: CompanyBasicProfile;
  };
  /** What the company agreed may be shared. The person who gave consent is not shown (personal data). */
  consent: {
    id: string;
    obtainedOn: string;
    method: string;
    scopeBasicProfile: boolean;
    scopeConsultationSummary: boolean;
    scopeConfidentialNotes: boolean;
    revokedAt: Date | null;
  };
  /** The case the referral came from, when the actor may open it. */
  case: { id: string; code: string; title: string; stage: CaseStage } | null;
  /** Each transition, oldest first. */
  events: { id: string; fromStatus: ReferralStatus | null; toStatus: ReferralStatus; actor: { id: string; name: string } | null; note: string | null; at: Date }[];
}

export interface CompanyBasicProfile {
  corporateNumber: string | null;
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
}

const respondedByUsers = alias(users, "responded_by_users");
const handlerUsers = alias(users, "handler_users");

/** One referral of the actor's organization (sent or received), or null. */
export async function getReferralForActor(db: Queryable, actor: Actor, id: string): Promise<ReferralDetail | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({
      id: referrals.id,
      code: referrals.code,
      status: referrals.status,
      urgency: referrals.urgency,
      service: referrals.service,
      reason: referrals.reason,
      handoverNotes: referrals.handoverNotes,
      sentAt: referrals.sentAt,
      respondBy: referrals.respondBy,
      followUpOn: referrals.followUpOn,
      acceptedAt: referrals.acceptedAt,
      declinedAt: referrals.declinedAt,
      declineReason: referrals.declineReason,
      startedAt: referrals.startedAt,
      completedAt: referrals.completedAt,
      outcomeFeedback: referrals.outcomeFeedback,
      withdrawnAt: referrals.withdrawnAt,
      withdrawReason: referrals.withdrawReason,
      version: referrals.version,
      caseId: referrals.caseId,
      companyId: companies.id,
      companyName: companies.name,
      fromOrg: { id: fromOrgs.id, name: fromOrgs.nameJa, partyKind: fromOrgs.partyKindKey },
      fromUser: { id: fromUsers.id, name: fromUsers.name },
      toOrgId: toOrgs.id,
      toOrgName: toOrgs.nameJa,
      toOrgPartyKind: toOrgs.partyKindKey,
      externalRecipient: referrals.externalRecipient,
      respondedById: respondedByUsers.id,
      respondedByName: respondedByUsers.name,
      handlerId: handlerUsers.id,
      handlerName: handlerUsers.name,
      consent: {
        id: consents.id,
        obtainedOn: consents.obtainedOn,
        method: consents.method,
        scopeBasicProfile: consents.scopeBasicProfile,
        scopeConsultationSummary: consents.scopeConsultationSummary,
        scopeConfidentialNotes: consents.scopeConfidentialNotes,
        revokedAt: consents.revokedAt,
      },
    })
    .from(referrals)
    .innerJoin(companies, eq(companies.id, referrals.companyId))
    .innerJoin(consents, eq(consents.id, referrals.consentId))
    .innerJoin(fromOrgs, eq(fromOrgs.id, referrals.fromOrgId))
    .innerJoin(fromUsers, eq(fromUsers.id, referrals.fromUserId))
    .leftJoin(toOrgs, eq(toOrgs.id, referrals.toOrgId))
    .leftJoin(respondedByUsers, eq(respondedByUsers.id, referrals.respondedByUserId))
    .leftJoin(handlerUsers, eq(handlerUsers.id, referrals.handlerUserId))
    .where(and(eq(referrals.id, id), referralScope(actor)))
    .limit(1);
  if (!row) return null;

  const eventActors = alias(users, "event_actors");
  const [[profile], [linkedCase], events] = await Promise.all([
    // The profile and the case come through their own scopes: seeing a referral does not by itself open them.
    db
      .select({
        corporateNumber: companies.corporateNumber,
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
      })
      .from(companies)
      .innerJoin(prefectures, eq(prefectures.code, companies.prefectureCode))
      .where(and(eq(companies.id, row.companyId), companyScope(actor)))
      .limit(1),
    row.caseId
      ? db
          .select({ id: cases.id, code: cases.code, title: cases.title, stage: cases.stage })
          .from(cases)
          .where(and(eq(cases.id, row.caseId), caseScope(actor)))
          .limit(1)
      : Promise.resolve([]),
    // Events belong to the referral that passed its scope above.
    db
      .select({
        id: referralEvents.id,
        fromStatus: referralEvents.fromStatus,
        toStatus: referralEvents.toStatus,
        actorId: eventActors.id,
        actorName: eventActors.name,
        note: referralEvents.note,
        at: referralEvents.at,
      })
      .from(referralEvents)
      .leftJoin(eventActors, eq(eventActors.id, referralEvents.actorUserId))
      .where(eq(referralEvents.referralId, id))
      .orderBy(asc(referralEvents.at), asc(referralEvents.id)),
  ]);

  const {
    companyId,
    companyName,
    toOrgId,
    toOrgName,
    toOrgPartyKind,
    respondedById,
    respondedByName,
    handlerId,
    handlerName,
    ...detail
  } = row;
  return {
    ...detail,
    company: { id: companyId, name: companyName, ...(profile ? { profile } : {}) },
    toOrg: toOrgId && toOrgName ? { id: toOrgId, name: toOrgName, partyKind: toOrgPartyKind } : null,
    respondedBy: respondedById && respondedByName ? { id: respondedById, name: respondedByName } : null,
    handler: handlerId && handlerName ? { id: handlerId, name: handlerName } : null,
    case: linkedCase ?? null,
    events: events.map(({ actorId, actorName, ...event }) => ({
      ...event,
      actor: actorId && actorName ? { id: actorId, name: actorName } : null,
    })),
  };
}
