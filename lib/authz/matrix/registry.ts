import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { completeNextAction } from "@/lib/activities/complete-next-action";
import { logActivity } from "@/lib/activities/log-activity";
import { addPartyKind } from "@/lib/admin/add-party-kind";
import { changeUserRole } from "@/lib/admin/change-user-role";
import { inviteUser } from "@/lib/admin/invite-user";
import { issueInitialPassword } from "@/lib/admin/issue-initial-password";
import { saveOrganization } from "@/lib/admin/save-organization";
import { setOrganizationActive } from "@/lib/admin/set-organization-active";
import { setUserActive } from "@/lib/admin/set-user-active";
import { runAction, type ActionDefinition, type ActionErrorCode, type ActionResult } from "@/lib/authz/action";
import { permissionsFor, type Permission } from "@/lib/authz/permissions";
import { addConfidentialNote } from "@/lib/cases/add-confidential-note";
import { changeCaseStage } from "@/lib/cases/change-case-stage";
import { openCase } from "@/lib/cases/open-case";
import { recordOutcome } from "@/lib/cases/record-outcome";
import { setCaseMembers } from "@/lib/cases/set-case-members";
import { updateCase } from "@/lib/cases/update-case";
import { checkCompanyDuplicates } from "@/lib/companies/check-duplicates";
import { createCompany } from "@/lib/companies/create-company";
import { mergeCompanies } from "@/lib/companies/merge-companies";
import { saveContact } from "@/lib/companies/save-contact";
import { saveIpRight } from "@/lib/companies/save-ip-right";
import { updateCompany } from "@/lib/companies/update-company";
import { fiscalYearOf, todayInJst } from "@/lib/format/fiscal-year";
import { savePdcaNote } from "@/lib/kpi/save-pdca-note";
import { setKpiTarget } from "@/lib/kpi/set-kpi-target";
import { markNotificationsRead } from "@/lib/notifications/mark-read";
import { recordConsent } from "@/lib/referrals/record-consent";
import { revokeConsent } from "@/lib/referrals/revoke-consent";
import { sendReferral } from "@/lib/referrals/send-referral";
import {
  acceptReferral,
  assignReferralHandler,
  closeLoggedReferral,
  completeReferral,
  declineReferral,
  revokeReferral,
  startReferral,
  withdrawReferral,
} from "@/lib/referrals/transition-referral";
import { ownedBy, type MatrixActor, type MatrixWorld, type OwnedRecords } from "./world";

/**
 * The registry of the authorization matrix: every action definition of lib/ and every route handler of app/,
 * each with a valid input aimed at (a) a record of the actor's own organization and (b) records of
 * organizations that are not the actor's — in another block (`far`) and, for cases, next actions and
 * referrals, a neighbour in the same prefecture (`near`) and an organization elsewhere in the same block
 * (`block`) — and what the actor should get. The matrix test fails when an action, a route or a server
 * function exists that is not covered here (./scan.ts reads the source), so a new endpoint cannot skip it.
 *
 * The expectation is derived, not listed per actor: without the action's permission (permissionsFor(role,
 * party)) the answer is `forbidden`; with it, another organization's record is `not_found`; the own record is
 * `ok`, unless the case names a domain refusal that is expected for that actor. Role first, record second:
 * an actor whose role may not do the thing learns nothing about the record (decision 002).
 */

export type Outcome = "ok" | ActionErrorCode;
/** Records that are not the actor's: see ./world.ts. */
export type OtherTarget = "far" | "near" | "block";
export type Target = "own" | OtherTarget;

/** The targets of an action on a case, a next action or a referral: its records are nobody's but its organization's, near or far. */
const EVERY_OTHER: readonly OtherTarget[] = ["far", "near", "block"];

