import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { consents } from "@/db/schema";
import { createFixtures, seedNetwork, type Fixtures } from "@/lib/test/fixtures";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { findCaseRefForActor, findConsentsForCompany, findHandlerCandidates, listPartyKinds } from "./form-options";

describe.each(TEST_ENGINES)("the referral forms' choices (%s)", (engine) => {
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

  describe("findConsentsForCompany", () => {
    it("lists every consent of the company, whoever recorded it, revoked ones marked, newest first", async () => {
      const company = await f.company({ prefecture: 17, createdBy: a.chamberAdvisor });
      const byChamber = await f.consent(company, a.chamberAdvisor, { consultationSummary: true });
      const byDesk = await f.consent(company, a.ishikawaCoordinator, {}, true);
      const other = await f.consent(await f.company({ prefecture: 17 }), a.chamberAdvisor);

      const list = (await findConsentsForCompany(t.db, a.ishikawaCoordinator, company.id))?.items;
      expect(list?.map((c) => c.id)).toEqual([byDesk.id, byChamber.id]);
      expect(list?.map((c) => c.id)).not.toContain(other.id);
      expect(list?.find((c) => c.id === byChamber.id)).toMatchObject({
        method: "written",
        scopeBasicProfile: true,
        scopeConsultationSummary: true,
        scopeConfidentialNotes: false,
        recordedBy: { orgName: "金沢商工会議所", userName: "金沢 経営指導員" },
        revokedAt: null,
      });
      expect(list?.find((c) => c.id === byDesk.id)?.revokedAt).toBeInstanceOf(Date);
    });

    it("pages through consents obtained on the same day and recorded in the same instant, none skipped or repeated", async () => {
      const company = await f.company({ prefecture: 17, createdBy: a.chamberAdvisor });
      const recorded: string[] = [];
      for (let i = 0; i < 7; i += 1) recorded.push((await f.consent(company, a.chamberAdvisor)).id);
      const older = await f.consent(company, a.chamberAdvisor);
      await t.db.update(consents).set({ createdAt: new Date("2025-06-01T00:00:00.123456Z") }).where(eq(consents.companyId, company.id));
      await t.db.update(consents).set({ obtainedOn: "2025-04-01" }).where(eq(consents.id, older.id));

      const first = (await findConsentsForCompany(t.db, a.chamberAdvisor, company.id, { limit: 3 }))!;
      expect(first.total).toBe(8);
      const seen = [...first.items.map((c) => c.id)];
      let cursor = first.nextCursor;
      while (cursor) {
        const page = (await findConsentsForCompany(t.db, a.chamberAdvisor, company.id, { limit: 3, cursor }))!;
        expect(page.total).toBe(8);
        seen.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor;
      }
      expect(seen).toHaveLength(8);
      expect(new Set(seen).size).toBe(8);
      expect(seen.at(-1)).toBe(older.id);
      expect(new Set(seen.slice(0, 7))).toEqual(new Set(recorded));
      // A first page that holds everything is its own count.
      expect((await findConsentsForCompany(t.db, a.chamberAdvisor, company.id))!).toMatchObject({ total: 8, nextCursor: null });
    });

    it("shows who consented (a person) only to those who may read the company's contact people", async () => {
      const company = await f.company({ prefecture: 17, createdBy: a.chamberAdvisor });
      await f.consent(company, a.chamberAdvisor);
      // The chamber registered the company: it keeps its contacts, and so the name of the person who consented.
      const [forChamber] = (await findConsentsForCompany(t.db, a.chamberAdvisor, company.id))!.items;
      expect(forChamber!.givenBy).toBe("代表取締役 企業 一郎");
      // The 石川 desk finds the company (its prefecture) but holds none of its personal data.
      const [forDesk] = (await findConsentsForCompany(t.db, a.ishikawaCoordinator, company.id))!.items;
      expect(forDesk).not.toHaveProperty("givenBy");
    });

    it("is null for a company outside the actor's scope, an unknown id and a malformed one", async () => {
      const company = await f.company({ prefecture: 17, createdBy: a.chamberAdvisor });
      await f.consent(company, a.chamberAdvisor);
      for (const outsider of [a.toyamaCoordinator, a.attorney, a.admin]) {
        expect(await findConsentsForCompany(t.db, outsider, company.id)).toBeNull();
      }
      expect(await findConsentsForCompany(t.db, a.chamberAdvisor, "3f2504e0-4f89-41d3-9a0c-0305e82c3301")).toBeNull();
      expect(await findConsentsForCompany(t.db, a.chamberAdvisor, "x' or 1=1")).toBeNull();
    });

    it("opens to the receiver of a pending referral, and closes again once the referral is closed", async () => {
      const company = await f.company({ prefecture: 17, createdBy: a.ishikawaCoordinator });
      const referral = await f.referral({ from: a.ishikawaCoordinator, to: network.orgs.hokurikuJpaa, company, status: "sent" });
      expect((await findConsentsForCompany(t.db, a.attorney, company.id))?.items.map((c) => c.id)).toEqual([referral.consentId]);
      await f.setReferralStatus(referral, "completed");
      expect(await findConsentsForCompany(t.db, a.attorney, company.id)).toBeNull();
    });
  });

  describe("findHandlerCandidates", () => {
    it("offers the active non-administrator users of the actor's own organization", async () => {
      const org = await f.organization({ party: "jpaa", prefecture: 18 });
      const desk = await f.user(org, "coordinator", "福井 受付");
      const attorney = await f.user(org, "coordinator", "福井 弁理士");
      const chair = await f.user(org, "manager", "福井 会長");
      const gone = await f.user(org, "coordinator", "福井 退職");
      await f.deactivate(gone);
      await f.user(await f.organization({ party: "jpaa", prefecture: 17 }), "coordinator", "他会 弁理士");

      const ids = (await findHandlerCandidates(t.db, desk)).map((u) => u.id).sort();
      expect(ids).toEqual([desk.userId, attorney.userId, chair.userId].sort());
    });

    it("offers nobody to an actor who may not answer referrals", async () => {
      expect(await findHandlerCandidates(t.db, a.admin)).toEqual([]);
    });
  });

  describe("findCaseRefForActor", () => {
    it("names the case and its company for those who may open it, and nobody else", async () => {
      const company = await f.company({ prefecture: 17, createdBy: a.ishikawaCoordinator });
      const kase = await f.case({ company, lead: a.ishikawaCoordinator, title: "商標の棚卸し" });
      expect(await findCaseRefForActor(t.db, a.ishikawaCoordinator, kase.id)).toEqual({
        id: kase.id,
        code: kase.code,
        title: "商標の棚卸し",
        companyId: company.id,
      });
      for (const outsider of [a.chamberAdvisor, a.attorney, a.toyamaCoordinator, a.admin]) {
        expect(await findCaseRefForActor(t.db, outsider, kase.id)).toBeNull();
      }
      expect(await findCaseRefForActor(t.db, a.ishikawaCoordinator, "not-a-uuid")).toBeNull();
    });
  });

  it("lists the party kinds from the reference data", async () => {
    const keys = (await listPartyKinds(t.db)).map((p) => p.key);
    expect(keys).toEqual(expect.arrayContaining(["meti", "inpit", "jpaa", "jcci"]));
  });

});
