import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Case } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { handleApiRequest } from "@/lib/api/handle-api-request";
import { listCases } from "@/lib/api/v1";
import { handleExportRequest } from "@/lib/exports/handle-export-request";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { createFixtures, seedNetwork, type Fixtures } from "@/lib/test/fixtures";
import { caseListParams, parseCaseListFilters } from "./list-filters";
import { getPrefectureCaseCountsForActor } from "./prefecture-counts";
import { countCasesByStageForActor, findCasesForActor, findSelectableUsersForActor } from "./queries";

describe("reading the case list's filters from a URL", () => {
  it("takes known stages, well-formed theme keys and 'mine', and ignores the rest", () => {
    expect(parseCaseListFilters(new URLSearchParams("stage=paused&q=商標&theme=trademark_brand&mine=1"))).toEqual({
      stage: "paused",
      q: "商標",
      theme: "trademark_brand",
      mine: true,
    });
    expect(parseCaseListFilters({ stage: "archived", theme: "x' or 1=1", mine: "true" })).toEqual({});
    expect(caseListParams({ stage: "closed", mine: true })).toEqual({ q: undefined, stage: "closed", theme: undefined, mine: "1" });
  });

  it("takes a prefecture's JIS code from 1 to 47, keeps it in the URL, and ignores anything else", () => {
    expect(parseCaseListFilters(new URLSearchParams("prefecture=17&stage=planning"))).toEqual({ prefecture: 17, stage: "planning" });
    expect(parseCaseListFilters({ prefecture: ["1", "47"] })).toEqual({ prefecture: 1 });
    expect(parseCaseListFilters({ prefecture: "47" })).toEqual({ prefecture: 47 });
    for (const bad of ["0", "48", "99", "-1", "1.5", "1e1", "0x11", "17abc", "石川", " "]) {
      expect(parseCaseListFilters({ prefecture: bad }), bad).toEqual({});
    }
    expect(caseListParams({ prefecture: 16, theme: "patent" })).toEqual({ theme: "patent", prefecture: "16" });
    expect(caseListParams(parseCaseListFilters(new URLSearchParams("prefecture=9")))).toMatchObject({ prefecture: "9" });
  });
});

