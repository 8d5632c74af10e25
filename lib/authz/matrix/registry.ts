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
import { getReferralCounts } from "@/lib/api/referral-counts";
import { handleActionRequest } from "@/lib/api/handle-action-request";
import { handleApiRequest, type ApiHandler } from "@/lib/api/handle-api-request";
import { listNotifications, refreshNotifications } from "@/lib/api/notifications";
import { getCase, getCompany, getMe, getReferral, listCases, listCompanies, listReferrals } from "@/lib/api/v1";
import { handleAuditExportRequest } from "@/lib/audit/export";
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
import { handleExportRequest } from "@/lib/exports/handle-export-request";
import { fiscalYearOf, todayInJst } from "@/lib/format/fiscal-year";
import { getKpi, listKpiScopes } from "@/lib/kpi/api";
import { savePdcaNote } from "@/lib/kpi/save-pdca-note";
import { setKpiTarget } from "@/lib/kpi/set-kpi-target";
import { markNotificationsRead } from "@/lib/notifications/mark-read";
import { recordConsent } from "@/lib/referrals/record-consent";
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
import { handleKpiWorkbookRequest } from "@/lib/reports/download";
import { getTeam, listTeams } from "@/lib/teams/api";
import { ownedBy, type MatrixActor, type MatrixWorld } from "./world";

/**
 * The registry of the authorization matrix: every action definition of lib/ and every route handler of app/,
 * each with a valid input aimed at (a) a record of the actor's own organization and (b) a record of an
 * organization in another block, and what the actor should get. The matrix test fails when an action or a route
 * exists that is not listed here (./scan.ts reads the source), so a new endpoint cannot skip the matrix.
 *
 * The expectation is derived, not listed per actor: without the action's permission (permissionsFor(role,
 * party)) the answer is `forbidden`; with it, another organization's record is `not_found`; the own record is
 * `ok`, unless the case names a domain refusal that is expected for that actor.
 */

export type Outcome = "ok" | ActionErrorCode;