export interface ActionCase {
  name: string;
  permission: Permission;
  run: (input: unknown, db: Db, actorUserId: string) => Promise<ActionResult<unknown>>;
  /** Input aimed at the actor's own organization's record (or, for a creation, just valid input). */
  own: (world: MatrixWorld, actor: MatrixActor) => unknown;
  /** Input aimed at another organization's records; absent when the action takes no existing record. */
  other?: (records: OwnedRecords, world: MatrixWorld, actor: MatrixActor) => unknown;
  /**
   * Whose records `other` is tried on: the far organization's by default. Not near ones for most actions on
   * a company: the companies of one's prefecture (or block) are meant to be found — and edited, merged, given a
   * case or a consent — by the desks, chambers and bureau that register companies there (companyScope), so
   * "near" is not "not theirs" for a company. Its contact people are, being personal data (saveContact).
   */
  otherTargets?: readonly OtherTarget[];
  /** What an actor holding the permission gets for the own record, when it is not `ok`. */
  ownExpect?: (actor: MatrixActor) => Outcome;
  /** What an actor holding the permission gets for another organization's record, when it is not `not_found`. */
  otherExpect?: (actor: MatrixActor) => Outcome;
  /** Reads only (a duplicate check): an allowed call writes no audit row. */
  readsOnly?: boolean;
}

function action<S extends z.ZodType, R>(definition: ActionDefinition<S, R>, spec: Omit<ActionCase, "name" | "permission" | "run">): ActionCase {
  return {
    name: definition.name,
    permission: definition.permission,
    run: (input, db, actorUserId) => runAction(definition, input, { actorUserId, db }),
    ...spec,
  };
}

export const holds = (actor: MatrixActor, permission: Permission) => permissionsFor(actor.role, actor.party === "system" ? null : actor.party).has(permission);

/** The targets an action is tried on, the own record first. */
export function targetsOf(spec: ActionCase): Target[] {
  return ["own", ...(spec.other ? (spec.otherTargets ?? ["far"]) : [])];
}

/** The input of an action for a target. */
export function inputFor(spec: ActionCase, world: MatrixWorld, actor: MatrixActor, target: Target): unknown {
  return target === "own" ? spec.own(world, actor) : spec.other!(world[target], world, actor);
}

/** What an actor should get from an action for a target, by the rule above. */
export function expectedOutcome(spec: ActionCase, actor: MatrixActor, target: Target): Outcome {
  if (!holds(actor, spec.permission)) return "forbidden";
  if (target !== "own") return spec.otherExpect?.(actor) ?? "not_found";
  return spec.ownExpect?.(actor) ?? "ok";
}

const currentFiscalYear = () => fiscalYearOf(todayInJst());
const own = ownedBy;

