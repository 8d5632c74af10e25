import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { companies, type Company } from "@/db/schema";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { createFixtures, seedNetwork } from "@/lib/test/fixtures";
import { companyListParams, parseCompanyListFilters } from "./list-filters";
import { findCompaniesForActor } from "./queries";

describe("reading the company list's filters from a URL", () => {
  it("takes what can be a filter and ignores the rest", () => {
    expect(parseCompanyListFilters(new URLSearchParams("q=+加賀+&prefecture=17&block=chubu&industry=製造&open=1"))).toEqual({
      q: "加賀",
      prefecture: 17,
      block: "chubu",
      industry: "製造",
      hasOpenCase: true,
    });
    expect(parseCompanyListFilters({ prefecture: "99", block: "chubu; drop", open: "yes", q: ["", "x"] })).toEqual({});
    expect(parseCompanyListFilters({ prefecture: ["16", "17"] })).toEqual({ prefecture: 16 });
  });

  it("writes them back for links and exports", () => {
    expect(companyListParams({ q: "加賀", prefecture: 17, hasOpenCase: true })).toEqual({ q: "加賀", block: undefined, prefecture: "17", industry: undefined, open: "1" });
  });
});

describe.each(TEST_ENGINES)("the company list's filters (%s)", (engine) => {
  let t: TestDb;
  let people: Awaited<ReturnType<typeof seedNetwork>>["actors"];
  let ishikawa: Company;
  let withOpenCase: Company;
  let withClosedCase: Company;

  beforeAll(async () => {
    t = await createTestDb(engine);
    const f = await createFixtures(t.db);
    people = (await seedNetwork(f)).actors;
    ishikawa = await f.company({ name: "株式会社加賀製作所", prefecture: 17 });
    const toyama = await f.company({ name: "株式会社高岡製作所", prefecture: 16 });
    await f.company({ name: "株式会社弘前製作所", prefecture: 2, createdBy: people.bureauManager });
    await t.db.update(companies).set({ industry: "製造業（金属）" }).where(eq(companies.id, ishikawa.id));
    await t.db.update(companies).set({ industry: "食品製造" }).where(eq(companies.id, toyama.id));
    withOpenCase = await f.company({ name: "株式会社能登支援中", prefecture: 17 });
    withClosedCase = await f.company({ name: "株式会社能登完了", prefecture: 17 });
    await f.case({ company: withOpenCase, lead: people.ishikawaCoordinator, stage: "accompanying" });
    await f.case({ company: withClosedCase, lead: people.ishikawaCoordinator, stage: "closed" });
  });
  afterAll(() => t?.cleanup());

  const names = async (actor: typeof people.bureauManager, filters: Parameters<typeof findCompaniesForActor>[2]) =>
    (await findCompaniesForActor(t.db, actor, filters)).items.map((c) => c.name).sort();

  it("narrows to a regional block's prefectures, within what the actor may find", async () => {
    // The 中部 bureau finds its block's companies and the one it registered in 青森.
    expect(await names(people.bureauManager, { q: "製作所" })).toEqual(["株式会社加賀製作所", "株式会社弘前製作所", "株式会社高岡製作所"]);
    expect(await names(people.bureauManager, { q: "製作所", block: "chubu" })).toEqual(["株式会社加賀製作所", "株式会社高岡製作所"]);
    expect(await names(people.bureauManager, { q: "製作所", block: "tohoku" })).toEqual(["株式会社弘前製作所"]);
    // A filter never widens: 石川's desk does not find 富山's company by asking for the block.
    expect(await names(people.ishikawaCoordinator, { q: "製作所", block: "chubu" })).toEqual(["株式会社加賀製作所"]);
  });

  it("matches a fragment of the industry, with % taken literally", async () => {
    expect(await names(people.bureauManager, { industry: "製造" })).toEqual(["株式会社加賀製作所", "株式会社高岡製作所"]);
    expect(await names(people.bureauManager, { industry: "金属" })).toEqual(["株式会社加賀製作所"]);
    expect(await names(people.bureauManager, { industry: "%" })).toEqual([]);
  });

  it("keeps companies with an open case the actor may open, and not those whose cases are closed or hidden", async () => {
    expect(await names(people.ishikawaCoordinator, { hasOpenCase: true })).toEqual(["株式会社能登支援中"]);
    // The 中部 bureau finds the company, but a case it may not open must not tell it that support is going on.
    expect(await names(people.bureauCoordinator, { q: "能登" })).toEqual(["株式会社能登完了", "株式会社能登支援中"]);
    expect(await names(people.bureauCoordinator, { hasOpenCase: true })).toEqual([]);
  });
});
