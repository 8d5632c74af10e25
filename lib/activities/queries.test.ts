import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { caseMembers, type Company } from "@/db/schema";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { createFixtures, seedNetwork, type Fixtures } from "@/lib/test/fixtures";
import { findMyDayForActor } from "./queries";

describe.each(TEST_ENGINES)("My day (%s)", (engine) => {
  let t: TestDb;
  let f: Fixtures;
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  let people: typeof net.actors;
  let company: Company;
  const today = "2025-06-16";

  beforeAll(async () => {
    t = await createTestDb(engine);
    f = await createFixtures(t.db);
    net = await seedNetwork(f);
    people = net.actors;
    company = await f.company({ name: "株式会社 加賀友禅工房", createdBy: people.ishikawaCoordinator });
  });
  afterAll(() => t.cleanup());

  it("sorts the actor's open next actions into overdue, due today, upcoming and later, oldest due first", async () => {
    const me = await f.user(net.orgs.ishikawaInpit, "coordinator", "わたし");
    const caseA = await f.case({ company, lead: me, title: "案件A" });
    const caseB = await f.case({ company, lead: people.ishikawaCoordinator, members: [me], title: "案件B" });
    await f.nextAction(caseA, me, { title: "期限切れ(古)", dueOn: "2025-06-02" });
    await f.nextAction(caseB, me, { title: "期限切れ(新)", dueOn: "2025-06-15" });
    await f.nextAction(caseA, me, { title: "今日", dueOn: today });
    await f.nextAction(caseB, me, { title: "来週", dueOn: "2025-06-23" });
    await f.nextAction(caseA, me, { title: "完了済み", dueOn: "2025-06-10", completed: true });
    await f.nextAction(caseA, people.ishikawaCoordinator, { title: "他の人の", dueOn: "2025-06-10" });
    await f.nextAction(caseA, me, { title: "ずっと先", dueOn: "2025-09-01" });
    await f.nextAction(caseB, me, { title: "二週間後", dueOn: "2025-06-30" });
    await f.nextAction(caseB, me, { title: "二週間と一日後", dueOn: "2025-07-01" });
    await f.nextAction(caseA, me, { title: "来年", dueOn: "2026-06-16" });

    const day = await findMyDayForActor(t.db, me, { today });

    expect(day.date).toBe(today);
    expect(day.overdue.map((a) => a.title)).toEqual(["期限切れ(古)", "期限切れ(新)"]);
    expect(day.today.map((a) => a.title)).toEqual(["今日"]);
    // Upcoming looks 14 days ahead, the last of them included; everything after that is later, never dropped.
    expect(day.upcoming.map((a) => a.title)).toEqual(["来週", "二週間後"]);
    expect(day.later.map((a) => a.title)).toEqual(["二週間と一日後", "ずっと先", "来年"]);
    expect(day.overdue[1]).toMatchObject({ dueOn: "2025-06-15", case: { id: caseB.id, title: "案件B" }, company: { id: company.id, name: "株式会社 加賀友禅工房" } });
    expect(day.truncated).toBe(false);

    const longer = await findMyDayForActor(t.db, me, { today, upcomingDays: 90 });
    expect(longer.upcoming.map((a) => a.title)).toEqual(["来週", "二週間後", "二週間と一日後", "ずっと先"]);
    expect(longer.later.map((a) => a.title)).toEqual(["来年"]);
  });

  it("leaves out next actions on cases the actor can no longer see", async () => {
    const visitor = await f.user(net.orgs.toyamaInpit, "coordinator", "富山から参加");
    const kase = await f.case({ company, lead: people.ishikawaCoordinator, members: [visitor] });
    await f.nextAction(kase, visitor, { title: "見える間の仕事", dueOn: today });
    expect((await findMyDayForActor(t.db, visitor, { today })).today.map((a) => a.title)).toEqual(["見える間の仕事"]);

    // Removed from the case: the 富山 desk does not see 石川's cases, so the task is no longer theirs to read.
    await t.db.delete(caseMembers).where(and(eq(caseMembers.caseId, kase.id), eq(caseMembers.userId, visitor.userId)));
    expect(await findMyDayForActor(t.db, visitor, { today })).toMatchObject({ overdue: [], today: [], upcoming: [], later: [] });
  });

  it("reports when there are more than it shows", async () => {
    const busy = await f.user(net.orgs.ishikawaInpit, "coordinator", "多忙");
    const kase = await f.case({ company, lead: busy });
    for (const day of ["2025-06-01", "2025-06-02", "2025-06-03"]) await f.nextAction(kase, busy, { dueOn: day });
    const result = await findMyDayForActor(t.db, busy, { today, limit: 2 });
    expect(result.overdue.map((a) => a.dueOn)).toEqual(["2025-06-01", "2025-06-02"]);
    expect(result.truncated).toBe(true);
  });

  it("is empty for an administrator, who sees no case content", async () => {
    expect(await findMyDayForActor(t.db, people.admin, { today })).toMatchObject({ overdue: [], today: [], upcoming: [], later: [] });
  });
});
