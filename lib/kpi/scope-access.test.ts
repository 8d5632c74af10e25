import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { producerTeams, type Organization, type ProducerTeam } from "@/db/schema";
import { modelRegionId } from "@/db/seed/data/reference";
import type { Actor } from "@/lib/authz/actor";
import { handleApiRequest } from "@/lib/api/handle-api-request";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { createFixtures, seedNetwork, type Fixtures } from "@/lib/test/fixtures";
import { getTeamDashboardForActor, getTeamForActor, findTeamsForActor } from "@/lib/teams/queries";
import { getTeam } from "@/lib/teams/api";
import { getKpi } from "./api";
import { getPrefectureMapForActor } from "./prefecture-map";
import { getKpiReportForActor } from "./queries";
import { resolveKpiScope, type KpiScopeRef } from "./scope";
import { canSetKpiTargets, canWritePdcaNotes, isKpiScopeVisible, listKpiScopesForActor, teamVisibility } from "./scope-access";

/**
 * Who sees which KPI scope and producer team. A scope or team the actor may not see is not found — the same
 * answer as for one that does not exist — in the queries, the pages' data and the API alike.
 */
describe.each(TEST_ENGINES)("KPI scopes and producer teams, by who is asking (%s)", (engine) => {
  let t: TestDb;
  let f: Fixtures;
  let people: Awaited<ReturnType<typeof seedNetwork>>["actors"];
  let orgs: Awaited<ReturnType<typeof seedNetwork>>["orgs"];
  let ishikawaTeam: ProducerTeam;
  let aomoriTeam: ProducerTeam;
  let ishikawaProducer: Actor;
  let aomoriProducer: Actor;
  let kinkiManager: Actor;
  let tohokuBureau: Organization;
  let jpoManager: Actor;
  let jpoCoordinator: Actor;

  beforeAll(async () => {
    t = await createTestDb(engine);
    f = await createFixtures(t.db);
    ({ actors: people, orgs } = await seedNetwork(f));
    tohokuBureau = await f.organization({ party: "meti", prefecture: 2, bureau: true, name: "東北経済産業局 知的財産室" });
    const kinkiBureau = await f.organization({ party: "meti", prefecture: 28, bureau: true, name: "近畿経済産業局 知的財産室" });
    kinkiManager = await f.user(kinkiBureau, "manager", "近畿局 室長");
    const jpo = await f.nationalBody("特許庁 普及支援課");
    jpoManager = await f.user(jpo, "manager", "特許庁 課長補佐");
    jpoCoordinator = await f.user(jpo, "coordinator", "特許庁 係員");
    ishikawaProducer = await f.user(orgs.chubuBureau, "producer", "石川 プロデューサー");
    aomoriProducer = await f.user(tohokuBureau, "producer", "青森 プロデューサー");
    ishikawaTeam = await f.team({ lead: ishikawaProducer, members: [people.ishikawaCoordinator], modelRegion: "ishikawa", fiscalYear: 2025 });
    aomoriTeam = await f.team({ lead: aomoriProducer, modelRegion: "aomori", fiscalYear: 2025 });
    ishikawaProducer = await f.reload(ishikawaProducer);
    aomoriProducer = await f.reload(aomoriProducer);
    people.ishikawaCoordinator = await f.reload(people.ishikawaCoordinator);
  });
  afterAll(() => t.cleanup());

  const visible = async (actor: Actor, scope: KpiScopeRef) => (await getKpiReportForActor(t.db, actor, scope, 2025, "2025-11-20")) !== null;
  const team = (which: ProducerTeam): KpiScopeRef => ({ kind: "team", ref: which.id });
  const national: KpiScopeRef = { kind: "national", ref: "" };
  const chubu: KpiScopeRef = { kind: "block", ref: "chubu" };
  const kinki: KpiScopeRef = { kind: "block", ref: "kinki" };

  describe("a producer", () => {
    it("opens their own team's dashboard and KPIs", async () => {
      expect(await getTeamForActor(t.db, ishikawaProducer, ishikawaTeam.id)).toMatchObject({ id: ishikawaTeam.id });
      expect(await visible(ishikawaProducer, team(ishikawaTeam))).toBe(true);
    });

    it("does not find another region's team, its dashboard or its KPIs", async () => {
      expect(await getTeamForActor(t.db, aomoriProducer, ishikawaTeam.id)).toBeNull();
      expect(await getTeamDashboardForActor(t.db, aomoriProducer, ishikawaTeam.id, { today: "2025-11-20" })).toBeNull();
      expect(await visible(aomoriProducer, team(ishikawaTeam))).toBe(false);
      expect((await findTeamsForActor(t.db, aomoriProducer)).map((x) => x.id)).toEqual([aomoriTeam.id]);
    });
  });

  describe("経産局", () => {
    it("sees its own block and every team of it, not another block", async () => {
      const manager = people.bureauManager;
      expect(await visible(manager, chubu)).toBe(true);
      expect(await visible(manager, kinki)).toBe(false);
      expect(await visible(manager, team(ishikawaTeam))).toBe(true);
      expect(await visible(manager, team(aomoriTeam))).toBe(false);
      expect((await findTeamsForActor(t.db, manager)).map((x) => x.id)).toEqual([ishikawaTeam.id]);
      expect(await visible(kinkiManager, chubu)).toBe(false);
    });

    it("shows the national picture to the national level (特許庁) only, not to a block's manager", async () => {
      expect(await visible(people.bureauManager, national)).toBe(false);
      expect(await visible(people.bureauCoordinator, national)).toBe(false);
      expect(await visible(kinkiManager, national)).toBe(false);
      expect(await visible(people.bureauCoordinator, chubu)).toBe(true);
      expect(await visible(jpoManager, national)).toBe(true);
      expect(await visible(jpoCoordinator, national)).toBe(true);
    });

    it("gives the national level every block and every team", async () => {
      expect(await visible(jpoManager, chubu)).toBe(true);
      expect(await visible(jpoManager, kinki)).toBe(true);
      expect(await visible(jpoCoordinator, team(aomoriTeam))).toBe(true);
      expect((await findTeamsForActor(t.db, jpoManager)).map((x) => x.id).sort()).toEqual([ishikawaTeam.id, aomoriTeam.id].sort());
      const options = await listKpiScopesForActor(t.db, jpoManager, 2025);
      expect(options[0]).toMatchObject({ kind: "national", nameJa: "全国" });
      expect(options.filter((o) => o.kind === "block")).toHaveLength(9);
    });

    it("lists the scopes of a year for the picker, all of them visible", async () => {
      const options = await listKpiScopesForActor(t.db, people.bureauManager, 2025);
      expect(options.map((o) => `${o.kind}:${o.nameJa}`)).toEqual([
        "block:中部ブロック",
        "model_region:石川県",
        "model_region:愛知県",
        `team:${ishikawaTeam.name}`,
        "organization:中部経済産業局 知的財産室",
      ]);
      for (const option of options) expect(await visible(people.bureauManager, option)).toBe(true);
    });
  });

  describe("other parties", () => {
    it("a team member of another party sees the team and its model region, not the block", async () => {
      const member = people.ishikawaCoordinator;
      expect(await visible(member, team(ishikawaTeam))).toBe(true);
      expect(await visible(member, { kind: "model_region", ref: modelRegionId("ishikawa") })).toBe(true);
      expect(await visible(member, chubu)).toBe(false);
      expect(await visible(member, national)).toBe(false);
    });

    it("a desk sees its own organization only", async () => {
      expect(await visible(people.toyamaCoordinator, { kind: "organization", ref: orgs.toyamaInpit.id })).toBe(true);
      expect(await visible(people.toyamaCoordinator, { kind: "organization", ref: orgs.ishikawaInpit.id })).toBe(false);
      expect(await visible(people.toyamaCoordinator, team(ishikawaTeam))).toBe(false);
      expect(await findTeamsForActor(t.db, people.toyamaCoordinator)).toEqual([]);
    });

    it("an administrator sees no scope and no team: no case data", async () => {
      for (const scope of [national, chubu, team(ishikawaTeam), { kind: "organization", ref: f.systemOrgId } as KpiScopeRef]) {
        expect(await visible(people.admin, scope)).toBe(false);
      }
      expect(await findTeamsForActor(t.db, people.admin)).toEqual([]);
      expect(await listKpiScopesForActor(t.db, people.admin, 2025)).toEqual([]);
    });

    it("a scope that does not exist is not found either", async () => {
      expect(await visible(people.bureauManager, { kind: "team", ref: "00000000-0000-4000-8000-000000000000" })).toBe(false);
      expect(await visible(people.bureauManager, { kind: "block", ref: "atlantis" })).toBe(false);
    });
  });

  describe("who may set targets and write PDCA notes", () => {
    const rules = async (actor: Actor, scope: KpiScopeRef) => {
      const resolved = (await resolveKpiScope(t.db, scope))!;
      return { sets: canSetKpiTargets(actor, resolved), writes: canWritePdcaNotes(actor, resolved) };
    };

    it("the block's 経産局 manager sets and writes for the block and its teams, but not the national targets", async () => {
      expect(await rules(people.bureauManager, chubu)).toEqual({ sets: true, writes: true });
      expect(await rules(people.bureauManager, team(ishikawaTeam))).toEqual({ sets: true, writes: true });
      expect(await rules(people.bureauManager, national)).toEqual({ sets: false, writes: false });
    });

    it("the national level's manager sets and writes the national targets; its coordinator only reads them", async () => {
      expect(await rules(jpoManager, national)).toEqual({ sets: true, writes: true });
      expect(await rules(jpoCoordinator, national)).toEqual({ sets: false, writes: false });
    });

    it("a producer writes the team's PDCA notes but sets no target and writes nothing for the block", async () => {
      expect(await rules(ishikawaProducer, team(ishikawaTeam))).toEqual({ sets: false, writes: true });
      expect(await rules(ishikawaProducer, chubu)).toEqual({ sets: false, writes: false });
    });

    it("a desk manager answers for their organization; a coordinator for nothing", async () => {
      expect(await rules(people.ishikawaManager, { kind: "organization", ref: orgs.ishikawaInpit.id })).toEqual({ sets: true, writes: true });
      expect(await rules(people.ishikawaCoordinator, { kind: "organization", ref: orgs.ishikawaInpit.id })).toEqual({ sets: false, writes: false });
      expect(await rules(people.ishikawaCoordinator, team(ishikawaTeam))).toEqual({ sets: false, writes: false });
    });
  });

  it("lists exactly the teams whose KPI scope is visible, for every kind of actor", async () => {
    const actors = [...Object.values(people), ishikawaProducer, aomoriProducer, kinkiManager, jpoManager, jpoCoordinator];
    const teams = await t.db.select().from(producerTeams);
    for (const actor of actors) {
      for (const row of teams) {
        const listed = (await t.db.select({ id: producerTeams.id }).from(producerTeams).where(and(eq(producerTeams.id, row.id), teamVisibility(actor)))).length === 1;
        const scope = (await resolveKpiScope(t.db, team(row)))!;
        expect({ actor: actor.name, team: row.name, listed }).toEqual({ actor: actor.name, team: row.name, listed: isKpiScopeVisible(actor, scope) });
      }
    }
  });

  describe("the prefecture tile map", () => {
    it("covers the whole country for the national level, the block (of 47 tiles) for a bureau, nothing for a desk", async () => {
      for (const actor of [jpoManager, jpoCoordinator]) {
        const national = await getPrefectureMapForActor(t.db, actor, 2025, "2025-11-20");
        expect(national!.prefectures).toHaveLength(47);
        expect(national!.prefectures.every((p) => p.value !== null)).toBe(true);
      }

      for (const actor of [people.bureauManager, people.bureauCoordinator]) {
        const block = await getPrefectureMapForActor(t.db, actor, 2025, "2025-11-20");
        expect(block!.prefectures).toHaveLength(47);
        expect(block!.prefectures.filter((p) => p.value !== null).map((p) => p.nameJa)).toEqual(["富山県", "石川県", "岐阜県", "愛知県", "三重県"]);
      }
      const kinkiMap = await getPrefectureMapForActor(t.db, kinkiManager, 2025, "2025-11-20");
      expect(kinkiMap!.prefectures.filter((p) => p.value !== null).map((p) => p.code)).toEqual([18, 25, 26, 27, 28, 29, 30]);

      expect(await getPrefectureMapForActor(t.db, people.ishikawaCoordinator, 2025, "2025-11-20")).toBeNull();
      expect(await getPrefectureMapForActor(t.db, people.admin, 2025, "2025-11-20")).toBeNull();
    });
  });

  describe("through the API", () => {
    const call = (actor: Actor, url: string, handler: typeof getKpi, params = {}) =>
      handleApiRequest(new Request(`http://localhost${url}`), { actorUserId: actor.userId, db: t.db, params }, handler);

    it("answers 404 for another block's KPIs and another region's team, 200 for one's own", async () => {
      expect((await call(people.bureauManager, "/api/v1/kpi?fy=2025&scope=block&ref=chubu", getKpi)).status).toBe(200);
      expect((await call(people.bureauManager, "/api/v1/kpi?fy=2025&scope=national", getKpi)).status).toBe(404);
      expect((await call(jpoManager, "/api/v1/kpi?fy=2025&scope=national", getKpi)).status).toBe(200);
      const denied = await call(people.bureauManager, "/api/v1/kpi?fy=2025&scope=block&ref=kinki", getKpi);
      expect(denied.status).toBe(404);
      expect(await denied.json()).toMatchObject({ error: { code: "not_found" } });
      expect((await call(aomoriProducer, `/api/v1/teams/${ishikawaTeam.id}`, getTeam, { id: ishikawaTeam.id })).status).toBe(404);
      expect((await call(ishikawaProducer, `/api/v1/teams/${ishikawaTeam.id}`, getTeam, { id: ishikawaTeam.id })).status).toBe(200);
    });

    it("opens the actor's default scope when none is named", async () => {
      const response = await call(ishikawaProducer, "/api/v1/kpi?fy=2025", getKpi);
      expect(await response.json()).toMatchObject({ scope: { kind: "team", ref: ishikawaTeam.id }, fiscalYear: 2025, pdca: expect.any(Array) });
      expect(await (await call(people.bureauManager, "/api/v1/kpi?fy=2025", getKpi)).json()).toMatchObject({ scope: { kind: "block", ref: "chubu" } });
      expect(await (await call(jpoManager, "/api/v1/kpi?fy=2025", getKpi)).json()).toMatchObject({ scope: { kind: "national" } });
    });

    it("refuses a fiscal year outside the range with 400", async () => {
      expect((await call(people.bureauManager, "/api/v1/kpi?fy=1990", getKpi)).status).toBe(400);
    });
  });
});
