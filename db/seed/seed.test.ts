import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import {
  caseMembers,
  caseStageChanges,
  cases,
  companies,
  confidentialNotes,
  kpiTargets,
  modelRegions,
  nextActions,
  organizations,
  partyKinds,
  prefectures,
  producerTeamMembers,
  producerTeams,
  referralEvents,
  referrals,
  regionalBlocks,
  themes,
  users,
} from "@/db/schema";
import { loadActor } from "@/lib/authz/actor";
import { caseScope } from "@/lib/authz/scopes";
import { verifyPassword } from "@/lib/auth/password";
import { isValidCorporateNumber } from "@/lib/companies/corporate-number";
import { normalizeCompanyName } from "@/lib/companies/normalize-name";
import { reiwaYearOfDate } from "@/lib/format/fiscal-year";
import { addBusinessDays, addCalendarDays } from "@/lib/referrals/business-days";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { ISHIKAWA_ONLY_CASE_TITLE } from "./data/cases";
import { DEMO_PASSWORD } from "./data/users";
import { isDemoSeeded, seedDemo } from "./demo";
import { buildDemoPlan } from "./demo-plan";
import { seedReference } from "./reference";

// Close to Golden Week on purpose: answer dates and "overdue" must skip the holidays.
const TODAY = "2026-05-12";

const ALL_STAGES = ["discovery", "assessment", "planning", "accompanying", "outcome_review", "closed", "paused"];
const ALL_REFERRAL_STATUSES = ["sent", "accepted", "declined", "in_progress", "completed", "withdrawn", "revoked", "logged"];

/** The nine documented demo accounts (README, scripts/demo.ts, e2e/support/accounts.ts). */
const DEMO_ACCOUNTS = [
  { email: "admin@example.jp", org: "Renkei 運営事務局", party: null, role: "admin" },
  { email: "meti.chubu@example.jp", org: "中部経済産業局 知的財産室", party: "meti", role: "manager" },
  { email: "producer.ishikawa@example.jp", org: "中部経済産業局 知的財産室", party: "meti", role: "producer" },
  { email: "inpit.ishikawa@example.jp", org: "INPIT 石川県知財総合支援窓口", party: "inpit", role: "coordinator" },
  { email: "jpaa.hokuriku@example.jp", org: "日本弁理士会 北陸会", party: "jpaa", role: "coordinator" },
  { email: "jcci.kanazawa@example.jp", org: "金沢商工会議所", party: "jcci", role: "coordinator" },
  { email: "inpit.aomori@example.jp", org: "INPIT 青森県知財総合支援窓口", party: "inpit", role: "coordinator" },
  { email: "jcci.kobe@example.jp", org: "神戸商工会議所", party: "jcci", role: "manager" },
  { email: "jpo@example.jp", org: "特許庁 普及支援課", party: "meti", role: "manager" },
] as const;

