import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { z } from "zod";
import { auditLog, consents, notifications, organizations, referralEvents, referrals } from "@/db/schema";
import { runAction, type ActionDefinition } from "@/lib/authz/action";
import type { Actor } from "@/lib/authz/actor";
import { reiwaYearOfDate } from "@/lib/format/fiscal-year";
import { createFixtures, seedNetwork, type Fixtures } from "@/lib/test/fixtures";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { keyed } from "@/lib/test/keyed";
import { respondByFor } from "./business-days";
import { recordConsent } from "./record-consent";
import { sendReferral } from "./send-referral";
import { suggestRecipients } from "./suggest-recipients";

describe.each(TEST_ENGINES)("consent and sending referrals (%s)", (engine) => {
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

  const countRows = async (table: PgTable) => Number((await t.db.select({ n: count() }).from(table))[0]!.n);

  /** A company in 石川 with a case of the 石川 INPIT desk, as the referral forms start from. */
  async function ishikawaCase() {
    const company = await f.company({ prefecture: 17, createdBy: a.ishikawaCoordinator });
    const kase = await f.case({ company, lead: a.ishikawaCoordinator });
    return { company, kase };
  }

  const referralTo = (toOrgId: string, extra: Record<string, unknown> = {}) => ({
    toOrgId,
    service: "prior_art_search",
    reason: "出願前に先行技術を確認したい",
    urgency: "high",
    handoverNotes: "試作品は完成済み。来月展示会に出展予定。",
    ...extra,
  });

  describe("recording consent", () => {
    it("records the date, method and scopes, always with the basic profile, and audits it", async () => {
      const { company } = await ishikawaCase();
      const result = await run(recordConsent, a.ishikawaCoordinator, keyed({
        companyId: company.id,
        obtainedOn: "2026-04-10",
        method: "written",
        scopeConsultationSummary: "on",
        givenBy: "代表取締役 山田 太郎",
        notes: "同意書を受領",
      }));
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const [consent] = await t.db.select().from(consents).where(eq(consents.id, result.data.id));
      expect(consent).toMatchObject({
        companyId: company.id,
        obtainedOn: "2026-04-10",
        method: "written",
        scopeBasicProfile: true,
        scopeConsultationSummary: true,
        scopeConfidentialNotes: false,
        givenBy: "代表取締役 山田 太郎",
        recordedByUserId: a.ishikawaCoordinator.userId,
        organizationId: network.orgs.ishikawaInpit.id,
        revokedAt: null,
      });
      const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "consent.record"), eq(auditLog.entityId, result.data.id)));
      expect(audits).toHaveLength(1);
    });

    it("refuses a date in the future, a missing method, and confidential notes without the consultation summary", async () => {
      const { company } = await ishikawaCase();
      const before = await countRows(consents);
      const future = await run(recordConsent, a.ishikawaCoordinator, keyed({ companyId: company.id, obtainedOn: "2999-01-01", method: "verbal" }));
      expect(future).toMatchObject({ ok: false, code: "invalid", fieldErrors: { obtainedOn: ["同意取得日に未来の日付は指定できません。"] } });
      const noMethod = await run(recordConsent, a.ishikawaCoordinator, keyed({ companyId: company.id, obtainedOn: "2026-04-10" }));
      expect(noMethod).toMatchObject({ ok: false, code: "invalid", fieldErrors: { method: [expect.stringContaining("書面")] } });
      const notesOnly = await run(recordConsent, a.ishikawaCoordinator, keyed({
        companyId: company.id,
        obtainedOn: "2026-04-10",
        method: "electronic",
        scopeConfidentialNotes: true,
      }));
      expect(notesOnly).toMatchObject({ ok: false, code: "invalid", fieldErrors: { scopeConfidentialNotes: [expect.stringContaining("相談概要")] } });
      expect(await countRows(consents)).toBe(before);
    });

    it("does not record consent for a company the actor cannot see", async () => {
      const company = await f.company({ prefecture: 13 }); // 東京: outside 石川's desk and unknown to 弁理士会
      for (const actor of [a.attorney, a.ishikawaCoordinator]) {
        const result = await run(recordConsent, actor, keyed({ companyId: company.id, obtainedOn: "2026-04-10", method: "verbal" }));
        expect(result).toMatchObject({ ok: false, code: "not_found" });
      }
      expect(await run(recordConsent, a.admin, keyed({ companyId: company.id, obtainedOn: "2026-04-10", method: "verbal" }))).toMatchObject({
        ok: false,
        code: "forbidden",
      });
    });
  });

  describe("the consent gate", () => {
    it("refuses a referral without a consent, and creates nothing", async () => {
      const { kase } = await ishikawaCase();
      const before = await Promise.all([countRows(referrals), countRows(referralEvents), countRows(auditLog)]);
      const result = await run(sendReferral, a.ishikawaCoordinator, keyed({ caseId: kase.id, ...referralTo(network.orgs.hokurikuJpaa.id) }));
      expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { consentId: [expect.stringContaining("同意")] } });
      expect(await Promise.all([countRows(referrals), countRows(referralEvents), countRows(auditLog)])).toEqual(before);
    });

    it("refuses another company's consent, and a consent id that does not exist", async () => {
      const { kase } = await ishikawaCase();
      const other = await f.company({ prefecture: 17, createdBy: a.ishikawaCoordinator });
      const othersConsent = await f.consent(other, a.ishikawaCoordinator, { consultationSummary: true });
      const before = await countRows(referrals);
      for (const consentId of [othersConsent.id, "00000000-0000-4000-8000-000000000000"]) {
        const result = await run(sendReferral, a.ishikawaCoordinator, keyed({ caseId: kase.id, consentId, ...referralTo(network.orgs.hokurikuJpaa.id) }));
        expect(result).toMatchObject({
          ok: false,
          code: "invalid",
          fieldErrors: { consentId: ["この企業の同意記録が見つかりません。先に同意を記録してください。"] },
        });
      }
      expect(await countRows(referrals)).toBe(before);
    });

    it("refuses a revoked consent and a consent that does not cover the basic profile", async () => {
      const { company, kase } = await ishikawaCase();
      const revoked = await f.consent(company, a.ishikawaCoordinator, { consultationSummary: true }, true);
      const noProfile = await f.consent(company, a.ishikawaCoordinator, { basicProfile: false });
      const before = await Promise.all([countRows(referrals), countRows(notifications)]);
      const revokedResult = await run(sendReferral, a.ishikawaCoordinator, keyed({ caseId: kase.id, consentId: revoked.id, ...referralTo(network.orgs.hokurikuJpaa.id) }));
      expect(revokedResult).toMatchObject({ ok: false, code: "invalid", fieldErrors: { consentId: [expect.stringContaining("撤回")] } });
      const noProfileResult = await run(sendReferral, a.ishikawaCoordinator, keyed({ caseId: kase.id, consentId: noProfile.id, ...referralTo(network.orgs.hokurikuJpaa.id) }));
      expect(noProfileResult).toMatchObject({ ok: false, code: "invalid", fieldErrors: { consentId: [expect.stringContaining("基本情報")] } });
      expect(await Promise.all([countRows(referrals), countRows(notifications)])).toEqual(before);
    });

    it("accepts a consent recorded by another organization: the consent is the company's", async () => {
      const { company, kase } = await ishikawaCase();
      const byChamber = await f.consent(company, a.chamberAdvisor, { consultationSummary: true });
      const result = await run(sendReferral, a.ishikawaCoordinator, keyed({ caseId: kase.id, consentId: byChamber.id, ...referralTo(network.orgs.hokurikuJpaa.id) }));
      expect(result).toMatchObject({ ok: true, data: { status: "sent" } });
    });
  });

  describe("sending to an organization in Renkei", () => {
    it("creates the referral with its code, answer date, first event, audit row and the receiver's notifications", async () => {
      const { company, kase } = await ishikawaCase();
      const consent = await f.consent(company, a.ishikawaCoordinator, { consultationSummary: true });
      const attorneyManager = await f.user(network.orgs.hokurikuJpaa, "manager", "北陸 会長");
      const attorneyAdmin = await f.user(network.orgs.hokurikuJpaa, "producer", "北陸 プロデューサー");
      const result = await run(sendReferral, a.ishikawaCoordinator, keyed({ caseId: kase.id, consentId: consent.id, ...referralTo(network.orgs.hokurikuJpaa.id) }));
      expect(result.ok).toBe(true);
      if (!result.ok) return;

      const [row] = await t.db.select().from(referrals).where(eq(referrals.id, result.data.id));
      expect(row).toMatchObject({
        companyId: company.id,
        caseId: kase.id,
        fromOrgId: network.orgs.ishikawaInpit.id,
        fromUserId: a.ishikawaCoordinator.userId,
        toOrgId: network.orgs.hokurikuJpaa.id,
        externalRecipient: null,
        service: "prior_art_search",
        urgency: "high",
        consentId: consent.id,
        status: "sent",
        version: 1,
      });
      expect(row!.code).toMatch(new RegExp(`^RF-R${reiwaYearOfDate(row!.sentAt)}-\\d{4}$`));
      expect(row!.respondBy).toBe(respondByFor(row!.sentAt));
      expect(result.data).toMatchObject({ id: row!.id, code: row!.code, respondBy: row!.respondBy, replayed: false });

      const events = await t.db.select().from(referralEvents).where(eq(referralEvents.referralId, row!.id));
      expect(events).toEqual([expect.objectContaining({ fromStatus: null, toStatus: "sent", actorUserId: a.ishikawaCoordinator.userId })]);
      const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.entityId, row!.id), eq(auditLog.action, "referral.send")));
      expect(audits).toHaveLength(1);

      // The receiving desk — its coordinators and managers — is told; a producer of that organization and the sender are not.
      const told = await t.db.select().from(notifications).where(eq(notifications.entityId, row!.id));
      expect(told.map((n) => n.userId).sort()).toEqual([a.attorney.userId, attorneyManager.userId].sort());
      expect(told.map((n) => n.userId)).not.toContain(attorneyAdmin.userId);
      expect(told[0]).toMatchObject({
        kind: "referral.received",
        entityType: "referral",
        params: { code: row!.code, companyName: company.name, orgName: "INPIT 石川県知財総合支援窓口" },
      });
    });

    it("sends from a company without a case", async () => {
      const company = await f.company({ prefecture: 17, createdBy: a.chamberAdvisor });
      const consent = await f.consent(company, a.chamberAdvisor);
      const result = await run(sendReferral, a.chamberAdvisor, keyed({
        companyId: company.id,
        consentId: consent.id,
        toOrgId: network.orgs.ishikawaInpit.id,
        service: "ip_consultation",
        reason: "巡回訪問で商標の悩みを聞いた",
      }));
      expect(result).toMatchObject({ ok: true, data: { status: "sent" } });
      if (!result.ok) return;
      const [row] = await t.db.select().from(referrals).where(eq(referrals.id, result.data.id));
      expect(row).toMatchObject({ caseId: null, companyId: company.id, urgency: "normal", handoverNotes: null });
    });

    it("numbers referrals in sequence, without gaps or duplicates when sent at the same moment", async () => {
      const { company, kase } = await ishikawaCase();
      const consent = await f.consent(company, a.ishikawaCoordinator);
      const results = await Promise.all(
        [a.ishikawaCoordinator, a.ishikawaColleague, a.ishikawaManager, a.ishikawaCoordinator, a.ishikawaColleague].map((actor) =>
          run(sendReferral, actor, keyed({ caseId: kase.id, consentId: consent.id, ...referralTo(network.orgs.kanazawaJcci.id) })),
        ),
      );
      const codes = results.map((r) => (r.ok ? r.data.code : r.message));
      expect(new Set(codes).size).toBe(5);
      const numbers = codes.map((code) => Number(code.split("-")[2])).sort((x, y) => x - y);
      expect(numbers.at(-1)! - numbers[0]!).toBe(4);
    });

    it("turns a double submit into one referral: the second answer is the first referral", async () => {
      const { company, kase } = await ishikawaCase();
      const consent = await f.consent(company, a.ishikawaCoordinator);
      const input = { caseId: kase.id, consentId: consent.id, idempotencyKey: randomUUID(), ...referralTo(network.orgs.hokurikuJpaa.id) };
      const before = await Promise.all([countRows(referrals), countRows(auditLog)]);
      const [first, second] = await Promise.all([run(sendReferral, a.ishikawaCoordinator, input), run(sendReferral, a.ishikawaCoordinator, input)]);
      expect(first.ok && second.ok).toBe(true);
      if (!first.ok || !second.ok) return;
      expect(first.data.id).toBe(second.data.id);
      expect([first.data.replayed, second.data.replayed].sort()).toEqual([false, true]);
      expect(await Promise.all([countRows(referrals), countRows(auditLog)])).toEqual([before[0] + 1, before[1] + 1]);
      const told = await t.db.select().from(notifications).where(eq(notifications.entityId, first.data.id));
      const recipients = told.map((n) => n.userId);
      expect(recipients).toContain(a.attorney.userId);
      expect(new Set(recipients).size).toBe(recipients.length); // each person told once
      // The same key from a colleague is another form: it sends its own referral.
      const colleague = await run(sendReferral, a.ishikawaColleague, input);
      expect(colleague.ok && colleague.data.id !== first.data.id).toBe(true);
    });

    it("refuses the actor's own organization, an inactive organization and the system organization", async () => {
      const { company, kase } = await ishikawaCase();
      const consent = await f.consent(company, a.ishikawaCoordinator);
      const closed = await f.organization({ party: "jpaa", prefecture: 17, name: "閉鎖した室" });
      await t.db.update(organizations).set({ isActive: false }).where(eq(organizations.id, closed.id));
      const before = await countRows(referrals);
      const self = await run(sendReferral, a.ishikawaCoordinator, keyed({ caseId: kase.id, consentId: consent.id, ...referralTo(network.orgs.ishikawaInpit.id) }));
      expect(self).toMatchObject({ ok: false, fieldErrors: { toOrgId: ["自機関には連携依頼を送れません。"] } });
      for (const toOrgId of [closed.id, f.systemOrgId, "00000000-0000-4000-8000-000000000001"]) {
        const result = await run(sendReferral, a.ishikawaCoordinator, keyed({ caseId: kase.id, consentId: consent.id, ...referralTo(toOrgId) }));
        expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { toOrgId: [expect.stringContaining("見つからない")] } });
      }
      expect(await countRows(referrals)).toBe(before);
    });

    it("requires a known service and a reason", async () => {
      const { company, kase } = await ishikawaCase();
      const consent = await f.consent(company, a.ishikawaCoordinator);
      const result = await run(sendReferral, a.ishikawaCoordinator, keyed({
        caseId: kase.id,
        consentId: consent.id,
        toOrgId: network.orgs.hokurikuJpaa.id,
        service: "何でも",
        reason: "  ",
      }));
      expect(result).toMatchObject({
        ok: false,
        code: "invalid",
        fieldErrors: { service: ["依頼内容を選んでください。"], reason: ["依頼の理由を入力してください。"] },
      });
    });

    it("does not send from a case or a company the actor cannot see", async () => {
      const { company, kase } = await ishikawaCase();
      const consent = await f.consent(company, a.ishikawaCoordinator);
      // 弁理士会 has no referral about this company yet: neither the case nor the company exists for it.
      expect(await run(sendReferral, a.attorney, keyed({ caseId: kase.id, consentId: consent.id, ...referralTo(network.orgs.kanazawaJcci.id) }))).toMatchObject({
        ok: false,
        code: "not_found",
      });
      expect(await run(sendReferral, a.attorney, keyed({ companyId: company.id, consentId: consent.id, ...referralTo(network.orgs.kanazawaJcci.id) }))).toMatchObject({
        ok: false,
        code: "not_found",
      });
      expect(await run(sendReferral, a.admin, keyed({ companyId: company.id, consentId: consent.id, ...referralTo(network.orgs.kanazawaJcci.id) }))).toMatchObject({
        ok: false,
        code: "forbidden",
      });
    });

    it("refuses a case together with another company", async () => {
      const { kase } = await ishikawaCase();
      const other = await f.company({ prefecture: 17, createdBy: a.ishikawaCoordinator });
      const consent = await f.consent(other, a.ishikawaCoordinator);
      const result = await run(sendReferral, a.ishikawaCoordinator, keyed({ caseId: kase.id, companyId: other.id, consentId: consent.id, ...referralTo(network.orgs.hokurikuJpaa.id) }));
      expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { companyId: [expect.stringContaining("案件")] } });
    });
  });

  describe("logged referrals to bodies outside Renkei", () => {
    it("records the outside body and the follow-up date, with no answer date and nobody to notify", async () => {
      const { company, kase } = await ishikawaCase();
      const consent = await f.consent(company, a.ishikawaCoordinator);
      const result = await run(sendReferral, a.ishikawaCoordinator, keyed({
        caseId: kase.id,
        consentId: consent.id,
        externalRecipient: "石川県よろず支援拠点",
        followUpOn: "2999-06-01",
        service: "management_consultation",
        reason: "販路開拓の相談",
      }));
      expect(result).toMatchObject({ ok: true, data: { status: "logged", respondBy: null } });
      if (!result.ok) return;
      const [row] = await t.db.select().from(referrals).where(eq(referrals.id, result.data.id));
      expect(row).toMatchObject({ toOrgId: null, externalRecipient: "石川県よろず支援拠点", followUpOn: "2999-06-01", respondBy: null });
      expect(await t.db.select().from(notifications).where(eq(notifications.entityId, row!.id))).toEqual([]);
    });

    it("requires a follow-up date that is not past, and exactly one kind of recipient", async () => {
      const { company, kase } = await ishikawaCase();
      const consent = await f.consent(company, a.ishikawaCoordinator);
      const base = { caseId: kase.id, consentId: consent.id, service: "other", reason: "金融機関への紹介" };
      expect(await run(sendReferral, a.ishikawaCoordinator, keyed({ ...base, externalRecipient: "北國銀行" }))).toMatchObject({
        ok: false,
        fieldErrors: { followUpOn: [expect.stringContaining("フォローアップ")] },
      });
      expect(await run(sendReferral, a.ishikawaCoordinator, keyed({ ...base, externalRecipient: "北國銀行", followUpOn: "2020-01-06" }))).toMatchObject({
        ok: false,
        fieldErrors: { followUpOn: [expect.stringContaining("過去")] },
      });
      expect(await run(sendReferral, a.ishikawaCoordinator, keyed(base))).toMatchObject({ ok: false, fieldErrors: { toOrgId: [expect.any(String)] } });
      expect(
        await run(sendReferral, a.ishikawaCoordinator, keyed({ ...base, toOrgId: network.orgs.hokurikuJpaa.id, externalRecipient: "北國銀行", followUpOn: "2999-01-01" })),
      ).toMatchObject({ ok: false, fieldErrors: { externalRecipient: [expect.any(String)] } });
    });
  });

  describe("suggested recipients", () => {
    it("lists the party's organizations in the company's prefecture first, then its block, then the rest", async () => {
      const company = await f.company({ prefecture: 17, createdBy: a.chamberAdvisor }); // 石川, 中部
      const fukuiInpit = await f.organization({ party: "inpit", prefecture: 18, name: "INPIT 福井県知財総合支援窓口" }); // 近畿
      const tokyoInpit = await f.organization({ party: "inpit", prefecture: 13, name: "INPIT 東京都知財総合支援窓口" }); // 関東
      const closedInpit = await f.organization({ party: "inpit", prefecture: 17, name: "INPIT 閉鎖" });
      await t.db.update(organizations).set({ isActive: false }).where(eq(organizations.id, closedInpit.id));

      const suggested = await suggestRecipients(t.db, a.chamberAdvisor, { companyId: company.id, partyKind: "inpit" });
      const ids = suggested!.map((s) => s.id);
      expect(ids.slice(0, 2)).toEqual([network.orgs.ishikawaInpit.id, network.orgs.toyamaInpit.id]);
      expect(suggested!.slice(0, 2).map((s) => s.proximity)).toEqual(["prefecture", "block"]);
      expect(ids).toContain(fukuiInpit.id);
      expect(ids).toContain(tokyoInpit.id);
      expect(suggested!.find((s) => s.id === tokyoInpit.id)!.proximity).toBe("other");
      expect(ids).not.toContain(closedInpit.id);
      expect(suggested!.every((s) => s.partyKind === "inpit")).toBe(true);
    });

    it("puts the block's bureau with the block and never suggests the actor's own organization", async () => {
      const company = await f.company({ prefecture: 16, createdBy: a.ishikawaCoordinator }); // 富山, 中部
      const suggested = await suggestRecipients(t.db, a.ishikawaCoordinator, { companyId: company.id });
      const bureau = suggested!.find((s) => s.id === network.orgs.chubuBureau.id);
      expect(bureau?.proximity).toBe("block");
      expect(suggested!.map((s) => s.id)).not.toContain(network.orgs.ishikawaInpit.id);
      expect(suggested!.map((s) => s.id)).not.toContain(f.systemOrgId);
      expect(suggested![0]!.id).toBe(network.orgs.toyamaInpit.id);
    });

    it("suggests nothing for a company the actor cannot see", async () => {
      const company = await f.company({ prefecture: 13 });
      expect(await suggestRecipients(t.db, a.attorney, { companyId: company.id, partyKind: "inpit" })).toBeNull();
      expect(await suggestRecipients(t.db, a.admin, { companyId: company.id })).toBeNull();
    });
  });

  it("numbers a referral after the highest of its year's series, compared as numbers, whatever other series hold", async () => {
    const { company, kase } = await ishikawaCase();
    const year = reiwaYearOfDate(new Date());
    const recode = async (code: string) => {
      const placed = await f.referral({ from: a.ishikawaCoordinator, to: network.orgs.hokurikuJpaa, company });
      await t.db.update(referrals).set({ code }).where(eq(referrals.id, placed.id));
    };
    await recode(`RF-R${year}-0500`);
    await recode(`RF-R${year}-0099`);
    await recode(`RF-R${year}0-0900`); // another series that begins alike
    const consent = await f.consent(company, a.ishikawaCoordinator, { consultationSummary: true });
    const result = await run(sendReferral, a.ishikawaCoordinator, keyed({ caseId: kase.id, consentId: consent.id, ...referralTo(network.orgs.hokurikuJpaa.id) }));
    expect(result).toMatchObject({ ok: true, data: { code: `RF-R${year}-0501` } });
  });
});
