import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import { auditLog, caseMembers, caseStageChanges, caseThemes, cases, type Company } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { runAction } from "@/lib/authz/action";
import { reiwaYearOfDate, todayInJst } from "@/lib/format/fiscal-year";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { createFixtures, seedNetwork, type Fixtures } from "@/lib/test/fixtures";
import { keyed } from "@/lib/test/keyed";
import { formatCaseCode, nextCaseSequence } from "./codes";
import { openCase } from "./open-case";

describe("case codes", () => {
  it("are R, the 令和 year of opening, and a four-digit sequence that grows a fifth digit when needed", () => {
    expect(formatCaseCode("2026-04-01", 12)).toBe("R8-0012");
    expect(formatCaseCode("2025-12-31", 1)).toBe("R7-0001");
    expect(formatCaseCode("2026-01-01", 10000)).toBe("R8-10000");
    expect(() => formatCaseCode("2026-01-01", 0)).toThrow(RangeError);
  });
});

describe.each(TEST_ENGINES)("opening a case (%s)", (engine) => {
  let t: TestDb;
  let f: Fixtures;
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  let people: typeof net.actors;
  let company: Company;

  beforeAll(async () => {
    t = await createTestDb(engine);
    f = await createFixtures(t.db);
    net = await seedNetwork(f);
    people = net.actors;
    company = await f.company({ name: "株式会社 加賀フーズ", createdBy: people.ishikawaCoordinator });
  });
  afterAll(() => t.cleanup());

  const open = (actor: Actor, input: Record<string, unknown> | FormData) =>
    runAction(openCase, keyed(input), { actorUserId: actor.userId, db: t.db });
  const caseCount = async () => (await t.db.select({ id: cases.id }).from(cases)).length;
  const sequenceOf = (code: string) => Number(code.split("-")[1]);

  it("opens a discovery-stage case led by the opener, owned by their organization, with its themes and history", async () => {
    const form = new FormData();
    form.set("companyId", company.id);
    form.set("title", "自社ブランドの商標出願");
    form.append("themes[]", "trademark_brand");
    form.append("themes[]", "overseas");
    form.set("source", "つながる特許庁 in 金沢");

    const result = await open(people.ishikawaCoordinator, form);

    expect(result).toMatchObject({ ok: true, data: { version: 1, replayed: false } });
    if (!result.ok) return;
    expect(result.data.code).toMatch(new RegExp(`^R${reiwaYearOfDate(todayInJst())}-\\d{4}$`));
    const [stored] = await t.db.select().from(cases).where(eq(cases.id, result.data.id));
    expect(stored).toMatchObject({
      companyId: company.id,
      stage: "discovery",
      leadUserId: people.ishikawaCoordinator.userId,
      ownerOrgId: people.ishikawaCoordinator.orgId,
      openedOn: todayInJst(),
      source: "つながる特許庁 in 金沢",
    });
    const members = await t.db.select({ userId: caseMembers.userId }).from(caseMembers).where(eq(caseMembers.caseId, result.data.id));
    expect(members).toEqual([{ userId: people.ishikawaCoordinator.userId }]);
    const themes = await t.db.select({ key: caseThemes.themeKey }).from(caseThemes).where(eq(caseThemes.caseId, result.data.id)).orderBy(asc(caseThemes.themeKey));
    expect(themes.map((r) => r.key)).toEqual(["overseas", "trademark_brand"]);
    const history = await t.db.select().from(caseStageChanges).where(eq(caseStageChanges.caseId, result.data.id));
    expect(history).toEqual([expect.objectContaining({ fromStage: null, toStage: "discovery", changedByUserId: people.ishikawaCoordinator.userId })]);
    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "case.open"), eq(auditLog.entityId, result.data.id)));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.after).toMatchObject({ code: result.data.code, themes: ["trademark_brand", "overseas"] });
  });

  it("numbers cases one after another within the 令和 year", async () => {
    const first = await open(people.ishikawaCoordinator, { companyId: company.id, title: "案件A" });
    const second = await open(people.ishikawaColleague, { companyId: company.id, title: "案件B" });
    if (!first.ok || !second.ok) throw new Error("expected both to open");
    expect(sequenceOf(second.data.code)).toBe(sequenceOf(first.data.code) + 1);
  });

  it("gives cases opened at the same moment distinct, consecutive codes", async () => {
    const results = await Promise.all(
      [people.ishikawaCoordinator, people.ishikawaColleague, people.ishikawaManager, people.ishikawaCoordinator].map((actor, i) =>
        open(actor, { companyId: company.id, title: `同時に開いた案件 ${i}` }),
      ),
    );
    const codes = results.map((r) => (r.ok ? r.data.code : `failed: ${r.ok === false ? r.code : ""}`));
    expect(new Set(codes).size).toBe(4);
    const sequences = codes.map(sequenceOf).sort((a, b) => a - b);
    expect(sequences).toEqual([sequences[0]!, sequences[0]! + 1, sequences[0]! + 2, sequences[0]! + 3]);
  });

  it("includes the lead among the members, whoever is named lead", async () => {
    const result = await open(people.ishikawaManager, {
      companyId: company.id,
      title: "担当を指定した案件",
      leadUserId: people.ishikawaColleague.userId,
      memberIds: [people.ishikawaManager.userId],
    });
    if (!result.ok) throw new Error(result.message);
    const members = await t.db.select({ userId: caseMembers.userId }).from(caseMembers).where(eq(caseMembers.caseId, result.data.id));
    expect(members.map((m) => m.userId).sort()).toEqual([people.ishikawaColleague.userId, people.ishikawaManager.userId].sort());
    expect((await t.db.select().from(cases).where(eq(cases.id, result.data.id)))[0]!.leadUserId).toBe(people.ishikawaColleague.userId);
  });

  it("opens a case once when the form is submitted twice", async () => {
    const key = randomUUID();
    const input = { companyId: company.id, title: "二重送信された案件", idempotencyKey: key };
    const results = await Promise.all([open(people.ishikawaCoordinator, input), open(people.ishikawaCoordinator, input)]);
    const again = await open(people.ishikawaCoordinator, input);

    const ids = new Set([...results, again].map((r) => (r.ok ? r.data.id : null)));
    expect(ids.size).toBe(1);
    expect([...ids][0]).not.toBeNull();
    expect(await t.db.select().from(cases).where(eq(cases.title, "二重送信された案件"))).toHaveLength(1);
    expect(await t.db.select().from(auditLog).where(and(eq(auditLog.action, "case.open"), eq(auditLog.entityId, [...ids][0]!)))).toHaveLength(1);
  });

  it("refuses a submit without its one-time key, next to the key, and opens nothing", async () => {
    const before = await caseCount();
    const keyless = await runAction(openCase, { companyId: company.id, title: "鍵のない案件" }, { actorUserId: people.ishikawaCoordinator.userId, db: t.db });
    expect(keyless).toMatchObject({ ok: false, code: "invalid", fieldErrors: { idempotencyKey: ["送信キー（idempotencyKey）がありません。二重登録を防ぐため、新規作成の送信には UUID 形式の送信キーが必要です。画面から送信した場合は、再読み込みしてからもう一度送信してください。"] }, values: { title: "鍵のない案件" } });
    expect(await caseCount()).toBe(before);
  });

  describe("refusals, which open nothing", () => {
    it("refuses members who cannot take part: deactivated users and administrators", async () => {
      const leaver = await f.user(net.orgs.ishikawaInpit, "coordinator", "退職予定");
      await f.deactivate(leaver);
      const before = await caseCount();
      for (const member of [leaver, people.admin]) {
        const result = await open(people.ishikawaCoordinator, { companyId: company.id, title: "メンバー不正", memberIds: [member.userId] });
        expect(result).toMatchObject({
          ok: false,
          code: "invalid",
          fieldErrors: { memberIds: ["選べない利用者が含まれています（無効化された利用者・管理者など）。"] },
        });
      }
      expect(await caseCount()).toBe(before);
    });

    it("refuses a producer team the opener does not belong to, and accepts their own", async () => {
      const producer = await f.user(net.orgs.chubuBureau, "producer", "事業 プロデューサー");
      const team = await f.team({ lead: producer });
      const before = await caseCount();

      const outsider = await open(people.ishikawaCoordinator, { companyId: company.id, title: "チーム案件", producerTeamId: team.id });
      expect(outsider).toMatchObject({ ok: false, code: "invalid", fieldErrors: { producerTeamId: ["自分が所属していないプロデューサーチームは選べません。"] } });
      expect(await caseCount()).toBe(before);

      const own = await open(await f.reload(producer), { companyId: company.id, title: "チーム案件", producerTeamId: team.id });
      expect(own).toMatchObject({ ok: true });
    });

    it("refuses a theme that is not in the list", async () => {
      const result = await open(people.ishikawaCoordinator, { companyId: company.id, title: "テーマ不正", themes: ["patent", "astrology"] });
      expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { themes: ["選べないテーマが含まれています。"] } });
    });

    it("answers not found for a company the opener cannot see", async () => {
      const toyamaCompany = await f.company({ name: "株式会社 富山薬品", prefecture: 16, createdBy: people.toyamaCoordinator });
      const before = await caseCount();
      expect(await open(people.ishikawaCoordinator, { companyId: toyamaCompany.id, title: "越境" })).toMatchObject({ ok: false, code: "not_found" });
      expect(await caseCount()).toBe(before);
    });

    it("does not let an administrator open a case", async () => {
      const before = await caseCount();
      expect(await open(people.admin, { companyId: company.id, title: "管理者の案件" })).toMatchObject({ ok: false, code: "forbidden" });
      expect(await caseCount()).toBe(before);
    });

    it("asks for a title in Japanese and keeps what was typed", async () => {
      const result = await open(people.ishikawaCoordinator, { companyId: company.id, title: "", summary: "訪問メモ" });
      expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { title: ["入力してください。"] }, values: { summary: "訪問メモ" } });
    });
  });

  it("numbers a case after the highest of its year's series, compared as numbers, whatever other series hold", async () => {
    const recode = async (code: string) => {
      const placed = await f.case({ company, lead: people.ishikawaCoordinator });
      await t.db.update(cases).set({ code }).where(eq(cases.id, placed.id));
    };
    for (const code of ["R3-0998", "R3-9999", "R3-10000", "R33-20000", "R3-0042"]) await recode(code);
    expect(await nextCaseSequence(t.db, "2021-06-01")).toBe(10001); // 令和3年
    expect(await nextCaseSequence(t.db, "2022-06-01")).toBe(1); // 令和4年: none yet
  });
});
