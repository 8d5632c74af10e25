import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { auditLog, consents, notifications } from "@/db/schema";
import { runAction, type ActionDefinition } from "@/lib/authz/action";
import type { Actor } from "@/lib/authz/actor";
import { getCaseForActor } from "@/lib/cases/queries";
import { getCompanyForActor } from "@/lib/companies/queries";
import { createFixtures, seedNetwork, type ConsentScopes, type Fixtures } from "@/lib/test/fixtures";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { keyed } from "@/lib/test/keyed";
import { findConsentsForCompany } from "./form-options";
import { findProvisionsForCompany } from "./provisions";
import { getReferralForActor } from "./queries";
import { revokeConsent } from "./revoke-consent";
import { sendReferral } from "./send-referral";
import { acceptReferral } from "./transition-referral";

/**
 * 同意の撤回 (issue #4): the organization that recorded a company's consent records that the company withdrew
 * it. Only that organization may; for anyone else the consent does not exist. A second revocation changes
 * nothing. From that moment the receivers of referrals on the consent lose what it covered, and keep the record.
 */
describe.each(TEST_ENGINES)("revoking a consent (%s)", (engine) => {
  let t: TestDb;
  let f: Fixtures;
  let network: Awaited<ReturnType<typeof seedNetwork>>;
  let a: Awaited<ReturnType<typeof seedNetwork>>["actors"];

  beforeAll(async () => {
    t = await createTestDb(engine);
    f = await createFixtures(t.db);
    network = await seedNetwork(f);
    a = network.actors;
  });
  afterAll(() => t?.cleanup());

  const run = <S extends z.ZodType, R>(action: ActionDefinition<S, R>, actor: Actor, input: unknown) =>
    runAction(action, input, { actorUserId: actor.userId, db: t.db });

  async function ok<S extends z.ZodType, R>(action: ActionDefinition<S, R>, actor: Actor, input: unknown): Promise<R> {
    const result = await run(action, actor, input);
    if (!result.ok) throw new Error(`${action.name} refused: ${result.code} ${result.message}`);
    return result.data;
  }

  const revokeAudits = (consentId: string) =>
    t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "consent.revoke"), eq(auditLog.entityId, consentId)));

  const revokedAtOf = async (consentId: string) => (await t.db.select().from(consents).where(eq(consents.id, consentId)))[0]!.revokedAt;

  /** A 石川 company with a case of the 石川 INPIT desk and a consent the desk recorded. */
  async function consentOfIshikawa(scopes: ConsentScopes = { consultationSummary: true }) {
    const company = await f.company({ prefecture: 17, createdBy: a.ishikawaCoordinator });
    await f.contact(company, "代表 花子");
    const kase = await f.case({ company, lead: a.ishikawaCoordinator, summary: "新しい醸造装置の特許化を検討" });
    await f.confidentialNote(kase, a.ishikawaCoordinator, "未出願: 発酵槽の温度制御");
    const consent = await f.consent(company, a.ishikawaCoordinator, scopes);
    return { company, kase, consent };
  }

  describe("who may revoke", () => {
    it("the recording organization's staff: the date is set, the reason and before/after are audited", async () => {
      const { consent } = await consentOfIshikawa();
      const before = Date.now();
      // A colleague of the person who recorded it: the consent is the organization's record, not the person's.
      const result = await run(revokeConsent, a.ishikawaColleague, { consentId: consent.id, reason: "代表者から電話で撤回の申し出" });
      expect(result).toMatchObject({ ok: true, data: { id: consent.id, changed: true } });

      const revokedAt = await revokedAtOf(consent.id);
      expect(revokedAt).toBeInstanceOf(Date);
      expect(revokedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
      const [row, ...more] = await revokeAudits(consent.id);
      expect(more).toEqual([]);
      expect(row).toMatchObject({
        actorUserId: a.ishikawaColleague.userId,
        actorOrgId: network.orgs.ishikawaInpit.id,
        entityType: "consent",
        before: expect.objectContaining({ id: consent.id, revokedAt: null }),
        after: expect.objectContaining({ id: consent.id, revokedAt: revokedAt!.toISOString() }),
        meta: expect.objectContaining({ companyId: consent.companyId, reason: "代表者から電話で撤回の申し出" }),
      });
    });

    it("the recording organization's manager", async () => {
      const { consent } = await consentOfIshikawa();
      expect(await run(revokeConsent, a.ishikawaManager, { consentId: consent.id, reason: "書面で撤回" })).toMatchObject({ ok: true });
      expect(await revokedAtOf(consent.id)).toBeInstanceOf(Date);
    });

    it("not another organization, even one that sees the company or referred on the consent: not found, nothing changed", async () => {
      const { company, consent } = await consentOfIshikawa();
      // The chamber of the same prefecture finds the company and sent a referral on the desk's consent.
      await f.referral({ from: a.chamberAdvisor, to: network.orgs.toyamaInpit, company, consent });
      expect((await findConsentsForCompany(t.db, a.chamberAdvisor, company.id))?.items).toEqual([expect.objectContaining({ id: consent.id })]);

      for (const outsider of [a.chamberAdvisor, a.toyamaCoordinator, a.bureauManager, a.attorney]) {
        const result = await run(revokeConsent, outsider, { consentId: consent.id, reason: "撤回" });
        expect(result, outsider.name).toMatchObject({ ok: false, code: "not_found" });
      }
      // An administrator has no consent permission at all.
      expect(await run(revokeConsent, a.admin, { consentId: consent.id, reason: "撤回" })).toMatchObject({ ok: false, code: "forbidden" });
      expect(await revokedAtOf(consent.id)).toBeNull();
      expect(await revokeAudits(consent.id)).toEqual([]);
    });

    it("answers not found for a consent that does not exist, and asks for the reason", async () => {
      const missing = await run(revokeConsent, a.ishikawaCoordinator, { consentId: "6f1c1f3e-2a8b-4c55-9d7e-0a1b2c3d4e5f", reason: "撤回" });
      expect(missing).toMatchObject({ ok: false, code: "not_found" });

      const { consent } = await consentOfIshikawa();
      const noReason = await run(revokeConsent, a.ishikawaCoordinator, { consentId: consent.id, reason: "  " });
      expect(noReason).toMatchObject({ ok: false, code: "invalid", fieldErrors: { reason: [expect.stringContaining("撤回の理由")] } });
      expect(await revokedAtOf(consent.id)).toBeNull();
    });
  });

  describe("idempotence", () => {
    it("a second revocation changes nothing: the first date stands and no second audit row is written", async () => {
      const { consent } = await consentOfIshikawa();
      await ok(revokeConsent, a.ishikawaCoordinator, { consentId: consent.id, reason: "撤回の申し出" });
      const first = await revokedAtOf(consent.id);

      const again = await run(revokeConsent, a.ishikawaManager, { consentId: consent.id, reason: "二度目" });
      expect(again).toMatchObject({ ok: true, data: { id: consent.id, changed: false, revokedAt: first } });
      expect(await revokedAtOf(consent.id)).toEqual(first);
      expect(await revokeAudits(consent.id)).toHaveLength(1);
    });

    it("two revocations at the same moment: one writes, the other finds it done", async () => {
      const { consent } = await consentOfIshikawa();
      const results = await Promise.all([
        ok(revokeConsent, a.ishikawaCoordinator, { consentId: consent.id, reason: "同時 1" }),
        ok(revokeConsent, a.ishikawaColleague, { consentId: consent.id, reason: "同時 2" }),
      ]);
      expect(results.map((r) => r.changed).sort()).toEqual([false, true]);
      expect(await revokeAudits(consent.id)).toHaveLength(1);
    });
  });

  describe("what the receivers of referrals on it keep", () => {
    async function acceptedReferral(scopes: ConsentScopes) {
      const world = await consentOfIshikawa(scopes);
      const sent = await ok(sendReferral, a.ishikawaCoordinator, keyed({
        caseId: world.kase.id,
        consentId: world.consent.id,
        toOrgId: network.orgs.hokurikuJpaa.id,
        service: "attorney_consultation",
        reason: "特許出願の可否を相談したい",
      }));
      return { ...world, referralId: sent.id };
    }

    it("a live referral: the case, the notes and the company are gone at once; the referral record stays", async () => {
      const world = await acceptedReferral({ consultationSummary: true, confidentialNotes: true });
      await ok(acceptReferral, a.attorney, { referralId: world.referralId });
      const kase = await getCaseForActor(t.db, a.attorney, world.kase.id);
      expect(kase!.confidentialNotes?.map((n) => n.body)).toEqual(["未出願: 発酵槽の温度制御"]);
      expect((await getCompanyForActor(t.db, a.attorney, world.company.id))!.contacts).toHaveLength(1);

      await ok(revokeConsent, a.ishikawaCoordinator, { consentId: world.consent.id, reason: "企業が情報提供を取りやめた" });

      expect(await getCaseForActor(t.db, a.attorney, world.kase.id)).toBeNull();
      expect(await getCompanyForActor(t.db, a.attorney, world.company.id)).toBeNull();
      const referral = await getReferralForActor(t.db, a.attorney, world.referralId);
      expect(referral).toMatchObject({ status: "accepted", case: null });
      expect(referral!.consent.revokedAt).toBeInstanceOf(Date);
      expect(referral!.company.profile).toBeUndefined();
      // The sender keeps its own case and company, and the record of provision shows the withdrawal.
      expect(await getCaseForActor(t.db, a.ishikawaCoordinator, world.kase.id)).not.toBeNull();
      const [provision] = (await findProvisionsForCompany(t.db, a.ishikawaCoordinator, world.company.id))!.items;
      expect(provision!.consent.revokedAt).toBeInstanceOf(Date);
    });

    it("a pending referral: the receiver no longer sees the company's basic profile", async () => {
      const world = await acceptedReferral({});
      expect(await getCompanyForActor(t.db, a.attorney, world.company.id)).not.toBeNull();
      await ok(revokeConsent, a.ishikawaCoordinator, { consentId: world.consent.id, reason: "撤回" });
      expect(await getCompanyForActor(t.db, a.attorney, world.company.id)).toBeNull();
      expect((await getReferralForActor(t.db, a.attorney, world.referralId))!.company.profile).toBeUndefined();
    });

    it("tells the receiving desk of each open referral on the consent, and no one of a closed one", async () => {
      const world = await acceptedReferral({ consultationSummary: true });
      await ok(acceptReferral, a.attorney, { referralId: world.referralId });
      const closed = await f.referral({ from: a.ishikawaCoordinator, to: network.orgs.toyamaInpit, company: world.company, consent: world.consent, status: "completed" });

      await ok(revokeConsent, a.ishikawaCoordinator, { consentId: world.consent.id, reason: "撤回" });
      const notices = await t.db.select().from(notifications).where(eq(notifications.kind, "referral.consent_revoked"));
      expect(notices.filter((n) => n.entityId === world.referralId).map((n) => n.userId)).toEqual([a.attorney.userId]);
      expect(notices.filter((n) => n.entityId === closed.id)).toEqual([]);
    });

    it("no new referral can be sent on it", async () => {
      const world = await consentOfIshikawa();
      await ok(revokeConsent, a.ishikawaCoordinator, { consentId: world.consent.id, reason: "撤回" });
      const result = await run(sendReferral, a.ishikawaCoordinator, keyed({
        companyId: world.company.id,
        consentId: world.consent.id,
        toOrgId: network.orgs.hokurikuJpaa.id,
        service: "attorney_consultation",
        reason: "相談",
      }));
      expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { consentId: [expect.stringContaining("撤回")] } });
    });
  });
});
