import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { activities, caseThemes, cases, companies, referrals, type Case } from "@/db/schema";
import { runAction, type ActionDefinition } from "@/lib/authz/action";
import type { Actor } from "@/lib/authz/actor";
import { changeCaseStage } from "@/lib/cases/change-case-stage";
import { updateCase } from "@/lib/cases/update-case";
import { queryRows } from "@/lib/kpi/actuals";
import { mergeCompanies } from "@/lib/companies/merge-companies";
import { sendReferral } from "@/lib/referrals/send-referral";
import { acceptReferral, declineReferral } from "@/lib/referrals/transition-referral";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { createFixtures, seedNetwork, type Fixtures } from "@/lib/test/fixtures";
import { keyed } from "@/lib/test/keyed";

/**
 * The running counts the database keeps for the 経産局 home (migration 0014, decision 013). The home trusts them
 * instead of grouping the rows, so after every kind of change — actions, a merge, a company moving, direct updates
 * and deletes, a cascade — the counts must equal a count of the rows themselves, on both engines.
 */
describe.each(TEST_ENGINES)("summary counts kept by the database (%s)", (engine) => {
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

  const list = async (query: SQL) => (await queryRows<Record<string, unknown>>(t.db, query)).map((r) => JSON.stringify(r)).sort();

  /** The stored counts (zeros left out) beside a count of the rows themselves. */
  async function storedAndCounted() {
    return {
      stored: {
        stages: await list(sql`select prefecture_code, stage::text, count::int from case_stage_counts where count > 0`),
        themes: await list(sql`select prefecture_code, theme_key, count::int from case_theme_counts where count > 0`),
        referrals: await list(sql`select from_org_id, to_org_id, status::text, count::int from referral_counts where count > 0`),
        support: await list(sql`select fiscal_year, prefecture_code, count::int from company_support_counts where count > 0`),
      },
      counted: {
        stages: await list(sql`select prefecture_code, stage::text, count(*)::int as count from cases group by 1, 2`),
        themes: await list(sql`select prefecture_code, theme_key, count(*)::int as count from case_themes group by 1, 2`),
        referrals: await list(sql`select from_org_id, to_org_id, status::text, count(*)::int as count from referrals group by 1, 2, 3`),
        support: await list(sql`select fiscal_year, prefecture_code, count(*)::int as count from company_support_years group by 1, 2`),
      },
    };
  }
  async function expectCountsRight() {
    const { stored, counted } = await storedAndCounted();
    expect(stored).toEqual(counted);
    const negatives = await list(sql`select 1 from case_stage_counts where count < 0 union all select 1 from case_theme_counts where count < 0
      union all select 1 from referral_counts where count < 0
      union all select 1 from company_support_counts where count < 0`);
    expect(negatives).toEqual([]);
  }
  const stageCount = async (prefecture: number, stage: string) => {
    const [first] = await queryRows<{ n: number }>(t.db, sql`select count::int as n from case_stage_counts where prefecture_code = ${prefecture} and stage = ${stage}`);
    return first ? Number(first.n) : 0;
  };

  it("counts new cases, their themes and referrals as they are made", async () => {
    const before = await stageCount(17, "discovery");
    const company = await f.company({ prefecture: 17 });
    const kase = await f.case({ company, lead: a.ishikawaCoordinator, stage: "discovery", themes: ["patent", "trademark_brand"] });
    await f.referral({ from: a.ishikawaCoordinator, to: network.orgs.hokurikuJpaa, company, case: kase, status: "sent" });
    await f.referral({ from: a.ishikawaCoordinator, to: network.orgs.hokurikuJpaa, company, status: "completed" });
    expect(await stageCount(17, "discovery")).toBe(before + 1);
    await expectCountsRight();
  });

  it("counts the companies supported per fiscal year and prefecture as activities come, move and go", async () => {
    const company = await f.company({ prefecture: 17 });
    const other = await f.company({ prefecture: 16 });
    const kase = await f.case({ company, lead: a.ishikawaCoordinator });
    const first = await f.activity(kase, a.ishikawaCoordinator, { occurredAt: new Date("2025-05-01T01:00:00Z") });
    await f.activity(kase, a.ishikawaCoordinator, { occurredAt: new Date("2025-06-01T01:00:00Z") });
    await f.activity(kase, a.ishikawaCoordinator, { occurredAt: new Date("2026-03-31T15:30:00Z") }); // FY2026 in JST
    await expectCountsRight();
    // The year's first activity moves to the next fiscal year, then the whole case goes to a company elsewhere.
    await t.db.update(activities).set({ occurredAt: new Date("2026-06-01T01:00:00Z") }).where(eq(activities.id, first.id));
    await expectCountsRight();
    await t.db.update(activities).set({ companyId: other.id }).where(eq(activities.caseId, kase.id));
    await expectCountsRight();
    await t.db.delete(activities).where(eq(activities.caseId, kase.id));
    await expectCountsRight();
  });

  it("follows stage changes and theme edits made through the actions", async () => {
    const company = await f.company({ prefecture: 17 });
    const kase = await f.case({ company, lead: a.ishikawaCoordinator, stage: "discovery", themes: ["patent"] });
    expect(await run(changeCaseStage, a.ishikawaCoordinator, { caseId: kase.id, version: 1, toStage: "planning" })).toMatchObject({ ok: true });
    expect(await run(changeCaseStage, a.ishikawaCoordinator, { caseId: kase.id, version: 2, toStage: "paused", reason: "先方の都合" })).toMatchObject({ ok: true });
    // The edit replaces the theme list (delete and insert).
    expect(await run(updateCase, a.ishikawaCoordinator, { id: kase.id, version: 3, themes: ["design", "trademark_brand"] })).toMatchObject({ ok: true });
    await expectCountsRight();
  });

  it("follows referrals through sending, accepting and declining, and a referral to a body outside Renkei", async () => {
    const company = await f.company({ prefecture: 17, createdBy: a.ishikawaCoordinator });
    const kase = await f.case({ company, lead: a.ishikawaCoordinator });
    const consent = await f.consent(company, a.ishikawaCoordinator, { consultationSummary: true });
    const send = (extra: Record<string, unknown>) =>
      run(sendReferral, a.ishikawaCoordinator, keyed({ caseId: kase.id, consentId: consent.id, service: "prior_art_search", reason: "出願前の調査", ...extra }));
    const first = await send({ toOrgId: network.orgs.hokurikuJpaa.id });
    const second = await send({ toOrgId: network.orgs.hokurikuJpaa.id });
    const outside = await send({ externalRecipient: "北國銀行 金沢支店", followUpOn: "2999-01-15", service: "subsidy_funding" });
    if (!first.ok || !second.ok || !outside.ok) throw new Error("send failed");
    expect(await run(acceptReferral, a.attorney, { referralId: first.data.id, handlerUserId: a.attorney.userId, version: 1 })).toMatchObject({ ok: true });
    expect(await run(declineReferral, a.attorney, { referralId: second.data.id, declineReason: "担当できる弁理士がいない" })).toMatchObject({ ok: true });
    await expectCountsRight();
  });

  it("follows cases and themes to another prefecture when their company moves or is merged away", async () => {
    const moving = await f.company({ prefecture: 17 });
    const moved = await f.case({ company: moving, lead: a.ishikawaCoordinator, stage: "accompanying", themes: ["patent"] });
    await t.db.update(companies).set({ prefectureCode: 16 }).where(eq(companies.id, moving.id));
    expect((await t.db.select({ p: cases.prefectureCode }).from(cases).where(eq(cases.id, moved.id)))[0]!.p).toBe(16);

    const survivor = await f.company({ name: "株式会社統合先", prefecture: 23, createdBy: a.ishikawaManager });
    const duplicate = await f.company({ name: "株式会社統合元", prefecture: 17, createdBy: a.ishikawaManager });
    await f.case({ company: duplicate, lead: a.ishikawaCoordinator, stage: "assessment", themes: ["design", "patent"] });
    await f.case({ company: duplicate, lead: a.ishikawaCoordinator, stage: "closed" });
    const merged = await run(mergeCompanies, a.ishikawaManager, {
      targetId: survivor.id,
      sourceId: duplicate.id,
      targetVersion: survivor.version,
      sourceVersion: duplicate.version,
    });
    expect(merged).toMatchObject({ ok: true });
    expect(await stageCount(23, "assessment")).toBe(1);
    await expectCountsRight();
  });

  it("follows direct updates, and a delete that cascades to the themes", async () => {
    const company = await f.company({ prefecture: 2 });
    const kase: Case = await f.case({ company, lead: a.ishikawaCoordinator, stage: "planning", themes: ["patent", "design"] });
    const referral = await f.referral({ from: a.ishikawaCoordinator, to: network.orgs.hokurikuJpaa, company, status: "sent" });
    await t.db.update(referrals).set({ toOrgId: network.orgs.kanazawaJcci.id }).where(eq(referrals.id, referral.id));
    await t.db.update(caseThemes).set({ themeKey: "trademark_brand" }).where(and(eq(caseThemes.caseId, kase.id), eq(caseThemes.themeKey, "design")));
    await expectCountsRight();
    await t.db.delete(cases).where(eq(cases.id, kase.id));
    expect(await stageCount(2, "planning")).toBe(0);
    await expectCountsRight();
  });

  it("stays right under concurrent stage changes in opposite directions", async () => {
    const company = await f.company({ prefecture: 16 });
    const forward = await Promise.all(Array.from({ length: 6 }, () => f.case({ company, lead: a.ishikawaCoordinator, stage: "discovery" })));
    const backward = await Promise.all(Array.from({ length: 6 }, () => f.case({ company, lead: a.ishikawaCoordinator, stage: "assessment" })));
    const results = await Promise.all([
      ...forward.map((kase) => run(changeCaseStage, a.ishikawaCoordinator, { caseId: kase.id, version: 1, toStage: "assessment" })),
      ...backward.map((kase) => run(changeCaseStage, a.ishikawaCoordinator, { caseId: kase.id, version: 1, toStage: "discovery" })),
    ]);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    await expectCountsRight();
  });

  it("rebuilds the same counts from the rows (renkei_recount_summaries, after a bulk load)", async () => {
    const { stored: before } = await storedAndCounted();
    expect(before.stages.length).toBeGreaterThan(3);
    await t.db.execute(sql`update case_stage_counts set count = count + 5`);
    await t.db.execute(sql`select renkei_recount_summaries()`);
    expect((await storedAndCounted()).stored).toEqual(before);
  });
});