export interface ActionCase {
  name: string;
  permission: Permission;
  run: (input: unknown, db: Db, actorUserId: string) => Promise<ActionResult<unknown>>;
  /** Input aimed at the actor's own organization's record (or, for a creation, just valid input). */
  own: (world: MatrixWorld, actor: MatrixActor) => unknown;
  /** Input aimed at the far organization's record; absent when the action takes no existing record. */
  other?: (world: MatrixWorld, actor: MatrixActor) => unknown;
  /** What an actor holding the permission gets for the own record, when it is not `ok`. */
  ownExpect?: (actor: MatrixActor) => Outcome;
  /** What an actor holding the permission gets for the far record, when it is not `not_found`. */
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

const holds = (actor: MatrixActor, permission: Permission) => permissionsFor(actor.role, actor.party === "system" ? null : actor.party).has(permission);

/** What an actor should get from an action for a target, by the rule above. */
export function expectedOutcome(spec: ActionCase, actor: MatrixActor, target: "own" | "other"): Outcome {
  if (!holds(actor, spec.permission)) return "forbidden";
  if (target === "other") return spec.otherExpect?.(actor) ?? "not_found";
  return spec.ownExpect?.(actor) ?? "ok";
}

const currentFiscalYear = () => fiscalYearOf(todayInJst());
const own = ownedBy;

export const ACTION_CASES: readonly ActionCase[] = [
  // Companies.
  action(createCompany, { own: () => ({ name: "マトリクス新規株式会社", prefectureCode: 17 }) }),
  action(checkCompanyDuplicates, { own: () => ({ name: "マトリクス新規株式会社", prefectureCode: 17 }), readsOnly: true }),
  action(updateCompany, {
    own: (w, a) => ({ id: own(w, a).company.id, version: 1, name: own(w, a).company.name, prefectureCode: 17, industry: "製造業" }),
    other: (w) => ({ id: w.far.company.id, version: 1, name: w.far.company.name, prefectureCode: 43, industry: "製造業" }),
  }),
  action(mergeCompanies, {
    own: (w, a) => ({ sourceId: own(w, a).duplicate.id, sourceVersion: 1, targetId: own(w, a).company.id, targetVersion: 1 }),
    other: (w, a) => ({ sourceId: w.far.company.id, sourceVersion: 1, targetId: own(w, a).company.id, targetVersion: 1 }),
  }),
  action(saveContact, {
    own: (w, a) => ({ companyId: own(w, a).company.id, name: "新しい 担当者" }),
    other: (w) => ({ companyId: w.far.company.id, name: "新しい 担当者" }),
  }),
  action(saveIpRight, {
    own: (w, a) => ({ companyId: own(w, a).company.id, kind: "trademark", title: "新しい商標", status: "filed" }),
    other: (w) => ({ companyId: w.far.company.id, kind: "trademark", title: "新しい商標", status: "filed" }),
  }),

  // Cases.
  action(openCase, {
    own: (w, a) => ({ companyId: own(w, a).company.id, title: "新しい支援案件" }),
    other: (w) => ({ companyId: w.far.company.id, title: "新しい支援案件" }),
  }),
  action(updateCase, {
    own: (w, a) => ({ id: own(w, a).case.id, version: 1, title: "改題した案件" }),
    other: (w) => ({ id: w.far.case.id, version: 1, title: "改題した案件" }),
  }),
  action(changeCaseStage, {
    own: (w, a) => ({ caseId: own(w, a).case.id, version: 1, toStage: "planning" }),
    other: (w) => ({ caseId: w.far.case.id, version: 1, toStage: "planning" }),
  }),
  action(setCaseMembers, {
    own: (w, a) => ({ caseId: own(w, a).case.id, version: 1, leadUserId: own(w, a).coordinator.userId, memberIds: [] }),
    other: (w) => ({ caseId: w.far.case.id, version: 1, leadUserId: w.far.coordinator.userId, memberIds: [] }),
  }),
  action(recordOutcome, {
    own: (w, a) => ({ caseId: own(w, a).case.id, kind: "contract", description: "ライセンス契約を締結", achievedOn: "2025-05-01" }),
    other: (w) => ({ caseId: w.far.case.id, kind: "contract", description: "ライセンス契約を締結", achievedOn: "2025-05-01" }),
  }),
  action(addConfidentialNote, {
    own: (w, a) => ({ caseId: own(w, a).case.id, body: "追加の秘匿メモ" }),
    other: (w) => ({ caseId: w.far.case.id, body: "追加の秘匿メモ" }),
  }),

  // Activities and next actions.
  action(logActivity, {
    own: (w, a) => ({ caseId: own(w, a).case.id, kind: "visit", occurredAt: "2025-05-01T10:00:00+09:00", summary: "訪問した" }),
    other: (w) => ({ caseId: w.far.case.id, kind: "visit", occurredAt: "2025-05-01T10:00:00+09:00", summary: "訪問した" }),
  }),
  action(completeNextAction, {
    own: (w, a) => ({ nextActionId: own(w, a).nextAction.id }),
    other: (w) => ({ nextActionId: w.far.nextAction.id }),
  }),

  // Consent and referrals.
  action(recordConsent, {
    own: (w, a) => ({ companyId: own(w, a).company.id, obtainedOn: "2025-05-01", method: "written" }),
    other: (w) => ({ companyId: w.far.company.id, obtainedOn: "2025-05-01", method: "written" }),
  }),
  action(sendReferral, {
    own: (w, a) => ({ companyId: own(w, a).company.id, consentId: own(w, a).consent.id, toOrgId: w.partner.org.id, service: "ip_consultation", reason: "相談を依頼" }),
    other: (w) => ({ companyId: w.far.company.id, consentId: w.far.consent.id, toOrgId: w.partner.org.id, service: "ip_consultation", reason: "相談を依頼" }),
  }),
  action(acceptReferral, {
    own: (w, a) => ({ referralId: own(w, a).inbound.sent.id }),
    other: (w) => ({ referralId: w.far.inbound.sent.id }),
  }),
  action(declineReferral, {
    own: (w, a) => ({ referralId: own(w, a).inbound.sent.id, declineReason: "担当できる者がいない" }),
    other: (w) => ({ referralId: w.far.inbound.sent.id, declineReason: "担当できる者がいない" }),
  }),
  action(startReferral, {
    own: (w, a) => ({ referralId: own(w, a).inbound.accepted.id }),
    other: (w) => ({ referralId: w.far.inbound.accepted.id }),
  }),
  action(completeReferral, {
    own: (w, a) => ({ referralId: own(w, a).inbound.inProgress.id, outcomeFeedback: "調査結果を報告" }),
    other: (w) => ({ referralId: w.far.inbound.inProgress.id, outcomeFeedback: "調査結果を報告" }),
  }),
  action(assignReferralHandler, {
    own: (w, a) => ({ referralId: own(w, a).inbound.accepted.id, handlerUserId: own(w, a).coordinator.userId }),
    other: (w) => ({ referralId: w.far.inbound.accepted.id, handlerUserId: w.far.coordinator.userId }),
  }),
  action(withdrawReferral, {
    own: (w, a) => ({ referralId: own(w, a).outbound.sent.id, withdrawReason: "企業の都合" }),
    other: (w) => ({ referralId: w.far.outbound.sent.id, withdrawReason: "企業の都合" }),
  }),
  action(revokeReferral, {
    own: (w, a) => ({ referralId: own(w, a).outbound.accepted.id, withdrawReason: "同意の撤回" }),
    other: (w) => ({ referralId: w.far.outbound.accepted.id, withdrawReason: "同意の撤回" }),
  }),
  action(closeLoggedReferral, {
    own: (w, a) => ({ referralId: own(w, a).outbound.logged.id, outcomeFeedback: "相談済みを確認" }),
    other: (w) => ({ referralId: w.far.outbound.logged.id, outcomeFeedback: "相談済みを確認" }),
  }),

  // Notifications: one's own only.
  action(markNotificationsRead, {
    own: (w, a) => ({ notificationId: w.notificationOf.get(a.actor.userId) }),
    other: (w) => ({ notificationId: w.notificationOf.get(w.far.coordinator.userId) }),
  }),

  // KPI targets and PDCA notes of the organization scope.
  action(setKpiTarget, {
    own: (w, a) => ({ fiscalYear: currentFiscalYear(), scopeKind: "organization", scopeRef: a.actor.orgId, metric: "consultations", targetValue: "40", version: 0 }),
    other: (w) => ({ fiscalYear: currentFiscalYear(), scopeKind: "organization", scopeRef: w.far.org.id, metric: "consultations", targetValue: "40", version: 0 }),
  }),
  action(savePdcaNote, {
    own: (w, a) => ({ fiscalYear: currentFiscalYear(), scopeKind: "organization", scopeRef: a.actor.orgId, quarter: 1, baseRevision: 0, plan: "相談件数を増やす" }),
    other: (w) => ({ fiscalYear: currentFiscalYear(), scopeKind: "organization", scopeRef: w.far.org.id, quarter: 1, baseRevision: 0, plan: "相談件数を増やす" }),
    // A producer writes the notes of their team and model region, not of their organization (lib/kpi/scope-access.ts).
    ownExpect: (a) => (a.role === "producer" ? "forbidden" : "ok"),
  }),

  // Administration: administrators manage every organization's users, so the far ones are theirs too.
  action(inviteUser, {
    own: (w) => ({ email: "matrix-invite@example.jp", name: "招待 太郎", organizationId: w.partner.org.id, role: "coordinator" }),
    other: (w) => ({ email: "matrix-invite@example.jp", name: "招待 太郎", organizationId: w.far.org.id, role: "coordinator" }),
    otherExpect: () => "ok",
  }),
  action(changeUserRole, {
    own: (w) => ({ userId: w.partner.coordinator.userId, version: 1, role: "manager" }),
    other: (w) => ({ userId: w.far.coordinator.userId, version: 1, role: "manager" }),
    otherExpect: () => "ok",
  }),
  action(setUserActive, {
    own: (w) => ({ userId: w.partner.coordinator.userId, version: 1, active: false }),
    other: (w) => ({ userId: w.far.coordinator.userId, version: 1, active: false }),
    otherExpect: () => "ok",
  }),
  action(issueInitialPassword, {
    own: (w) => ({ userId: w.partner.coordinator.userId, version: 1 }),
    other: (w) => ({ userId: w.far.coordinator.userId, version: 1 }),
    otherExpect: () => "ok",
  }),
  action(saveOrganization, {
    own: () => ({ nameJa: "新設 商工会議所", partyKindKey: "jcci", prefectureCode: 17 }),
    other: (w) => ({ id: w.far.org.id, version: 1, nameJa: "INPIT 熊本（改称）", partyKindKey: "inpit", prefectureCode: 43 }),
    otherExpect: () => "ok",
  }),
  action(setOrganizationActive, {
    own: (w) => ({ organizationId: w.partner.org.id, version: 1, active: false }),
    other: (w) => ({ organizationId: w.far.org.id, version: 1, active: false }),
    otherExpect: () => "ok",
  }),
  action(addPartyKind, { own: () => ({ key: "smea", nameJa: "中小企業庁", nameEn: "SME Agency" }) }),
];

// ---------------------------------------------------------------------------------------------------------
// Route handlers.

export interface RouteCall {
  db: Db;
  actor: MatrixActor;
  world: MatrixWorld;
}

export interface RouteCase {
  /** `GET /api/v1/cases/[id]`, as ./scan.ts names the route file. */
  key: string;
  /** Calls the route handler's core exactly as the route file does, for the own and (if any) the far target. */
  call: (target: "own" | "other", c: RouteCall) => Promise<Response>;
  hasOther: boolean;
  /** The HTTP status the actor should get. */
  expect: (target: "own" | "other", actor: MatrixActor) => number;
  /**
   * For a list: the ids of the own and far records it must and must not contain (checked only on a 200).
   * `mustList` is empty for an actor that may not see the own record (an administrator's empty list).
   */
  listed?: (c: RouteCall) => { items: (body: unknown) => string[]; mustList: string[]; mustNotList: string[] };
}

const BASE = "http://localhost";

function apiGet(handler: ApiHandler, path: string, params: (target: "own" | "other", c: RouteCall) => Record<string, string> = () => ({})) {
  return (target: "own" | "other", c: RouteCall) => {
    const routeParams = params(target, c);
    const url = path.replace(/\[(\w+)\]/g, (_, name: string) => routeParams[name] ?? "").replace(/\{(\w+)\}/g, (_, name: string) => routeParams[name] ?? "");
    return handleApiRequest(new Request(`${BASE}${url}`), { actorUserId: c.actor.actor.userId, db: c.db, params: routeParams }, handler);
  };
}

/** 200 with the read permission, else the answer of a list that holds nothing: a 200 with no items. */
const okForAll = () => 200;
/** A record route: 200 when the actor holds the permission and the record is their own, else 404. */
const recordStatus = (permission: Permission) => (target: "own" | "other", actor: MatrixActor) => (target === "own" && holds(actor, permission) ? 200 : 404);

const ids = (key: string) => (body: unknown) => ((body as Record<string, { id: string }[]>)[key] ?? []).map((item) => item.id);

export const ROUTE_CASES: readonly RouteCase[] = [
  { key: "GET /api/v1/me", call: apiGet(getMe, "/api/v1/me"), hasOther: false, expect: okForAll },
  {
    key: "GET /api/v1/companies",
    call: apiGet(listCompanies, "/api/v1/companies?limit=200"),
    hasOther: false,
    expect: okForAll,
    listed: ({ world, actor }) => ({
      items: ids("items"),
      mustList: holds(actor, "company:read") ? [ownedBy(world, actor).company.id] : [],
      mustNotList: [world.far.company.id],
    }),
  },
  {
    key: "GET /api/v1/companies/[id]",
    call: apiGet(getCompany, "/api/v1/companies/[id]", (t, { world, actor }) => ({ id: t === "own" ? ownedBy(world, actor).company.id : world.far.company.id })),
    hasOther: true,
    expect: recordStatus("company:read"),
  },
  {
    key: "GET /api/v1/cases",
    call: apiGet(listCases, "/api/v1/cases?limit=200"),
    hasOther: false,
    expect: okForAll,
    listed: ({ world, actor }) => ({
      items: ids("items"),
      mustList: holds(actor, "case:read") ? [ownedBy(world, actor).case.id] : [],
      mustNotList: [world.far.case.id],
    }),
  },
  {
    key: "GET /api/v1/cases/[id]",
    call: apiGet(getCase, "/api/v1/cases/[id]", (t, { world, actor }) => ({ id: t === "own" ? ownedBy(world, actor).case.id : world.far.case.id })),
    hasOther: true,
    expect: recordStatus("case:read"),
  },
  {
    key: "POST /api/v1/cases/[id]/activities",
    call: (target, { world, actor, db }) =>
      handleActionRequest(
        new Request(`${BASE}/api/v1/cases/x/activities`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ kind: "call", occurredAt: "2025-05-01T10:00:00+09:00", summary: "電話で確認" }),
        }),
        { actorUserId: actor.actor.userId, db, params: { id: target === "own" ? ownedBy(world, actor).case.id : world.far.case.id } },
        logActivity,
        (body, params) => ({ ...body, caseId: params.id }),
      ),
    hasOther: true,
    expect: (target, actor) => (!holds(actor, "activity:create") ? 403 : target === "own" ? 200 : 404),
  },
  {
    key: "GET /api/v1/referrals",
    call: apiGet(listReferrals, "/api/v1/referrals?box=inbox&limit=200"),
    hasOther: false,
    expect: okForAll,
    listed: ({ world, actor }) => ({
      items: ids("items"),
      mustList: holds(actor, "referral:read") ? [ownedBy(world, actor).inbound.sent.id] : [],
      mustNotList: [world.far.inbound.sent.id],
    }),
  },
  {
    key: "GET /api/v1/referrals/[id]",
    call: apiGet(getReferral, "/api/v1/referrals/[id]", (t, { world, actor }) => ({ id: t === "own" ? ownedBy(world, actor).inbound.sent.id : world.far.inbound.sent.id })),
    hasOther: true,
    expect: recordStatus("referral:read"),
  },
  {
    key: "POST /api/v1/referrals/[id]/accept",
    call: (target, { world, actor, db }) =>
      handleActionRequest(
        new Request(`${BASE}/api/v1/referrals/x/accept`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }),
        { actorUserId: actor.actor.userId, db, params: { id: target === "own" ? ownedBy(world, actor).inbound.sent.id : world.far.inbound.sent.id } },
        acceptReferral,
        (body, params) => ({ ...body, referralId: params.id }),
      ),
    hasOther: true,
    expect: (target, actor) => (!holds(actor, "referral:respond") ? 403 : target === "own" ? 200 : 404),
  },
  { key: "GET /api/v1/referrals/counts", call: apiGet(getReferralCounts, "/api/v1/referrals/counts"), hasOther: false, expect: okForAll },
  {
    key: "GET /api/v1/notifications",
    call: apiGet(listNotifications, "/api/v1/notifications"),
    hasOther: false,
    expect: okForAll,
    listed: ({ world, actor }) => ({
      items: ids("items"),
      mustList: [world.notificationOf.get(actor.actor.userId)!],
      mustNotList: [world.notificationOf.get(world.far.coordinator.userId)!],
    }),
  },
  { key: "POST /api/v1/notifications/refresh", call: apiGet(refreshNotifications, "/api/v1/notifications/refresh"), hasOther: false, expect: okForAll },
  {
    key: "GET /api/v1/kpi",
    call: apiGet(getKpi, "/api/v1/kpi?scope=organization&ref={ref}", (t, { world, actor }) => ({ ref: t === "own" ? actor.actor.orgId : world.far.org.id })),
    hasOther: true,
    expect: recordStatus("kpi:read"),
  },
  { key: "GET /api/v1/kpi/scopes", call: apiGet(listKpiScopes, "/api/v1/kpi/scopes"), hasOther: false, expect: okForAll },
  {
    key: "GET /api/v1/teams",
    call: apiGet(listTeams, "/api/v1/teams"),
    hasOther: false,
    expect: okForAll,
    listed: ({ world, actor }) => ({
      items: ids("items"),
      mustList: holds(actor, "team:read") ? [world.team.id] : [],
      mustNotList: [world.far.team.id],
    }),
  },
  {
    key: "GET /api/v1/teams/[id]",
    call: apiGet(getTeam, "/api/v1/teams/[id]", (t, { world }) => ({ id: t === "own" ? world.team.id : world.far.team.id })),
    hasOther: true,
    expect: recordStatus("team:read"),
  },
  {
    key: "GET /api/v1/exports/companies",
    call: (_t, { actor, db }) => handleExportRequest(new Request(`${BASE}/api/v1/exports/companies?format=csv`), { actorUserId: actor.actor.userId, db }, "companies"),
    hasOther: false,
    expect: (_t, actor) => (holds(actor, "export:read") && holds(actor, "company:read") ? 200 : 403),
  },
  {
    key: "GET /api/v1/exports/cases",
    call: (_t, { actor, db }) => handleExportRequest(new Request(`${BASE}/api/v1/exports/cases?format=csv`), { actorUserId: actor.actor.userId, db }, "cases"),
    hasOther: false,
    expect: (_t, actor) => (holds(actor, "export:read") && holds(actor, "case:read") ? 200 : 403),
  },
  {
    key: "GET /api/v1/reports/kpi",
    call: (t, { world, actor, db }) =>
      handleKpiWorkbookRequest(new Request(`${BASE}/api/v1/reports/kpi?scope=organization&ref=${t === "own" ? actor.actor.orgId : world.far.org.id}`), {
        actorUserId: actor.actor.userId,
        db,
      }),
    hasOther: true,
    expect: (t, actor) => (t === "own" && holds(actor, "export:read") && holds(actor, "kpi:read") ? 200 : 404),
  },
  {
    key: "GET /audit/export",
    call: (_t, { actor, db }) => handleAuditExportRequest(new Request(`${BASE}/audit/export?format=csv`), { actorUserId: actor.actor.userId, db }),
    hasOther: false,
    expect: (_t, actor) => (holds(actor, "audit:read") ? 200 : 404),
  },
];
