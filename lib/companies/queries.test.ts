import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { companyContacts, ipRights } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { InvalidCursorError } from "@/lib/pagination";
import { createFixtures, seedNetwork, type Fixtures } from "@/lib/test/fixtures";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { findCompaniesForActor, getCompanyForActor } from "./queries";

describe.each(TEST_ENGINES)("company queries (%s)", (engine) => {
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

  const found = async (actor: Actor, options: Parameters<typeof findCompaniesForActor>[2] = {}) =>
    (await findCompaniesForActor(t.db, actor, { limit: 200, ...options })).items.map((c) => c.id);

  describe("who may find a company", () => {
    it("shows an INPIT desk and a chamber the companies of their prefecture, not of the next one", async () => {
      const ishikawa = await f.company({ prefecture: 17 });
      const toyama = await f.company({ prefecture: 16 });
      for (const actor of [a.ishikawaCoordinator, a.chamberAdvisor]) {
        expect(await found(actor)).toContain(ishikawa.id);
        expect(await found(actor)).not.toContain(toyama.id);
        expect(await getCompanyForActor(t.db, actor, ishikawa.id)).toMatchObject({ id: ishikawa.id, prefectureName: "石川県" });
        expect(await getCompanyForActor(t.db, actor, toyama.id)).toBeNull();
      }
    });

    it("shows a 経産局 bureau the companies of its whole block, not of another block", async () => {
      const ishikawa = await f.company({ prefecture: 17 });
      const toyama = await f.company({ prefecture: 16 });
      const tokyo = await f.company({ prefecture: 13 });
      const ids = await found(a.bureauCoordinator);
      expect(ids).toEqual(expect.arrayContaining([ishikawa.id, toyama.id]));
      expect(ids).not.toContain(tokyo.id);
      expect(await getCompanyForActor(t.db, a.bureauCoordinator, tokyo.id)).toBeNull();
    });

    it("shows the registering organization its companies outside its area", async () => {
      const tokyo = await f.company({ prefecture: 13, createdBy: a.toyamaCoordinator });
      expect(await found(a.toyamaCoordinator)).toContain(tokyo.id);
      expect(await getCompanyForActor(t.db, a.toyamaCoordinator, tokyo.id)).not.toBeNull();
    });

    it("hides a company from 弁理士会 when there is no referral or case", async () => {
      const company = await f.company({ prefecture: 17 });
      expect(await getCompanyForActor(t.db, a.attorney, company.id)).toBeNull();
      expect(await found(a.attorney)).not.toContain(company.id);
    });

    it("shows 弁理士会 a company through an open referral whose consent covers the basic profile", async () => {
      for (const status of ["sent", "accepted", "in_progress"] as const) {
        const company = await f.company({ prefecture: 16 });
        await f.referral({ from: a.toyamaCoordinator, to: network.orgs.hokurikuJpaa, company, status });
        expect(await getCompanyForActor(t.db, a.attorney, company.id)).not.toBeNull();
        expect(await found(a.attorney)).toContain(company.id);
      }
    });

    it("hides it from 弁理士会 again once the referral is completed, declined or withdrawn", async () => {
      for (const status of ["completed", "declined", "withdrawn"] as const) {
        const company = await f.company({ prefecture: 16 });
        await f.referral({ from: a.toyamaCoordinator, to: network.orgs.hokurikuJpaa, company, status });
        expect(await getCompanyForActor(t.db, a.attorney, company.id)).toBeNull();
        expect(await found(a.attorney)).not.toContain(company.id);
      }
    });

    it("hides it from the receiver when the consent does not cover the basic profile or was revoked", async () => {
      const notCovered = await f.company({ prefecture: 16 });
      await f.referral({ from: a.toyamaCoordinator, to: network.orgs.hokurikuJpaa, company: notCovered, consent: { basicProfile: false } });
      const revoked = await f.company({ prefecture: 16 });
      const consent = await f.consent(revoked, a.toyamaCoordinator, {}, true);
      await f.referral({ from: a.toyamaCoordinator, to: network.orgs.hokurikuJpaa, company: revoked, consent });
      for (const company of [notCovered, revoked]) {
        expect(await getCompanyForActor(t.db, a.attorney, company.id)).toBeNull();
        expect(await found(a.attorney)).not.toContain(company.id);
        // The sender keeps seeing the company of its own referral.
        expect(await getCompanyForActor(t.db, a.toyamaCoordinator, company.id)).not.toBeNull();
      }
    });

    it("shows 弁理士会 the company of a case it is a member of", async () => {
      const company = await f.company({ prefecture: 17 });
      await f.case({ company, lead: a.ishikawaCoordinator, members: [a.attorney] });
      expect(await getCompanyForActor(t.db, a.attorney, company.id)).not.toBeNull();
    });

    it("shows nothing to an administrator", async () => {
      const company = await f.company({ prefecture: 17, createdBy: a.ishikawaCoordinator });
      expect(await getCompanyForActor(t.db, a.admin, company.id)).toBeNull();
      expect(await found(a.admin)).toEqual([]);
    });

    it("hides a company merged into another", async () => {
      const survivor = await f.company({ prefecture: 17, name: "存続商事株式会社" });
      const merged = await f.company({ prefecture: 17, name: "存続商事", mergedIntoId: survivor.id });
      expect(await getCompanyForActor(t.db, a.ishikawaCoordinator, merged.id)).toBeNull();
      expect(await found(a.ishikawaCoordinator, { q: "存続商事" })).toEqual([survivor.id]);
    });

    it("answers null for an id that is not a UUID", async () => {
      expect(await getCompanyForActor(t.db, a.ishikawaCoordinator, "12345")).toBeNull();
      expect(await getCompanyForActor(t.db, a.ishikawaCoordinator, "'; select 1; --")).toBeNull();
    });
  });

  describe("the company page", () => {
    it("shows contacts to those who may open its case or registered it, and omits them (not empty) for the area's other parties", async () => {
      const company = await f.company({ prefecture: 17, createdBy: a.ishikawaCoordinator });
      const contact = await f.contact(company, "代表 花子");
      await f.case({ company, lead: a.ishikawaCoordinator });
      expect((await getCompanyForActor(t.db, a.ishikawaCoordinator, company.id))!.contacts!.map((c) => c.id)).toEqual([contact.id]);
      expect((await getCompanyForActor(t.db, a.ishikawaManager, company.id))!.contacts).toHaveLength(1);

      for (const actor of [a.chamberAdvisor, a.bureauCoordinator]) {
        const detail = await getCompanyForActor(t.db, actor, company.id);
        expect(detail).not.toBeNull();
        expect("contacts" in detail!).toBe(false);
      }
    });

    it("shows contacts to a referral receiver only after acceptance, and only under a basic-profile consent", async () => {
      const company = await f.company({ prefecture: 16 });
      await f.contact(company);
      const referral = await f.referral({ from: a.toyamaCoordinator, to: network.orgs.hokurikuJpaa, company, status: "sent" });
      expect((await getCompanyForActor(t.db, a.attorney, company.id))!.contacts).toBeUndefined();
      await f.setReferralStatus(referral, "accepted");
      expect((await getCompanyForActor(t.db, a.attorney, company.id))!.contacts).toHaveLength(1);
      await f.setReferralStatus(referral, "completed");
      expect(await getCompanyForActor(t.db, a.attorney, company.id)).toBeNull();
    });

    it("shows published IP rights to everyone who may find the company, and rights in preparation only to its supporters", async () => {
      const company = await f.company({ prefecture: 17 });
      const registered = await f.ipRight(company, { title: "登録商標「のと」", status: "registered", kind: "trademark" });
      const preparing = await f.ipRight(company, { title: "新しい発酵装置", status: "preparing" });
      await f.case({ company, lead: a.ishikawaCoordinator });

      const supporter = await getCompanyForActor(t.db, a.ishikawaCoordinator, company.id);
      expect(supporter!.ipRights.map((r) => r.id).sort()).toEqual([registered.id, preparing.id].sort());
      const areaOnly = await getCompanyForActor(t.db, a.chamberAdvisor, company.id);
      expect(areaOnly!.ipRights.map((r) => r.id)).toEqual([registered.id]);
    });

    it("lists only the company's cases that the actor may open", async () => {
      const company = await f.company({ prefecture: 17 });
      const ishikawaCase = await f.case({ company, lead: a.ishikawaCoordinator, title: "石川の案件" });
      const chamberCase = await f.case({ company, lead: a.chamberAdvisor, title: "商工会議所の案件" });
      expect((await getCompanyForActor(t.db, a.ishikawaColleague, company.id))!.cases.map((c) => c.id)).toEqual([ishikawaCase.id]);
      expect((await getCompanyForActor(t.db, a.chamberAdvisor, company.id))!.cases.map((c) => c.id)).toEqual([chamberCase.id]);
      expect((await getCompanyForActor(t.db, a.bureauCoordinator, company.id))!.cases).toEqual([]);
    });

    it("pages its cases, contact people and IP rights section by section, each with its total, and counts only what the actor sees", async () => {
      const company = await f.company({ prefecture: 17, createdBy: a.ishikawaCoordinator });
      const people: string[] = [];
      for (let i = 0; i < 5; i += 1) people.push((await f.contact(company, `担当 ${i}`)).id);
      const [representative] = await t.db
        .update(companyContacts)
        .set({ isRepresentative: true })
        .where(eq(companyContacts.id, people[3]!))
        .returning({ id: companyContacts.id });
      // Contacts recorded in the same instant: only the id orders them after the representative.
      await t.db.update(companyContacts).set({ createdAt: new Date("2025-05-01T00:00:00Z") }).where(eq(companyContacts.companyId, company.id));
      const rights: string[] = [];
      for (let i = 0; i < 4; i += 1) rights.push((await f.ipRight(company, { title: `特許 ${i}`, status: "registered" })).id);
      await t.db.update(ipRights).set({ filedOn: "2024-01-01" }).where(eq(ipRights.id, rights[0]!));
      await t.db.update(ipRights).set({ filedOn: "2025-01-01" }).where(eq(ipRights.id, rights[1]!));
      // A right in preparation: the area's other parties neither see it nor count it.
      const preparing = await f.ipRight(company, { title: "準備中の発明", status: "preparing" });
      const kases: string[] = [];
      for (let i = 0; i < 3; i += 1) kases.push((await f.case({ company, lead: a.ishikawaCoordinator })).id);
      const chamberCase = await f.case({ company, lead: a.chamberAdvisor });

      const walk = async (actor: Actor, key: "cases" | "contacts" | "ipRights") => {
        const seen: string[] = [];
        const totals: number[] = [];
        let cursor: string | undefined;
        do {
          const detail = (await getCompanyForActor(t.db, actor, company.id, { sectionSize: 2, cursors: { [key]: cursor } }))!;
          seen.push(...(detail[key] ?? []).map((row) => row.id));
          totals.push(detail.sections[key]!.total);
          cursor = detail.sections[key]!.nextCursor ?? undefined;
        } while (cursor);
        return { seen, totals };
      };

      const contacts = await walk(a.ishikawaCoordinator, "contacts");
      expect(contacts.totals).toEqual([5, 5, 5]);
      expect(contacts.seen).toEqual([representative!.id, ...people.filter((id) => id !== representative!.id).sort()]);

      const supporterRights = await walk(a.ishikawaCoordinator, "ipRights");
      expect(supporterRights.totals).toEqual([5, 5, 5]);
      // Not yet filed first (newest id first among them), then the newest filing.
      expect(supporterRights.seen).toEqual([...[rights[2]!, rights[3]!, preparing.id].sort().reverse(), rights[1], rights[0]]);
      const areaRights = await walk(a.bureauCoordinator, "ipRights");
      expect(areaRights.totals).toEqual([4, 4]);
      expect(areaRights.seen).not.toContain(preparing.id);

      const cases = await walk(a.ishikawaCoordinator, "cases");
      expect(cases.totals).toEqual([3, 3]);
      expect([...cases.seen].sort()).toEqual([...kases].sort());
      expect(cases.seen).not.toContain(chamberCase.id);

      // The chamber sees its own case only; the bureau finds the company but neither its contact people nor its cases.
      expect((await getCompanyForActor(t.db, a.chamberAdvisor, company.id, { sectionSize: 2 }))!.sections.cases).toEqual({ total: 1, nextCursor: null });
      const bureauView = (await getCompanyForActor(t.db, a.bureauCoordinator, company.id, { sectionSize: 2 }))!;
      expect(bureauView.sections.contacts).toBeUndefined();
      expect(bureauView.sections.cases).toEqual({ total: 0, nextCursor: null });
      // A damaged cursor starts its section over; the others are untouched.
      const damaged = (await getCompanyForActor(t.db, a.ishikawaCoordinator, company.id, { sectionSize: 2, cursors: { contacts: "%%%" } }))!;
      expect(damaged.contacts!.map((c) => c.id)).toEqual(contacts.seen.slice(0, 2));
    });
  });

  describe("search", () => {
    let desk: Actor;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      // A prefecture of its own, so that other tests' companies stay out of the results.
      desk = await f.user(await f.organization({ party: "inpit", prefecture: 2 }));
      const rows = {
        brewery: await f.company({ prefecture: 2, name: "株式会社 津軽醸造", nameKana: "ツガルジョウゾウ", corporateNumber: "1180301018771" }),
        apple: await f.company({ prefecture: 2, name: "りんご工房合同会社", nameKana: "リンゴコウボウ", corporateNumber: "4011001098993" }),
        percent: await f.company({ prefecture: 2, name: "果汁100%ジュース有限会社" }),
        underscore: await f.company({ prefecture: 2, name: "A_B工業" }),
        plain: await f.company({ prefecture: 2, name: "AXB工業" }),
      };
      for (const [key, row] of Object.entries(rows)) ids[key] = row.id;
    });

    const search = (q: string) => found(desk, { q, prefecture: 2 });

    it("matches a name fragment, with or without the legal form and spaces", async () => {
      expect(await search("津軽")).toEqual([ids.brewery]);
      expect(await search("株式会社津軽醸造")).toEqual([ids.brewery]);
      expect(await search("ｔｓｕｇａｒｕ")).toEqual([]);
    });

    it("matches the kana reading, typed in katakana, half-width katakana or hiragana", async () => {
      expect(await search("リンゴ")).toEqual([ids.apple]);
      expect(await search("ﾘﾝｺﾞ")).toEqual([ids.apple]);
      expect(await search("りんごこうぼう")).toEqual([ids.apple]);
    });

    it("matches a fragment of the 法人番号 typed with full-width digits and hyphens", async () => {
      expect(await search("1180301")).toEqual([ids.brewery]);
      expect(await search("１１８０-３０１")).toEqual([ids.brewery]);
      expect(await search("1098993")).toEqual([ids.apple]);
    });

    it("finds 2-character queries (which trigrams cannot serve) and requires every word of a longer query", async () => {
      expect(await search("津軽")).toEqual([ids.brewery]);
      expect(await search("工房")).toEqual([ids.apple]);
      expect(await search("津軽 醸造")).toEqual([ids.brewery]);
      expect(await search("津軽 りんご")).toEqual([]);
      expect(await search("(株)津軽")).toEqual([ids.brewery]);
    });

    it("takes % and _ literally", async () => {
      expect(await search("100%")).toEqual([ids.percent]);
      expect(await search("%")).toEqual([ids.percent]);
      expect(await search("A_B")).toEqual([ids.underscore]);
    });

    it("treats a blank query as no filter, and the prefecture as a filter", async () => {
      expect((await search("  ")).sort()).toEqual(Object.values(ids).sort());
      expect(await found(desk, { prefecture: 13 })).toEqual([]);
    });

    it("never widens the actor's scope", async () => {
      expect(await found(a.toyamaCoordinator, { q: "津軽" })).toEqual([]);
      expect(await found(a.attorney, { q: "1180301" })).toEqual([]);
    });
  });

  describe("pagination", () => {
    it("walks 120 companies in pages of 50 by normalized name, without gaps or duplicates where names tie", async () => {
      const desk = await f.user(await f.organization({ party: "inpit", prefecture: 3 }));
      const created: string[] = [];
      // Forty names, three companies each: ties on the sort key are broken by id.
      for (let i = 0; i < 120; i += 1) {
        created.push((await f.company({ prefecture: 3, name: `岩手商店${String(i % 40).padStart(2, "0")}` })).id);
      }
      const pages: { id: string; name: string }[][] = [];
      let cursor: string | undefined;
      do {
        const page = await findCompaniesForActor(t.db, desk, { cursor, limit: 50 });
        pages.push(page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);

      expect(pages.map((p) => p.length)).toEqual([50, 50, 20]);
      const walked = pages.flat().map((c) => c.id);
      expect(new Set(walked).size).toBe(120);
      expect([...walked].sort()).toEqual([...created].sort());
      const names = pages.flat().map((c) => c.name);
      expect(names).toEqual([...names].sort());
    });

    it("refuses a tampered cursor", async () => {
      const bad = Buffer.from(JSON.stringify(["name", "not-a-uuid"])).toString("base64url");
      for (const cursor of [bad, "e30", "%%%", Buffer.from('["a\\u0000b","3f2504e0-4f89-41d3-9a0c-0305e82c3301"]').toString("base64url")]) {
        await expect(findCompaniesForActor(t.db, a.ishikawaCoordinator, { cursor })).rejects.toBeInstanceOf(InvalidCursorError);
      }
    });
  });
});
