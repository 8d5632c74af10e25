import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { notifications } from "@/db/schema";
import { completeNextAction } from "@/lib/activities/complete-next-action";
import { logActivity } from "@/lib/activities/log-activity";
import { changeUserRole } from "@/lib/admin/change-user-role";
import { setUserActive } from "@/lib/admin/set-user-active";
import { handleApiRequest, type ApiHandler } from "@/lib/api/handle-api-request";
import { listNotifications } from "@/lib/api/notifications";
import { getCase, getCompany, getReferral, listCases, listReferrals } from "@/lib/api/v1";
import { addConfidentialNote } from "@/lib/cases/add-confidential-note";
import { changeCaseStage } from "@/lib/cases/change-case-stage";
import { openCase } from "@/lib/cases/open-case";
import { recordOutcome } from "@/lib/cases/record-outcome";
import { setCaseMembers } from "@/lib/cases/set-case-members";
import { updateCase } from "@/lib/cases/update-case";
import { saveContact } from "@/lib/companies/save-contact";
import { saveIpRight } from "@/lib/companies/save-ip-right";
import { getKpi } from "@/lib/kpi/api";
import { savePdcaNote } from "@/lib/kpi/save-pdca-note";
import { setKpiTarget } from "@/lib/kpi/set-kpi-target";
import { markNotificationsRead } from "@/lib/notifications/mark-read";
import { recordConsent } from "@/lib/referrals/record-consent";
import { sendReferral } from "@/lib/referrals/send-referral";
import { acceptReferral, assignReferralHandler, declineReferral, withdrawReferral } from "@/lib/referrals/transition-referral";
import { getTeam } from "@/lib/teams/api";
import { fiscalYearOf, todayInJst } from "@/lib/format/fiscal-year";
import { createFixtures, seedNetwork, type Fixtures } from "@/lib/test/fixtures";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { keyed } from "@/lib/test/keyed";
import { runAction, type ActionDefinition, type ActionErrorCode } from "./action";
import type { Actor } from "./actor";
import { fingerprint } from "./matrix/isolation";

/**
 * Insecure direct object references: ids that belong to someone else, tried through every door — the actions
 * (also as the *second* id of an input whose first id is the actor's own: a consent of another company, a
 * contact of another company, a handler of another organization) and the API. The neighbours here are close:
 * the same prefecture (石川: the INPIT desk, the chamber, 弁理士会 北陸会) and the same block (富山, the 中部
 * bureau), where scopes overlap most. Every attempt must be refused as not found (or invalid, for a second id
 * that is simply not a valid choice) and must change nothing.
 */
