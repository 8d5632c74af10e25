import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { caseStageChanges, cases, type Case, type ProducerTeam } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { createFixtures, seedNetwork, type Fixtures } from "@/lib/test/fixtures";
import { findTeamsForActor, getTeamDashboardForActor, TEAM_LIST_LIMIT, weeksBetween } from "./queries";

const TODAY = "2025-06-18"; // a Wednesday in FY2025
const jst = (local: string) => new Date(`${local}+09:00`);

describe("weeks of a period", () => {
  it("starts on the Monday of the first day's week and ends with the week of the last day", () => {
    // 2025-04-01 is a Tuesday.
    expect(weeksBetween("2025-04-01", "2025-04-21")).toEqual(["2025-03-31", "2025-04-07", "2025-04-14", "2025-04-21"]);
    expect(weeksBetween("2025-04-01", "2025-03-31")).toEqual([]);
  });
});

describe.each(TEST_ENGINES)("the producer team dashboard (%s)", (engine) => {
  let t: TestDb;
  let f: Fixtures;
  let people: Awaited<ReturnType<typeof seedNetwork>>["actors"];
  let orgs: Awaited<ReturnType<typeof seedNetwork>>["orgs"];
  let team: ProducerTeam;
  let producer: Actor;
  let cAccompanying: Case;
  let cDiscovery: Case;
  let cOwnedByBureau: Case;

  beforeAll(async () => {
    t = await createTestDb(engine);
    f = await createFixtures(t.db);
    ({ actors: people, orgs } = await seedNetwork(f));
    producer = await f.user(orgs.chubuBureau, "producer", "石川 プロデューサー");
    team = await f.team({ lead: producer, members: [people.ishikawaCoordinator, people.chamberAdvisor], modelRegion: "ishikawa", fiscalYear: 2025 });
    producer = await f.reload(producer);
    people.ishikawaCoordinator = await f.reload(people.ishikawaCoordinator);

    const company = await f.company({ name: "株式会社能登製作所" });
    const other = await f.company({ name: "株式会社加賀工房" });
    const third = await f.company({ name: "株式会社白山技研" });
    const history = async (kase: Case, steps: [Case["stage"], string][]) => {
      await t.db.insert(caseStageChanges).values(
        steps.map(([toStage, at], i) => ({ caseId: kase.id, fromStage: i === 0 ? null : steps[i - 1]![0], toStage, changedAt: jst(at) })),
      );
      await t.db.update(cases).set({ stage: steps.at(-1)![0], openedOn: steps[0]![1].slice(0, 10) }).where(eq(cases.id, kase.id));
    };
    // Moved to 伴走支援中 on 2025-06-01: at the end of FY2024 it was still in 支援計画.
    cAccompanying = await f.case({ company, lead: people.ishikawaCoordinator, team });
    await history(cAccompanying, [["discovery", "2025-01-10T10:00:00"], ["planning", "2025-03-01T10:00:00"], ["accompanying", "2025-06-01T10:00:00"]]);
    cDiscovery = await f.case({ company: other, lead: people.chamberAdvisor, team });
    await history(cDiscovery, [["discovery", "2025-05-12T10:00:00"]]);
    // A team case owned by the bureau with no member from a desk: 経産局 managers of the owner org see it.
    cOwnedByBureau = await f.case({ company: third, lead: producer, team, title: "局の伴走案件" });
    await history(cOwnedByBureau, [["discovery", "2025-04-02T10:00:00"], ["assessment", "2025-04-20T10:00:00"]]);
    // Not the team's: counted nowhere here.
    await f.case({ company, lead: people.ishikawaCoordinator });

    // Activities: two in the week of 2025-06-16, one in the week of 2025-04-07, one in FY2024.
    await f.activity(cAccompanying, people.ishikawaCoordinator, { occurredAt: jst("2025-06-16T09:00:00") });
    await f.activity(cDiscovery, people.chamberAdvisor, { occurredAt: jst("2025-06-18T15:00:00") });
    await f.activity(cAccompanying, producer, { occurredAt: jst("2025-04-07T00:30:00") }); // Monday, early morning JST
    await f.activity(cAccompanying, people.ishikawaCoordinator, { occurredAt: jst("2025-03-20T10:00:00") });

    // Referrals about the team's cases: 金沢 chamber (a member's organization) → INPIT 石川 (also a member's),
    // and INPIT 石川 → 弁理士会 (not in the team).
    await f.referral({ from: people.chamberAdvisor, to: orgs.ishikawaInpit, company: other, case: cDiscovery, status: "accepted", sentAt: jst("2025-05-20T10:00:00") });
    await f.referral({ from: people.ishikawaCoordinator, to: orgs.hokurikuJpaa, company, case: cAccompanying, status: "sent", sentAt: jst("2025-06-02T10:00:00") });
    await f.referral({ from: people.ishikawaCoordinator, to: orgs.hokurikuJpaa, company, case: cAccompanying, status: "completed", sentAt: jst("2025-02-02T10:00:00") });

    // Next actions: two overdue (one on the bureau's case), one due today, one done.
    await f.nextAction(cAccompanying, people.ishikawaCoordinator, { dueOn: "2025-06-10", title: "出願書類の確認" });
    await f.nextAction(cOwnedByBureau, producer, { dueOn: "2025-06-01", title: "局内での方針確認" });
    await f.nextAction(cDiscovery, people.chamberAdvisor, { dueOn: TODAY });
    await f.nextAction(cDiscovery, people.chamberAdvisor, { dueOn: "2025-05-01", completed: true });

    await f.outcome(cAccompanying, { achievedOn: "2025-06-05", description: "商標出願（能登ブランド）" });
    await f.outcome(cAccompanying, { achievedOn: "2025-03-05", description: "前年度の出願" });
  });
  afterAll(() => t.cleanup());

  const dashboardOf = (actor: Actor, fiscalYear?: number) => getTeamDashboardForActor(t.db, actor, team.id, { fiscalYear, today: TODAY });

  it("lists the team with its members and cases for its fiscal year", async () => {
    expect(await findTeamsForActor(t.db, producer, { fiscalYear: 2025 })).toEqual([
      expect.objectContaining({ id: team.id, memberCount: 3, caseCount: 3, openCaseCount: 3, lead: { id: producer.userId, name: "石川 プロデューサー" } }),
    ]);
    expect(await findTeamsForActor(t.db, producer, { fiscalYear: 2024 })).toEqual([]);
  });

  it("shows the members across the parties, the lead first", async () => {
    const dashboard = (await dashboardOf(producer))!;
    expect(dashboard.team.members.map((m) => [m.name, m.teamRole, m.partyKind])).toEqual([
      ["石川 プロデューサー", "lead", "meti"],
      ["石川 支援員", "member", "inpit"],
      ["金沢 経営指導員", "member", "jcci"],
    ]);
  });

  it("counts the funnel by each case's stage at the period's end", async () => {
    const now = (await dashboardOf(producer))!;
    expect(now.funnel).toEqual({
      stages: { discovery: 1, assessment: 1, planning: 0, accompanying: 1, outcome_review: 0, closed: 0, paused: 0 },
      total: 3,
    });
    // At the end of FY2024 only the first case was open, and it was in 支援計画.
    const lastYear = (await dashboardOf(producer, 2024))!;
    expect(lastYear.funnel.total).toBe(1);
    expect(lastYear.funnel.stages.planning).toBe(1);
  });

  it("counts activities per week in Japan time, with empty weeks as zero", async () => {
    const weeks = (await dashboardOf(producer))!.weeklyActivities;
    expect(weeks[0]).toEqual({ weekStart: "2025-03-31", count: 0 });
    expect(weeks.find((w) => w.weekStart === "2025-04-07")).toEqual({ weekStart: "2025-04-07", count: 1 });
    expect(weeks.at(-1)).toEqual({ weekStart: "2025-06-16", count: 2 });
    expect(weeks.reduce((sum, w) => sum + w.count, 0)).toBe(3);
  });

  it("splits the year's referrals into sent by and received by the team's organizations", async () => {
    const referrals = (await dashboardOf(producer))!.referrals.filter((r) => r.total > 0);
    expect(referrals).toEqual([
      { status: "sent", sent: 1, received: 0, total: 1 },
      { status: "accepted", sent: 1, received: 1, total: 1 },
    ]);
  });

  it("lists overdue next actions most overdue first; outcomes of the year", async () => {
    const dashboard = (await dashboardOf(producer))!;
    expect(dashboard.overdueActions.total).toBe(2);
    expect(dashboard.overdueActions.items.map((a) => a.title)).toEqual(["局内での方針確認", "出願書類の確認"]);
    expect(dashboard.outcomes.total).toBe(1);
    expect(dashboard.outcomes.items.map((o) => o.description)).toEqual(["商標出願（能登ブランド）"]);
    expect(dashboard.kpi.rows.find((r) => r.spec.key === "ip_filings")!.actual).toBe(1);
  });

  it("shows 経産局 outside the team the counts, but case details only where it may open the case", async () => {
    const manager = people.bureauManager;
    const dashboard = (await dashboardOf(manager))!;
    expect(dashboard.funnel.total).toBe(3);
    expect(dashboard.overdueActions.total).toBe(2);
    // caseScope: a 経産局 manager opens the cases its own organization owns, not the desk's or the chamber's.
    expect(dashboard.cases.map((c) => c.title)).toEqual(["局の伴走案件"]);
    expect(dashboard.hiddenCaseCount).toBe(2);
    expect(dashboard.overdueActions.items.map((a) => a.title)).toEqual(["局内での方針確認"]);
    expect(dashboard.outcomes.items).toEqual([]);
    expect(dashboard.outcomes.total).toBe(1);
  });

  it("pages the team's cases 50 at a time in the list's order, none skipped or repeated, with the total the actor may open", async () => {
    const desk = await f.organization({ party: "inpit", prefecture: 23, name: "INPIT 愛知県知財総合支援窓口" });
    const lead = await f.user(desk, "producer", "愛知 プロデューサー");
    const busyTeam = await f.team({ lead, modelRegion: "aichi", fiscalYear: 2025 });
    const reader = await f.reload(lead);
    const company = await f.company({ prefecture: 23 });
    const stages = ["discovery", "assessment", "accompanying", "closed"] as const;
    const created: string[] = [];
    for (let i = 0; i < 57; i += 1) created.push((await f.case({ company, lead, team: busyTeam, stage: stages[i % stages.length] })).id);

    const first = (await getTeamDashboardForActor(t.db, reader, busyTeam.id, { today: TODAY }))!;
    expect(first.cases).toHaveLength(TEAM_LIST_LIMIT);
    expect(first.casesSection).toEqual({ total: 57, nextCursor: expect.any(String) });
    const second = (await getTeamDashboardForActor(t.db, reader, busyTeam.id, { today: TODAY, casesCursor: first.casesSection.nextCursor! }))!;
    expect(second.casesSection).toEqual({ total: 57, nextCursor: null });
    const listed = [...first.cases, ...second.cases];
    expect(new Set(listed.map((c) => c.id))).toEqual(new Set(created));
    // The main line's order: every discovery case before every assessment case, and so on; by code within a stage.
    const order = listed.map((c) => `${stages.indexOf(c.stage as (typeof stages)[number])} ${c.code}`);
    expect(order).toEqual([...order].sort());
    // A damaged cursor shows the first cases again.
    const damaged = (await getTeamDashboardForActor(t.db, reader, busyTeam.id, { today: TODAY, casesCursor: "x" }))!;
    expect(damaged.cases.map((c) => c.id)).toEqual(first.cases.map((c) => c.id));
  });

  it("is not found for a desk that is not in the team", async () => {
    expect(await dashboardOf(people.toyamaCoordinator)).toBeNull();
    expect(await dashboardOf(people.ishikawaManager)).toBeNull();
    expect(await getTeamDashboardForActor(t.db, producer, "not-a-uuid")).toBeNull();
  });
});