describe.each(TEST_ENGINES)("seeding on %s", (engine) => {
  describe("seedReference", () => {
    let db: TestDb;
    beforeAll(async () => {
      db = await createTestDb(engine);
    });
    afterAll(async () => {
      await db?.cleanup();
    });

    // First, while the database is still empty.
    it("refuses to seed the demo before the reference data, leaving nothing behind", async () => {
      await expect(seedDemo(db.db, { today: TODAY })).rejects.toThrow(/reference data/);
      expect(await db.db.$count(users)).toBe(0);
      expect(await db.db.$count(organizations)).toBe(0);
    });

    it("inserts the reference data the first time and nothing the second time", async () => {
      const first = await seedReference(db.db);
      expect(first).toEqual({ partyKinds: 4, regionalBlocks: 9, prefectures: 47, themes: 12, modelRegions: 6, systemOrganization: 1 });
      const second = await seedReference(db.db);
      expect(second).toEqual({ partyKinds: 0, regionalBlocks: 0, prefectures: 0, themes: 0, modelRegions: 0, systemOrganization: 0 });
      expect(await db.db.$count(prefectures)).toBe(47);
      expect(await db.db.$count(regionalBlocks)).toBe(9);
      expect(await db.db.$count(partyKinds)).toBe(4);
      expect(await db.db.$count(themes)).toBe(12);
      expect(await db.db.$count(modelRegions)).toBe(6);
      expect(await db.db.$count(organizations, eq(organizations.isSystem, true))).toBe(1);
    });

    it("seeds the four parties with Japanese and English names", async () => {
      const rows = await db.db.select().from(partyKinds).orderBy(asc(partyKinds.sortOrder));
      expect(rows.map((r) => [r.key, r.nameJa])).toEqual([
        ["meti", "経済産業局・特許庁"],
        ["inpit", "INPIT 知財総合支援窓口"],
        ["jpaa", "日本弁理士会"],
        ["jcci", "商工会議所"],
      ]);
      for (const row of rows) expect(row.nameEn).not.toBe("");
    });

    it("assigns the prefectures to the METI bureaus' blocks, not to the everyday regions", async () => {
      const rows = await db.db.select({ code: prefectures.code, block: prefectures.blockCode }).from(prefectures);
      const blockOf = new Map(rows.map((r) => [r.code, r.block]));
      // 新潟・山梨・長野・静岡 are 関東; 福井 is 近畿; 富山・石川 are 中部.
      expect([15, 19, 20, 22].map((code) => blockOf.get(code))).toEqual(["kanto", "kanto", "kanto", "kanto"]);
      expect(blockOf.get(18)).toBe("kinki");
      expect([16, 17].map((code) => blockOf.get(code))).toEqual(["chubu", "chubu"]);
      const sizes = Object.fromEntries(
        ["hokkaido", "tohoku", "kanto", "chubu", "kinki", "chugoku", "shikoku", "kyushu", "okinawa"].map((block) => [
          block,
          rows.filter((r) => r.block === block).length,
        ]),
      );
      expect(sizes).toEqual({ hokkaido: 1, tohoku: 6, kanto: 11, chubu: 5, kinki: 7, chugoku: 5, shikoku: 4, kyushu: 7, okinawa: 1 });
      const [kobeCodes] = await db.db.select({ name: prefectures.nameJa }).from(prefectures).where(eq(prefectures.code, 28));
      expect(kobeCodes?.name).toBe("兵庫県");
    });

    it("seeds the model regions with their fiscal years, 神戸市 and 熊本市 as cities", async () => {
      const rows = await db.db.select().from(modelRegions).orderBy(asc(modelRegions.firstFiscalYear), asc(modelRegions.prefectureCode));
      expect(rows.map((r) => [r.nameJa, r.kind, r.prefectureCode, r.cityName, r.firstFiscalYear, r.lastFiscalYear])).toEqual([
        ["青森県", "prefecture", 2, null, 2024, 2026],
        ["石川県", "prefecture", 17, null, 2024, 2026],
        ["神戸市", "city", 28, "神戸市", 2024, 2026],
        ["愛知県", "prefecture", 23, null, 2025, 2027],
        ["山口県", "prefecture", 35, null, 2025, 2027],
        ["熊本市", "city", 43, "熊本市", 2025, 2027],
      ]);
    });

    it("leaves rows an administrator changed as they are", async () => {
      await db.db.update(themes).set({ nameJa: "商標・ブランド戦略" }).where(eq(themes.key, "trademark_brand"));
      await seedReference(db.db);
      const [row] = await db.db.select({ nameJa: themes.nameJa }).from(themes).where(eq(themes.key, "trademark_brand"));
      expect(row?.nameJa).toBe("商標・ブランド戦略");
    });
  });

  describe("seedDemo", () => {
    let db: TestDb;
    let summary: Awaited<ReturnType<typeof seedDemo>>;
    beforeAll(async () => {
      db = await createTestDb(engine);
      await seedReference(db.db);
      summary = await seedDemo(db.db, { today: TODAY });
    });
    afterAll(async () => {
      await db?.cleanup();
    });

    it("returns the counts it inserted", async () => {
      expect(summary.cases).toBe(await db.db.$count(cases));
      expect(summary.companies).toBe(await db.db.$count(companies));
      expect(summary.referrals).toBe(await db.db.$count(referrals));
      expect(summary.cases).toBeGreaterThanOrEqual(38);
      expect(summary.companies).toBeGreaterThanOrEqual(55);
      expect(summary.activities).toBeGreaterThan(summary.cases);
    });

    it("creates the nine demo accounts in their organizations and roles, with a password that verifies", async () => {
      const rows = await db.db
        .select({ email: users.email, org: organizations.nameJa, party: organizations.partyKindKey, role: users.role, hash: users.passwordHash })
        .from(users)
        .innerJoin(organizations, eq(organizations.id, users.organizationId))
        .where(inArray(users.email, DEMO_ACCOUNTS.map((a) => a.email)));
      expect(rows).toHaveLength(DEMO_ACCOUNTS.length);
      for (const account of DEMO_ACCOUNTS) {
        const row = rows.find((r) => r.email === account.email);
        expect(row, account.email).toMatchObject({ org: account.org, party: account.party, role: account.role });
        expect(await verifyPassword(row!.hash!, DEMO_PASSWORD), `${account.email} signs in with the demo password`).toBe(true);
        expect(await verifyPassword(row!.hash!, "renkei-demo!"), `${account.email} refuses another password`).toBe(false);
      }
    });

    it("puts the producer lead of 石川県 in the bureau that leads the team", async () => {
      const [team, lastYear] = await db.db
        .select({ name: producerTeams.name, fiscalYear: producerTeams.fiscalYear, lead: users.email, bureau: organizations.nameJa })
        .from(producerTeams)
        .innerJoin(users, eq(users.id, producerTeams.leadUserId))
        .innerJoin(organizations, eq(organizations.id, producerTeams.organizationId))
        .innerJoin(modelRegions, eq(modelRegions.id, producerTeams.modelRegionId))
        .where(eq(modelRegions.nameJa, "石川県"))
        .orderBy(desc(producerTeams.fiscalYear));
      expect(team).toMatchObject({ fiscalYear: 2026, lead: "producer.ishikawa@example.jp", bureau: "中部経済産業局 知的財産室" });
      expect(lastYear).toMatchObject({ name: "石川県 プロデューサーチーム（令和7年度）", fiscalYear: 2025, lead: "producer.ishikawa@example.jp" });
      // One team per model region this year, and 石川's of last year (the region runs FY2024–FY2026).
      expect(await db.db.$count(producerTeams)).toBe(4);
      const leads = await db.db.$count(producerTeamMembers, eq(producerTeamMembers.role, "lead"));
      expect(leads).toBe(4);
      // The cases carried over to this year's team; last year's keeps none.
      const [lastYearTeam] = await db.db.select({ id: producerTeams.id }).from(producerTeams).where(eq(producerTeams.fiscalYear, 2025));
      expect(await db.db.$count(cases, eq(cases.producerTeamId, lastYearTeam!.id))).toBe(0);
    });

    it("adds the national level (特許庁) without a block or prefecture, with the national KPI targets", async () => {
      const [jpo] = await db.db.select().from(organizations).where(eq(organizations.nameJa, "特許庁 普及支援課"));
      expect(jpo).toMatchObject({ partyKindKey: "meti", blockCode: null, prefectureCode: null });
      const [user] = await db.db.select({ id: users.id }).from(users).where(eq(users.email, "jpo@example.jp"));
      const actor = (await loadActor(db.db, user!.id))!;
      expect(actor).toMatchObject({ partyKind: "meti", blockCode: null, role: "manager" });
      const national = await db.db.select().from(kpiTargets).where(eq(kpiTargets.scopeKind, "national"));
      expect(national.length).toBeGreaterThan(0);
      for (const target of national) expect(target).toMatchObject({ scopeRef: "", fiscalYear: 2026, setByUserId: user!.id });
    });

    it("has cases in every stage, paused ones with a reason and closed ones with a closing date", async () => {
      const rows = await db.db.select({ stage: cases.stage, pausedReason: cases.pausedReason, closedOn: cases.closedOn }).from(cases);
      expect(new Set(rows.map((r) => r.stage))).toEqual(new Set(ALL_STAGES));
      for (const row of rows.filter((r) => r.stage === "paused")) expect(row.pausedReason).toBeTruthy();
      for (const row of rows.filter((r) => r.stage === "closed")) expect(row.closedOn).toBeTruthy();
      for (const row of rows.filter((r) => r.stage !== "closed")) expect(row.closedOn).toBeNull();
    });

    it("numbers cases by the 令和 year they opened in and keeps their history consistent", async () => {
      const rows = await db.db.select({ id: cases.id, code: cases.code, stage: cases.stage, openedOn: cases.openedOn, lead: cases.leadUserId }).from(cases);
      for (const row of rows) {
        expect(row.code).toMatch(new RegExp(`^R${reiwaYearOfDate(row.openedOn)}-\\d{4}$`));
        const history = await db.db
          .select({ from: caseStageChanges.fromStage, to: caseStageChanges.toStage, at: caseStageChanges.changedAt })
          .from(caseStageChanges)
          .where(eq(caseStageChanges.caseId, row.id))
          .orderBy(asc(caseStageChanges.changedAt));
        expect(history[0], row.code).toMatchObject({ from: null, to: "discovery" });
        expect(history.at(-1)?.to, row.code).toBe(row.stage);
        history.slice(1).forEach((change, i) => {
          expect(change.from, row.code).toBe(history[i]!.to);
          expect(change.at.getTime(), `${row.code}: one change after the other`).toBeGreaterThan(history[i]!.at.getTime());
        });
        const members = await db.db.select({ userId: caseMembers.userId }).from(caseMembers).where(eq(caseMembers.caseId, row.id));
        expect(members.map((m) => m.userId), `${row.code}: the lead is a member`).toContain(row.lead);
      }
    });

    it("has referrals in every status, each with the fields and history its status needs", async () => {
      const rows = await db.db.select().from(referrals);
      expect(new Set(rows.map((r) => r.status))).toEqual(new Set(ALL_REFERRAL_STATUSES));
      for (const r of rows) {
        expect(r.code).toMatch(/^RF-R\d+-\d{4}$/);
        const events = await db.db.select().from(referralEvents).where(eq(referralEvents.referralId, r.id)).orderBy(asc(referralEvents.at));
        expect(events[0]?.fromStatus, r.code).toBeNull();
        expect(events[0]?.toStatus, r.code).toBe(r.toOrgId ? "sent" : "logged");
        expect(events.at(-1)?.toStatus, r.code).toBe(r.status);
        if (r.toOrgId) expect(r.respondBy, `${r.code}: 5 business days after sending`).toBe(addBusinessDays(r.sentAt, 5));
        else expect(r.followUpOn, `${r.code}: a logged referral has a follow-up date`).toBeTruthy();
        if (r.status === "declined") expect(r.declineReason).toBeTruthy();
        if (r.status === "completed") expect(r.outcomeFeedback).toBeTruthy();
        if (r.status === "in_progress") expect(r.handlerUserId).toBeTruthy();
        if (r.status === "withdrawn" || r.status === "revoked") expect(r.withdrawReason).toBeTruthy();
        if (r.status === "sent") expect(r.acceptedAt).toBeNull();
      }
    });

    it("has overdue referrals between the parties of 石川県 that are still waiting for an answer", async () => {
      const overdue = await db.db
        .select({ from: sql<string>`(select name_ja from organizations where id = ${referrals.fromOrgId})`, to: organizations.nameJa })
        .from(referrals)
        .innerJoin(organizations, eq(organizations.id, referrals.toOrgId))
        .where(and(eq(referrals.status, "sent"), sql`${referrals.respondBy} < ${TODAY}::date`));
      expect(overdue).toContainEqual({ from: "金沢商工会議所", to: "INPIT 石川県知財総合支援窓口" });
      expect(overdue).toContainEqual({ from: "INPIT 石川県知財総合支援窓口", to: "日本弁理士会 北陸会" });
      const fresh = await db.db.$count(referrals, and(eq(referrals.status, "sent"), sql`${referrals.respondBy} >= ${TODAY}::date`));
      expect(fresh, "some sent referrals are not overdue yet").toBeGreaterThan(0);
    });

    it("gives every company with a corporate number a valid, unique one, and leaves 4–5 provisional records without", async () => {
      const rows = await db.db.select().from(companies);
      const numbers = rows.flatMap((r) => (r.corporateNumber ? [r.corporateNumber] : []));
      for (const number of numbers) expect(isValidCorporateNumber(number), number).toBe(true);
      expect(new Set(numbers).size).toBe(numbers.length);
      const provisional = rows.filter((r) => r.isProvisional);
      expect(provisional.length).toBeGreaterThanOrEqual(4);
      expect(provisional.length).toBeLessThanOrEqual(5);
      for (const row of provisional) expect(row.corporateNumber).toBeNull();
      for (const row of rows.filter((r) => !r.isProvisional)) expect(row.corporateNumber).not.toBeNull();
      for (const row of rows) expect(row.normalizedName).toBe(normalizeCompanyName(row.name));
    });

    it("keeps the Ishikawa-only case to INPIT 石川: the oldest case, R<n>-0001, without team, outside members or referrals", async () => {
      const [oldest] = await db.db.select().from(cases).orderBy(asc(cases.openedOn)).limit(1);
      expect(oldest?.title).toBe(ISHIKAWA_ONLY_CASE_TITLE);
      expect(oldest?.code).toBe(`R${reiwaYearOfDate(oldest!.openedOn)}-0001`);
      // With today 2026-05-12 it opened 420 days earlier, in 2025: R7-0001 (db/seed/README.md).
      expect(oldest?.code).toBe("R7-0001");
      const [owner] = await db.db.select({ name: organizations.nameJa }).from(organizations).where(eq(organizations.id, oldest!.ownerOrgId));
      expect(owner?.name).toBe("INPIT 石川県知財総合支援窓口");
      const [company] = await db.db.select({ prefectureCode: companies.prefectureCode }).from(companies).where(eq(companies.id, oldest!.companyId));
      expect(company?.prefectureCode).toBe(17);
      expect(oldest?.producerTeamId).toBeNull();
      const members = await db.db
        .select({ email: users.email })
        .from(caseMembers)
        .innerJoin(users, eq(users.id, caseMembers.userId))
        .where(eq(caseMembers.caseId, oldest!.id));
      expect(members.map((m) => m.email)).toContain("inpit.ishikawa@example.jp");
      expect(members.map((m) => m.email)).not.toContain("inpit.aomori@example.jp");
      expect(members.map((m) => m.email)).not.toContain("jpaa.hokuriku@example.jp");
      expect(await db.db.$count(referrals, eq(referrals.caseId, oldest!.id))).toBe(0);
      expect(await db.db.$count(confidentialNotes, eq(confidentialNotes.caseId, oldest!.id))).toBeGreaterThan(0);

      // And as the authorization scopes see it: inpit.ishikawa opens it, inpit.aomori and jpaa.hokuriku do not.
      const canOpen = async (email: string) => {
        const [user] = await db.db.select({ id: users.id }).from(users).where(eq(users.email, email));
        const actor = await loadActor(db.db, user!.id);
        return (await db.db.$count(cases, and(eq(cases.id, oldest!.id), caseScope(actor!)))) === 1;
      };
      expect(await canOpen("inpit.ishikawa@example.jp")).toBe(true);
      expect(await canOpen("inpit.aomori@example.jp")).toBe(false);
      expect(await canOpen("jpaa.hokuriku@example.jp")).toBe(false);
      expect(await canOpen("jcci.kanazawa@example.jp")).toBe(false);
    });

    it.each(["inpit.ishikawa@example.jp", "inpit.aomori@example.jp"])("gives %s overdue, today's and upcoming next actions", async (email) => {
      const [user] = await db.db.select({ id: users.id }).from(users).where(eq(users.email, email));
      const open = await db.db
        .select({ dueOn: nextActions.dueOn })
        .from(nextActions)
        .where(and(eq(nextActions.assigneeUserId, user!.id), sql`${nextActions.completedAt} is null`));
      expect(open.filter((a) => a.dueOn < TODAY).length, "overdue").toBeGreaterThan(0);
      expect(open.filter((a) => a.dueOn === TODAY).length, "due today").toBeGreaterThan(0);
      expect(open.filter((a) => a.dueOn > TODAY).length, "upcoming").toBeGreaterThan(0);
    });

    it("keeps confidential notes only on cases inpit.ishikawa is a member of", async () => {
      const [user] = await db.db.select({ id: users.id }).from(users).where(eq(users.email, "inpit.ishikawa@example.jp"));
      const notes = await db.db.select({ caseId: confidentialNotes.caseId }).from(confidentialNotes);
      expect(notes.length).toBeGreaterThanOrEqual(3);
      for (const note of notes) {
        expect(await db.db.$count(caseMembers, and(eq(caseMembers.caseId, note.caseId), eq(caseMembers.userId, user!.id)))).toBe(1);
      }
    });

    it("refuses a second demo on the same database and changes nothing", async () => {
      expect(await isDemoSeeded(db.db)).toBe(true);
      await expect(seedDemo(db.db, { today: TODAY })).rejects.toThrow(/already seeded/);
      expect(await db.db.$count(cases)).toBe(summary.cases);
    });

    it("refuses a date that is not 'YYYY-MM-DD'", async () => {
      await expect(seedDemo(db.db, { today: "12/05/2026" })).rejects.toThrow(/YYYY-MM-DD/);
    });
  });

  describe("determinism", () => {
    let first: TestDb;
    let second: TestDb;
    beforeAll(async () => {
      [first, second] = await Promise.all([createTestDb(engine), createTestDb(engine)]);
      for (const db of [first, second]) {
        await seedReference(db.db);
        await seedDemo(db.db, { today: TODAY });
      }
    });
    afterAll(async () => {
      await first?.cleanup();
      await second?.cleanup();
    });

    it("gives the same companies, corporate numbers, cases and referrals on two fresh databases", async () => {
      const snapshot = async (db: TestDb) => ({
        companies: await db.db.select({ id: companies.id, name: companies.name, number: companies.corporateNumber }).from(companies).orderBy(asc(companies.name)),
        cases: await db.db.select({ id: cases.id, code: cases.code, title: cases.title, openedOn: cases.openedOn }).from(cases).orderBy(asc(cases.code)),
        referrals: await db.db.select({ code: referrals.code, status: referrals.status, sentAt: referrals.sentAt }).from(referrals).orderBy(asc(referrals.code)),
        dueDates: await db.db.select({ id: nextActions.id, dueOn: nextActions.dueOn }).from(nextActions).orderBy(asc(nextActions.id)),
      });
      expect(await snapshot(second)).toEqual(await snapshot(first));
    });

  });
});

