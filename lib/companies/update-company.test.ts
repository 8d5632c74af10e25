import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { and, eq } from "drizzle-orm";
import { auditLog, companies, companyContacts, ipRights } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { runAction, type ActionDefinition } from "@/lib/authz/action";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { createFixtures, seedNetwork, type Fixtures } from "@/lib/test/fixtures";
import { keyed } from "@/lib/test/keyed";
import { saveContact } from "./save-contact";
import { saveIpRight } from "./save-ip-right";
import { updateCompany } from "./update-company";

describe.each(TEST_ENGINES)("editing a company, its contacts and IP rights (%s)", (engine) => {
  let t: TestDb;
  let f: Fixtures;
  let people: Awaited<ReturnType<typeof seedNetwork>>["actors"];

  beforeAll(async () => {
    t = await createTestDb(engine);
    f = await createFixtures(t.db);
    people = (await seedNetwork(f)).actors;
  });
  afterAll(() => t.cleanup());

  const run = <S extends z.ZodType, R>(action: ActionDefinition<S, R>, actor: Actor, input: unknown) =>
    runAction(action, input, { actorUserId: actor.userId, db: t.db });
  const reread = async (id: string) => (await t.db.select().from(companies).where(eq(companies.id, id)))[0]!;

  describe("the kana reading", () => {
    it("is stored in full-width katakana when an edit types it in hiragana or half-width katakana", async () => {
      const company = await f.company({ name: "株式会社 能都酒造", createdBy: people.ishikawaCoordinator });
      const first = await run(updateCompany, people.ishikawaCoordinator, { id: company.id, version: 1, name: company.name, prefectureCode: 17, nameKana: "のと　しゅぞう" });
      expect(first).toMatchObject({ ok: true });
      expect((await reread(company.id)).nameKana).toBe("ノト シュゾウ");
      const second = await run(updateCompany, people.ishikawaCoordinator, { id: company.id, version: 2, name: company.name, prefectureCode: 17, nameKana: "ﾉﾄｼｭｿﾞｳ" });
      expect(second).toMatchObject({ ok: true });
      expect((await reread(company.id)).nameKana).toBe("ノトシュゾウ");
    });

    it("is stored in full-width katakana for a contact person too", async () => {
      const company = await f.company({ name: "株式会社 門前漆工", createdBy: people.ishikawaCoordinator });
      const saved = await run(saveContact, people.ishikawaCoordinator, keyed({ companyId: company.id, name: "門前 花子", nameKana: "もんぜん　ﾊﾅｺ" }));
      expect(saved).toMatchObject({ ok: true });
      const [contact] = await t.db.select().from(companyContacts).where(eq(companyContacts.companyId, company.id));
      expect(contact!.nameKana).toBe("モンゼン ハナコ");
    });
  });

  describe("the stale-edit conflict", () => {
    it("saves an edit made against the current version, bumps the version and audits before and after", async () => {
      const company = await f.company({ name: "株式会社 珠洲塩業", createdBy: people.ishikawaCoordinator });

      const result = await run(updateCompany, people.ishikawaCoordinator, {
        id: company.id,
        version: company.version,
        name: "株式会社 珠洲製塩",
        prefectureCode: 17,
        city: "珠洲市",
      });

      expect(result).toEqual({ ok: true, data: { id: company.id, version: 2 } });
      expect(await reread(company.id)).toMatchObject({ name: "株式会社 珠洲製塩", normalizedName: "珠洲製塩", city: "珠洲市", version: 2 });
      const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "company.update"), eq(auditLog.entityId, company.id)));
      expect(audit!.before).toMatchObject({ name: "株式会社 珠洲塩業", city: null, version: 1 });
      expect(audit!.after).toMatchObject({ name: "株式会社 珠洲製塩", city: "珠洲市", version: 2 });
    });

    it("refuses an edit made against an older version with what is there now, and overwrites nothing", async () => {
      const company = await f.company({ name: "株式会社 小松鉄工", createdBy: people.ishikawaCoordinator });
      // Two people open the edit form at version 1; the first saves.
      const first = await run(updateCompany, people.ishikawaCoordinator, {
        id: company.id,
        version: 1,
        name: "株式会社 小松鉄工所",
        prefectureCode: 17,
        industry: "金属加工",
      });
      expect(first.ok).toBe(true);

      const stale = await run(updateCompany, people.ishikawaColleague, {
        id: company.id,
        version: 1,
        name: "小松鉄工 株式会社",
        prefectureCode: 17,
        industry: "機械製造",
      });

      expect(stale).toMatchObject({
        ok: false,
        code: "conflict",
        message: "他の人が先に更新しました。最新の内容を確認してからもう一度保存してください。",
        current: { name: "株式会社 小松鉄工所", industry: "金属加工", version: 2 },
        values: { name: "小松鉄工 株式会社", industry: "機械製造" },
      });
      expect(await reread(company.id)).toMatchObject({ name: "株式会社 小松鉄工所", industry: "金属加工", version: 2 });
      const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "company.update"), eq(auditLog.entityId, company.id)));
      expect(audits).toHaveLength(1);
    });

    it("leaves out of the update the fields the form did not send", async () => {
      const company = await f.company({ name: "株式会社 野々市電子", createdBy: people.ishikawaCoordinator });
      await run(updateCompany, people.ishikawaCoordinator, { id: company.id, version: 1, name: company.name, prefectureCode: 17, city: "野々市市" });
      const result = await run(updateCompany, people.ishikawaCoordinator, { id: company.id, version: 2, name: company.name, prefectureCode: 17, address: "本町1-1" });
      expect(result.ok).toBe(true);
      expect(await reread(company.id)).toMatchObject({ city: "野々市市", address: "本町1-1" });
    });

    it("refuses a 法人番号 that another company already has", async () => {
      await f.company({ name: "株式会社 既存", corporateNumber: "4011001098993", createdBy: people.ishikawaCoordinator });
      const company = await f.company({ name: "株式会社 仮登録", createdBy: people.ishikawaCoordinator });
      const result = await run(updateCompany, people.ishikawaCoordinator, {
        id: company.id,
        version: 1,
        name: company.name,
        prefectureCode: 17,
        corporateNumber: "4011001098993",
      });
      expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { corporateNumber: ["この法人番号の企業は「株式会社 既存」として既に登録されています。"] } });
      expect(await reread(company.id)).toMatchObject({ corporateNumber: null, version: 1 });
    });

    it("answers not found to a desk that cannot see the company, and changes nothing", async () => {
      const company = await f.company({ name: "株式会社 羽咋農園", prefecture: 17, createdBy: people.ishikawaCoordinator });
      const result = await run(updateCompany, people.toyamaCoordinator, { id: company.id, version: 1, name: "乗っ取り", prefectureCode: 16 });
      expect(result).toMatchObject({ ok: false, code: "not_found" });
      expect(await reread(company.id)).toMatchObject({ name: "株式会社 羽咋農園", version: 1 });
    });
  });

  describe("contact people", () => {
    it("adds and edits a contact of a company the desk registered, with optimistic concurrency", async () => {
      const company = await f.company({ createdBy: people.ishikawaCoordinator });
      const created = await run(saveContact, people.ishikawaCoordinator, keyed({
        companyId: company.id,
        name: "山田 花子",
        title: "総務部長",
        email: "hanako@example.jp",
        preferredContactMethod: "email",
        isRepresentative: "on",
      }));
      expect(created).toMatchObject({ ok: true, data: { version: 1 } });
      if (!created.ok) return;

      const edited = await run(saveContact, people.ishikawaCoordinator, { companyId: company.id, id: created.data.id, version: 1, name: "山田 花子", phone: "076-000-0000" });
      expect(edited).toMatchObject({ ok: true, data: { version: 2 } });
      const stale = await run(saveContact, people.ishikawaColleague, { companyId: company.id, id: created.data.id, version: 1, name: "山田 はなこ" });
      expect(stale).toMatchObject({ ok: false, code: "conflict", current: { name: "山田 花子", phone: "076-000-0000", version: 2 } });
      const [stored] = await t.db.select().from(companyContacts).where(eq(companyContacts.id, created.data.id));
      // What the edit did not send stays as it was.
      expect(stored).toMatchObject({ name: "山田 花子", email: "hanako@example.jp", preferredContactMethod: "email", isRepresentative: true, version: 2 });
    });

    it("refuses an invalid e-mail address next to the field", async () => {
      const company = await f.company({ createdBy: people.ishikawaCoordinator });
      const result = await run(saveContact, people.ishikawaCoordinator, keyed({ companyId: company.id, name: "佐藤 一郎", email: "sato@" }));
      expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { email: ["メールアドレスの形式で入力してください。"] } });
    });

    it("does not let someone who may find the company but not read its contacts write one", async () => {
      // The chamber sees 石川's companies (company data is not personal data) but not their contact people.
      const company = await f.company({ createdBy: people.ishikawaCoordinator });
      const result = await run(saveContact, people.chamberAdvisor, keyed({ companyId: company.id, name: "鈴木 次郎" }));
      expect(result).toMatchObject({ ok: false, code: "not_found" });
      expect(await t.db.select().from(companyContacts).where(eq(companyContacts.companyId, company.id))).toHaveLength(0);
    });
  });

  describe("IP rights", () => {
    it("records a right and refuses a registered one without its registration number", async () => {
      const company = await f.company({ createdBy: people.ishikawaCoordinator });
      const filed = await run(saveIpRight, people.ishikawaCoordinator, keyed({
        companyId: company.id,
        kind: "trademark",
        title: "能登ブルー",
        status: "filed",
        applicationNumber: "商願2025-012345",
        filedOn: "2025/6/1",
      }));
      expect(filed).toMatchObject({ ok: true, data: { version: 1 } });

      const registered = await run(saveIpRight, people.ishikawaCoordinator, keyed({ companyId: company.id, kind: "patent", title: "塩の製法", status: "registered" }));
      expect(registered).toMatchObject({
        ok: false,
        code: "invalid",
        fieldErrors: { registrationNumber: ["登録済みの権利には登録番号を入力してください。"] },
      });
      const rights = await t.db.select().from(ipRights).where(eq(ipRights.companyId, company.id));
      expect(rights).toEqual([expect.objectContaining({ title: "能登ブルー", filedOn: "2025-06-01" })]);
    });

    it("does not reveal a right still being prepared to a desk outside the company's cases", async () => {
      const company = await f.company({ createdBy: people.ishikawaCoordinator });
      const preparing = await f.ipRight(company, { title: "未出願の発明", status: "preparing" });
      // The chamber may find the company and edit it, but an unfiled invention is not theirs to see.
      const result = await run(saveIpRight, people.chamberAdvisor, {
        companyId: company.id,
        id: preparing.id,
        version: 1,
        kind: "patent",
        title: "書き換え",
        status: "filed",
      });
      expect(result).toMatchObject({ ok: false, code: "not_found" });
      expect((await t.db.select().from(ipRights).where(eq(ipRights.id, preparing.id)))[0]).toMatchObject({ title: "未出願の発明", version: 1 });
    });
  });
});
