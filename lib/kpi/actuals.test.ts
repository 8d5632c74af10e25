import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { cases, companies, outcomes, referrals, type Case, type Company, type Referral } from "@/db/schema";
import { modelRegionId } from "@/db/seed/data/reference";
import type { Actor } from "@/lib/authz/actor";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { createFixtures, seedNetwork, type Fixtures } from "@/lib/test/fixtures";
import { computeKpiActuals, countCompaniesSupportedByPrefecture } from "./actuals";
import type { KpiValues } from "./metrics";
import { kpiPeriod, samePointOfPreviousYear } from "./period";
import { resolveKpiScope, type KpiScopeRef } from "./scope";

/**
 * Every KPI actual on a fixed world, against numbers counted by hand. "Today" is 2025-11-20 (FY2025); the
 * previous year's same point is FY2024 up to 2024-11-20. Comments beside the data say what each row is for;
 * the tables of expected values list which rows make up each number.
 */
const TODAY = "2025-11-20";
const jst = (local: string) => new Date(`${local}+09:00`);

describe.each(TEST_ENGINES)("KPI actuals on a hand-counted world (%s)", (engine) => {
  let t: TestDb;
  let f: Fixtures;
  let scopes: Record<string, KpiScopeRef>;

  beforeAll(async () => {
    t = await createTestDb(engine);
    f = await createFixtures(t.db);
    const { orgs, actors } = await seedNetwork(f);
    const hyogoInpit = await f.organization({ party: "inpit", prefecture: 28, name: "INPIT 兵庫県知財総合支援窓口" });
    const hyogo = await f.user(hyogoInpit, "coordinator", "兵庫 支援員");
    const producer = await f.user(orgs.chubuBureau, "producer", "石川 プロデューサー");
    const team = await f.team({ lead: producer, members: [actors.ishikawaCoordinator], modelRegion: "ishikawa", fiscalYear: 2025 });

    const company = (name: string, prefecture: number, city: string) =>
      f.company({ name, prefecture }).then(async (c) => {
        await t.db.update(companies).set({ city }).where(eq(companies.id, c.id));
        return c;
      });
    const A = await company("株式会社A", 17, "金沢市");
    const B = await company("株式会社B", 17, "小松市");
    const C = await company("株式会社C", 16, "富山市");
    const D = await company("株式会社D", 28, "神戸市中央区");
    const E = await company("株式会社E", 28, "姫路市");
    const F = await company("株式会社F", 17, "白山市");

    const openCase = async (company: Company, lead: Actor, openedOn: string, extra: { ownerOrgId?: string; team?: typeof team } = {}) => {
      const kase = await f.case({ company, lead, ...extra });
      await t.db.update(cases).set({ openedOn }).where(eq(cases.id, kase.id));
      return kase;
    };
    const c1 = await openCase(A, actors.ishikawaCoordinator, "2025-05-01", { team });
    const c2 = await openCase(B, actors.ishikawaCoordinator, "2024-06-01");
    const c3 = await openCase(C, actors.toyamaCoordinator, "2025-07-01");
    const c4 = await openCase(D, hyogo, "2025-08-01");
    const c5 = await openCase(A, actors.chamberAdvisor, "2025-09-01", { team }); // A's second case: discovered once
    await openCase(E, hyogo, "2025-12-01"); // after today: not discovered yet
    const c7 = await openCase(F, actors.ishikawaCoordinator, "2024-11-25"); // FY2024, after its same point

    // Activities. a1 and a2 sit on the fiscal-year boundary in Japan time.
    const act = (kase: Case, by: Actor, at: string) => f.activity(kase, by, { occurredAt: jst(at) });
    await act(c1, actors.ishikawaCoordinator, "2025-04-01T00:00:00"); // a1 FY2025 (2025-03-31 15:00 UTC)
    await act(c1, actors.ishikawaCoordinator, "2025-03-31T23:59:00"); // a2 FY2024, after its same point
    await act(c1, producer, "2025-06-10T10:00:00"); // a3 by the bureau
    await act(c2, actors.ishikawaCoordinator, "2025-07-15T10:00:00"); // a4
    await act(c3, actors.toyamaCoordinator, "2025-08-20T10:00:00"); // a5 富山
    await act(c4, hyogo, "2025-09-10T10:00:00"); // a6 神戸
    await act(c5, actors.chamberAdvisor, "2025-10-01T10:00:00"); // a7 by the chamber
    await act(c2, actors.ishikawaCoordinator, "2024-10-01T10:00:00"); // a8 FY2024, before its same point
    await act(c1, actors.ishikawaCoordinator, "2025-11-20T23:30:00"); // a9 late on "today"
    await act(c1, actors.ishikawaCoordinator, "2025-11-21T00:10:00"); // a10 tomorrow: not counted

    // Referrals, with the moments of each step set exactly.
    const refer = async (
      from: Actor,
      to: { id: string },
      company: Company,
      kase: Case,
      status: Referral["status"],
      sentAt: string,
      steps: { acceptedAfterDays?: number; completedAt?: string; withdrawnAt?: string; external?: boolean } = {},
    ) => {
      const sent = jst(sentAt);
      const row = await f.referral({ from, to, company, case: kase, status, sentAt: sent });
      await t.db
        .update(referrals)
        .set({
          acceptedAt: steps.acceptedAfterDays === undefined ? null : new Date(sent.getTime() + steps.acceptedAfterDays * 86_400_000),
          completedAt: steps.completedAt ? jst(steps.completedAt) : null,
          withdrawnAt: steps.withdrawnAt ? jst(steps.withdrawnAt) : null,
          ...(steps.external ? { toOrgId: null, externalRecipient: "よろず支援拠点" } : {}),
        })
        .where(eq(referrals.id, row.id));
    };
    const { ishikawaInpit, hokurikuJpaa, kanazawaJcci } = orgs;
    const ishikawa = actors.ishikawaCoordinator;
    await refer(ishikawa, hokurikuJpaa, A, c1, "completed", "2025-05-10T10:00:00", { acceptedAfterDays: 2, completedAt: "2025-06-01T10:00:00" }); // r1
    await refer(ishikawa, hokurikuJpaa, B, c2, "accepted", "2025-06-01T10:00:00", { acceptedAfterDays: 4 }); // r2
    await refer(actors.chamberAdvisor, ishikawaInpit, A, c5, "sent", "2025-10-01T10:00:00"); // r3 pending
    await refer(actors.chamberAdvisor, ishikawaInpit, A, c5, "withdrawn", "2025-09-05T10:00:00", { withdrawnAt: "2025-09-06T10:00:00" }); // r4
    await refer(ishikawa, hokurikuJpaa, B, c2, "logged", "2025-07-01T10:00:00", { external: true }); // r5 outside Renkei
    await refer(ishikawa, hokurikuJpaa, F, c7, "declined", "2025-08-01T10:00:00"); // r6
    await refer(actors.toyamaCoordinator, hokurikuJpaa, C, c3, "in_progress", "2025-08-25T10:00:00", { acceptedAfterDays: 10 }); // r7 富山
    await refer(hyogo, kanazawaJcci, D, c4, "completed", "2025-09-15T10:00:00", { acceptedAfterDays: 1, completedAt: "2025-10-01T10:00:00" }); // r8 兵庫
    await refer(ishikawa, hokurikuJpaa, B, c2, "completed", "2024-07-01T10:00:00", { acceptedAfterDays: 3, completedAt: "2024-08-01T10:00:00" }); // r9 FY2024
    await refer(ishikawa, hokurikuJpaa, A, c1, "completed", "2025-11-01T10:00:00", { acceptedAfterDays: 9, completedAt: "2025-11-25T10:00:00" }); // r10 completed after today
    await refer(ishikawa, hokurikuJpaa, A, c1, "completed", "2025-06-15T10:00:00", { completedAt: "2025-07-15T10:00:00", external: true }); // r11 logged, followed up

    // Outcomes.
    const outcome = async (kase: Case, achievedOn: string, kind: "ip_filing" | "ip_registration" = "ip_filing") => {
      const row = await f.outcome(kase, { achievedOn });
      if (kind !== "ip_filing") await t.db.update(outcomes).set({ kind }).where(eq(outcomes.id, row.id));
    };
    await outcome(c1, "2025-06-30"); // o1
    await outcome(c5, "2025-11-20"); // o2 on "today"
    await outcome(c3, "2025-09-01"); // o3 富山
    await outcome(c4, "2025-10-10"); // o4 神戸
    await outcome(c2, "2025-08-01", "ip_registration"); // o5 not a filing
    await outcome(c1, "2025-11-21"); // o6 tomorrow
    await outcome(c2, "2024-09-01"); // o7 FY2024

    scopes = {
      national: { kind: "national", ref: "" },
      chubu: { kind: "block", ref: "chubu" },
      ishikawa: { kind: "model_region", ref: modelRegionId("ishikawa") },
      kobe: { kind: "model_region", ref: modelRegionId("kobe") },
      team: { kind: "team", ref: team.id },
      ishikawaInpit: { kind: "organization", ref: ishikawaInpit.id },
      chubuBureau: { kind: "organization", ref: orgs.chubuBureau.id },
    };
  });
  afterAll(() => t.cleanup());

  const actualsOf = async (name: string, fiscalYear = 2025, previous = false) => {
    const scope = await resolveKpiScope(t.db, scopes[name]!);
    const period = kpiPeriod(fiscalYear, TODAY);
    return computeKpiActuals(t.db, scope!, previous ? samePointOfPreviousYear(period) : period);
  };

  // Hand counts, FY2025 up to 2025-11-20. Which rows make each number:
  const expected: Record<string, KpiValues> = {
    // activities a1 a3 a4 a5 a6 a7 a9 (companies A B C D); cases c1 c3 c4 c5 (A C D); referrals r1–r8 r10 r11
    // (accepted r1 r2 r7 r8 r10: 2, 4, 10, 1, 9 days; completed r1 r8 r11; withdrawn r4; logged r5 → 3 / 8);
    // filings o1 o2 o3 o4.
    national: {
      companies_supported: 4,
      consultations: 7,
      companies_discovered: 3,
      referrals_sent: 10,
      referrals_accepted: 5,
      referrals_completed: 3,
      referral_completion_rate: 37.5,
      median_days_to_accept: 4,
      ip_filings: 4,
    },
    // 石川 and 富山: activities a1 a3 a4 a5 a7 a9 (A B C); cases c1 c3 c5 (A C); referrals from the block's
    // organizations r1–r7 r10 r11 (accepted r1 r2 r7 r10: 2, 4, 10, 9; completed r1 r11 → 2 / 7); filings o1 o2 o3.
    chubu: {
      companies_supported: 3,
      consultations: 6,
      companies_discovered: 2,
      referrals_sent: 9,
      referrals_accepted: 4,
      referrals_completed: 2,
      referral_completion_rate: 28.6,
      median_days_to_accept: 6.5,
      ip_filings: 3,
    },
    // Companies in 石川県 (A B F): activities a1 a3 a4 a7 a9; cases c1 c5; referrals about A B F: r1 r2 r3 r4 r5 r6
    // r10 r11 (accepted r1 r2 r10: 2, 4, 9; completed r1 r11; withdrawn r4; logged r5 → 2 / 6); filings o1 o2.
    ishikawa: {
      companies_supported: 2,
      consultations: 5,
      companies_discovered: 1,
      referrals_sent: 8,
      referrals_accepted: 3,
      referrals_completed: 2,
      referral_completion_rate: 33.3,
      median_days_to_accept: 4,
      ip_filings: 2,
    },
    // 神戸市 takes its wards (D in 神戸市中央区), not 姫路市 (E): a6; c4; r8; o4.
    kobe: {
      companies_supported: 1,
      consultations: 1,
      companies_discovered: 1,
      referrals_sent: 1,
      referrals_accepted: 1,
      referrals_completed: 1,
      referral_completion_rate: 100,
      median_days_to_accept: 1,
      ip_filings: 1,
    },
    // The team's cases c1 c5 (both A): a1 a3 a7 a9; referrals r1 r3 r4 r10 r11 (accepted r1 r10: 2, 9; completed
    // r1 r11; withdrawn r4 → 2 / 4); filings o1 o2.
    team: {
      companies_supported: 1,
      consultations: 4,
      companies_discovered: 1,
      referrals_sent: 5,
      referrals_accepted: 2,
      referrals_completed: 2,
      referral_completion_rate: 50,
      median_days_to_accept: 5.5,
      ip_filings: 2,
    },
    // INPIT 石川: activities its staff recorded a1 a4 a9 (A B); cases it owns opened this year c1; referrals it
    // sent r1 r2 r5 r6 r10 r11 (accepted r1 r2 r10; completed r1 r11; logged r5 → 2 / 5); filings on its cases o1.
    ishikawaInpit: {
      companies_supported: 2,
      consultations: 3,
      companies_discovered: 1,
      referrals_sent: 6,
      referrals_accepted: 3,
      referrals_completed: 2,
      referral_completion_rate: 40,
      median_days_to_accept: 4,
      ip_filings: 1,
    },
    // 中部局: the producer's visit a3 only; it owns no case and sent nothing.
    chubuBureau: {
      companies_supported: 1,
      consultations: 1,
      companies_discovered: 0,
      referrals_sent: 0,
      referrals_accepted: 0,
      referrals_completed: 0,
      referral_completion_rate: null,
      median_days_to_accept: null,
      ip_filings: 0,
    },
  };

  it.each(Object.keys(expected))("counts every metric of the %s scope as counted by hand", async (name) => {
    expect(await actualsOf(name)).toEqual(expected[name]);
  });

  it("compares with the previous year up to the same day: FY2024 until 2024-11-20", async () => {
    // a8 (a2 is after the same point); c2 (c7 opened 2024-11-25); r9 accepted after 3 days and completed; o7.
    expect(await actualsOf("national", 2025, true)).toEqual({
      companies_supported: 1,
      consultations: 1,
      companies_discovered: 1,
      referrals_sent: 1,
      referrals_accepted: 1,
      referrals_completed: 1,
      referral_completion_rate: 100,
      median_days_to_accept: 3,
      ip_filings: 1,
    });
  });

  it("counts a year that is over as a whole, with its ends in Japan time", async () => {
    // FY2024 entire: a2 (A, 2025-03-31 23:59 JST) and a8 (B); a1 at 2025-04-01 00:00 JST is FY2025. Cases c2 c7.
    const fy2024 = await actualsOf("national", 2024);
    expect(fy2024).toMatchObject({ consultations: 2, companies_supported: 2, companies_discovered: 2, referrals_sent: 1, ip_filings: 1 });
  });

  it("has nothing for a year that has not begun", async () => {
    expect(await actualsOf("national", 2026)).toEqual({
      companies_supported: 0,
      consultations: 0,
      companies_discovered: 0,
      referrals_sent: 0,
      referrals_accepted: 0,
      referrals_completed: 0,
      referral_completion_rate: null,
      median_days_to_accept: null,
      ip_filings: 0,
    });
  });

  it("counts companies supported per prefecture for the tile map, nationally and for one block", async () => {
    const period = kpiPeriod(2025, TODAY);
    expect(Object.fromEntries(await countCompaniesSupportedByPrefecture(t.db, period, null))).toEqual({ 16: 1, 17: 2, 28: 1 });
    expect(Object.fromEntries(await countCompaniesSupportedByPrefecture(t.db, period, "chubu"))).toEqual({ 16: 1, 17: 2 });
  });

  it("leaves a company whose first activity of the year comes after the day shown off the tile map until that day", async () => {
    const toToday = kpiPeriod(2025, TODAY);
    const wholeYear = kpiPeriod(2025, "2026-06-01");
    const mapOf = async (period: typeof toToday) => Object.fromEntries(await countCompaniesSupportedByPrefecture(t.db, period, null));
    const [todayBefore, yearBefore] = [await mapOf(toToday), await mapOf(wholeYear)];
    const desk = await f.organization({ party: "inpit", prefecture: 16, name: "INPIT 富山 (追加)" });
    const coordinator = await f.user(desk, "coordinator");
    const kase = await f.case({ company: await f.company({ name: "株式会社G", prefecture: 16 }), lead: coordinator });
    await f.activity(kase, coordinator, { occurredAt: jst("2025-12-05T10:00:00") });
    expect(await mapOf(toToday)).toEqual(todayBefore);
    expect(await mapOf(wholeYear)).toEqual({ ...yearBefore, 16: (yearBefore[16] ?? 0) + 1 });
  });
});
