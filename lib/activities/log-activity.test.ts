import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { activities, activityParticipants, auditLog, nextActions, type Case, type Company } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { runAction } from "@/lib/authz/action";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { createFixtures, seedNetwork, type Fixtures } from "@/lib/test/fixtures";
import { keyed } from "@/lib/test/keyed";
import { logActivity } from "./log-activity";

describe.each(TEST_ENGINES)("logging an activity (%s)", (engine) => {
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
    company = await f.company({ name: "株式会社 金沢箔工芸", createdBy: people.ishikawaCoordinator });
  });
  afterAll(() => t.cleanup());

  const log = (actor: Actor, input: Record<string, unknown> | FormData) =>
    runAction(logActivity, keyed(input), { actorUserId: actor.userId, db: t.db });
  const activitiesOf = (kase: Case) => t.db.select().from(activities).where(eq(activities.caseId, kase.id));
  const auditRowsOf = async (kase: Case) =>
    (await t.db.select().from(auditLog).where(eq(auditLog.action, "activity.log"))).filter(
      (row) => (row.meta as { caseId?: string } | null)?.caseId === kase.id,
    );
  const ishikawaCase = (stage: Case["stage"] = "accompanying") =>
    f.case({ company, lead: people.ishikawaCoordinator, members: [people.ishikawaColleague], stage });

  it("logs the quick form: JST time stored in UTC, participants, and a next action", async () => {
    const kase = await ishikawaCase();
    const form = new FormData();
    form.set("caseId", kase.id);
    form.set("kind", "visit");
    form.set("occurredAt", "2025-06-02T10:30");
    form.set("durationMinutes", "９０");
    form.append("participantIds[]", people.ishikawaCoordinator.userId);
    form.append("participantIds[]", people.ishikawaColleague.userId);
    form.set("externalParticipants", "代表取締役 箔 太郎");
    form.set("summary", "金箔の新しい貼付方法について聞き取り。出願の意向あり。");
    form.set("nextAction.title", "先行技術調査を依頼する");
    form.set("nextAction.assigneeUserId", people.ishikawaColleague.userId);
    form.set("nextAction.dueOn", "2025/6/9");
    form.set("idempotencyKey", randomUUID());

    const result = await log(people.ishikawaCoordinator, form);

    expect(result).toMatchObject({ ok: true, data: { replayed: false, nextActionId: expect.any(String) } });
    if (!result.ok) return;
    const [stored] = await activitiesOf(kase);
    expect(stored).toMatchObject({
      id: result.data.id,
      companyId: company.id,
      organizationId: people.ishikawaCoordinator.orgId,
      kind: "visit",
      durationMinutes: 90,
      createdByUserId: people.ishikawaCoordinator.userId,
    });
    expect(stored!.occurredAt.toISOString()).toBe("2025-06-02T01:30:00.000Z");
    const participants = await t.db.select().from(activityParticipants).where(eq(activityParticipants.activityId, result.data.id));
    expect(participants.map((p) => p.userId).sort()).toEqual([people.ishikawaCoordinator.userId, people.ishikawaColleague.userId].sort());
    const [next] = await t.db.select().from(nextActions).where(eq(nextActions.activityId, result.data.id));
    expect(next).toMatchObject({ id: result.data.nextActionId, title: "先行技術調査を依頼する", assigneeUserId: people.ishikawaColleague.userId, dueOn: "2025-06-09", completedAt: null });
    const audits = await auditRowsOf(kase);
    expect(audits).toHaveLength(1);
    expect(audits[0]!.after).toMatchObject({ id: result.data.id, participantIds: expect.any(Array), nextAction: { title: "先行技術調査を依頼する" } });
  });

  it("logs without a next action when its fields are left blank", async () => {
    const kase = await ishikawaCase();
    const result = await log(people.ishikawaCoordinator, {
      caseId: kase.id,
      kind: "call",
      occurredAt: "2025-06-03T09:00",
      summary: "電話で日程調整",
      "nextAction.title": "",
      "nextAction.assigneeUserId": "",
      "nextAction.dueOn": "",
    });
    expect(result).toMatchObject({ ok: true, data: { nextActionId: null } });
    expect(await t.db.select().from(nextActions).where(eq(nextActions.caseId, kase.id))).toEqual([]);
  });

  describe("double submit", () => {
    it("creates one activity and one audit row when the form is submitted twice in a row", async () => {
      const kase = await ishikawaCase();
      const input = {
        caseId: kase.id,
        kind: "meeting",
        occurredAt: "2025-06-04T14:00",
        summary: "支援計画の打合せ",
        nextAction: { title: "計画書の送付", assigneeUserId: people.ishikawaCoordinator.userId, dueOn: "2025-06-11" },
        idempotencyKey: randomUUID(),
      };

      const first = await log(people.ishikawaCoordinator, input);
      const second = await log(people.ishikawaCoordinator, input);

      expect(first).toMatchObject({ ok: true, data: { replayed: false } });
      expect(second).toMatchObject({ ok: true, data: { replayed: true } });
      if (!first.ok || !second.ok) return;
      expect(second.data).toEqual({ ...first.data, replayed: true });
      expect(await activitiesOf(kase)).toHaveLength(1);
      expect(await t.db.select().from(nextActions).where(eq(nextActions.caseId, kase.id))).toHaveLength(1);
      expect(await auditRowsOf(kase)).toHaveLength(1);
    });

    it("creates one activity and one audit row when the submits arrive at the same moment", async () => {
      const kase = await ishikawaCase();
      const input = { caseId: kase.id, kind: "online_meeting", occurredAt: "2025-06-05T16:00", summary: "オンライン面談", idempotencyKey: randomUUID() };

      const results = await Promise.all([1, 2, 3, 4].map(() => log(people.ishikawaCoordinator, input)));

      expect(results.every((r) => r.ok)).toBe(true);
      expect(new Set(results.map((r) => (r.ok ? r.data.id : null))).size).toBe(1);
      expect(results.filter((r) => r.ok && !r.data.replayed)).toHaveLength(1);
      expect(await activitiesOf(kase)).toHaveLength(1);
      expect(await auditRowsOf(kase)).toHaveLength(1);
    });

    it("treats the same key from another user as another form", async () => {
      const kase = await ishikawaCase();
      const key = randomUUID();
      const input = { caseId: kase.id, kind: "email", occurredAt: "2025-06-06T11:00", summary: "資料送付", idempotencyKey: key };
      await log(people.ishikawaCoordinator, input);
      await log(people.ishikawaColleague, input);
      expect(await activitiesOf(kase)).toHaveLength(2);
    });
  });

  describe("the one-time key", () => {
    it("is required: a keyless or malformed submit is refused next to the key, keeping what was typed, and logs nothing", async () => {
      const kase = await ishikawaCase();
      const input = { caseId: kase.id, kind: "visit", occurredAt: "2025-06-02T10:00", summary: "鍵のない送信" };
      for (const idempotencyKey of [undefined, "", "   "]) {
        const keyless = await runAction(logActivity, { ...input, idempotencyKey }, { actorUserId: people.ishikawaCoordinator.userId, db: t.db });
        expect(keyless).toMatchObject({ ok: false, code: "invalid", fieldErrors: { idempotencyKey: ["送信キー（idempotencyKey）がありません。二重登録を防ぐため、新規作成の送信には UUID 形式の送信キーが必要です。画面から送信した場合は、再読み込みしてからもう一度送信してください。"] }, values: { summary: "鍵のない送信" } });
      }
      const malformed = await runAction(logActivity, { ...input, idempotencyKey: "double-click-1" }, { actorUserId: people.ishikawaCoordinator.userId, db: t.db });
      expect(malformed).toMatchObject({ ok: false, code: "invalid", fieldErrors: { idempotencyKey: ["送信キー（idempotencyKey）は UUID 形式で指定してください。"] } });
      expect(await activitiesOf(kase)).toEqual([]);
      expect(await auditRowsOf(kase)).toEqual([]);
    });
  });

  describe("refusals, which log nothing", () => {
    it("answers not found to a user of another desk, who cannot see the case", async () => {
      const kase = await ishikawaCase();
      const result = await log(people.toyamaCoordinator, { caseId: kase.id, kind: "visit", occurredAt: "2025-06-02T10:00", summary: "越境記録" });
      expect(result).toMatchObject({ ok: false, code: "not_found" });
      expect(await activitiesOf(kase)).toEqual([]);
    });

    it("refuses a closed case until it is reopened; a paused one is fine", async () => {
      const closed = await ishikawaCase("closed");
      const result = await log(people.ishikawaCoordinator, { caseId: closed.id, kind: "call", occurredAt: "2025-06-02T10:00", summary: "完了後の電話" });
      expect(result).toMatchObject({
        ok: false,
        code: "invalid",
        fieldErrors: { _form: ["完了した案件には支援記録を追加できません。記録するには案件を再開してください。"] },
      });
      expect(await activitiesOf(closed)).toEqual([]);

      const paused = await ishikawaCase("paused");
      expect(await log(people.ishikawaCoordinator, { caseId: paused.id, kind: "call", occurredAt: "2025-06-02T10:00", summary: "近況確認" })).toMatchObject({ ok: true });
    });

    it("refuses a next action for someone who cannot see the case, next to the assignee field", async () => {
      const kase = await ishikawaCase();
      const result = await log(people.ishikawaCoordinator, {
        caseId: kase.id,
        kind: "visit",
        occurredAt: "2025-06-02T10:00",
        summary: "訪問",
        nextAction: { title: "富山に引き継ぐ", assigneeUserId: people.toyamaCoordinator.userId, dueOn: "2025-06-30" },
      });
      expect(result).toMatchObject({
        ok: false,
        code: "invalid",
        fieldErrors: { "nextAction.assigneeUserId": ["この担当者はこの案件を閲覧できないため、次のアクションを割り当てられません。"] },
      });
      expect(await activitiesOf(kase)).toEqual([]);
    });

    it("answers invalid input in Japanese next to each field and keeps what was typed", async () => {
      const kase = await ishikawaCase();
      const typed = { caseId: kase.id, kind: "visit", occurredAt: "2099-01-01T10:00", summary: "", "nextAction.title": "見積依頼", "nextAction.dueOn": "2025-02-30" };
      const result = await log(people.ishikawaCoordinator, typed);
      expect(result).toMatchObject({
        ok: false,
        code: "invalid",
        fieldErrors: {
          occurredAt: ["未来の日時の支援記録は登録できません。予定は「次のアクション」に入力してください。"],
          summary: ["入力してください。"],
          "nextAction.assigneeUserId": ["選択肢から選んでください。"],
          "nextAction.dueOn": ["日付を正しく入力してください（例: 2026-04-01）。"],
        },
        values: typed,
      });
      expect(await activitiesOf(kase)).toEqual([]);
    });

    it("does not let an administrator log an activity", async () => {
      const kase = await ishikawaCase();
      expect(await log(people.admin, { caseId: kase.id, kind: "visit", occurredAt: "2025-06-02T10:00", summary: "管理者" })).toMatchObject({ ok: false, code: "forbidden" });
    });
  });

  it("lets the receiver of a live referral whose consent covers the consultation summary log on the case", async () => {
    const kase = await ishikawaCase();
    await f.referral({ from: people.ishikawaCoordinator, to: net.orgs.hokurikuJpaa, company, case: kase, status: "accepted", consent: { consultationSummary: true } });
    const result = await log(people.attorney, { caseId: kase.id, kind: "consultation", occurredAt: "2025-06-10T13:00", summary: "弁理士相談: 出願方針" });
    expect(result).toMatchObject({ ok: true });
    const [stored] = await activitiesOf(kase);
    expect(stored).toMatchObject({ organizationId: people.attorney.orgId });
    const denied = await log(people.chamberAdvisor, { caseId: kase.id, kind: "visit", occurredAt: "2025-06-10T13:00", summary: "見えない案件" });
    expect(denied).toMatchObject({ ok: false, code: "not_found" });
    expect(await t.db.select().from(activities).where(and(eq(activities.caseId, kase.id), eq(activities.createdByUserId, people.chamberAdvisor.userId)))).toEqual([]);
  });
});