describe.each(TEST_ENGINES)("ids of other organizations (%s)", (engine) => {
  let t: TestDb;
  let f: Fixtures;
  let network: Awaited<ReturnType<typeof seedNetwork>>;
  let a: Awaited<ReturnType<typeof seedNetwork>>["actors"];
  let victim: Awaited<ReturnType<typeof seedVictim>>;

  /** The 石川 INPIT desk's records, and the chamber's own company the attackers use as a first id. */
  async function seedVictim() {
    const company = await f.company({ name: "株式会社金沢精機", prefecture: 17, createdBy: a.ishikawaCoordinator });
    const kase = await f.case({ company, lead: a.ishikawaCoordinator, members: [a.ishikawaColleague], title: "金沢精機の出願準備" });
    const note = await f.confidentialNote(kase, a.ishikawaCoordinator, "未出願の治具の寸法");
    const contact = await f.contact(company, "金沢 一郎");
    const preparing = await f.ipRight(company, { title: "出願準備中の発明", status: "preparing" });
    const consent = await f.consent(company, a.ishikawaCoordinator, { consultationSummary: true });
    const nextAction = await f.nextAction(kase, a.ishikawaCoordinator);
    const referralToJpaa = await f.referral({ from: a.ishikawaCoordinator, to: network.orgs.hokurikuJpaa, company, case: kase, status: "sent", consent });
    const team = await f.team({ lead: await f.user(network.orgs.chubuBureau, "producer"), members: [a.ishikawaCoordinator] });
    const [colleagueNotice] = await t.db
      .insert(notifications)
      .values({ userId: a.ishikawaColleague.userId, kind: "referral.received", params: { code: "X" } })
      .returning();
    const chamberCompany = await f.company({ name: "株式会社商工会員", prefecture: 17, createdBy: a.chamberAdvisor });
    const chamberContact = await f.contact(chamberCompany, "会員 花子");
    const chamberConsent = await f.consent(chamberCompany, a.chamberAdvisor);
    const chamberCase = await f.case({ company: chamberCompany, lead: a.chamberAdvisor });
    const chamberNotice = (
      await t.db.insert(notifications).values({ userId: a.chamberAdvisor.userId, kind: "referral.received", params: { code: "Y" } }).returning()
    )[0]!;
    return { company, kase, note, contact, preparing, consent, nextAction, referralToJpaa, team, colleagueNotice: colleagueNotice!, chamberCompany, chamberContact, chamberConsent, chamberCase, chamberNotice };
  }

  beforeAll(async () => {
    t = await createTestDb(engine);
    f = await createFixtures(t.db);
    network = await seedNetwork(f);
    a = network.actors;
    victim = await seedVictim();
  });
  afterAll(() => t?.cleanup());

  /** Runs the action and checks that a refusal wrote nothing anywhere. */
  async function attempt<S extends z.ZodType, R>(definition: ActionDefinition<S, R>, actor: Actor, input: unknown): Promise<ActionErrorCode | "ok"> {
    const before = await fingerprint(t.db);
    const result = await runAction(definition, input, { actorUserId: actor.userId, db: t.db });
    if (result.ok) return "ok";
    expect((await fingerprint(t.db)).state, `${definition.name} by ${actor.name} changed something`).toEqual(before.state);
    return result.code;
  }

  async function get(handler: ApiHandler, actor: Actor, url: string, params: Record<string, string> = {}) {
    const response = await handleApiRequest(new Request(`http://localhost${url}`), { actorUserId: actor.userId, db: t.db, params }, handler);
    return { status: response.status, text: await response.text() };
  }

  const outsiders = () => [
    ["the chamber in the same prefecture", a.chamberAdvisor],
    ["弁理士会 in the same prefecture", a.attorney],
    ["the INPIT desk of the next prefecture", a.toyamaCoordinator],
    ["the bureau's staff of the block", a.bureauCoordinator],
    ["the bureau's manager of the block", a.bureauManager],
  ] as const;

  describe("a case another desk owns", () => {
    it("is not found through every case action, for neighbours of every party", async () => {
      const caseId = victim.kase.id;
      for (const [who, actor] of outsiders()) {
        const results = {
          update: await attempt(updateCase, actor, { id: caseId, version: 1, title: "乗っ取り" }),
          stage: await attempt(changeCaseStage, actor, { caseId, version: 1, toStage: "closed" }),
          members: await attempt(setCaseMembers, actor, { caseId, version: 1, leadUserId: actor.userId, memberIds: [] }),
          outcome: await attempt(recordOutcome, actor, keyed({ caseId, kind: "contract", description: "x", achievedOn: "2025-05-01" })),
          note: await attempt(addConfidentialNote, actor, keyed({ caseId, body: "x" })),
          activity: await attempt(logActivity, actor, keyed({ caseId, kind: "call", occurredAt: "2025-05-01T10:00:00+09:00", summary: "x" })),
          nextAction: await attempt(completeNextAction, actor, { nextActionId: victim.nextAction.id }),
          referral: await attempt(sendReferral, actor, keyed({ caseId, consentId: victim.consent.id, toOrgId: network.orgs.toyamaInpit.id, service: "other", reason: "x" })),
        };
        for (const [door, code] of Object.entries(results)) expect(code, `${who}: ${door}`).toBe("not_found");
      }
    });

    it("is a 404 in the API that names nothing, and missing from every list", async () => {
      for (const [who, actor] of [...outsiders(), ["the administrator", a.admin] as const]) {
        const one = await get(getCase, actor, `/api/v1/cases/${victim.kase.id}`, { id: victim.kase.id });
        expect(one.status, who).toBe(404);
        expect(one.text).not.toContain("金沢精機");
        expect(one.text).not.toContain("未出願");
        const list = await get(listCases, actor, "/api/v1/cases?limit=200");
        expect(list.text, who).not.toContain(victim.kase.id);
      }
    });
  });

  describe("second ids inside an otherwise valid input", () => {
    it("refuses another company's contact edited under the actor's own company", async () => {
      const code = await attempt(saveContact, a.chamberAdvisor, { companyId: victim.chamberCompany.id, id: victim.contact.id, version: 1, name: "書き換え" });
      expect(code).toBe("not_found");
    });

    it("refuses the contacts of a company the chamber can find but whose people it may not see (APPI)", async () => {
      expect(await attempt(saveContact, a.chamberAdvisor, keyed({ companyId: victim.company.id, name: "追加" }))).toBe("not_found");
      expect(await attempt(saveContact, a.chamberAdvisor, { companyId: victim.company.id, id: victim.contact.id, version: 1, name: "書き換え" })).toBe("not_found");
    });

    it("refuses an unfiled IP right of another organization's company, under either company id", async () => {
      for (const companyId of [victim.company.id, victim.chamberCompany.id]) {
        expect(
          await attempt(saveIpRight, a.chamberAdvisor, { companyId, id: victim.preparing.id, version: 1, kind: "patent", title: "盗み見", status: "filed" }),
          companyId,
        ).toBe("not_found");
      }
    });

    it("refuses another company's consent for the actor's own company's referral", async () => {
      const result = await runAction(
        sendReferral,
        keyed({ companyId: victim.chamberCompany.id, consentId: victim.consent.id, toOrgId: network.orgs.ishikawaInpit.id, service: "ip_consultation", reason: "x" }),
        { actorUserId: a.chamberAdvisor.userId, db: t.db },
      );
      expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { consentId: [expect.stringContaining("同意記録が見つかりません")] } });
    });

    it("refuses a handler from another organization when accepting or reassigning", async () => {
      const before = await fingerprint(t.db);
      const input = { referralId: victim.referralToJpaa.id, handlerUserId: a.ishikawaCoordinator.userId };
      const options = { actorUserId: a.attorney.userId, db: t.db };
      expect(await runAction(acceptReferral, input, options)).toMatchObject({ ok: false, code: "invalid", fieldErrors: { handlerUserId: [expect.any(String)] } });
      // Reassigning needs a live referral; this one is still unanswered, so it is refused before the handler is looked at.
      expect((await runAction(assignReferralHandler, input, options)).ok).toBe(false);
      expect((await fingerprint(t.db)).state).toEqual(before.state);
    });

    it("refuses a next action for someone who cannot see the case, and an administrator as a case member", async () => {
      const withAssignee = await runAction(
        logActivity,
        keyed({ caseId: victim.kase.id, kind: "visit", occurredAt: "2025-05-01T10:00:00+09:00", summary: "訪問", "nextAction.title": "x", "nextAction.assigneeUserId": a.chamberAdvisor.userId, "nextAction.dueOn": "2099-01-01" }),
        { actorUserId: a.ishikawaCoordinator.userId, db: t.db },
      );
      expect(withAssignee).toMatchObject({ ok: false, code: "invalid", fieldErrors: { "nextAction.assigneeUserId": [expect.any(String)] } });
      const withAdmin = await runAction(
        setCaseMembers,
        { caseId: victim.kase.id, version: 1, leadUserId: a.ishikawaCoordinator.userId, memberIds: [a.admin.userId] },
        { actorUserId: a.ishikawaCoordinator.userId, db: t.db },
      );
      expect(withAdmin).toMatchObject({ ok: false, code: "invalid" });
    });

    it("refuses a producer team the actor is not in when opening a case", async () => {
      const result = await runAction(openCase, keyed({ companyId: victim.chamberCompany.id, title: "x", producerTeamId: victim.team.id }), { actorUserId: a.chamberAdvisor.userId, db: t.db });
      expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { producerTeamId: [expect.any(String)] } });
    });
  });

  describe("a referral between two other organizations", () => {
    it("is not found for the chamber and the next prefecture's desk, in actions and the API", async () => {
      const referralId = victim.referralToJpaa.id;
      for (const actor of [a.chamberAdvisor, a.toyamaCoordinator, a.bureauManager]) {
        expect(await attempt(acceptReferral, actor, { referralId })).toBe("not_found");
        expect(await attempt(declineReferral, actor, { referralId, declineReason: "x" })).toBe("not_found");
        expect(await attempt(withdrawReferral, actor, { referralId, withdrawReason: "x" })).toBe("not_found");
        expect((await get(getReferral, actor, `/api/v1/referrals/${referralId}`, { id: referralId })).status).toBe(404);
        expect((await get(listReferrals, actor, "/api/v1/referrals?box=inbox&limit=200")).text).not.toContain(referralId);
        expect((await get(listReferrals, actor, "/api/v1/referrals?box=outbox&limit=200")).text).not.toContain(referralId);
      }
    });

    it("lets each side make only its own moves: the receiver cannot withdraw what it was sent", async () => {
      expect(await attempt(withdrawReferral, a.attorney, { referralId: victim.referralToJpaa.id, withdrawReason: "x" })).toBe("forbidden");
    });
  });

  describe("companies", () => {
    it("are not found for 弁理士会 without a referral or case, even in its own prefecture", async () => {
      expect((await get(getCompany, a.attorney, `/api/v1/companies/${victim.chamberCompany.id}`, { id: victim.chamberCompany.id })).status).toBe(404);
      expect(await attempt(recordConsent, a.attorney, keyed({ companyId: victim.chamberCompany.id, obtainedOn: "2025-05-01", method: "written" }))).toBe("not_found");
    });

    it("are not found for a desk of another block", async () => {
      const far = await f.user(await f.organization({ party: "inpit", prefecture: 43 }));
      expect((await get(getCompany, far, `/api/v1/companies/${victim.company.id}`, { id: victim.company.id })).status).toBe(404);
      expect(await attempt(recordConsent, far, keyed({ companyId: victim.company.id, obtainedOn: "2025-05-01", method: "written" }))).toBe("not_found");
    });
  });

  describe("personal things of a colleague", () => {
    it("keeps a colleague's notification theirs, in the same organization", async () => {
      expect(await attempt(markNotificationsRead, a.ishikawaCoordinator, { notificationId: victim.colleagueNotice.id })).toBe("not_found");
      expect(await attempt(markNotificationsRead, a.ishikawaCoordinator, { notificationId: victim.chamberNotice.id })).toBe("not_found");
      expect((await get(listNotifications, a.ishikawaCoordinator, "/api/v1/notifications")).text).not.toContain(victim.colleagueNotice.id);
    });
  });

  describe("KPI scopes and producer teams", () => {
    const fiscalYear = fiscalYearOf(todayInJst());

    it("does not let a manager set or read another organization's targets", async () => {
      const manager = await f.user(network.orgs.kanazawaJcci, "manager");
      const scope = { fiscalYear, scopeKind: "organization", scopeRef: network.orgs.ishikawaInpit.id };
      expect(await attempt(setKpiTarget, manager, { ...scope, metric: "consultations", targetValue: "999", version: 0 })).toBe("not_found");
      expect(await attempt(savePdcaNote, manager, { ...scope, quarter: 1, baseRevision: 0, plan: "x" })).toBe("not_found");
      expect((await get(getKpi, manager, `/api/v1/kpi?scope=organization&ref=${network.orgs.ishikawaInpit.id}`)).status).toBe(404);
    });

    it("answers 404 for a producer team the actor is not in", async () => {
      expect((await get(getTeam, a.toyamaCoordinator, `/api/v1/teams/${victim.team.id}`, { id: victim.team.id })).status).toBe(404);
      expect((await get(getTeam, a.chamberAdvisor, `/api/v1/teams/${victim.team.id}`, { id: victim.team.id })).status).toBe(404);
      expect((await get(getTeam, a.ishikawaCoordinator, `/api/v1/teams/${victim.team.id}`, { id: victim.team.id })).status).toBe(200);
    });
  });

  describe("user administration", () => {
    it("is refused to managers, whoever the user is", async () => {
      for (const target of [a.ishikawaCoordinator, a.chamberAdvisor]) {
        expect(await attempt(changeUserRole, a.ishikawaManager, { userId: target.userId, version: 1, role: "manager" })).toBe("forbidden");
        expect(await attempt(setUserActive, a.ishikawaManager, { userId: target.userId, version: 1, active: false })).toBe("forbidden");
      }
    });
  });

  describe("malformed and invented ids", () => {
    const invented = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";

    it("are not found, or invalid input — never an error that tells more", async () => {
      for (const id of ["../../etc/passwd", "1 or 1=1", "", invented]) {
        expect(["not_found", "invalid"], id).toContain(await attempt(updateCase, a.ishikawaCoordinator, { id, version: 1, title: "x" }));
        expect(["not_found", "invalid"], id).toContain(await attempt(acceptReferral, a.attorney, { referralId: id }));
        for (const [handler, path] of [
          [getCase, "cases"],
          [getCompany, "companies"],
          [getReferral, "referrals"],
        ] as const) {
          expect((await get(handler, a.ishikawaCoordinator, `/api/v1/${path}/x`, { id })).status, `${path} ${id}`).toBe(404);
        }
      }
    });
  });
});
