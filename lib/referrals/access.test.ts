import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { auditLog } from "@/db/schema";
import { runAction, type ActionDefinition } from "@/lib/authz/action";
import type { Actor } from "@/lib/authz/actor";
import { getCaseForActor } from "@/lib/cases/queries";
import { getCompanyForActor } from "@/lib/companies/queries";
import { createFixtures, seedNetwork, type ConsentScopes, type Fixtures } from "@/lib/test/fixtures";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { keyed } from "@/lib/test/keyed";
import { findProvisionsForCompany } from "./provisions";
import { getReferralForActor } from "./queries";
import { sendReferral } from "./send-referral";
import { acceptReferral, completeReferral, declineReferral, startReferral, withdrawReferral } from "./transition-referral";

/**
 * Access follows the referral (issue #4): while it is pending the receiver sees the company's basic profile
 * and the referral; once accepted, what the consent covers; once closed, only the referral record.
 * Confidential notes never without that consent scope. Checked through the read layer the pages use.
 */
describe.each(TEST_ENGINES)("what a referral's receiver may see (%s)", (engine) => {
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

  /**
   * 石川 INPIT's case about a 石川 company — with a contact person and a pre-filing confidential note —
   * referred to 弁理士会 北陸会 on a consent with the given scopes (from the case, or from the company only).
   */
  async function referredCase(scopes: ConsentScopes, options: { fromCase?: boolean } = {}) {
    const company = await f.company({ prefecture: 17, createdBy: a.ishikawaCoordinator });
    await f.contact(company, "代表 花子");
    const kase = await f.case({ company, lead: a.ishikawaCoordinator, summary: "新しい醸造装置の特許化を検討" });
    const note = await f.confidentialNote(kase, a.ishikawaCoordinator, "未出願: 発酵槽の温度制御の構成");
    const consent = await f.consent(company, a.ishikawaCoordinator, scopes);
    const sent = await ok(sendReferral, a.ishikawaCoordinator, keyed({
      ...(options.fromCase === false ? { companyId: company.id } : { caseId: kase.id }),
      consentId: consent.id,
      toOrgId: network.orgs.hokurikuJpaa.id,
      service: "attorney_consultation",
      reason: "特許出願の可否を相談したい",
      handoverNotes: "社長は来月の展示会前に方針を決めたい",
    }));
    return { company, kase, note, consent, referralId: sent.id };
  }

  /** What the attorney's pages would show, as booleans and the parts that matter. */
  async function attorneyView(world: Awaited<ReturnType<typeof referredCase>>, actor: Actor = a.attorney) {
    const [company, kase, referral] = await Promise.all([
      getCompanyForActor(t.db, actor, world.company.id),
      getCaseForActor(t.db, actor, world.kase.id),
      getReferralForActor(t.db, actor, world.referralId),
    ]);
    return { company, kase, referral };
  }

  it("shows 弁理士会 nothing of a company before any referral", async () => {
    const world = await referredCase({ consultationSummary: true });
    const other = await f.company({ prefecture: 17, createdBy: a.ishikawaCoordinator });
    expect(await getCompanyForActor(t.db, a.attorney, other.id)).toBeNull();
    // The referral exists for 北陸会 only; its neighbour desk in 富山 sees none of it.
    const toyama = await attorneyView(world, a.toyamaCoordinator);
    expect(toyama).toEqual({ company: null, kase: null, referral: null });
  });

  it("while pending: the referral and the company's basic profile, not the case, not the contact people", async () => {
    const world = await referredCase({ consultationSummary: true, confidentialNotes: true });
    const view = await attorneyView(world);
    expect(view.referral).toMatchObject({ status: "sent", reason: "特許出願の可否を相談したい", case: null });
    expect(view.referral!.company.profile).toMatchObject({ prefectureCode: 17 });
    expect(view.company).toMatchObject({ id: world.company.id, name: world.company.name });
    expect(view.company!.contacts).toBeUndefined();
    expect(view.company!.cases).toEqual([]);
    expect(view.kase).toBeNull();
  });

  it("once accepted with the consultation summary: the case and the contact people, but never the confidential notes", async () => {
    const world = await referredCase({ consultationSummary: true });
    await ok(acceptReferral, a.attorney, { referralId: world.referralId });
    const view = await attorneyView(world);
    expect(view.kase).toMatchObject({ id: world.kase.id, summary: "新しい醸造装置の特許化を検討" });
    expect(view.kase!.confidentialNotes).toBeUndefined();
    expect(view.company!.contacts?.map((c) => c.name)).toEqual(["代表 花子"]);
    expect(view.company!.cases.map((c) => c.id)).toEqual([world.kase.id]);
    expect(view.referral!.case).toMatchObject({ id: world.kase.id });
    // Still so once the work has started.
    await ok(startReferral, a.attorney, { referralId: world.referralId });
    const started = await attorneyView(world);
    expect(started.kase).not.toBeNull();
    expect(started.kase!.confidentialNotes).toBeUndefined();
  });

  it("once accepted with confidential notes in the consent: the notes too, and the read is audited", async () => {
    const world = await referredCase({ consultationSummary: true, confidentialNotes: true });
    await ok(acceptReferral, a.attorney, { referralId: world.referralId });
    const view = await attorneyView(world);
    expect(view.kase!.confidentialNotes?.map((n) => n.body)).toEqual(["未出願: 発酵槽の温度制御の構成"]);
    const reads = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "confidential.read"), eq(auditLog.actorUserId, a.attorney.userId), eq(auditLog.entityId, world.kase.id)));
    expect(reads.length).toBeGreaterThanOrEqual(1);
  });

  it("once accepted with the basic profile only: the company and its contact people, not the case", async () => {
    const world = await referredCase({});
    await ok(acceptReferral, a.attorney, { referralId: world.referralId });
    const view = await attorneyView(world);
    expect(view.company).not.toBeNull();
    expect(view.company!.contacts).toHaveLength(1);
    expect(view.kase).toBeNull();
    expect(view.referral!.case).toBeNull();
  });

  it("a referral about the company alone opens none of its cases, whatever the consent", async () => {
    const world = await referredCase({ consultationSummary: true, confidentialNotes: true }, { fromCase: false });
    await ok(acceptReferral, a.attorney, { referralId: world.referralId });
    const view = await attorneyView(world);
    expect(view.company).not.toBeNull();
    expect(view.kase).toBeNull();
    expect(view.company!.cases).toEqual([]);
  });

  it("once completed: only the referral record — no company profile, no case, no notes", async () => {
    const world = await referredCase({ consultationSummary: true, confidentialNotes: true });
    await ok(acceptReferral, a.attorney, { referralId: world.referralId });
    await ok(completeReferral, a.attorney, { referralId: world.referralId, outcomeFeedback: "出願方針を助言した" });
    const view = await attorneyView(world);
    expect(view.company).toBeNull();
    expect(view.kase).toBeNull();
    expect(view.referral).toMatchObject({ status: "completed", outcomeFeedback: "出願方針を助言した", case: null });
    expect(view.referral!.company.profile).toBeUndefined();
    expect(view.referral!.company.name).toBe(world.company.name);
  });

  it("once declined or withdrawn: only the referral record", async () => {
    const declined = await referredCase({ consultationSummary: true });
    await ok(declineReferral, a.attorney, { referralId: declined.referralId, declineReason: "専門分野外" });
    const withdrawn = await referredCase({ consultationSummary: true });
    await ok(withdrawReferral, a.ishikawaCoordinator, { referralId: withdrawn.referralId, withdrawReason: "企業が辞退" });
    for (const world of [declined, withdrawn]) {
      const view = await attorneyView(world);
      expect(view.company).toBeNull();
      expect(view.kase).toBeNull();
      expect(view.referral).not.toBeNull();
      expect(view.referral!.company.profile).toBeUndefined();
    }
  });

  it("when the company revokes its consent: the receiver loses the case and the company at once, keeps the record", async () => {
    const world = await referredCase({ consultationSummary: true, confidentialNotes: true });
    await ok(acceptReferral, a.attorney, { referralId: world.referralId });
    await f.revokeConsent(world.consent);
    const view = await attorneyView(world);
    expect(view.kase).toBeNull();
    expect(view.company).toBeNull();
    expect(view.referral!.consent.revokedAt).toBeInstanceOf(Date);
  });

  it("keeps everything open to the sender throughout", async () => {
    const world = await referredCase({ consultationSummary: true });
    await ok(acceptReferral, a.attorney, { referralId: world.referralId });
    await ok(completeReferral, a.attorney, { referralId: world.referralId, outcomeFeedback: "完了" });
    const view = await attorneyView(world, a.ishikawaCoordinator);
    expect(view.company).not.toBeNull();
    expect(view.kase!.confidentialNotes).toHaveLength(1); // the sender is a member of its own case
    expect(view.referral!.status).toBe("completed");
  });

  describe("the record of provision", () => {
    it("lists the company's referrals the actor's organization took part in, with the consent behind each", async () => {
      const world = await referredCase({ consultationSummary: true });
      // The chamber refers the same company elsewhere on its own consent: not 石川 INPIT's provision.
      const chamberConsent = await f.consent(world.company, a.chamberAdvisor);
      await f.referral({ from: a.chamberAdvisor, to: network.orgs.toyamaInpit, company: world.company, consent: chamberConsent });

      const provisions = (await findProvisionsForCompany(t.db, a.ishikawaCoordinator, world.company.id))!;
      expect(provisions).toMatchObject({ total: 1, nextCursor: null });
      expect(provisions.items).toHaveLength(1);
      expect(provisions.items[0]).toMatchObject({
        referralId: world.referralId,
        status: "sent",
        service: "attorney_consultation",
        from: { orgId: network.orgs.ishikawaInpit.id, orgName: "INPIT 石川県知財総合支援窓口", userName: "石川 支援員" },
        to: { orgId: network.orgs.hokurikuJpaa.id, orgName: "日本弁理士会 北陸会" },
        consent: {
          id: world.consent.id,
          obtainedOn: "2025-05-01",
          method: "written",
          scopeBasicProfile: true,
          scopeConsultationSummary: true,
          scopeConfidentialNotes: false,
          recordedByOrgName: "INPIT 石川県知財総合支援窓口",
          revokedAt: null,
        },
      });
      // The receiver keeps the same record while it can see the company.
      expect((await findProvisionsForCompany(t.db, a.attorney, world.company.id))!.items.map((p) => p.referralId)).toEqual([world.referralId]);
    });

    it("is not found for a company outside the actor's scope, and for the receiver once the referral is closed", async () => {
      const world = await referredCase({ consultationSummary: true });
      expect(await findProvisionsForCompany(t.db, a.toyamaCoordinator, world.company.id)).toBeNull();
      expect(await findProvisionsForCompany(t.db, a.admin, world.company.id)).toBeNull();
      await ok(declineReferral, a.attorney, { referralId: world.referralId, declineReason: "対象外" });
      expect(await findProvisionsForCompany(t.db, a.attorney, world.company.id)).toBeNull();
      // The bureau sees the block's companies but took part in no provision.
      expect(await findProvisionsForCompany(t.db, a.bureauManager, world.company.id)).toMatchObject({ items: [], nextCursor: null, total: 0 });
      expect(await findProvisionsForCompany(t.db, a.ishikawaCoordinator, "not-a-uuid")).toBeNull();
    });

    it("records a logged referral's outside body as the recipient", async () => {
      const company = await f.company({ prefecture: 17, createdBy: a.ishikawaCoordinator });
      const consent = await f.consent(company, a.ishikawaCoordinator);
      await ok(sendReferral, a.ishikawaCoordinator, keyed({
        companyId: company.id,
        consentId: consent.id,
        externalRecipient: "石川県よろず支援拠点",
        followUpOn: "2999-01-01",
        service: "management_consultation",
        reason: "販路開拓",
      }));
      const [provision] = (await findProvisionsForCompany(t.db, a.ishikawaCoordinator, company.id))!.items;
      expect(provision).toMatchObject({ status: "logged", to: { external: "石川県よろず支援拠点" } });
    });
  });
});
