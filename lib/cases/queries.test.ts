import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { auditLog, cases } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { InvalidCursorError } from "@/lib/pagination";
import { createFixtures, seedNetwork, type Fixtures } from "@/lib/test/fixtures";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { CASE_SECTION_SIZE, findCasesForActor, getCaseForActor, RECENT_ACTIVITY_LIMIT } from "./queries";

describe.each(TEST_ENGINES)("case queries (%s)", (engine) => {
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

  const confidentialReads = async (caseId: string) =>
    t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "confidential.read"), eq(auditLog.entityId, caseId)));

  /** A case of the 石川 INPIT desk, led by its coordinator, about a 石川 company, with one confidential note. */
  async function ishikawaCase(options: { members?: Actor[] } = {}) {
    const company = await f.company({ createdBy: a.ishikawaCoordinator });
    const kase = await f.case({ company, lead: a.ishikawaCoordinator, members: options.members, themes: ["patent", "trademark_brand"] });
    const note = await f.confidentialNote(kase, a.ishikawaCoordinator);
    return { company, kase, note };
  }

  const listedIds = async (actor: Actor) => (await findCasesForActor(t.db, actor, { limit: 200 })).items.map((c) => c.id);

  describe("who may open a case", () => {
    it("lets the lead and the other members open it, with its company, themes, lead and members", async () => {
      const { kase, company } = await ishikawaCase({ members: [a.attorney] });
      for (const member of [a.ishikawaCoordinator, a.attorney]) {
        const detail = await getCaseForActor(t.db, member, kase.id);
        expect(detail).toMatchObject({
          id: kase.id,
          code: kase.code,
          company: { id: company.id, name: company.name, prefectureName: "石川県" },
          ownerOrg: { id: network.orgs.ishikawaInpit.id, name: "INPIT 石川県知財総合支援窓口" },
          lead: { id: a.ishikawaCoordinator.userId, name: "石川 支援員" },
        });
        expect(detail!.themes.map((th) => th.key)).toEqual(["trademark_brand", "patent"]);
        expect(detail!.members).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ userId: a.ishikawaCoordinator.userId, isLead: true }),
            expect.objectContaining({ userId: a.attorney.userId, isLead: false, orgName: "日本弁理士会 北陸会" }),
          ]),
        );
        expect(await listedIds(member)).toContain(kase.id);
      }
    });

    it("lets the owner desk's other coordinators and its manager open it", async () => {
      const { kase } = await ishikawaCase();
      for (const actor of [a.ishikawaColleague, a.ishikawaManager]) {
        expect(await getCaseForActor(t.db, actor, kase.id)).not.toBeNull();
        expect(await listedIds(actor)).toContain(kase.id);
      }
    });

    it("hides it from another prefecture's INPIT desk", async () => {
      const { kase } = await ishikawaCase();
      expect(await getCaseForActor(t.db, a.toyamaCoordinator, kase.id)).toBeNull();
      expect(await listedIds(a.toyamaCoordinator)).not.toContain(kase.id);
    });

    it("hides it from a 経産局 coordinator of the same block who is not a member, even for the bureau's own cases", async () => {
      const { kase } = await ishikawaCase();
      const bureauCase = await f.case({ company: await f.company(), lead: a.bureauManager });
      for (const id of [kase.id, bureauCase.id]) {
        expect(await getCaseForActor(t.db, a.bureauCoordinator, id)).toBeNull();
        expect(await listedIds(a.bureauCoordinator)).not.toContain(id);
      }
      // The bureau's manager sees the bureau's own cases, not the desks'.
      expect(await getCaseForActor(t.db, a.bureauManager, bureauCase.id)).not.toBeNull();
      expect(await getCaseForActor(t.db, a.bureauManager, kase.id)).toBeNull();
    });

    it("lets a 経産局 coordinator open the cases of a producer team they belong to", async () => {
      const producer = await f.user(network.orgs.chubuBureau, "producer", "事業 プロデューサー");
      const team = await f.team({ lead: producer, members: [a.ishikawaCoordinator] });
      const kase = await f.case({ company: await f.company(), lead: a.ishikawaCoordinator, team });
      const teamLead = await f.reload(producer);
      expect(await getCaseForActor(t.db, teamLead, kase.id)).toMatchObject({ producerTeam: { id: team.id } });
      expect(await listedIds(teamLead)).toContain(kase.id);
      expect(await getCaseForActor(t.db, a.bureauCoordinator, kase.id)).toBeNull();
    });

    it("hides every case from an administrator", async () => {
      const { kase } = await ishikawaCase({ members: [a.admin] });
      expect(await getCaseForActor(t.db, a.admin, kase.id)).toBeNull();
      expect(await listedIds(a.admin)).toEqual([]);
    });

    it("answers null, not a database error, for an id that is not a UUID", async () => {
      for (const id of ["not-a-uuid", "", "1; drop table cases", "00000000-0000-0000-0000-00000000000g"]) {
        expect(await getCaseForActor(t.db, a.ishikawaCoordinator, id)).toBeNull();
      }
      expect(await getCaseForActor(t.db, a.ishikawaCoordinator, "3f2504e0-4f89-41d3-9a0c-0305e82c3301")).toBeNull();
    });
  });

  describe("a referral receiver", () => {
    /** A case referred from the 石川 desk to 弁理士会 北陸会, in the given state and under the given consent. */
    async function referredCase(status: "sent" | "accepted" | "in_progress" | "completed" | "declined" | "withdrawn", consent: Parameters<Fixtures["consent"]>[2]) {
      const { kase, company, note } = await ishikawaCase();
      const referral = await f.referral({ from: a.ishikawaCoordinator, to: network.orgs.hokurikuJpaa, company, case: kase, status, consent });
      return { kase, note, referral };
    }

    it("cannot open the case before accepting, whatever the consent covers", async () => {
      const { kase } = await referredCase("sent", { consultationSummary: true, confidentialNotes: true });
      expect(await getCaseForActor(t.db, a.attorney, kase.id)).toBeNull();
      expect(await listedIds(a.attorney)).not.toContain(kase.id);
    });

    it("cannot open the case after accepting when the consent covers only the basic profile", async () => {
      const { kase } = await referredCase("accepted", { basicProfile: true });
      expect(await getCaseForActor(t.db, a.attorney, kase.id)).toBeNull();
      expect(await listedIds(a.attorney)).not.toContain(kase.id);
    });

    it("opens the case, without its confidential notes, when the consent covers the consultation summary", async () => {
      const { kase } = await referredCase("in_progress", { consultationSummary: true });
      const before = (await confidentialReads(kase.id)).length;
      const detail = await getCaseForActor(t.db, a.attorney, kase.id);
      expect(detail).toMatchObject({ id: kase.id, summary: "相談概要" });
      expect(detail).not.toHaveProperty("confidentialNotes");
      expect(await listedIds(a.attorney)).toContain(kase.id);
      expect(await confidentialReads(kase.id)).toHaveLength(before);
    });

    it("reads the confidential notes, audited, when the consent covers them", async () => {
      const { kase, note } = await referredCase("accepted", { consultationSummary: true, confidentialNotes: true });
      const detail = await getCaseForActor(t.db, a.attorney, kase.id);
      expect(detail!.confidentialNotes!.map((n) => n.id)).toEqual([note.id]);
      const reads = await confidentialReads(kase.id);
      expect(reads).toHaveLength(1);
      expect(reads[0]).toMatchObject({ actorUserId: a.attorney.userId, actorOrgId: network.orgs.hokurikuJpaa.id });
    });

    it("loses the case once the referral is completed, declined or withdrawn", async () => {
      for (const status of ["completed", "declined", "withdrawn"] as const) {
        const { kase } = await referredCase(status, { consultationSummary: true, confidentialNotes: true });
        expect(await getCaseForActor(t.db, a.attorney, kase.id)).toBeNull();
        expect(await listedIds(a.attorney)).not.toContain(kase.id);
      }
    });

    it("loses the case when the company revokes its consent", async () => {
      const { kase, referral } = await referredCase("accepted", { consultationSummary: true });
      expect(await getCaseForActor(t.db, a.attorney, kase.id)).not.toBeNull();
      await f.revokeConsent({ id: referral.consentId });
      expect(await getCaseForActor(t.db, a.attorney, kase.id)).toBeNull();
    });

    it("is an organization: a colleague at the receiving body sees what the referral opens, others do not", async () => {
      const { kase } = await referredCase("accepted", { consultationSummary: true });
      const otherAttorney = await f.user(network.orgs.hokurikuJpaa, "coordinator");
      expect(await getCaseForActor(t.db, otherAttorney, kase.id)).not.toBeNull();
      expect(await getCaseForActor(t.db, a.chamberAdvisor, kase.id)).toBeNull();
    });
  });

  describe("confidential notes", () => {
    it("appear for members only, each read adding exactly one audit row naming the notes", async () => {
      const { kase, note } = await ishikawaCase({ members: [a.ishikawaColleague] });
      await new Promise((resolve) => setTimeout(resolve, 5));
      const newer = await f.confidentialNote(kase, a.ishikawaColleague, "改良案(秘匿)");

      const first = await getCaseForActor(t.db, a.ishikawaCoordinator, kase.id);
      expect(first!.confidentialNotes!.map((n) => n.id)).toEqual([newer.id, note.id]);
      expect(first!.confidentialNotes![0]).toMatchObject({ body: "改良案(秘匿)", author: { id: a.ishikawaColleague.userId } });
      let reads = await confidentialReads(kase.id);
      expect(reads).toHaveLength(1);
      expect(reads[0]).toMatchObject({
        actorUserId: a.ishikawaCoordinator.userId,
        actorOrgId: network.orgs.ishikawaInpit.id,
        entityType: "case",
        entityId: kase.id,
      });
      expect((reads[0]!.meta as { noteIds: string[] }).noteIds.sort()).toEqual([note.id, newer.id].sort());

      await getCaseForActor(t.db, a.ishikawaColleague, kase.id);
      reads = await confidentialReads(kase.id);
      expect(reads).toHaveLength(2);
      expect(reads.map((r) => r.actorUserId)).toContain(a.ishikawaColleague.userId);
    });

    it("are absent — not empty — for the owner desk's manager and non-member coordinators, and no read is recorded", async () => {
      const { kase } = await ishikawaCase();
      for (const actor of [a.ishikawaManager, a.ishikawaColleague]) {
        const detail = await getCaseForActor(t.db, actor, kase.id);
        expect(detail).not.toBeNull();
        expect(detail!.confidentialNotes).toBeUndefined();
        expect("confidentialNotes" in detail!).toBe(false);
      }
      expect(await confidentialReads(kase.id)).toHaveLength(0);
    });

    it("are an empty list for a member of a case without notes, and nothing is recorded", async () => {
      const kase = await f.case({ company: await f.company(), lead: a.ishikawaCoordinator });
      expect((await getCaseForActor(t.db, a.ishikawaCoordinator, kase.id))!.confidentialNotes).toEqual([]);
      expect(await confidentialReads(kase.id)).toHaveLength(0);
    });
  });

  describe("the case page's parts", () => {
    it("shows the newest activities first (at most 50), the open next actions by due date, and the outcomes", async () => {
      const kase = await f.case({ company: await f.company(), lead: a.ishikawaCoordinator, members: [a.attorney] });
      const base = Date.UTC(2025, 4, 1);
      for (let i = 0; i < RECENT_ACTIVITY_LIMIT + 5; i += 1) {
        await f.activity(kase, a.ishikawaCoordinator, {
          summary: `記録 ${i}`,
          occurredAt: new Date(base + i * 3_600_000),
          participants: i === RECENT_ACTIVITY_LIMIT + 4 ? [a.attorney] : [],
        });
      }
      const later = await f.nextAction(kase, a.attorney, { title: "後", dueOn: "2025-08-01" });
      const sooner = await f.nextAction(kase, a.ishikawaCoordinator, { title: "先", dueOn: "2025-07-01" });
      await f.nextAction(kase, a.ishikawaCoordinator, { title: "済", completed: true });
      const outcome = await f.outcome(kase);

      const detail = (await getCaseForActor(t.db, a.attorney, kase.id))!;
      expect(detail.recentActivities).toHaveLength(RECENT_ACTIVITY_LIMIT);
      expect(detail.recentActivities[0]).toMatchObject({
        summary: `記録 ${RECENT_ACTIVITY_LIMIT + 4}`,
        createdBy: { id: a.ishikawaCoordinator.userId },
        participants: [{ id: a.attorney.userId, name: "北陸 弁理士" }],
      });
      expect(detail.recentActivities.at(-1)!.summary).toBe("記録 5");
      expect(detail.openNextActions.map((n) => n.id)).toEqual([sooner.id, later.id]);
      expect(detail.outcomes.map((o) => o.id)).toEqual([outcome.id]);
      expect(detail.sections).toEqual({
        activities: { total: RECENT_ACTIVITY_LIMIT + 5, nextCursor: expect.any(String) },
        nextActions: { total: 2, nextCursor: null },
        outcomes: { total: 1, nextCursor: null },
      });

      // 「次のページ」 of the timeline: the older activities, none repeated, and the way to the end.
      const older = (await getCaseForActor(t.db, a.attorney, kase.id, { cursors: { activities: detail.sections.activities.nextCursor! } }))!;
      expect(older.recentActivities.map((x) => x.summary)).toEqual(["記録 4", "記録 3", "記録 2", "記録 1", "記録 0"]);
      expect(older.sections.activities).toEqual({ total: RECENT_ACTIVITY_LIMIT + 5, nextCursor: null });
      // Paging one section leaves the others on their first rows.
      expect(older.openNextActions.map((n) => n.id)).toEqual([sooner.id, later.id]);
    });

    it("pages open next actions and outcomes in sections of 20, ties broken by id, and starts a section over on a damaged cursor", async () => {
      const kase = await f.case({ company: await f.company(), lead: a.ishikawaCoordinator });
      const actions: string[] = [];
      for (let i = 0; i < CASE_SECTION_SIZE + 3; i += 1) actions.push((await f.nextAction(kase, a.ishikawaCoordinator, { title: `宿題 ${i}`, dueOn: "2025-09-01" })).id);
      const results: string[] = [];
      for (let i = 0; i < CASE_SECTION_SIZE + 1; i += 1) results.push((await f.outcome(kase, { achievedOn: "2025-09-01" })).id);

      const first = (await getCaseForActor(t.db, a.ishikawaCoordinator, kase.id))!;
      expect(first.openNextActions).toHaveLength(CASE_SECTION_SIZE);
      expect(first.outcomes).toHaveLength(CASE_SECTION_SIZE);
      expect(first.sections.nextActions.total).toBe(CASE_SECTION_SIZE + 3);
      expect(first.sections.outcomes.total).toBe(CASE_SECTION_SIZE + 1);
      const second = (await getCaseForActor(t.db, a.ishikawaCoordinator, kase.id, {
        cursors: { nextActions: first.sections.nextActions.nextCursor!, outcomes: first.sections.outcomes.nextCursor! },
      }))!;
      expect([...first.openNextActions, ...second.openNextActions].map((n) => n.id)).toEqual([...actions].sort());
      expect([...first.outcomes, ...second.outcomes].map((o) => o.id)).toEqual([...results].sort().reverse());
      expect(second.sections.nextActions.nextCursor).toBeNull();
      expect(second.sections.outcomes.nextCursor).toBeNull();

      const damaged = (await getCaseForActor(t.db, a.ishikawaCoordinator, kase.id, { cursors: { nextActions: "not-a-cursor", outcomes: "!!" } }))!;
      expect(damaged.openNextActions.map((n) => n.id)).toEqual(first.openNextActions.map((n) => n.id));
      expect(damaged.outcomes.map((o) => o.id)).toEqual(first.outcomes.map((o) => o.id));
    });
  });

  describe("the case list", () => {
    it("filters by stage", async () => {
      const company = await f.company();
      const paused = await f.case({ company, lead: a.toyamaCoordinator, stage: "paused" });
      const planning = await f.case({ company, lead: a.toyamaCoordinator, stage: "planning" });
      const ids = (await findCasesForActor(t.db, a.toyamaCoordinator, { stage: "paused" })).items.map((c) => c.id);
      expect(ids).toContain(paused.id);
      expect(ids).not.toContain(planning.id);
    });

    it("walks 120 cases in pages of 50 without gaps or duplicates, even when timestamps tie to the microsecond", async () => {
      const desk = await f.organization({ party: "inpit", prefecture: 23 });
      const lead = await f.user(desk);
      const company = await f.company({ prefecture: 23 });
      const created: string[] = [];
      for (let i = 0; i < 120; i += 1) created.push((await f.case({ company, lead })).id);
      // Seven distinct instants within one millisecond: a cursor that kept only milliseconds would skip rows.
      for (const [i, id] of created.entries()) {
        await t.db
          .update(cases)
          .set({ updatedAt: sql`${`2025-06-01T00:00:00.00${i % 7}${(i * 3) % 10}00Z`}::timestamptz` })
          .where(eq(cases.id, id));
      }

      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await findCasesForActor(t.db, lead, { cursor, limit: 50 });
        pages.push(page.items.map((c) => c.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);

      expect(pages.map((p) => p.length)).toEqual([50, 50, 20]);
      const walked = pages.flat();
      expect(new Set(walked).size).toBe(120);
      expect(walked.sort()).toEqual([...created].sort());
      const oneGo = (await findCasesForActor(t.db, lead, { limit: 200 })).items.map((c) => c.id);
      expect(pages.flat()).toEqual(oneGo);
    });

    it("uses 50 rows by default and never more than 200", async () => {
      const desk = await f.organization({ party: "inpit", prefecture: 24 });
      const lead = await f.user(desk);
      const company = await f.company({ prefecture: 24 });
      for (let i = 0; i < 60; i += 1) await f.case({ company, lead });
      expect((await findCasesForActor(t.db, lead)).items).toHaveLength(50);
      expect((await findCasesForActor(t.db, lead, { limit: 10_000 })).items).toHaveLength(60);
      expect((await findCasesForActor(t.db, lead, { limit: 0 })).items).toHaveLength(1);
    });

    it("refuses a tampered cursor", async () => {
      const page = await findCasesForActor(t.db, a.ishikawaCoordinator, { limit: 1 });
      expect(page.nextCursor).not.toBeNull();
      const tampered = page.nextCursor!.slice(0, -3) + "AAA";
      for (const cursor of [tampered, "!!!", Buffer.from('["2025-02-30T00:00:00.000000Z","3f2504e0-4f89-41d3-9a0c-0305e82c3301"]').toString("base64url")]) {
        await expect(findCasesForActor(t.db, a.ishikawaCoordinator, { cursor })).rejects.toBeInstanceOf(InvalidCursorError);
      }
    });
  });
});
