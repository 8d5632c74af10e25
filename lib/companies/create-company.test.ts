import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, companies } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { runAction } from "@/lib/authz/action";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { createFixtures, seedNetwork, type Fixtures } from "@/lib/test/fixtures";
import { keyed } from "@/lib/test/keyed";
import { computeCheckDigit } from "./corporate-number";
import { createCompany } from "./create-company";
import { findCompaniesForActor } from "./queries";

/** A valid 法人番号 built from twelve digits, so that each test has its own. */
function validNumber(twelve: string): string {
  return `${computeCheckDigit(twelve)}${twelve}`;
}

describe.each(TEST_ENGINES)("registering a company (%s)", (engine) => {
  let t: TestDb;
  let f: Fixtures;
  let people: Awaited<ReturnType<typeof seedNetwork>>["actors"];

  beforeAll(async () => {
    t = await createTestDb(engine);
    f = await createFixtures(t.db);
    people = (await seedNetwork(f)).actors;
  });
  afterAll(() => t.cleanup());

  const register = (actor: Actor, input: Record<string, unknown> | FormData) =>
    runAction(createCompany, keyed(input), { actorUserId: actor.userId, db: t.db });
  const companyCount = async () => (await t.db.select({ id: companies.id }).from(companies)).length;
  const auditRowsFor = async (companyId: string) =>
    t.db.select().from(auditLog).where(and(eq(auditLog.action, "company.create"), eq(auditLog.entityId, companyId)));

  it("stores the 法人番号 typed with full-width digits, spaces and hyphens in its 13-digit form", async () => {
    const form = new FormData();
    form.set("name", "株式会社　北陸テック");
    form.set("prefectureCode", "17");
    form.set("corporateNumber", "１-１８０３ ０１０１－８７７１");
    form.set("employeeCount", "１，２００");

    const result = await register(people.ishikawaCoordinator, form);

    expect(result).toMatchObject({ ok: true, data: { corporateNumber: "1180301018771", replayed: false } });
    if (!result.ok) return;
    const [stored] = await t.db.select().from(companies).where(eq(companies.id, result.data.id));
    expect(stored).toMatchObject({
      corporateNumber: "1180301018771",
      name: "株式会社　北陸テック",
      normalizedName: "北陸テック",
      employeeCount: 1200,
      createdByOrgId: people.ishikawaCoordinator.orgId,
      version: 1,
    });
    const [audit] = await auditRowsFor(result.data.id);
    expect(audit).toMatchObject({ actorUserId: people.ishikawaCoordinator.userId, before: null });
    expect(audit!.after).toMatchObject({ corporateNumber: "1180301018771", name: "株式会社　北陸テック" });
  });

  it("refuses a wrong check digit with a Japanese message next to the field, keeps what was typed and creates nothing", async () => {
    const before = await companyCount();
    const typed = "2180301018771"; // 1180301018771 with the check digit changed

    const result = await register(people.ishikawaCoordinator, { name: "株式会社 誤記", prefectureCode: 17, corporateNumber: typed });

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe("invalid");
    expect(result.fieldErrors?.corporateNumber).toEqual(["法人番号のチェックデジット（先頭の1桁）が一致しません。番号を確認してください。"]);
    expect(result.values).toMatchObject({ name: "株式会社 誤記", corporateNumber: typed });
    expect(await companyCount()).toBe(before);
  });

  it("refuses a number that is not 13 digits, and a missing name and prefecture, each next to its field", async () => {
    const result = await register(people.ishikawaCoordinator, { name: " ", prefectureCode: "", corporateNumber: "118030101877" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors).toEqual({
      corporateNumber: ["法人番号は13桁の数字で入力してください（全角数字・ハイフン可）。"],
      name: ["入力してください。"],
      prefectureCode: ["都道府県を選んでください。"],
    });
  });

  describe("duplicate detection", () => {
    it("refuses a 法人番号 that is already registered, naming the company to someone who can see it", async () => {
      const number = validNumber("000000000101");
      const existing = await f.company({ name: "株式会社 能登精機", corporateNumber: number, createdBy: people.ishikawaCoordinator });
      const before = await companyCount();

      // Another spelling, and the confirmation of a name duplicate, do not get a second record past the number.
      const result = await register(people.ishikawaColleague, {
        name: "能登精機",
        prefectureCode: 17,
        corporateNumber: number.replace(/^(\d)(\d{4})/, "$1-$2-"),
        confirmDuplicate: "on",
      });

      expect(result).toMatchObject({
        ok: false,
        code: "invalid",
        fieldErrors: { corporateNumber: [`この法人番号の企業は「${existing.name}」として既に登録されています。`] },
      });
      expect(await companyCount()).toBe(before);
    });

    it("refuses the same number without naming a company the actor may not see", async () => {
      const number = validNumber("000000000202");
      await f.company({ name: "株式会社 金沢秘匿工業", prefecture: 17, corporateNumber: number, createdBy: people.ishikawaCoordinator });
      const before = await companyCount();

      // The 富山 desk sees 富山's companies; the 石川 record is outside its scope.
      const result = await register(people.toyamaCoordinator, { name: "金沢秘匿工業 富山工場", prefectureCode: 16, corporateNumber: number });

      expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { corporateNumber: ["この法人番号の企業は既に登録されています。"] } });
      expect(JSON.stringify(result)).not.toContain("金沢秘匿工業」");
      expect(await companyCount()).toBe(before);
    });

    it("warns about the same normalized name in the same prefecture, then registers it once the user confirms", async () => {
      const existing = await f.company({ name: "株式会社 加賀製作所", prefecture: 17, createdBy: people.ishikawaCoordinator });
      const before = await companyCount();
      const input = { name: "（株）加賀製作所", prefectureCode: 17, city: "加賀市" };

      const warned = await register(people.ishikawaColleague, input);
      expect(warned).toMatchObject({
        ok: false,
        code: "conflict",
        message: "同じ都道府県に同じ名称の企業が登録されています。別の企業であることを確認してから登録してください。",
        current: { duplicates: [{ visible: true, reason: "name_and_prefecture", id: existing.id, name: "株式会社 加賀製作所" }] },
        values: input,
      });
      expect(await companyCount()).toBe(before);

      const confirmed = await register(people.ishikawaColleague, { ...input, confirmDuplicate: "on" });
      expect(confirmed).toMatchObject({ ok: true, data: { name: "（株）加賀製作所" } });
      const sameName = await t.db.select().from(companies).where(eq(companies.normalizedName, "加賀製作所"));
      expect(sameName).toHaveLength(2);
      if (!confirmed.ok) return;
      const [audit] = await auditRowsFor(confirmed.data.id);
      expect(audit!.meta).toEqual({ confirmedDuplicateOf: [existing.id] });
    });

    it("does not warn about the same name in another prefecture", async () => {
      await f.company({ name: "株式会社 立山食品", prefecture: 16 });
      const result = await register(people.ishikawaCoordinator, { name: "立山食品株式会社", prefectureCode: 17 });
      expect(result).toMatchObject({ ok: true });
    });

    it("ignores a company that was merged away", async () => {
      const survivor = await f.company({ name: "株式会社 白山商事", prefecture: 17 });
      const number = validNumber("000000000303");
      await f.company({ name: "白山商事", prefecture: 17, corporateNumber: number, mergedIntoId: survivor.id });
      const result = await register(people.ishikawaCoordinator, { name: "白山テキスタイル", prefectureCode: 17, corporateNumber: number });
      expect(result).toMatchObject({ ok: true, data: { corporateNumber: number } });
    });
  });

  describe("the kana reading", () => {
    const foundBy = async (actor: Actor, q: string) => (await findCompaniesForActor(t.db, actor, { q, limit: 200 })).items.map((c) => c.id);

    it("is stored in full-width katakana whether typed in hiragana or half-width katakana, and found by either script", async () => {
      const typedHiragana = await register(people.ishikawaCoordinator, { name: "株式会社 曽々木工房", nameKana: "そそぎ　こうぼう", prefectureCode: 17 });
      const typedHalfWidth = await register(people.ishikawaCoordinator, { name: "株式会社 舳倉海産", nameKana: "ﾍｸﾞﾗ  ｶｲｻﾝ", prefectureCode: 17 });
      expect(typedHiragana).toMatchObject({ ok: true });
      expect(typedHalfWidth).toMatchObject({ ok: true });
      if (!typedHiragana.ok || !typedHalfWidth.ok) return;
      const stored = async (id: string) => (await t.db.select({ nameKana: companies.nameKana }).from(companies).where(eq(companies.id, id)))[0]!.nameKana;
      expect(await stored(typedHiragana.data.id)).toBe("ソソギ コウボウ");
      expect(await stored(typedHalfWidth.data.id)).toBe("ヘグラ カイサン");

      // 3+ characters go through the trigram LIKE, 2 through the bigram index: both scripts, both paths.
      for (const q of ["ソソギ", "そそぎ", "ｿｿｷﾞ", "ソソ", "そそ"]) expect(await foundBy(people.ishikawaCoordinator, q)).toContain(typedHiragana.data.id);
      for (const q of ["ヘグラ", "へぐら", "カイサン", "かいさん", "ヘグ", "へぐ"]) expect(await foundBy(people.ishikawaCoordinator, q)).toContain(typedHalfWidth.data.id);
      // Found by the reading, not by everything: another reading does not match.
      expect(await foundBy(people.ishikawaCoordinator, "へぐら")).not.toContain(typedHiragana.data.id);
    });
  });

  describe("double submit", () => {
    it("creates one company and one audit row when the same form is submitted twice", async () => {
      const key = randomUUID();
      const input = { name: "株式会社 七尾ロボティクス", prefectureCode: 17, idempotencyKey: key };

      const first = await register(people.ishikawaCoordinator, input);
      const second = await register(people.ishikawaCoordinator, input);

      expect(first).toMatchObject({ ok: true, data: { replayed: false } });
      expect(second).toMatchObject({ ok: true, data: { replayed: true } });
      if (!first.ok || !second.ok) return;
      expect(second.data.id).toBe(first.data.id);
      expect(await t.db.select().from(companies).where(eq(companies.normalizedName, "七尾ロボティクス"))).toHaveLength(1);
      expect(await auditRowsFor(first.data.id)).toHaveLength(1);
    });

    it("refuses a submit without its one-time key, next to the key, and registers nothing", async () => {
      const before = await companyCount();
      const form = new FormData();
      form.set("name", "株式会社 鍵なし商店");
      form.set("prefectureCode", "17");
      form.set("idempotencyKey", "");
      const keyless = await runAction(createCompany, form, { actorUserId: people.ishikawaCoordinator.userId, db: t.db });
      expect(keyless).toMatchObject({ ok: false, code: "invalid", fieldErrors: { idempotencyKey: ["送信キー（idempotencyKey）がありません。二重登録を防ぐため、新規作成の送信には UUID 形式の送信キーが必要です。画面から送信した場合は、再読み込みしてからもう一度送信してください。"] }, values: { name: "株式会社 鍵なし商店" } });
      expect(await companyCount()).toBe(before);
    });

    it("creates one company when the submits race each other", async () => {
      const key = randomUUID();
      const input = { name: "株式会社 輪島漆器", prefectureCode: 17, corporateNumber: validNumber("000000000404"), idempotencyKey: key };

      const results = await Promise.all([1, 2, 3].map(() => register(people.ishikawaCoordinator, input)));

      expect(results.every((r) => r.ok)).toBe(true);
      const ids = new Set(results.map((r) => (r.ok ? r.data.id : null)));
      expect(ids.size).toBe(1);
      expect(results.filter((r) => r.ok && !r.data.replayed)).toHaveLength(1);
      expect(await t.db.select().from(companies).where(eq(companies.normalizedName, "輪島漆器"))).toHaveLength(1);
      expect(await auditRowsFor([...ids][0]!)).toHaveLength(1);
    });
  });

  describe("who may register", () => {
    it("refuses 弁理士会 and administrators, and creates nothing", async () => {
      const before = await companyCount();
      for (const actor of [people.attorney, people.admin]) {
        const result = await register(actor, { name: "株式会社 代理登録", prefectureCode: 17 });
        expect(result).toMatchObject({ ok: false, code: "forbidden", message: "この操作を行う権限がありません。" });
      }
      expect(await companyCount()).toBe(before);
    });

    it("lets a chamber of commerce advisor register a company they spotted", async () => {
      const result = await register(people.chamberAdvisor, { name: "有限会社 金沢パン工房", prefectureCode: 17 });
      expect(result).toMatchObject({ ok: true });
    });
  });
});
