import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { activities, caseThemes, cases, companies, companySupportYears, type Case, type Company } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { runAction } from "@/lib/authz/action";
import { mergeCompanies } from "@/lib/companies/merge-companies";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { createFixtures, type Fixtures } from "@/lib/test/fixtures";

/**
 * The derived data the database keeps by itself (migration 0008, decision 012): the company's prefecture on cases,
 * case_themes and activities, and company_support_years. The dashboards trust these columns instead of joining
 * companies, so every way a row can change is tried here, on both engines.
 */
describe.each(TEST_ENGINES)("derived data kept by the database (%s)", (engine) => {
  let t: TestDb;
  let f: Fixtures;
  let coordinator: Actor;
  let manager: Actor;

  beforeAll(async () => {
    t = await createTestDb(engine);
    f = await createFixtures(t.db);
    const desk = await f.organization({ party: "inpit", prefecture: 17 });
    coordinator = await f.user(desk, "coordinator");
    manager = await f.user(desk, "manager");
  });
  afterAll(() => t.cleanup());

  const prefectureOf = async (kase: Case) => {
    const [c] = await t.db.select({ p: cases.prefectureCode }).from(cases).where(eq(cases.id, kase.id));
    const themes = await t.db.select({ p: caseThemes.prefectureCode }).from(caseThemes).where(eq(caseThemes.caseId, kase.id));
    const acts = await t.db.select({ p: activities.prefectureCode }).from(activities).where(eq(activities.caseId, kase.id));
    return { kase: c!.p, themes: themes.map((r) => r.p), activities: acts.map((r) => r.p) };
  };
  const supportRows = async (company: Company) =>
    (
      await t.db
        .select({ year: companySupportYears.fiscalYear, prefecture: companySupportYears.prefectureCode, first: companySupportYears.firstActivityAt })
        .from(companySupportYears)
        .where(eq(companySupportYears.companyId, company.id))
        .orderBy(companySupportYears.fiscalYear)
    ).map((r) => ({ ...r, first: r.first.toISOString() }));

  describe("the company's prefecture", () => {
    it("is copied onto a new case, its themes and its activities, whatever the insert said", async () => {
      const company = await f.company({ prefecture: 17 });
      const kase = await f.case({ company, lead: coordinator, themes: ["patent", "trademark_brand"] });
      await f.activity(kase, coordinator);
      // A value written by somebody else is replaced by the company's.
      await t.db.insert(activities).values({
        caseId: kase.id,
        companyId: company.id,
        prefectureCode: 13,
        organizationId: coordinator.orgId,
        kind: "call",
        occurredAt: new Date(),
        summary: "電話",
        createdByUserId: coordinator.userId,
      });
      expect(await prefectureOf(kase)).toEqual({ kase: 17, themes: [17, 17], activities: [17, 17] });
    });

    it("follows the company when it moves to another prefecture", async () => {
      const company = await f.company({ prefecture: 17 });
      const kase = await f.case({ company, lead: coordinator, themes: ["design"] });
      await f.activity(kase, coordinator);
      await t.db.update(companies).set({ prefectureCode: 16 }).where(eq(companies.id, company.id));
      expect(await prefectureOf(kase)).toEqual({ kase: 16, themes: [16], activities: [16] });
      const [row] = await supportRows(company);
      expect(row!.prefecture).toBe(16);
    });

    it("follows a case and its activities when a merge moves them to the surviving company", async () => {
      const survivor = await f.company({ name: "株式会社統合先", prefecture: 23, createdBy: coordinator });
      const duplicate = await f.company({ name: "株式会社統合元", prefecture: 17, createdBy: coordinator });
      const kase = await f.case({ company: duplicate, lead: coordinator, themes: ["patent"] });
      await f.activity(kase, coordinator, { occurredAt: new Date("2025-06-02T01:00:00Z") });
      const result = await runAction(
        mergeCompanies,
        { targetId: survivor.id, sourceId: duplicate.id, targetVersion: survivor.version, sourceVersion: duplicate.version },
        { actorUserId: manager.userId, db: t.db },
      );
      expect(result).toMatchObject({ ok: true });
      expect(await prefectureOf(kase)).toEqual({ kase: 23, themes: [23], activities: [23] });
      // The support of FY2025 moved with the activity: the duplicate keeps no row, the survivor has it.
      expect(await supportRows(duplicate)).toEqual([]);
      expect(await supportRows(survivor)).toEqual([{ year: 2025, prefecture: 23, first: "2025-06-02T01:00:00.000Z" }]);
    });

    it("refuses a row that would be stored without it (a trigger that did not run)", async () => {
      const company = await f.company({ prefecture: 17 });
      const kase = await f.case({ company, lead: coordinator });
      await expect(
        t.db.execute(sql`alter table cases disable trigger cases_prefecture_from_company`).then(() =>
          t.db.update(cases).set({ prefectureCode: 0 }).where(eq(cases.id, kase.id)),
        ),
      ).rejects.toThrow();
      await t.db.execute(sql`alter table cases enable trigger cases_prefecture_from_company`);
      expect((await prefectureOf(kase)).kase).toBe(17);
    });
  });

  describe("company_support_years", () => {
    it("keeps each fiscal year's first activity, in JST: March 31 23:30 JST is the old year, April 1 00:30 the new", async () => {
      const company = await f.company({ prefecture: 17 });
      const kase = await f.case({ company, lead: coordinator });
      await f.activity(kase, coordinator, { occurredAt: new Date("2026-03-31T14:30:00Z") }); // 2026-03-31 23:30 JST
      await f.activity(kase, coordinator, { occurredAt: new Date("2026-03-31T15:30:00Z") }); // 2026-04-01 00:30 JST
      await f.activity(kase, coordinator, { occurredAt: new Date("2026-03-10T01:00:00Z") }); // earlier in FY2025
      await f.activity(kase, coordinator, { occurredAt: new Date("2026-05-10T01:00:00Z") }); // later in FY2026
      expect(await supportRows(company)).toEqual([
        { year: 2025, prefecture: 17, first: "2026-03-10T01:00:00.000Z" },
        { year: 2026, prefecture: 17, first: "2026-03-31T15:30:00.000Z" },
      ]);
    });

    it("recomputes a year when its first activity moves or is removed, and drops a year left without activities", async () => {
      const company = await f.company({ prefecture: 17 });
      const kase = await f.case({ company, lead: coordinator });
      const first = await f.activity(kase, coordinator, { occurredAt: new Date("2025-05-01T01:00:00Z") });
      const second = await f.activity(kase, coordinator, { occurredAt: new Date("2025-07-01T01:00:00Z") });
      // The first one turns out to have happened in the next fiscal year.
      await t.db.update(activities).set({ occurredAt: new Date("2026-06-01T01:00:00Z") }).where(eq(activities.id, first.id));
      expect(await supportRows(company)).toEqual([
        { year: 2025, prefecture: 17, first: "2025-07-01T01:00:00.000Z" },
        { year: 2026, prefecture: 17, first: "2026-06-01T01:00:00.000Z" },
      ]);
      await t.db.delete(activities).where(eq(activities.id, second.id));
      expect(await supportRows(company)).toEqual([{ year: 2026, prefecture: 17, first: "2026-06-01T01:00:00.000Z" }]);
    });

    it("agrees with a distinct count over the activities themselves", async () => {
      const expected = await t.db
        .select({ year: sql<number>`renkei_fiscal_year_of(${activities.occurredAt})`.mapWith(Number), n: sql<number>`count(distinct ${activities.companyId})`.mapWith(Number) })
        .from(activities)
        .groupBy(sql`1`)
        .orderBy(sql`1`);
      const stored = await t.db
        .select({ year: companySupportYears.fiscalYear, n: sql<number>`count(*)`.mapWith(Number) })
        .from(companySupportYears)
        .groupBy(companySupportYears.fiscalYear)
        .orderBy(companySupportYears.fiscalYear);
      expect(stored.length).toBeGreaterThan(1);
      expect(stored).toEqual(expected);
      const orphans = await t.db
        .select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(companySupportYears)
        .where(
          sql`not exists (select 1 from ${activities} a where a.company_id = ${companySupportYears.companyId}
                and renkei_fiscal_year_of(a.occurred_at) = ${companySupportYears.fiscalYear})`,
        );
      expect(orphans[0]!.n).toBe(0);
    });
  });
});
