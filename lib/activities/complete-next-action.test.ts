import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, nextActions, type Case, type Company } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { runAction } from "@/lib/authz/action";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { createFixtures, seedNetwork, type Fixtures } from "@/lib/test/fixtures";
import { completeNextAction } from "./complete-next-action";

describe.each(TEST_ENGINES)("completing a next action (%s)", (engine) => {
  let t: TestDb;
  let f: Fixtures;
  let people: Awaited<ReturnType<typeof seedNetwork>>["actors"];
  let company: Company;
  let kase: Case;

  beforeAll(async () => {
    t = await createTestDb(engine);
    f = await createFixtures(t.db);
    people = (await seedNetwork(f)).actors;
    company = await f.company({ createdBy: people.ishikawaCoordinator });
    kase = await f.case({ company, lead: people.ishikawaCoordinator, members: [people.ishikawaColleague] });
  });
  afterAll(() => t.cleanup());

  const complete = (actor: Actor, nextActionId: string) =>
    runAction(completeNextAction, { nextActionId }, { actorUserId: actor.userId, db: t.db });
  const reread = async (id: string) => (await t.db.select().from(nextActions).where(eq(nextActions.id, id)))[0]!;
  const auditRowsOf = (id: string) =>
    t.db.select().from(auditLog).where(and(eq(auditLog.action, "next_action.complete"), eq(auditLog.entityId, id)));

  it("completes in one click by the assignee, recording who and when", async () => {
    const action = await f.nextAction(kase, people.ishikawaColleague);
    const result = await complete(people.ishikawaColleague, action.id);
    expect(result).toMatchObject({ ok: true, data: { id: action.id, changed: true, completedByUserId: people.ishikawaColleague.userId } });
    expect(await reread(action.id)).toMatchObject({ completedByUserId: people.ishikawaColleague.userId, version: 2 });
    expect((await reread(action.id)).completedAt).toBeInstanceOf(Date);
    const audits = await auditRowsOf(action.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ before: { completedAt: null }, after: { completedByUserId: people.ishikawaColleague.userId } });
  });

  it("lets another member of the case complete it for the assignee", async () => {
    const action = await f.nextAction(kase, people.ishikawaColleague);
    expect(await complete(people.ishikawaCoordinator, action.id)).toMatchObject({ ok: true, data: { changed: true } });
  });

  it("answers a second click with success and changes nothing, leaving one audit row", async () => {
    const action = await f.nextAction(kase, people.ishikawaCoordinator);
    const first = await complete(people.ishikawaCoordinator, action.id);
    const [second, third] = await Promise.all([complete(people.ishikawaCoordinator, action.id), complete(people.ishikawaColleague, action.id)]);
    expect(first).toMatchObject({ ok: true, data: { changed: true } });
    expect(second).toMatchObject({ ok: true, data: { changed: false, completedByUserId: people.ishikawaCoordinator.userId } });
    expect(third).toMatchObject({ ok: true, data: { changed: false } });
    expect(await reread(action.id)).toMatchObject({ completedByUserId: people.ishikawaCoordinator.userId, version: 2 });
    expect(await auditRowsOf(action.id)).toHaveLength(1);
  });

  it("refuses someone who sees the case but neither is the assignee nor on the case", async () => {
    const action = await f.nextAction(kase, people.ishikawaCoordinator);
    expect(await complete(people.ishikawaManager, action.id)).toMatchObject({ ok: false, code: "forbidden" });
    expect(await reread(action.id)).toMatchObject({ completedAt: null, version: 1 });
  });

  it("answers not found to a user of another desk and refuses an administrator", async () => {
    const action = await f.nextAction(kase, people.ishikawaCoordinator);
    expect(await complete(people.toyamaCoordinator, action.id)).toMatchObject({ ok: false, code: "not_found" });
    expect(await complete(people.admin, action.id)).toMatchObject({ ok: false, code: "forbidden" });
    expect(await reread(action.id)).toMatchObject({ completedAt: null });
    expect(await auditRowsOf(action.id)).toHaveLength(0);
  });
});
