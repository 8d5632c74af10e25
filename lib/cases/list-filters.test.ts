import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Case } from "@/db/schema";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { createFixtures, seedNetwork, type Fixtures } from "@/lib/test/fixtures";
import { caseListParams, parseCaseListFilters } from "./list-filters";
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
});
