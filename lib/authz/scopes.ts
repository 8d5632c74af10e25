import { and, eq, inArray, or, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import {
  caseMembers,
  cases,
  companies,
  confidentialNotes,
  consents,
  ipRights,
  prefectures,
  referrals,
} from "@/db/schema";
import type { Actor } from "./actor";
import { can } from "./can";

/**
 * The one way to scope a query to an actor. Each builder returns a WHERE condition over its table; a row
 * outside it does not exist for the actor (routes answer 404, lists leave it out). Keep the rules here and
 * nowhere else — see docs/decisions/002-authorization-model.md.
 *
 * Each builder first asks the permission table whether the actor's role reads that kind of thing at all
 * (administrators read no case content, DOMAIN.md), so that the role rules live in permissions.ts only.
 */

const NOTHING = sql`false`;

/** A referral is live from acceptance until it is closed; while live the receiver works with what consent covers. */
export const LIVE_REFERRAL_STATUSES = ["accepted", "in_progress"] as const;
/** Pending or live: the receiver sees the referral and the company's basic profile. */
export const OPEN_REFERRAL_STATUSES = ["sent", "accepted", "in_progress"] as const;

function isMemberOfCase(actor: Actor, caseId: SQLWrapper): SQL {
  return sql`exists (select 1 from ${caseMembers} where ${caseMembers.caseId} = ${caseId} and ${caseMembers.userId} = ${actor.userId})`;
}

/** A live referral to the actor's organization about the case, whose consent covers the given scope. */
function liveReferralCovering(
  actor: Actor,
  caseId: SQLWrapper,
  scope: typeof consents.scopeConsultationSummary | typeof consents.scopeConfidentialNotes,
): SQL {
  return sql`exists (select 1 from ${referrals} inner join ${consents} on ${consents.id} = ${referrals.consentId}
    where ${referrals.caseId} = ${caseId} and ${referrals.toOrgId} = ${actor.orgId}
      and ${referrals.status} in ('accepted', 'in_progress') and ${consents.revokedAt} is null and ${scope})`;
}

/**
 * A referral to the actor's organization about the company, in one of the given states, whose unrevoked
 * consent covers the basic profile. The receiver sees what the consent covers and nothing else (DOMAIN.md,
 * Referral): without basic-profile consent it learns the referral exists, not the company's record.
 */
function referralToActorCoveringProfile(
  actor: Actor,
  companyId: SQLWrapper,
  statuses: typeof OPEN_REFERRAL_STATUSES | typeof LIVE_REFERRAL_STATUSES,
): SQL {
  // Constants of this module, not input: safe as literals, and compared with the enum without a cast.
  const inStatuses = sql.raw(statuses.map((s) => `'${s}'`).join(", "));
  return sql`exists (select 1 from ${referrals} inner join ${consents} on ${consents.id} = ${referrals.consentId}
    where ${referrals.companyId} = ${companyId} and ${referrals.toOrgId} = ${actor.orgId}
      and ${referrals.status} in (${inStatuses}) and ${consents.revokedAt} is null and ${consents.scopeBasicProfile})`;
}

/** One of the company's cases is open to the actor. */
function mayOpenCaseOfCompany(actor: Actor, companyId: SQLWrapper): SQL {
  return sql`exists (select 1 from ${cases} where ${cases.companyId} = ${companyId} and ${caseScope(actor)})`;
}

/**
 * Cases the actor may open. Members always; the owner organization's staff (its managers, and the
 * coordinators of parties that run their own desks — 経産局 staff see details only where they are members);
 * the producer team's members; a live referral's receiver when the consent covers the consultation summary.
 * Administrators see no case content.
 */
export function caseScope(actor: Actor): SQL {
  if (!can(actor, "case:read")) return NOTHING;
  // Column tests first: PostgreSQL evaluates an OR's arms in the order written, so a row settled by a
  // column never runs the subqueries (see companyScope).
  const conditions: SQL[] = [];
  if (actor.role === "manager" || actor.partyKind !== "meti") conditions.push(eq(cases.ownerOrgId, actor.orgId));
  if (actor.teamIds.length > 0) conditions.push(inArray(cases.producerTeamId, actor.teamIds));
  conditions.push(isMemberOfCase(actor, cases.id), liveReferralCovering(actor, cases.id, consents.scopeConsultationSummary));
  return or(...conditions)!;
}

/**
 * Companies the actor may find. Company data is not personal data, so the parties that search before they
 * register (経産局 for their block, INPIT desks and chambers for their prefecture) see the companies of
 * their area; everyone sees the companies of the cases they may open, of the referrals their organization
 * sent, and of the open referrals it received whose consent covers the basic profile.
 * 弁理士会 sees a company only through a referral or a case it may open.
 */
export function companyScope(actor: Actor): SQL {
  if (!can(actor, "company:read")) return NOTHING;
  // The area and registering-organization tests come first: PostgreSQL evaluates an OR's arms in the order
  // written, and most companies a desk finds are of its prefecture, so they never run the per-row case and
  // referral subqueries. Measured on 3.4 million companies (bench/, issue #7): a 2-character search went from
  // 17–38 ms to 4–8 ms in the database.
  const conditions: SQL[] = [];
  if (actor.partyKind !== "jpaa") {
    conditions.push(eq(companies.createdByOrgId, actor.orgId));
    if (actor.prefectureCode !== null && actor.partyKind !== "meti") {
      conditions.push(eq(companies.prefectureCode, actor.prefectureCode));
    } else if (actor.blockCode !== null) {
      conditions.push(
        inArray(
          companies.prefectureCode,
          sql`(select ${prefectures.code} from ${prefectures} where ${prefectures.blockCode} = ${actor.blockCode})`,
        ),
      );
    }
  }
  conditions.push(
    mayOpenCaseOfCompany(actor, companies.id),
    sql`exists (select 1 from ${referrals} where ${referrals.companyId} = ${companies.id} and ${referrals.fromOrgId} = ${actor.orgId})`,
    referralToActorCoveringProfile(actor, companies.id, OPEN_REFERRAL_STATUSES),
  );
  return and(sql`${companies.mergedIntoId} is null`, or(...conditions))!;
}

/**
 * Contact people are personal data (APPI): only for those who may open one of the company's cases, the
 * organization that registered the company, or the receiver of a live referral about it whose consent covers
 * the basic profile (handing a person's data to another body needs the company's consent).
 */
export function contactAccessForCompany(actor: Actor, companyId: SQLWrapper): SQL {
  if (!can(actor, "contact:read")) return NOTHING;
  return or(
    mayOpenCaseOfCompany(actor, companyId),
    sql`exists (select 1 from ${companies} c2 where c2.id = ${companyId} and c2.created_by_org_id = ${actor.orgId})`,
    referralToActorCoveringProfile(actor, companyId, LIVE_REFERRAL_STATUSES),
  )!;
}

/**
 * IP rights of a company the actor may find. Filed and registered rights are published; a right still being
 * prepared is an unfiled invention or mark, and disclosing it can destroy novelty (新規性喪失), so it is
 * shown only to those who may open one of the company's cases or who registered the company.
 */
export function ipRightScope(actor: Actor): SQL {
  if (!can(actor, "company:read")) return NOTHING;
  return or(
    sql`${ipRights.status} <> 'preparing'`,
    mayOpenCaseOfCompany(actor, ipRights.companyId),
    sql`exists (select 1 from ${companies} c2 where c2.id = ${ipRights.companyId} and c2.created_by_org_id = ${actor.orgId})`,
  )!;
}

/**
 * Consents the actor may revoke (同意の撤回): those its own organization recorded — by whoever of its staff,
 * its managers included. The consent is the company's and any organization may refer on it, but only the body
 * the company gave it to records that it was withdrawn; for anyone else the consent is not found.
 */
export function consentRevocationScope(actor: Actor): SQL {
  if (!can(actor, "consent:record")) return NOTHING;
  return eq(consents.organizationId, actor.orgId);
}

/** Referrals: the sending and the receiving organization see them (inbox and outbox). */
export function referralScope(actor: Actor): SQL {
  if (!can(actor, "referral:read")) return NOTHING;
  return or(eq(referrals.fromOrgId, actor.orgId), eq(referrals.toOrgId, actor.orgId))!;
}

/**
 * One side of referralScope: the organization's inbox (referrals it received) or outbox (referrals it sent).
 * Lists of one box use this instead of `and(referralScope, box)`: the same rows — the box is one arm of the
 * scope's OR — but a condition the planner can estimate, so it walks `(to_org_id | from_org_id, sent_at, id)`
 * for the newest page instead of sorting thousands of rows it expected to be a few hundred (bench/, issue #7).
 */
export function referralBoxScope(actor: Actor, box: "inbox" | "outbox"): SQL {
  if (!can(actor, "referral:read")) return NOTHING;
  return box === "inbox" ? eq(referrals.toOrgId, actor.orgId) : eq(referrals.fromOrgId, actor.orgId);
}

/**
 * May the actor read the confidential notes of this case (whether or not it has any)? The case's members
 * only — never a manager or a team member as such, never an administrator — and a live referral's receiver
 * only when the company's consent explicitly covers confidential notes.
 */
export function confidentialNoteAccessForCase(actor: Actor, caseId: SQLWrapper): SQL {
  if (!can(actor, "confidential:read")) return NOTHING;
  return or(isMemberOfCase(actor, caseId), liveReferralCovering(actor, caseId, consents.scopeConfidentialNotes))!;
}

/**
 * May the actor read the audit trail of this case's 秘匿メモ (which note was added, when, how long)? Only the
 * case's members: the audit view is a manager's window on their own people's work, and a manager is not a
 * member of a case as such — the note's existence and size are pre-filing information too (新規性喪失).
 */
export function confidentialAuditAccessForCase(actor: Actor, caseId: SQLWrapper): SQL {
  if (!can(actor, "confidential:read")) return NOTHING;
  return isMemberOfCase(actor, caseId);
}

/** 秘匿メモ the actor may read: see confidentialNoteAccessForCase. Every read is audited by the caller. */
export function confidentialNoteScope(actor: Actor): SQL {
  return confidentialNoteAccessForCase(actor, confidentialNotes.caseId);
}