describe("the demo plan", () => {
  const build = (today: string) => buildDemoPlan({ today, passwordHash: "not-a-real-hash", systemOrgId: "00000000-0000-4000-8000-000000000000" });

  /** Every week of a fiscal year, and every day around Golden Week and the New Year break. */
  function sampleDays(): string[] {
    const days = new Set<string>();
    for (let day = "2026-04-01"; day <= "2027-03-31"; day = addCalendarDays(day, 7)) days.add(day);
    for (const [from, to] of [["2026-04-25", "2026-05-10"], ["2026-12-20", "2027-01-15"]] as const) {
      for (let day: string = from; day <= to; day = addCalendarDays(day, 1)) days.add(day);
    }
    return [...days].sort();
  }

  it("is consistent whatever day it is seeded on, holidays and New Year included", () => {
    for (const today of sampleDays()) {
      const plan = build(today);
      expect(new Set(plan.cases.map((c) => c.stage)).size, today).toBe(ALL_STAGES.length);
      expect(new Set(plan.referrals.map((r) => r.status)).size, today).toBe(ALL_REFERRAL_STATUSES.length);
      const overdue = plan.referrals.filter((r) => r.status === "sent" && r.respondBy! < today);
      expect(overdue.length, `${today}: overdue referrals`).toBeGreaterThanOrEqual(3);
      expect(plan.activities.every((a) => a.occurredAt < new Date(`${today}T00:00:00+09:00`)), `${today}: activities in the past`).toBe(true);
      expect(plan.referralEvents.every((e) => e.at! < new Date(`${addCalendarDays(today, 1)}T00:00:00+09:00`)), `${today}: referral history in the past`).toBe(true);
    }
  });

  it("changes with today only in its dates", () => {
    const a = build("2026-05-12");
    const b = build("2026-11-25");
    expect(b.companies.map((c) => [c.name, c.corporateNumber])).toEqual(a.companies.map((c) => [c.name, c.corporateNumber]));
    expect(b.cases.map((c) => c.title).sort()).toEqual(a.cases.map((c) => c.title).sort());
    expect(b.cases.map((c) => c.openedOn)).not.toEqual(a.cases.map((c) => c.openedOn));
  });
});
