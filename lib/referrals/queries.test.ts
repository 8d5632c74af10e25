import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/authz/actor";
import { InvalidCursorError } from "@/lib/pagination";
import { createFixtures, seedNetwork, type Fixtures } from "@/lib/test/fixtures";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { findReferralsForActor, getReferralForActor, type ReferralBox } from "./queries";

describe.each(TEST_ENGINES)("referral queries (%s)", (engine) => {
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

  const box = async (actor: Actor, which: ReferralBox, status?: Parameters<typeof findReferralsForActor>[2]["status"]) =>
    (await findReferralsForActor(t.db, actor, { box: which, status, limit: 200 })).items.map((r) => r.id);

  /** The 金沢 chamber refers a company it spotted to the 石川 INPIT desk, from a case the chamber owns. */
  async function chamberReferral(status: Parameters<Fixtures["referral"]>[0]["status"], consent: Parameters<Fixtures["consent"]>[2] = {}) {
    const company = await f.company({ prefecture: 17, createdBy: a.chamberAdvisor });
    const kase = await f.case({ company, lead: a.chamberAdvisor });
    const referral = await f.referral({ from: a.chamberAdvisor, to: network.orgs.ishikawaInpit, company, case: kase, status, consent });
    return { company, kase, referral };
  }

  describe("the boxes", () => {
    it("puts a referral in the sender's outbox and the receiver's inbox, and nowhere else", async () => {
      const { referral } = await chamberReferral("sent");
      expect(await box(a.chamberAdvisor, "outbox")).toContain(referral.id);
      expect(await box(a.chamberAdvisor, "inbox")).not.toContain(referral.id);
      for (const receiver of [a.ishikawaCoordinator, a.ishikawaManager]) {
        expect(await box(receiver, "inbox")).toContain(referral.id);
        expect(await box(receiver, "outbox")).not.toContain(referral.id);
      }
      for (const outsider of [a.toyamaCoordinator, a.attorney, a.bureauManager, a.admin]) {
        expect(await box(outsider, "inbox")).not.toContain(referral.id);
        expect(await box(outsider, "outbox")).not.toContain(referral.id);
      }
    });

    it("filters by status and lists the parties and company of each referral", async () => {
      const { referral: accepted, company } = await chamberReferral("accepted");
      const { referral: declined } = await chamberReferral("declined");
      const page = await findReferralsForActor(t.db, a.ishikawaCoordinator, { box: "inbox", status: "accepted" });
      expect(page.items.map((r) => r.id)).toContain(accepted.id);
      expect(page.items.map((r) => r.id)).not.toContain(declined.id);
      expect(page.items.find((r) => r.id === accepted.id)).toMatchObject({
        status: "accepted",
        company: { id: company.id, name: company.name },
        fromOrg: { id: network.orgs.kanazawaJcci.id, name: "金沢商工会議所", partyKind: "jcci" },
        fromUser: { id: a.chamberAdvisor.userId },
        toOrg: { id: network.orgs.ishikawaInpit.id, name: "INPIT 石川県知財総合支援窓口", partyKind: "inpit" },
        externalRecipient: null,
      });
    });

    it("keeps completed and declined referrals in both boxes: they are the record of provision", async () => {
      const { referral } = await chamberReferral("completed");
      expect(await box(a.chamberAdvisor, "outbox", "completed")).toContain(referral.id);
      expect(await box(a.ishikawaCoordinator, "inbox", "completed")).toContain(referral.id);
    });
  });

  describe("one referral", () => {
    it("shows both organizations, the consent's scope and the events in order", async () => {
      const { referral, company } = await chamberReferral("in_progress", { consultationSummary: true });
      const detail = await getReferralForActor(t.db, a.ishikawaCoordinator, referral.id);
      expect(detail).toMatchObject({
        id: referral.id,
        status: "in_progress",
        reason: "出願前の調査を依頼したい",
        fromOrg: { name: "金沢商工会議所" },
        toOrg: { name: "INPIT 石川県知財総合支援窓口" },
        company: { id: company.id, name: company.name },
        consent: { scopeBasicProfile: true, scopeConsultationSummary: true, scopeConfidentialNotes: false, revokedAt: null },
      });
      expect(detail!.consent).not.toHaveProperty("givenBy");
      expect(detail!.events.map((e) => [e.fromStatus, e.toStatus])).toEqual([
        [null, "sent"],
        ["sent", "accepted"],
        ["accepted", "in_progress"],
      ]);
      expect(detail!.events[0]!.actor).toEqual({ id: a.chamberAdvisor.userId, name: "金沢 経営指導員" });
    });

    it("shows the receiver the company's basic profile while open, and the case only when live and covered by consent", async () => {
      const sent = await chamberReferral("sent", { consultationSummary: true });
      const sentDetail = await getReferralForActor(t.db, a.ishikawaCoordinator, sent.referral.id);
      expect(sentDetail!.company.profile).toMatchObject({ prefectureCode: 17, prefectureName: "石川県" });
      expect(sentDetail!.case).toBeNull();

      const basicOnly = await chamberReferral("accepted", { consultationSummary: false });
      expect((await getReferralForActor(t.db, a.ishikawaCoordinator, basicOnly.referral.id))!.case).toBeNull();

      const summary = await chamberReferral("accepted", { consultationSummary: true });
      expect((await getReferralForActor(t.db, a.ishikawaCoordinator, summary.referral.id))!.case).toMatchObject({ id: summary.kase.id });
    });

    it("keeps the receiver's record after completion but no longer opens the company's profile or the case", async () => {
      // A 富山 company: outside the 石川 desk's own area, so only the referral could open it.
      const company = await f.company({ prefecture: 16, createdBy: a.toyamaCoordinator });
      const kase = await f.case({ company, lead: a.toyamaCoordinator });
      const referral = await f.referral({
        from: a.toyamaCoordinator,
        to: network.orgs.hokurikuJpaa,
        company,
        case: kase,
        status: "completed",
        consent: { consultationSummary: true },
      });
      const detail = await getReferralForActor(t.db, a.attorney, referral.id);
      expect(detail).toMatchObject({ status: "completed", outcomeFeedback: "調査報告を提出した", company: { id: company.id, name: company.name } });
      expect("profile" in detail!.company).toBe(false);
      expect(detail!.case).toBeNull();

      // The sender keeps both.
      const sender = await getReferralForActor(t.db, a.toyamaCoordinator, referral.id);
      expect(sender!.company.profile).toBeDefined();
      expect(sender!.case).toMatchObject({ id: kase.id });
    });

    it("omits the profile for a receiver whose consent does not cover it", async () => {
      const company = await f.company({ prefecture: 16 });
      const referral = await f.referral({ from: a.toyamaCoordinator, to: network.orgs.hokurikuJpaa, company, consent: { basicProfile: false } });
      const detail = await getReferralForActor(t.db, a.attorney, referral.id);
      expect(detail).not.toBeNull();
      expect(detail!.company.profile).toBeUndefined();
    });

    it("is not found for any other organization, an administrator, or a malformed id", async () => {
      const { referral } = await chamberReferral("accepted");
      for (const outsider of [a.toyamaCoordinator, a.attorney, a.bureauManager, a.admin]) {
        expect(await getReferralForActor(t.db, outsider, referral.id)).toBeNull();
      }
      expect(await getReferralForActor(t.db, a.chamberAdvisor, "referral-1")).toBeNull();
    });
  });

  describe("pagination", () => {
    it("walks 120 referrals sent in the same instant in pages of 50, without gaps or duplicates", async () => {
      const sender = await f.user(await f.organization({ party: "jcci", prefecture: 4 }));
      const receiver = await f.organization({ party: "inpit", prefecture: 4 });
      const company = await f.company({ prefecture: 4 });
      const consent = await f.consent(company, sender);
      const sentAt = new Date("2025-07-01T01:02:03.456Z");
      const created: string[] = [];
      for (let i = 0; i < 120; i += 1) created.push((await f.referral({ from: sender, to: receiver, company, consent, sentAt })).id);

      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await findReferralsForActor(t.db, sender, { box: "outbox", cursor, limit: 50 });
        pages.push(page.items.map((r) => r.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(pages.map((p) => p.length)).toEqual([50, 50, 20]);
      expect(new Set(pages.flat()).size).toBe(120);
      expect([...pages.flat()].sort()).toEqual([...created].sort());
      // Ties on sent_at fall back to the id, descending.
      expect(pages.flat()).toEqual([...created].sort().reverse());
    });

    it("refuses a tampered cursor", async () => {
      const wrongKind = Buffer.from(JSON.stringify(["株式会社", "3f2504e0-4f89-41d3-9a0c-0305e82c3301"])).toString("base64url");
      await expect(findReferralsForActor(t.db, a.chamberAdvisor, { box: "outbox", cursor: wrongKind })).rejects.toBeInstanceOf(InvalidCursorError);
    });
  });
});
