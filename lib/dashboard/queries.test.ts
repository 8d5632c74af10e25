import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { cases, referrals, users } from "@/db/schema";
import { ForbiddenError } from "@/lib/authz/errors";
import { createFixtures, seedNetwork, type Fixtures } from "@/lib/test/fixtures";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import {
  getAdminOverview,
  getDeskOverview,
  getMetiOverview,
  OVERDUE_RECIPIENT_LIMIT,
  getReferralInboxOverview,
  getSentReferralsOverview,
} from "./queries";

// 12:00 on 20 June 2025 in Japan. Referral fixtures are due 2025-06-10, so an unanswered one is overdue.
const NOW = new Date("2025-06-20T03:00:00Z");
const TODAY = "2025-06-20";

describe.each(TEST_ENGINES)("dashboard queries (%s)", (engine) => {
  let t: TestDb;
  let f: Fixtures;

  beforeAll(async () => {
    t = await createTestDb(engine);
    f = await createFixtures(t.db);
  });
  afterAll(() => t?.cleanup());

  describe("the 経産局 home", () => {
    /**
     * Its own world in 九州 (熊本 43, 福岡 40) with a neighbour block, 中国 (山口 35), so that the block
     * totals are exact whatever the other tests of this file create in 中部.
     */
    async function kyushu() {
      const bureau = await f.organization({ party: "meti", prefecture: 43, bureau: true, name: "九州経済産業局 知的財産室" });
      const kumamotoDesk = await f.organization({ party: "inpit", prefecture: 43 });
      const fukuokaJpaa = await f.organization({ party: "jpaa", prefecture: 40 });
      const yamaguchiDesk = await f.organization({ party: "inpit", prefecture: 35 });
      const bureauStaff = await f.user(bureau, "coordinator", "九州局 担当");
      const producer = await f.user(bureau, "producer", "九州 プロデューサー");
      const desk = await f.user(kumamotoDesk, "coordinator");
      const yamaguchi = await f.user(yamaguchiDesk, "coordinator");

      const kumamotoCompany = await f.company({ prefecture: 43 });
      const fukuokaCompany = await f.company({ prefecture: 40 });
      const yamaguchiCompany = await f.company({ prefecture: 35 });
      const team = await f.team({ lead: producer, members: [desk], modelRegion: "kumamoto", fiscalYear: 2025 });
      const teamCase = await f.case({ company: kumamotoCompany, lead: desk, team, stage: "accompanying", title: "熊本 チーム案件", themes: ["patent", "trademark_brand"] });
      const deskCase = await f.case({ company: fukuokaCompany, lead: desk, stage: "discovery", title: "福岡 窓口案件", themes: ["patent"] });
      await f.case({ company: kumamotoCompany, lead: desk, stage: "closed" });
      const otherBlockCase = await f.case({ company: yamaguchiCompany, lead: yamaguchi, stage: "discovery", title: "山口 案件" });
      await f.team({ lead: await f.user(yamaguchiDesk, "producer"), modelRegion: "yamaguchi", fiscalYear: 2025 });

      await f.referral({ from: desk, to: fukuokaJpaa, company: kumamotoCompany, status: "sent" });
      await f.referral({ from: desk, to: fukuokaJpaa, company: fukuokaCompany, status: "completed" });
      await f.referral({ from: yamaguchi, to: kumamotoDesk, company: yamaguchiCompany, status: "accepted" });
      await f.referral({ from: yamaguchi, to: yamaguchiDesk, company: yamaguchiCompany, status: "sent" });

      return {
        fukuokaJpaa,
        bureauStaff,
        producer: await f.reload(producer),
        desk,
        team,
        teamCase,
        deskCase,
        otherBlockCase,
      };
    }

    let w: Awaited<ReturnType<typeof kyushu>>;
    beforeAll(async () => {
      w = await kyushu();
    });

    it("counts the block's cases by stage, and nothing outside the block", async () => {
      const overview = await getMetiOverview(t.db, w.bureauStaff);
      expect(overview.scope).toMatchObject({ kind: "block", blockCode: "kyushu", nameJa: "九州" });
      expect(overview.casesByStage).toMatchObject({ discovery: 1, accompanying: 1, closed: 1, assessment: 0, paused: 0 });
    });

    it("shows numbers only: no case title or company of a case the bureau staff is not a member of", async () => {
      const text = JSON.stringify(await getMetiOverview(t.db, w.bureauStaff));
      for (const title of [w.teamCase.title, w.deskCase.title, w.otherBlockCase.title]) expect(text).not.toContain(title);
    });

    it("counts the referrals sent and received by the block's organizations, and the flow between parties", async () => {
      const overview = await getMetiOverview(t.db, w.bureauStaff);
      expect(overview.referralsSent).toMatchObject({ sent: 1, completed: 1, accepted: 0 });
      // The 山口 desk's referral to 熊本 was received in the block; its referral to itself was not.
      expect(overview.referralsReceived).toMatchObject({ sent: 1, completed: 1, accepted: 1 });
      expect(overview.flow).toEqual(
        expect.arrayContaining([
          { fromParty: "inpit", toParty: "jpaa", count: 2 },
          { fromParty: "inpit", toParty: "inpit", count: 1 },
        ]),
      );
      expect(overview.flow.reduce((n, row) => n + row.count, 0)).toBe(3);
    });

    it("lists the block's producer teams with their member and case counts, not the neighbour's", async () => {
      const overview = await getMetiOverview(t.db, w.bureauStaff);
      expect(overview.producerTeams).toEqual([
        expect.objectContaining({ id: w.team.id, modelRegionNameJa: "熊本市", fiscalYear: 2025, memberCount: 2, caseCount: 1 }),
      ]);
    });

    it("counts the block's cases per prefecture by stage and by theme, with every prefecture of the block as a row", async () => {
      const overview = await getMetiOverview(t.db, w.bureauStaff, NOW);
      expect(overview.prefectures.map((p) => p.code)).toEqual([40, 41, 42, 43, 44, 45, 46]);
      expect(overview.casesByPrefectureStage).toEqual(
        expect.arrayContaining([
          { prefectureCode: 43, stage: "accompanying", count: 1 },
          { prefectureCode: 43, stage: "closed", count: 1 },
          { prefectureCode: 40, stage: "discovery", count: 1 },
        ]),
      );
      expect(overview.casesByPrefectureStage.every((c) => c.prefectureCode !== 35)).toBe(true);
      expect(overview.casesByPrefectureTheme).toEqual(
        expect.arrayContaining([
          { prefectureCode: 43, themeKey: "patent", count: 1 },
          { prefectureCode: 43, themeKey: "trademark_brand", count: 1 },
          { prefectureCode: 40, themeKey: "patent", count: 1 },
        ]),
      );
      expect(overview.themes).toHaveLength(12);
      expect(overview.partyKinds.map((k) => k.key)).toEqual(expect.arrayContaining(["meti", "inpit", "jpaa", "jcci"]));
    });

    it("names who owes an answer past the answer date, by receiving organization, without saying what about", async () => {
      const overview = await getMetiOverview(t.db, w.bureauStaff, NOW);
      expect(overview.overdueReferrals).toEqual({
        total: 1,
        recipients: 1,
        byRecipient: [{ orgId: w.fukuokaJpaa.id, orgName: w.fukuokaJpaa.nameJa, partyKind: "jpaa", count: 1, oldestRespondBy: "2025-06-10" }],
      });
      // Before the answer date nothing is overdue.
      expect((await getMetiOverview(t.db, w.bureauStaff, new Date("2025-06-09T03:00:00Z"))).overdueReferrals.total).toBe(0);
    });

    it("lists the organizations owing the most answers first, at most ten, and counts them all", async () => {
      // Its own block (四国), so that no other test's referrals mix in: 12 receivers, the i-th owing i answers.
      const bureau = await f.organization({ party: "meti", prefecture: 37, bureau: true, name: "四国経済産業局 知的財産室" });
      const bureauStaff = await f.user(bureau, "coordinator");
      const sender = await f.user(await f.organization({ party: "jcci", prefecture: 36 }), "coordinator");
      const company = await f.company({ prefecture: 36 });
      const consent = await f.consent(company, sender);
      for (let i = 1; i <= 12; i += 1) {
        const receiver = await f.organization({ party: "jpaa", prefecture: 38, name: `弁理士会 四国 ${String(i).padStart(2, "0")}` });
        for (let n = 0; n < i; n += 1) await f.referral({ from: sender, to: receiver, company, consent, status: "sent" });
      }
      const { overdueReferrals } = await getMetiOverview(t.db, bureauStaff, NOW);
      expect(overdueReferrals.total).toBe(78);
      expect(overdueReferrals.recipients).toBe(12);
      expect(overdueReferrals.byRecipient.map((r) => [r.orgName, r.count])).toEqual(
        Array.from({ length: OVERDUE_RECIPIENT_LIMIT }, (_, k) => [`弁理士会 四国 ${String(12 - k).padStart(2, "0")}`, 12 - k]),
      );
    });

    it("lists the block's model regions with their producer teams and leads", async () => {
      const overview = await getMetiOverview(t.db, w.bureauStaff, NOW);
      expect(overview.modelRegions.map((r) => r.nameJa)).toEqual(["熊本市"]);
      expect(overview.modelRegions[0]).toMatchObject({ kind: "city", current: true, teams: [expect.objectContaining({ id: w.team.id, leadName: "九州 プロデューサー" })] });
    });

    it("lists the cases of the actor's own team, which the actor may open", async () => {
      expect((await getMetiOverview(t.db, w.producer)).teamCases.map((c) => c.id)).toEqual([w.teamCase.id]);
      expect((await getMetiOverview(t.db, w.bureauStaff)).teamCases).toEqual([]);
    });

    it("refuses everyone who is not 経産局, administrators included", async () => {
      const admin = await f.user(f.systemOrgId, "admin");
      for (const actor of [w.desk, admin]) {
        await expect(getMetiOverview(t.db, actor)).rejects.toBeInstanceOf(ForbiddenError);
      }
    });
  });

  describe("the desk home", () => {
    async function ishikawa() {
      const network = await seedNetwork(f);
      const a = network.actors;
      const own = await f.case({ company: await f.company(), lead: a.ishikawaCoordinator, stage: "assessment" });
      const colleagues = await f.case({ company: await f.company(), lead: a.ishikawaColleague, stage: "planning" });
      await f.case({ company: await f.company(), lead: a.ishikawaCoordinator, stage: "closed" });
      await f.case({ company: await f.company(), lead: a.ishikawaCoordinator, stage: "paused" });
      const toyama = await f.case({ company: await f.company({ prefecture: 16 }), lead: a.toyamaCoordinator });

      const mineOverdue = await f.nextAction(own, a.ishikawaCoordinator, { title: "見積を送る", dueOn: "2025-06-17" });
      const mineToday = await f.nextAction(own, a.ishikawaCoordinator, { title: "電話する", dueOn: TODAY });
      await f.nextAction(own, a.ishikawaCoordinator, { title: "来週の訪問", dueOn: "2025-06-27" });
      await f.nextAction(own, a.ishikawaCoordinator, { title: "済んだこと", dueOn: "2025-06-01", completed: true });
      const colleagueOverdue = await f.nextAction(colleagues, a.ishikawaColleague, { title: "同僚の宿題", dueOn: "2025-06-02" });
      await f.nextAction(toyama, a.toyamaCoordinator, { title: "富山の宿題", dueOn: "2025-06-02" });

      const company = await f.company();
      await f.referral({ from: a.chamberAdvisor, to: network.orgs.ishikawaInpit, company, status: "sent", sentAt: new Date("2025-06-02T00:00:00Z") });
      await f.referral({ from: a.chamberAdvisor, to: network.orgs.ishikawaInpit, company, status: "accepted" });
      await f.referral({ from: a.ishikawaCoordinator, to: network.orgs.hokurikuJpaa, company, status: "sent" });
      await f.referral({ from: a.ishikawaColleague, to: network.orgs.hokurikuJpaa, company, status: "sent" });
      await f.referral({ from: a.chamberAdvisor, to: network.orgs.toyamaInpit, company, status: "sent" });
      return { network, a, mineOverdue, mineToday, colleagueOverdue };
    }

    it("shows a coordinator their own overdue and today's next actions, not a colleague's or another desk's", async () => {
      const w = await ishikawa();
      const overview = await getDeskOverview(t.db, w.a.ishikawaCoordinator, NOW);
      expect(overview.scope).toBe("mine");
      expect(overview.overdueActions.map((x) => x.id)).toEqual([w.mineOverdue.id]);
      expect(overview.overdueActionsTotal).toBe(1);
      expect(overview.todayActions.map((x) => x.id)).toEqual([w.mineToday.id]);
      expect(overview.todayActions[0]).toMatchObject({ title: "電話する", dueOn: TODAY, assigneeName: "石川 支援員" });
    });

    it("shows a manager the whole organization's overdue next actions", async () => {
      const w = await ishikawa();
      const overview = await getDeskOverview(t.db, w.a.ishikawaManager, NOW);
      expect(overview.scope).toBe("organization");
      expect(overview.overdueActions.map((x) => x.id)).toEqual([w.colleagueOverdue.id, w.mineOverdue.id]);
    });

    it("counts the desk's open cases by stage, leaving out closed and paused ones and other desks'", async () => {
      const w = await ishikawa();
      const overview = await getDeskOverview(t.db, w.a.ishikawaCoordinator, NOW);
      expect(overview.openCasesByStage).toMatchObject({ assessment: 1, planning: 1, closed: 0, paused: 0 });
      expect(overview.openCasesTotal).toBe(2);
    });

    it("counts referrals waiting for an answer: the desk's inbox, and the coordinator's own sent ones", async () => {
      const w = await ishikawa();
      expect((await getDeskOverview(t.db, w.a.ishikawaCoordinator, NOW)).referrals).toEqual({ inboxPending: 1, inboxOverdue: 1, outboxPending: 1 });
      expect((await getDeskOverview(t.db, w.a.ishikawaManager, NOW)).referrals).toEqual({ inboxPending: 1, inboxOverdue: 1, outboxPending: 2 });
      // Before the answer date nothing is overdue.
      expect((await getDeskOverview(t.db, w.a.ishikawaCoordinator, new Date("2025-06-10T03:00:00Z"))).referrals.inboxOverdue).toBe(0);
    });

    it("lists the desk's open cases, marking the coordinator's own, and leaves out other desks' and closed ones", async () => {
      const w = await ishikawa();
      const overview = await getDeskOverview(t.db, w.a.ishikawaCoordinator, NOW);
      expect(overview.openCases.map((c) => c.stage).sort()).toEqual(["assessment", "planning"]);
      expect(overview.openCases.find((c) => c.stage === "assessment")).toMatchObject({ isMine: true, leadName: "石川 支援員" });
      expect(overview.openCases.find((c) => c.stage === "planning")).toMatchObject({ isMine: false, leadName: "石川 同僚" });
    });

    it("lists open referrals received by the desk, unanswered first, and those the coordinator sent", async () => {
      const w = await ishikawa();
      const overview = await getDeskOverview(t.db, w.a.ishikawaCoordinator, NOW);
      expect(overview.referralsIn.map((r) => r.status)).toEqual(["sent", "accepted"]);
      expect(overview.referralsIn[0]).toMatchObject({ counterpartName: "金沢商工会議所" });
      expect(overview.referralsOut).toHaveLength(1);
      expect(overview.referralsOut[0]).toMatchObject({ status: "sent", counterpartName: "日本弁理士会 北陸会" });
      expect((await getDeskOverview(t.db, w.a.ishikawaManager, NOW)).referralsOut).toHaveLength(2);
    });

    it("shows recent activities on cases the actor may open, not on another desk's", async () => {
      const w = await ishikawa();
      const [own] = (await getDeskOverview(t.db, w.a.ishikawaCoordinator, NOW)).openCases;
      const [ownCase] = await t.db.select().from(cases).where(eq(cases.id, own!.id));
      await f.activity(ownCase!, w.a.ishikawaCoordinator, { summary: "石川の訪問記録" });
      const toyamaCase = await f.case({ company: await f.company({ prefecture: 16 }), lead: w.a.toyamaCoordinator });
      await f.activity(toyamaCase, w.a.toyamaCoordinator, { summary: "富山の訪問記録" });
      const summaries = (await getDeskOverview(t.db, w.a.ishikawaCoordinator, NOW)).recentActivities.map((x) => x.summary);
      expect(summaries).toContain("石川の訪問記録");
      expect(summaries).not.toContain("富山の訪問記録");
    });

    it("gives an administrator nothing", async () => {
      const w = await ishikawa();
      const overview = await getDeskOverview(t.db, w.a.admin, NOW);
      expect(overview).toMatchObject({ openCasesTotal: 0, overdueActionsTotal: 0, todayActionsTotal: 0, openCases: [], referralsIn: [], referralsOut: [], recentActivities: [] });
      expect(overview.referrals).toEqual({ inboxPending: 0, inboxOverdue: 0, outboxPending: 0 });
    });
  });

  describe("the 弁理士会 home", () => {
    it("counts the chapter's inbox by state and lists the newest unanswered referrals", async () => {
      const network = await seedNetwork(f);
      const a = network.actors;
      const otherChapter = await f.organization({ party: "jpaa", prefecture: 16 });
      const company = await f.company();
      const older = await f.referral({ from: a.ishikawaCoordinator, to: network.orgs.hokurikuJpaa, company, status: "sent", sentAt: new Date("2025-06-01T00:00:00Z") });
      const newer = await f.referral({ from: a.chamberAdvisor, to: network.orgs.hokurikuJpaa, company, status: "sent", sentAt: new Date("2025-06-18T00:00:00Z") });
      const accepted = await f.referral({ from: a.ishikawaCoordinator, to: network.orgs.hokurikuJpaa, company, status: "accepted" });
      await f.referral({ from: a.ishikawaCoordinator, to: network.orgs.hokurikuJpaa, company, status: "in_progress" });
      await f.referral({ from: a.ishikawaCoordinator, to: network.orgs.hokurikuJpaa, company, status: "completed" });
      await f.referral({ from: a.ishikawaCoordinator, to: otherChapter, company, status: "sent" });
      await t.db.update(referrals).set({ handlerUserId: a.attorney.userId }).where(eq(referrals.id, accepted.id));

      const overview = await getReferralInboxOverview(t.db, a.attorney, NOW);
      expect(overview).toMatchObject({ pending: 2, pendingOverdue: 2, accepted: 1, inProgress: 1, assignedToMe: 1 });
      expect(overview.newestPending.map((r) => r.id)).toEqual([newer.id, older.id]);
      expect(overview.newestPending[0]).toMatchObject({ fromOrgName: "金沢商工会議所", companyName: company.name, status: "sent" });

      // The other chapter sees only its own referral.
      const otherAttorney = await f.user(otherChapter);
      expect(await getReferralInboxOverview(t.db, otherAttorney, NOW)).toMatchObject({ pending: 1, accepted: 0, inProgress: 0 });

      // Live referrals, unassigned first; the attorneys' workload; the outcomes reported.
      expect(overview.live.map((r) => r.status)).toEqual(["in_progress", "accepted"]);
      expect(overview.live[1]).toMatchObject({ id: accepted.id, handlerName: "北陸 弁理士", version: 1 });
      expect(overview.workload).toEqual([{ userId: a.attorney.userId, name: "北陸 弁理士", accepted: 1, inProgress: 0, completedThisYear: 0 }]);
      expect(overview.outcomesReported).toEqual([expect.objectContaining({ outcomeFeedback: "調査報告を提出した", fromOrgName: "INPIT 石川県知財総合支援窓口" })]);
      expect((await getReferralInboxOverview(t.db, otherAttorney, NOW)).workload.map((w) => w.userId)).toEqual([otherAttorney.userId]);
    });
  });

  describe("the 商工会議所 home", () => {
    it("shows an advisor the referrals they sent, with the receiver's outcome report, and a manager the chamber's", async () => {
      const network = await seedNetwork(f);
      const a = network.actors;
      const manager = await f.user(network.orgs.kanazawaJcci, "manager");
      const colleague = await f.user(network.orgs.kanazawaJcci);
      const company = await f.company();
      const completed = await f.referral({ from: a.chamberAdvisor, to: network.orgs.hokurikuJpaa, company, status: "completed", sentAt: new Date("2025-06-01T00:00:00Z") });
      const pending = await f.referral({ from: a.chamberAdvisor, to: network.orgs.ishikawaInpit, company, status: "sent", sentAt: new Date("2025-06-15T00:00:00Z") });
      await f.referral({ from: colleague, to: network.orgs.ishikawaInpit, company, status: "declined" });
      await f.referral({ from: a.ishikawaCoordinator, to: network.orgs.kanazawaJcci, company, status: "sent" });

      const own = await getSentReferralsOverview(t.db, a.chamberAdvisor);
      expect(own.scope).toBe("mine");
      expect(own.byStatus).toMatchObject({ sent: 1, completed: 1, declined: 0 });
      expect(own.recent.map((r) => r.id)).toEqual([pending.id, completed.id]);
      expect(own.recent[1]).toMatchObject({ recipientName: "日本弁理士会 北陸会", recipientIsExternal: false, outcomeFeedback: "調査報告を提出した" });

      const chamber = await getSentReferralsOverview(t.db, manager, NOW);
      expect(chamber.scope).toBe("organization");
      expect(chamber.byStatus).toMatchObject({ sent: 1, completed: 1, declined: 1 });
      // The pending one was due on 2025-06-10: it is the one to chase.
      expect(chamber.overdue).toBe(1);
      expect((await getSentReferralsOverview(t.db, manager, new Date("2025-06-09T03:00:00Z"))).overdue).toBe(0);
    });
  });

  describe("the administrator home", () => {
    it("counts organizations and users, including locked accounts", async () => {
      const admin = await f.user(f.systemOrgId, "admin");
      const before = await getAdminOverview(t.db, admin, NOW);
      const org = await f.organization({ party: "jcci", prefecture: 1 });
      const locked = await f.user(org);
      await t.db.update(users).set({ lockedUntil: new Date(NOW.getTime() + 60_000) }).where(eq(users.id, locked.userId));
      const after = await getAdminOverview(t.db, admin, NOW);

      expect(after.organizations.total).toBe(before.organizations.total + 1);
      expect(after.users.total).toBe(before.users.total + 1);
      expect(after.users.byRole.coordinator).toBe(before.users.byRole.coordinator + 1);
      expect(after.users.locked).toBe(before.users.locked + 1);
      // The lock has run out a minute later.
      expect((await getAdminOverview(t.db, admin, new Date(NOW.getTime() + 120_000))).users.locked).toBe(before.users.locked);
    });

    it("refuses anyone who does not manage users or organizations", async () => {
      const manager = await f.user(await f.organization({ party: "inpit", prefecture: 2 }), "manager");
      await expect(getAdminOverview(t.db, manager, NOW)).rejects.toBeInstanceOf(ForbiddenError);
    });
  });
});
