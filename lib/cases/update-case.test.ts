import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { and, asc, eq } from "drizzle-orm";
import { auditLog, caseMembers, caseStageChanges, caseThemes, cases, confidentialNotes, outcomes, type Case, type Company } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { runAction, type ActionDefinition } from "@/lib/authz/action";
import { todayInJst } from "@/lib/format/fiscal-year";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { createFixtures, seedNetwork, type Fixtures } from "@/lib/test/fixtures";
import { keyed } from "@/lib/test/keyed";
import { addConfidentialNote } from "./add-confidential-note";
import { changeCaseStage } from "./change-case-stage";
import { recordOutcome } from "./record-outcome";
import { setCaseMembers } from "./set-case-members";
import { updateCase } from "./update-case";

describe.each(TEST_ENGINES)("working on a case (%s)", (engine) => {
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
    company = await f.company({ name: "株式会社 能登醸造", createdBy: people.ishikawaCoordinator });
  });
  afterAll(() => t.cleanup());

  const run = <S extends z.ZodType, R>(action: ActionDefinition<S, R>, actor: Actor, input: unknown) =>
    runAction(action, input, { actorUserId: actor.userId, db: t.db });
  const reread = async (kase: Case) => (await t.db.select().from(cases).where(eq(cases.id, kase.id)))[0]!;
  /** A case of the 石川 desk led by its coordinator, with no other member. */
  const ishikawaCase = (stage: Case["stage"] = "assessment") =>
    f.case({ company, lead: people.ishikawaCoordinator, stage, themes: ["patent"], title: "醸造技術の特許化" });

  describe("editing title, summary, themes and source", () => {
    it("saves an edit by a member against the current version, replacing the themes", async () => {
      const kase = await ishikawaCase();
      const result = await run(updateCase, people.ishikawaCoordinator, {
        id: kase.id,
        version: 1,
        title: "醸造技術の特許出願",
        summary: "麹の製法",
        themes: ["patent", "trade_secret"],
      });
      expect(result).toEqual({ ok: true, data: { id: kase.id, version: 2 } });
      expect(await reread(kase)).toMatchObject({ title: "醸造技術の特許出願", summary: "麹の製法", version: 2 });
      const themes = await t.db.select({ key: caseThemes.themeKey }).from(caseThemes).where(eq(caseThemes.caseId, kase.id)).orderBy(asc(caseThemes.themeKey));
      expect(themes.map((r) => r.key)).toEqual(["patent", "trade_secret"]);
      const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "case.update"), eq(auditLog.entityId, kase.id)));
      expect(audit!.before).toMatchObject({ title: "醸造技術の特許化", themes: ["patent"], version: 1 });
      expect(audit!.after).toMatchObject({ title: "醸造技術の特許出願", themes: ["patent", "trade_secret"], version: 2 });
    });

    it("refuses a stale edit with what changed, and leaves the case as the first editor saved it", async () => {
      const kase = await ishikawaCase();
      expect((await run(updateCase, people.ishikawaCoordinator, { id: kase.id, version: 1, title: "第一の編集", themes: ["design"] })).ok).toBe(true);

      const stale = await run(updateCase, people.ishikawaManager, { id: kase.id, version: 1, title: "古い画面からの編集", themes: [] });

      expect(stale).toMatchObject({
        ok: false,
        code: "conflict",
        message: "他の人が先に更新しました。最新の内容を確認してからもう一度保存してください。",
        current: { title: "第一の編集", themes: ["design"], version: 2 },
        values: { title: "古い画面からの編集" },
      });
      expect(await reread(kase)).toMatchObject({ title: "第一の編集", version: 2 });
      const themes = await t.db.select({ key: caseThemes.themeKey }).from(caseThemes).where(eq(caseThemes.caseId, kase.id));
      expect(themes).toEqual([{ key: "design" }]);
    });

    it("lets the owner organization's manager edit without being a member", async () => {
      const kase = await ishikawaCase();
      expect(await run(updateCase, people.ishikawaManager, { id: kase.id, version: 1, source: "商工会議所からの紹介" })).toMatchObject({ ok: true });
    });

    it("refuses a colleague who sees the case but is not on it", async () => {
      const kase = await ishikawaCase();
      const result = await run(updateCase, people.ishikawaColleague, { id: kase.id, version: 1, title: "横から編集" });
      expect(result).toMatchObject({ ok: false, code: "forbidden" });
      expect(await reread(kase)).toMatchObject({ title: "醸造技術の特許化", version: 1 });
    });

    it("answers not found to a user of another desk, who cannot see the case", async () => {
      const kase = await ishikawaCase();
      const result = await run(updateCase, people.toyamaCoordinator, { id: kase.id, version: 1, title: "他県から編集" });
      expect(result).toMatchObject({ ok: false, code: "not_found" });
      expect(await reread(kase)).toMatchObject({ title: "醸造技術の特許化", version: 1 });
    });

    it("lets a producer edit a case of their producer team", async () => {
      const producer = await f.user(net.orgs.chubuBureau, "producer", "チーム プロデューサー");
      const team = await f.team({ lead: producer });
      const kase = await f.case({ company, lead: people.ishikawaCoordinator, team });
      const result = await run(updateCase, await f.reload(producer), { id: kase.id, version: 1, summary: "伴走支援の計画" });
      expect(result).toMatchObject({ ok: true });
    });
  });

  describe("stage changes follow the domain rules", () => {
    const change = (actor: Actor, kase: Case, input: Record<string, unknown>) =>
      run(changeCaseStage, actor, { caseId: kase.id, ...input });
    const historyOf = async (kase: Case) =>
      t.db.select().from(caseStageChanges).where(eq(caseStageChanges.caseId, kase.id)).orderBy(asc(caseStageChanges.changedAt));

    it("moves along the main line and keeps the history", async () => {
      const kase = await ishikawaCase("discovery");
      const result = await change(people.ishikawaCoordinator, kase, { toStage: "planning", version: 1 });
      expect(result).toEqual({ ok: true, data: { id: kase.id, stage: "planning", version: 2 } });
      expect(await historyOf(kase)).toEqual([expect.objectContaining({ fromStage: "discovery", toStage: "planning", reason: null })]);
    });

    it("refuses 中断 without a reason, next to the reason field, and changes nothing", async () => {
      const kase = await ishikawaCase("accompanying");
      const result = await change(people.ishikawaCoordinator, kase, { toStage: "paused", reason: "  ", version: 1 });
      expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { reason: ["理由を入力してください（中断・再開には理由が必要です）。"] } });
      expect(await reread(kase)).toMatchObject({ stage: "accompanying", version: 1 });
      expect(await historyOf(kase)).toEqual([]);
    });

    it("pauses with a reason kept on the case, and clears it on resuming", async () => {
      const kase = await ishikawaCase("accompanying");
      expect(await change(people.ishikawaCoordinator, kase, { toStage: "paused", reason: "社長の入院のため", version: 1 })).toMatchObject({ ok: true });
      expect(await reread(kase)).toMatchObject({ stage: "paused", pausedReason: "社長の入院のため" });

      expect(await change(people.ishikawaCoordinator, kase, { toStage: "accompanying", version: 2 })).toMatchObject({ ok: true });
      expect(await reread(kase)).toMatchObject({ stage: "accompanying", pausedReason: null, version: 3 });
      expect((await historyOf(kase)).map((h) => [h.fromStage, h.toStage, h.reason])).toEqual([
        ["accompanying", "paused", "社長の入院のため"],
        ["paused", "accompanying", null],
      ]);
    });

    it("closes with today's date, and reopens only explicitly and with a reason", async () => {
      const kase = await ishikawaCase("outcome_review");
      expect(await change(people.ishikawaCoordinator, kase, { toStage: "closed", version: 1 })).toMatchObject({ ok: true });
      expect(await reread(kase)).toMatchObject({ stage: "closed", closedOn: todayInJst() });

      const dragged = await change(people.ishikawaCoordinator, kase, { toStage: "accompanying", version: 2 });
      expect(dragged).toMatchObject({ ok: false, fieldErrors: { toStage: ["完了した案件を動かすには「再開」を選び、理由を入力してください。"] } });
      const noReason = await change(people.ishikawaCoordinator, kase, { toStage: "accompanying", reopen: "on", version: 2 });
      expect(noReason).toMatchObject({ ok: false, fieldErrors: { reason: [expect.stringContaining("理由")] } });
      expect(await reread(kase)).toMatchObject({ stage: "closed", version: 2 });

      const reopened = await change(people.ishikawaCoordinator, kase, { toStage: "accompanying", reopen: "on", reason: "追加の出願相談", version: 2 });
      expect(reopened).toMatchObject({ ok: true, data: { stage: "accompanying" } });
      expect(await reread(kase)).toMatchObject({ stage: "accompanying", closedOn: null });
      const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "case.reopen"), eq(auditLog.entityId, kase.id)));
      expect(audit).toMatchObject({ before: { stage: "closed" }, after: { stage: "accompanying" }, meta: { reason: "追加の出願相談" } });
    });

    it("refuses a stage change made from a stale screen", async () => {
      const kase = await ishikawaCase("assessment");
      await change(people.ishikawaCoordinator, kase, { toStage: "planning", version: 1 });
      const stale = await change(people.ishikawaManager, kase, { toStage: "discovery", version: 1 });
      expect(stale).toMatchObject({ ok: false, code: "conflict", current: { stage: "planning", version: 2 } });
      expect(await reread(kase)).toMatchObject({ stage: "planning" });
    });
  });

  describe("lead and members", () => {
    const membersOf = async (kase: Case) =>
      (await t.db.select({ userId: caseMembers.userId }).from(caseMembers).where(eq(caseMembers.caseId, kase.id))).map((m) => m.userId).sort();

    it("replaces the member list, always keeping the lead on it", async () => {
      const kase = await ishikawaCase();
      const result = await run(setCaseMembers, people.ishikawaCoordinator, {
        caseId: kase.id,
        version: 1,
        leadUserId: people.ishikawaColleague.userId,
        memberIds: [people.attorney.userId],
      });
      expect(result).toMatchObject({ ok: true, data: { version: 2 } });
      expect(await membersOf(kase)).toEqual([people.ishikawaColleague.userId, people.attorney.userId].sort());
      expect(await reread(kase)).toMatchObject({ leadUserId: people.ishikawaColleague.userId });
      const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "case.set_members"), eq(auditLog.entityId, kase.id)));
      expect(audit!.meta).toMatchObject({ removed: [people.ishikawaCoordinator.userId] });
    });

    it("refuses a member list made before a colleague's member change, naming who is on the case now, and keeps the colleague's change", async () => {
      const kase = await f.case({ company, lead: people.ishikawaCoordinator, members: [people.ishikawaColleague], title: "二人で担当する案件" });
      const colleague = await run(setCaseMembers, people.ishikawaColleague, {
        caseId: kase.id,
        version: 1,
        leadUserId: people.ishikawaCoordinator.userId,
        memberIds: [people.ishikawaColleague.userId, people.attorney.userId],
      });
      expect(colleague).toMatchObject({ ok: true, data: { version: 2 } });

      // Made from the list as it was at version 1: it would drop the colleague's two additions.
      const stale = await run(setCaseMembers, people.ishikawaCoordinator, { caseId: kase.id, version: 1, leadUserId: people.ishikawaCoordinator.userId, memberIds: [] });
      expect(stale).toMatchObject({ ok: false, code: "conflict", current: { version: 2 } });
      if (stale.ok) return;
      const current = stale.current as { members: { id: string; name: string; orgName: string }[] };
      expect(current.members.map((m) => m.name).sort()).toEqual(["北陸 弁理士", "石川 同僚", "石川 支援員"].sort());
      expect(current.members.every((m) => m.orgName.length > 0)).toBe(true);
      expect(await membersOf(kase)).toEqual([people.ishikawaCoordinator.userId, people.ishikawaColleague.userId, people.attorney.userId].sort());
    });

    it("refuses a stale member list", async () => {
      const kase = await ishikawaCase();
      await run(updateCase, people.ishikawaCoordinator, { id: kase.id, version: 1, title: "先に編集" });
      const stale = await run(setCaseMembers, people.ishikawaCoordinator, { caseId: kase.id, version: 1, leadUserId: people.ishikawaCoordinator.userId, memberIds: [] });
      expect(stale).toMatchObject({
        ok: false,
        code: "conflict",
        current: {
          leadUserId: people.ishikawaCoordinator.userId,
          memberIds: [people.ishikawaCoordinator.userId],
          // Named, so that the dialog can show who is on the case now, even someone it does not list.
          members: [{ id: people.ishikawaCoordinator.userId, name: "石川 支援員" }],
          version: 2,
        },
      });
      expect(await membersOf(kase)).toEqual([people.ishikawaCoordinator.userId]);
    });
  });

  describe("outcomes", () => {
    it("records an IP filing against the case and its company, and asks for the application number", async () => {
      const kase = await ishikawaCase("accompanying");
      const missing = await run(recordOutcome, people.ishikawaCoordinator, keyed({
        caseId: kase.id,
        kind: "ip_filing",
        ipKind: "patent",
        description: "麹の製法の特許出願",
        achievedOn: "2025-10-01",
      }));
      expect(missing).toMatchObject({ ok: false, fieldErrors: { applicationNumber: ["出願番号を入力してください。"] } });

      const recorded = await run(recordOutcome, people.ishikawaCoordinator, keyed({
        caseId: kase.id,
        kind: "ip_filing",
        ipKind: "patent",
        applicationNumber: "特願2025-123456",
        description: "麹の製法の特許出願",
        achievedOn: "2025-10-01",
      }));
      expect(recorded).toMatchObject({ ok: true });
      const rows = await t.db.select().from(outcomes).where(eq(outcomes.caseId, kase.id));
      expect(rows).toEqual([expect.objectContaining({ companyId: company.id, kind: "ip_filing", applicationNumber: "特願2025-123456", recordedByUserId: people.ishikawaCoordinator.userId })]);
    });

    it("records funding with its amount, and refuses a date in the future", async () => {
      const kase = await ishikawaCase("accompanying");
      const future = await run(recordOutcome, people.ishikawaCoordinator, keyed({ caseId: kase.id, kind: "funding", amountYen: "3,000,000", description: "補助金", achievedOn: "2099-01-01" }));
      expect(future).toMatchObject({ ok: false, fieldErrors: { achievedOn: ["成果の日付に未来の日付は指定できません。"] } });
      const funded = await run(recordOutcome, people.ishikawaCoordinator, keyed({ caseId: kase.id, kind: "funding", amountYen: "3,000,000", description: "補助金", achievedOn: "2025-08-01" }));
      expect(funded).toMatchObject({ ok: true });
      expect((await t.db.select().from(outcomes).where(eq(outcomes.caseId, kase.id)))[0]).toMatchObject({ amountYen: 3_000_000, ipKind: null });
    });
  });

  describe("confidential notes (秘匿)", () => {
    const body = "未出願: 麹菌を低温で48時間培養し、第二工程で…";

    it("lets a member add one, auditing its id and length but never its text", async () => {
      const kase = await ishikawaCase();
      const result = await run(addConfidentialNote, people.ishikawaCoordinator, keyed({ caseId: kase.id, body }));
      expect(result).toMatchObject({ ok: true });
      if (!result.ok) return;
      expect(await t.db.select().from(confidentialNotes).where(eq(confidentialNotes.caseId, kase.id))).toEqual([
        expect.objectContaining({ id: result.data.id, body, authorUserId: people.ishikawaCoordinator.userId }),
      ]);
      const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "confidential_note.add"), eq(auditLog.entityId, result.data.id)));
      expect(audit!.after).toMatchObject({ id: result.data.id, caseId: kase.id, length: body.length });
      expect(JSON.stringify(audit)).not.toContain("麹菌");
    });

    it("refuses a colleague and the manager who see the case but are not members", async () => {
      const kase = await ishikawaCase();
      for (const outsider of [people.ishikawaColleague, people.ishikawaManager]) {
        expect(await run(addConfidentialNote, outsider, keyed({ caseId: kase.id, body }))).toMatchObject({ ok: false, code: "forbidden" });
      }
      expect(await t.db.select().from(confidentialNotes).where(eq(confidentialNotes.caseId, kase.id))).toEqual([]);
    });

    it("answers not found to another desk and refuses an administrator", async () => {
      const kase = await ishikawaCase();
      expect(await run(addConfidentialNote, people.toyamaCoordinator, keyed({ caseId: kase.id, body }))).toMatchObject({ ok: false, code: "not_found" });
      expect(await run(addConfidentialNote, people.admin, keyed({ caseId: kase.id, body }))).toMatchObject({ ok: false, code: "forbidden" });
      expect(await t.db.select().from(confidentialNotes).where(eq(confidentialNotes.caseId, kase.id))).toEqual([]);
    });
  });
});