describe.each(TEST_ENGINES)("the case list's filters and the board (%s)", (engine) => {
  let t: TestDb;
  let f: Fixtures;
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  let people: typeof net.actors;
  let trademark: Case;
  let patent: Case;

  beforeAll(async () => {
    t = await createTestDb(engine);
    f = await createFixtures(t.db);
    net = await seedNetwork(f);
    people = net.actors;
    const kaga = await f.company({ name: "株式会社加賀繊維工業" });
    const noto = await f.company({ name: "株式会社能登食品" });
    trademark = await f.case({ company: kaga, lead: people.ishikawaCoordinator, title: "新ブランドの商標出願", themes: ["trademark_brand"], stage: "planning" });
    patent = await f.case({ company: noto, lead: people.ishikawaColleague, title: "加工装置の特許", themes: ["patent"], stage: "planning" });
    await f.case({ company: noto, lead: people.ishikawaColleague, members: [people.ishikawaCoordinator], title: "海外展開", stage: "paused" });
    await f.case({ company: kaga, lead: people.toyamaCoordinator, title: "富山の案件" });
  });
  afterAll(() => t?.cleanup());

  const titles = async (filters: Parameters<typeof findCasesForActor>[2], actor = people.ishikawaCoordinator) =>
    (await findCasesForActor(t.db, actor, filters)).items.map((c) => c.title).sort();

  it("searches the title, the code and the company's name", async () => {
    expect(await titles({ q: "商標" })).toEqual(["新ブランドの商標出願"]);
    expect(await titles({ q: "能登" })).toEqual(["加工装置の特許", "海外展開"]);
    expect(await titles({ q: patent.code.toLowerCase() })).toEqual(["加工装置の特許"]);
    expect(await titles({ q: "100%" })).toEqual([]);
  });

  it("filters by theme and by the cases the user is on, never beyond the scope", async () => {
    expect(await titles({ theme: "patent" })).toEqual(["加工装置の特許"]);
    expect(await titles({ mine: true })).toEqual(["新ブランドの商標出願", "海外展開"]);
    expect(await titles({ q: "富山" })).toEqual([]);
  });

  it("tells which cases the user may change: members and the owner's manager, not a desk colleague off the case", async () => {
    const mayEdit = async (actor: typeof people.ishikawaCoordinator) =>
      Object.fromEntries((await findCasesForActor(t.db, actor, {})).items.map((c) => [c.title, c.mayEdit]));
    expect(await mayEdit(people.ishikawaCoordinator)).toMatchObject({ 新ブランドの商標出願: true, 加工装置の特許: false, 海外展開: true });
    expect(await mayEdit(people.ishikawaManager)).toMatchObject({ 新ブランドの商標出願: true, 加工装置の特許: true, 海外展開: true });
    const item = (await findCasesForActor(t.db, people.ishikawaCoordinator, { q: "商標" })).items[0]!;
    expect(item).toMatchObject({ id: trademark.id, version: trademark.version });
  });

  it("counts the cases of each stage for the board, under the same filters and scope", async () => {
    const all = await countCasesByStageForActor(t.db, people.ishikawaCoordinator);
    expect(all).toMatchObject({ planning: 2, paused: 1, assessment: 0, closed: 0 });
    expect(await countCasesByStageForActor(t.db, people.ishikawaCoordinator, { mine: true })).toMatchObject({ planning: 1, paused: 1 });
    expect(Object.values(await countCasesByStageForActor(t.db, people.admin)).every((n) => n === 0)).toBe(true);
  });

  it("offers as case members the active staff of the user's organization and teams, never an administrator", async () => {
    await f.team({ lead: people.bureauCoordinator, members: [people.ishikawaCoordinator] });
    const reloaded = await f.reload(people.ishikawaCoordinator);
    const names = (await findSelectableUsersForActor(t.db, reloaded)).map((u) => u.name);
    expect(names).toEqual(expect.arrayContaining(["石川 支援員", "石川 同僚", "石川 管理者", "中部局 担当"]));
    expect(names).not.toContain("富山 支援員");
    expect(names).not.toContain("運営 管理者");
    await f.deactivate(people.ishikawaColleague);
    expect((await findSelectableUsersForActor(t.db, reloaded)).map((u) => u.name)).not.toContain("石川 同僚");
  });
  describe("by prefecture: where the tile map's links lead", () => {
    let tateyama: Case;
    let toyamaOwn: Case;
    let kyoto: Case;

    beforeAll(async () => {
      const toyamaCompany = await f.company({ name: "株式会社立山精工", prefecture: 16 });
      const kyotoCompany = await f.company({ name: "株式会社西陣織物", prefecture: 26 });
      tateyama = await f.case({ company: toyamaCompany, lead: people.ishikawaCoordinator, title: "立山の精密加工", stage: "accompanying" });
      toyamaOwn = await f.case({ company: toyamaCompany, lead: people.toyamaCoordinator, title: "富山の薬の商標", stage: "discovery" });
      kyoto = await f.case({ company: kyotoCompany, lead: people.ishikawaCoordinator, title: "西陣の意匠", stage: "planning" });
    });

    it("lists the cases of companies in that prefecture, never beyond the scope", async () => {
      expect(await titles({ prefecture: 16 })).toEqual(["立山の精密加工"]);
      expect(await titles({ prefecture: 17 })).toEqual(["加工装置の特許", "新ブランドの商標出願", "海外展開"]);
      expect(await titles({ prefecture: 26 })).toEqual(["西陣の意匠"]);
      expect(await titles({ prefecture: 1 })).toEqual([]);
      // The Toyama desk sees its own Toyama case and its Ishikawa one, each under its prefecture only.
      expect(await titles({ prefecture: 16 }, people.toyamaCoordinator)).toEqual(["富山の薬の商標"]);
      expect(await titles({ prefecture: 17 }, people.toyamaCoordinator)).toEqual(["富山の案件"]);
      expect(await titles({ prefecture: 16 }, people.admin)).toEqual([]);
    });

    it("combines with the other filters and the board's counts", async () => {
      expect(await titles({ prefecture: 17, stage: "planning" })).toEqual(["加工装置の特許", "新ブランドの商標出願"]);
      expect(await titles({ prefecture: 16, q: "商標" })).toEqual([]);
      expect(await titles({ prefecture: 17, mine: true })).toEqual(["新ブランドの商標出願", "海外展開"]);
      expect(await countCasesByStageForActor(t.db, people.ishikawaCoordinator, { prefecture: 16 })).toMatchObject({
        accompanying: 1,
        discovery: 0,
        planning: 0,
      });
      expect(await countCasesByStageForActor(t.db, people.ishikawaCoordinator, { prefecture: 17 })).toMatchObject({ planning: 2, paused: 1, accompanying: 0 });
    });

    it("filters /api/v1/cases the same way and refuses a code that is not a prefecture with 400", async () => {
      const call = (query: string, actor: Actor = people.ishikawaCoordinator) =>
        handleApiRequest(new Request(`http://localhost/api/v1/cases?${query}`), { actorUserId: actor.userId, db: t.db }, listCases);
      const ok = await call("prefecture=16");
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([tateyama.id]);
      const toyama = await call("prefecture=16", people.toyamaCoordinator);
      expect(((await toyama.json()) as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([toyamaOwn.id]);
      for (const bad of ["prefecture=48", "prefecture=0", "prefecture=toyama"]) {
        const refused = await call(bad);
        expect(refused.status, bad).toBe(400);
        expect(await refused.json()).toMatchObject({ error: { code: "invalid_query", fields: { prefecture: expect.any(Array) } } });
      }
    });

    it("exports exactly the filtered list", async () => {
      const request = new Request("http://localhost/api/v1/exports/cases?format=csv&prefecture=26");
      const response = await handleExportRequest(request, { actorUserId: people.ishikawaCoordinator.userId, db: t.db }, "cases");
      expect(response.status).toBe(200);
      const lines = new TextDecoder().decode(new Uint8Array(await response.arrayBuffer()).slice(3)).split("\r\n").filter(Boolean);
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain(kyoto.code);
      expect(lines[1]).toContain("西陣の意匠");
    });

    describe("the counts card for 経産局", () => {
      it("gives a block's 経産局 the prefecture's cases by stage as counts, though their list shows none of them", async () => {
        expect(await titles({ prefecture: 17 }, people.bureauCoordinator)).toEqual([]);
        const ishikawa = await getPrefectureCaseCountsForActor(t.db, people.bureauCoordinator, 17);
        expect(ishikawa).toMatchObject({ prefecture: { code: 17, nameJa: "石川県" }, scope: { kind: "block", blockCode: "chubu" }, inScope: true, total: 4 });
        expect(ishikawa!.casesByStage).toMatchObject({ planning: 2, paused: 1, assessment: 1, accompanying: 0 });
        const toyama = await getPrefectureCaseCountsForActor(t.db, people.bureauManager, 16);
        expect(toyama).toMatchObject({ inScope: true, total: 2, casesByStage: { accompanying: 1, discovery: 1 } });
      });

      it("gives no numbers for a prefecture outside the block", async () => {
        const kyotoCounts = await getPrefectureCaseCountsForActor(t.db, people.bureauManager, 26);
        expect(kyotoCounts).toMatchObject({ prefecture: { nameJa: "京都府" }, inScope: false, total: 0 });
        expect(Object.values(kyotoCounts!.casesByStage).every((n) => n === 0)).toBe(true);
      });

      it("covers every prefecture for the national level (特許庁)", async () => {
        const jpo = await f.user(await f.nationalBody(), "manager", "特許庁 課長補佐");
        expect(await getPrefectureCaseCountsForActor(t.db, jpo, 26)).toMatchObject({ scope: { kind: "national" }, inScope: true, total: 1, casesByStage: { planning: 1 } });
      });

      it("is no card for other parties or an administrator", async () => {
        expect(await getPrefectureCaseCountsForActor(t.db, people.ishikawaManager, 17)).toBeNull();
        expect(await getPrefectureCaseCountsForActor(t.db, people.chamberAdvisor, 17)).toBeNull();
        expect(await getPrefectureCaseCountsForActor(t.db, people.admin, 17)).toBeNull();
      });
    });
  });
});