export const ACTION_CASES: readonly ActionCase[] = [
  // Companies.
  action(createCompany, { own: () => ({ name: "マトリクス新規株式会社", prefectureCode: 17, idempotencyKey: randomUUID() }) }),
  action(checkCompanyDuplicates, { own: () => ({ name: "マトリクス新規株式会社", prefectureCode: 17 }), readsOnly: true }),
  action(updateCompany, {
    own: (w, a) => ({ id: own(w, a).company.id, version: 1, name: own(w, a).company.name, prefectureCode: 17, industry: "製造業" }),
    other: (r) => ({ id: r.company.id, version: 1, name: r.company.name, prefectureCode: r.company.prefectureCode, industry: "製造業" }),
  }),
  action(mergeCompanies, {
    own: (w, a) => ({ sourceId: own(w, a).duplicate.id, sourceVersion: 1, targetId: own(w, a).company.id, targetVersion: 1 }),
    other: (r, w, a) => ({ sourceId: r.company.id, sourceVersion: 1, targetId: own(w, a).company.id, targetVersion: 1 }),
  }),
  action(saveContact, {
    own: (w, a) => ({ companyId: own(w, a).company.id, name: "新しい 担当者", idempotencyKey: randomUUID() }),
    other: (r) => ({ companyId: r.company.id, name: "新しい 担当者", idempotencyKey: randomUUID() }),
    otherTargets: EVERY_OTHER,
  }),
  action(saveIpRight, {
    own: (w, a) => ({ companyId: own(w, a).company.id, kind: "trademark", title: "新しい商標", status: "filed", idempotencyKey: randomUUID() }),
    other: (r) => ({ companyId: r.company.id, kind: "trademark", title: "新しい商標", status: "filed", idempotencyKey: randomUUID() }),
  }),

  // Cases.
  action(openCase, {
    own: (w, a) => ({ companyId: own(w, a).company.id, title: "新しい支援案件", idempotencyKey: randomUUID() }),
    other: (r) => ({ companyId: r.company.id, title: "新しい支援案件", idempotencyKey: randomUUID() }),
  }),
  action(updateCase, {
    own: (w, a) => ({ id: own(w, a).case.id, version: 1, title: "改題した案件" }),
    other: (r) => ({ id: r.case.id, version: 1, title: "改題した案件" }),
    otherTargets: EVERY_OTHER,
  }),
  action(changeCaseStage, {
    own: (w, a) => ({ caseId: own(w, a).case.id, version: 1, toStage: "planning" }),
    other: (r) => ({ caseId: r.case.id, version: 1, toStage: "planning" }),
    otherTargets: EVERY_OTHER,
  }),
  action(setCaseMembers, {
    own: (w, a) => ({ caseId: own(w, a).case.id, version: 1, leadUserId: own(w, a).coordinator.userId, memberIds: [] }),
    other: (r) => ({ caseId: r.case.id, version: 1, leadUserId: r.coordinator.userId, memberIds: [] }),
    otherTargets: EVERY_OTHER,
  }),
  action(recordOutcome, {
    own: (w, a) => ({ caseId: own(w, a).case.id, kind: "contract", description: "ライセンス契約を締結", achievedOn: "2025-05-01", idempotencyKey: randomUUID() }),
    other: (r) => ({ caseId: r.case.id, kind: "contract", description: "ライセンス契約を締結", achievedOn: "2025-05-01", idempotencyKey: randomUUID() }),
    otherTargets: EVERY_OTHER,
  }),
  action(addConfidentialNote, {
    own: (w, a) => ({ caseId: own(w, a).case.id, body: "追加の秘匿メモ", idempotencyKey: randomUUID() }),
    other: (r) => ({ caseId: r.case.id, body: "追加の秘匿メモ", idempotencyKey: randomUUID() }),
    otherTargets: EVERY_OTHER,
  }),

  // Activities and next actions.
  action(logActivity, {
    own: (w, a) => ({ caseId: own(w, a).case.id, kind: "visit", occurredAt: "2025-05-01T10:00:00+09:00", summary: "訪問した", idempotencyKey: randomUUID() }),
    other: (r) => ({ caseId: r.case.id, kind: "visit", occurredAt: "2025-05-01T10:00:00+09:00", summary: "訪問した", idempotencyKey: randomUUID() }),
    otherTargets: EVERY_OTHER,
  }),
  action(completeNextAction, {
    own: (w, a) => ({ nextActionId: own(w, a).nextAction.id }),
    other: (r) => ({ nextActionId: r.nextAction.id }),
    otherTargets: EVERY_OTHER,
  }),

  // Consent and referrals.
  action(recordConsent, {
    own: (w, a) => ({ companyId: own(w, a).company.id, obtainedOn: "2025-05-01", method: "written", idempotencyKey: randomUUID() }),
    other: (r) => ({ companyId: r.company.id, obtainedOn: "2025-05-01", method: "written", idempotencyKey: randomUUID() }),
  }),
  action(revokeConsent, {
    own: (w, a) => ({ consentId: own(w, a).consent.id, reason: "代表者から撤回の申し出" }),
    // Another organization's consent, even on a company of one's own prefecture: only the recorder withdraws it.
    other: (r) => ({ consentId: r.consent.id, reason: "代表者から撤回の申し出" }),
    otherTargets: EVERY_OTHER,
  }),
  action(sendReferral, {
    own: (w, a) => ({
      companyId: own(w, a).company.id,
      consentId: own(w, a).consent.id,
      toOrgId: w.partner.org.id,
      service: "ip_consultation",
      reason: "相談を依頼",
      idempotencyKey: randomUUID(),
    }),
    other: (r, w) => ({
      companyId: r.company.id,
      consentId: r.consent.id,
      toOrgId: w.partner.org.id,
      service: "ip_consultation",
      reason: "相談を依頼",
      idempotencyKey: randomUUID(),
    }),
  }),
  action(acceptReferral, {
    own: (w, a) => ({ referralId: own(w, a).inbound.sent.id }),
    other: (r) => ({ referralId: r.inbound.sent.id }),
    otherTargets: EVERY_OTHER,
  }),
  action(declineReferral, {
    own: (w, a) => ({ referralId: own(w, a).inbound.sent.id, declineReason: "担当できる者がいない" }),
    other: (r) => ({ referralId: r.inbound.sent.id, declineReason: "担当できる者がいない" }),
    otherTargets: EVERY_OTHER,
  }),
  action(startReferral, {
    own: (w, a) => ({ referralId: own(w, a).inbound.accepted.id }),
    other: (r) => ({ referralId: r.inbound.accepted.id }),
    otherTargets: EVERY_OTHER,
  }),
  action(completeReferral, {
    own: (w, a) => ({ referralId: own(w, a).inbound.inProgress.id, outcomeFeedback: "調査結果を報告" }),
    other: (r) => ({ referralId: r.inbound.inProgress.id, outcomeFeedback: "調査結果を報告" }),
    otherTargets: EVERY_OTHER,
  }),
  action(assignReferralHandler, {
    own: (w, a) => ({ referralId: own(w, a).inbound.accepted.id, handlerUserId: own(w, a).coordinator.userId }),
    other: (r) => ({ referralId: r.inbound.accepted.id, handlerUserId: r.coordinator.userId }),
    otherTargets: EVERY_OTHER,
  }),
  action(withdrawReferral, {
    own: (w, a) => ({ referralId: own(w, a).outbound.sent.id, withdrawReason: "企業の都合" }),
    other: (r) => ({ referralId: r.outbound.sent.id, withdrawReason: "企業の都合" }),
    otherTargets: EVERY_OTHER,
  }),
  action(revokeReferral, {
    own: (w, a) => ({ referralId: own(w, a).outbound.accepted.id, withdrawReason: "同意の撤回" }),
    other: (r) => ({ referralId: r.outbound.accepted.id, withdrawReason: "同意の撤回" }),
    otherTargets: EVERY_OTHER,
  }),
  action(closeLoggedReferral, {
    own: (w, a) => ({ referralId: own(w, a).outbound.logged.id, outcomeFeedback: "相談済みを確認" }),
    other: (r) => ({ referralId: r.outbound.logged.id, outcomeFeedback: "相談済みを確認" }),
    otherTargets: EVERY_OTHER,
  }),

  // Notifications: one's own only.
  action(markNotificationsRead, {
    own: (w, a) => ({ notificationId: w.notificationOf.get(a.actor.userId) }),
    other: (r, w) => ({ notificationId: w.notificationOf.get(r.coordinator.userId) }),
  }),

  // KPI targets and PDCA notes of the organization scope.
  action(setKpiTarget, {
    own: (w, a) => ({ fiscalYear: currentFiscalYear(), scopeKind: "organization", scopeRef: a.actor.orgId, metric: "consultations", targetValue: "40", version: 0 }),
    other: (r) => ({ fiscalYear: currentFiscalYear(), scopeKind: "organization", scopeRef: r.org.id, metric: "consultations", targetValue: "40", version: 0 }),
  }),
  action(savePdcaNote, {
    own: (w, a) => ({ fiscalYear: currentFiscalYear(), scopeKind: "organization", scopeRef: a.actor.orgId, quarter: 1, baseRevision: 0, plan: "相談件数を増やす" }),
    other: (r) => ({ fiscalYear: currentFiscalYear(), scopeKind: "organization", scopeRef: r.org.id, quarter: 1, baseRevision: 0, plan: "相談件数を増やす" }),
    // A producer writes the notes of their team and model region, not of their organization (lib/kpi/scope-access.ts).
    ownExpect: (a) => (a.role === "producer" ? "forbidden" : "ok"),
  }),

  // Administration: administrators manage every organization's users, so the far ones are theirs too.
  action(inviteUser, {
    own: (w) => ({ email: "matrix-invite@example.jp", name: "招待 太郎", organizationId: w.partner.org.id, role: "coordinator" }),
    other: (r) => ({ email: "matrix-invite@example.jp", name: "招待 太郎", organizationId: r.org.id, role: "coordinator" }),
    otherExpect: () => "ok",
  }),
  action(changeUserRole, {
    own: (w) => ({ userId: w.partner.coordinator.userId, version: 1, role: "manager" }),
    other: (r) => ({ userId: r.coordinator.userId, version: 1, role: "manager" }),
    otherExpect: () => "ok",
  }),
  action(setUserActive, {
    own: (w) => ({ userId: w.partner.coordinator.userId, version: 1, active: false }),
    other: (r) => ({ userId: r.coordinator.userId, version: 1, active: false }),
    otherExpect: () => "ok",
  }),
  action(issueInitialPassword, {
    own: (w) => ({ userId: w.partner.coordinator.userId, version: 1 }),
    other: (r) => ({ userId: r.coordinator.userId, version: 1 }),
    otherExpect: () => "ok",
  }),
  action(saveOrganization, {
    own: () => ({ nameJa: "新設 商工会議所", partyKindKey: "jcci", prefectureCode: 17, idempotencyKey: randomUUID() }),
    other: (r) => ({ id: r.org.id, version: 1, nameJa: "INPIT 熊本（改称）", partyKindKey: "inpit", prefectureCode: 43 }),
    otherExpect: () => "ok",
  }),
  action(setOrganizationActive, {
    own: (w) => ({ organizationId: w.partner.org.id, version: 1, active: false }),
    other: (r) => ({ organizationId: r.org.id, version: 1, active: false }),
    otherExpect: () => "ok",
  }),
  action(addPartyKind, { own: () => ({ key: "smea", nameJa: "中小企業庁", nameEn: "SME Agency" }) }),
];

// ---------------------------------------------------------------------------------------------------------
// Route handlers: called through the route files' own exports (GET, POST) by the matrix test, with the
// session lookup answering the actor's id — nothing between the request and the route is skipped.

export interface RouteCall {
  actor: MatrixActor;
  world: MatrixWorld;
}

/** What to send: the URL (path and query), the dynamic segments as Next.js passes them, a JSON body for a POST. */
export interface RouteRequest {
  url: string;
  params?: Record<string, string>;
  body?: unknown;
}

export interface RouteCase {
  /** `GET /api/v1/cases/[id]`, as ./scan.ts names the route file's export. */
  key: string;
  request: (target: Target, c: RouteCall) => RouteRequest;
  /** The targets the route is tried on, "own" first (a route that takes no record has only "own"). */
  targets: readonly Target[];
  /** The HTTP status the actor should get. */
  expect: (target: Target, actor: MatrixActor) => number;
  /**
   * For a list: the ids of the own record it must contain and of other organizations' records it must not
   * (checked only on a 200). `mustList` is empty for an actor that may not see the own record.
   */
  listed?: (c: RouteCall) => { items: (body: unknown) => string[]; mustList: string[]; mustNotList: string[] };
}

/** 200 with the read permission, else the answer of a list that holds nothing: a 200 with no items. */
const okForAll = () => 200;
/** A record route: 200 when the actor holds the permission and the record is their own, else 404. */
const recordStatus = (permission: Permission) => (target: Target, actor: MatrixActor) => (target === "own" && holds(actor, permission) ? 200 : 404);
/** A write route: 403 without the permission (the role's, public), else 200 for the own record and 404 for another's. */
const writeStatus = (permission: Permission) => (target: Target, actor: MatrixActor) => (!holds(actor, permission) ? 403 : target === "own" ? 200 : 404);

const ids = (key: string) => (body: unknown) => ((body as Record<string, { id: string }[]>)[key] ?? []).map((item) => item.id);
const recordsOf = (world: MatrixWorld, actor: MatrixActor, target: Target): OwnedRecords => (target === "own" ? ownedBy(world, actor) : world[target]);
const NEIGHBOURS: readonly Target[] = ["own", "far", "near", "block"];

export const ROUTE_CASES: readonly RouteCase[] = [
  { key: "GET /api/v1/me", request: () => ({ url: "/api/v1/me" }), targets: ["own"], expect: okForAll },
  {
    key: "GET /api/v1/companies",
    request: () => ({ url: "/api/v1/companies?limit=200" }),
    targets: ["own"],
    expect: okForAll,
    listed: ({ world, actor }) => ({
      items: ids("items"),
      mustList: holds(actor, "company:read") ? [ownedBy(world, actor).company.id] : [],
      mustNotList: [world.far.company.id],
    }),
  },
  {
    key: "GET /api/v1/companies/[id]",
    request: (t, { world, actor }) => {
      const id = recordsOf(world, actor, t).company.id;
      return { url: `/api/v1/companies/${id}`, params: { id } };
    },
    targets: ["own", "far"],
    expect: recordStatus("company:read"),
  },
  {
    key: "GET /api/v1/cases",
    request: () => ({ url: "/api/v1/cases?limit=200" }),
    targets: ["own"],
    expect: okForAll,
    listed: ({ world, actor }) => ({
      items: ids("items"),
      mustList: holds(actor, "case:read") ? [ownedBy(world, actor).case.id] : [],
      mustNotList: [world.far.case.id, world.near.case.id, world.block.case.id],
    }),
  },
  {
    key: "GET /api/v1/cases/[id]",
    request: (t, { world, actor }) => {
      const id = recordsOf(world, actor, t).case.id;
      return { url: `/api/v1/cases/${id}`, params: { id } };
    },
    targets: NEIGHBOURS,
    expect: recordStatus("case:read"),
  },
  {
    key: "POST /api/v1/cases/[id]/activities",
    request: (t, { world, actor }) => {
      const id = recordsOf(world, actor, t).case.id;
      return {
        url: `/api/v1/cases/${id}/activities`,
        params: { id },
        body: { kind: "call", occurredAt: "2025-05-01T10:00:00+09:00", summary: "電話で確認", idempotencyKey: randomUUID() },
      };
    },
    targets: NEIGHBOURS,
    expect: writeStatus("activity:create"),
  },
  {
    key: "GET /api/v1/referrals",
    request: () => ({ url: "/api/v1/referrals?box=inbox&limit=200" }),
    targets: ["own"],
    expect: okForAll,
    listed: ({ world, actor }) => ({
      items: ids("items"),
      mustList: holds(actor, "referral:read") ? [ownedBy(world, actor).inbound.sent.id] : [],
      mustNotList: [world.far.inbound.sent.id, world.near.inbound.sent.id, world.block.inbound.sent.id],
    }),
  },
  {
    key: "GET /api/v1/referrals/[id]",
    request: (t, { world, actor }) => {
      const id = recordsOf(world, actor, t).inbound.sent.id;
      return { url: `/api/v1/referrals/${id}`, params: { id } };
    },
    targets: NEIGHBOURS,
    expect: recordStatus("referral:read"),
  },
  {
    key: "POST /api/v1/referrals/[id]/accept",
    request: (t, { world, actor }) => {
      const id = recordsOf(world, actor, t).inbound.sent.id;
      return { url: `/api/v1/referrals/${id}/accept`, params: { id }, body: {} };
    },
    targets: NEIGHBOURS,
    expect: writeStatus("referral:respond"),
  },
  { key: "GET /api/v1/referrals/counts", request: () => ({ url: "/api/v1/referrals/counts" }), targets: ["own"], expect: okForAll },
  {
    key: "GET /api/v1/notifications",
    request: () => ({ url: "/api/v1/notifications" }),
    targets: ["own"],
    expect: okForAll,
    listed: ({ world, actor }) => ({
      items: ids("items"),
      mustList: [world.notificationOf.get(actor.actor.userId)!],
      mustNotList: [world.notificationOf.get(world.far.coordinator.userId)!],
    }),
  },
  { key: "POST /api/v1/notifications/refresh", request: () => ({ url: "/api/v1/notifications/refresh", body: {} }), targets: ["own"], expect: okForAll },
  {
    key: "GET /api/v1/kpi",
    request: (t, { world, actor }) => ({ url: `/api/v1/kpi?scope=organization&ref=${t === "own" ? actor.actor.orgId : world.far.org.id}` }),
    targets: ["own", "far"],
    expect: recordStatus("kpi:read"),
  },
  { key: "GET /api/v1/kpi/scopes", request: () => ({ url: "/api/v1/kpi/scopes" }), targets: ["own"], expect: okForAll },
  {
    key: "GET /api/v1/teams",
    request: () => ({ url: "/api/v1/teams" }),
    targets: ["own"],
    expect: okForAll,
    listed: ({ world, actor }) => ({
      items: ids("items"),
      mustList: holds(actor, "team:read") ? [world.team.id] : [],
      mustNotList: [world.far.team.id],
    }),
  },
  {
    key: "GET /api/v1/teams/[id]",
    request: (t, { world }) => {
      const id = t === "own" ? world.team.id : world.far.team.id;
      return { url: `/api/v1/teams/${id}`, params: { id } };
    },
    targets: ["own", "far"],
    expect: recordStatus("team:read"),
  },
  {
    key: "GET /api/v1/exports/companies",
    request: () => ({ url: "/api/v1/exports/companies?format=csv" }),
    targets: ["own"],
    expect: (_t, actor) => (holds(actor, "export:read") && holds(actor, "company:read") ? 200 : 403),
  },
  {
    key: "GET /api/v1/exports/cases",
    request: () => ({ url: "/api/v1/exports/cases?format=csv" }),
    targets: ["own"],
    expect: (_t, actor) => (holds(actor, "export:read") && holds(actor, "case:read") ? 200 : 403),
  },
  {
    // The record of provision of a company: its referrals the actor's organization sent or received. The own
    // company holds the organization's outbound referrals; a far company is outside every scope (404).
    key: "GET /companies/[id]/provisions/export",
    request: (t, { world, actor }) => {
      const id = recordsOf(world, actor, t).company.id;
      return { url: `/companies/${id}/provisions/export?format=csv`, params: { id } };
    },
    targets: ["own", "far"],
    expect: (t, actor) => (!holds(actor, "export:read") || !holds(actor, "referral:read") ? 403 : t === "own" ? 200 : 404),
  },
  {
    key: "GET /api/v1/reports/kpi",
    request: (t, { world, actor }) => ({ url: `/api/v1/reports/kpi?scope=organization&ref=${t === "own" ? actor.actor.orgId : world.far.org.id}` }),
    targets: ["own", "far"],
    expect: (t, actor) => (t === "own" && holds(actor, "export:read") && holds(actor, "kpi:read") ? 200 : 404),
  },
  {
    key: "GET /audit/export",
    request: () => ({ url: "/audit/export?format=csv" }),
    targets: ["own"],
    expect: (_t, actor) => (holds(actor, "audit:read") ? 200 : 404),
  },
];
