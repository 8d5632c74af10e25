import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/authz/actor";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { createFixtures } from "@/lib/test/fixtures";
import { companyListQuery, findCompaniesForActor } from "./queries";

/**
 * docs/decisions/006-company-search.md, checked against the planner: on 50,000 companies, the company list's
 * own query — built by companyListQuery, exactly as findCompaniesForActor runs it, with an INPIT desk's scope —
 * finds a 2-character query through the bigram GIN index and a 4-character query through the trigram GIN index,
 * and never reads the companies table from end to end.
 */

const COMPANY_COUNT = 50_000;
/** 40 distinct kanji: two of them make one of 1,600 place-like words, so any one word is in ~0.2 % of names. */
const POOL = "加賀金沢能登輪島白山小松七尾珠洲羽咋富岡氷見砺波黒部福井敦若狭越前大勝鯖江坂三国";
const SUFFIXES = ["工業", "製作所", "商事", "食品", "精機", "技研"];

/** The two words of company number i, as the INSERT below builds them. */
function wordsOf(i: number): [string, string] {
  const chars = [...POOL];
  const word = (n: number) => `${chars[Math.floor(n / chars.length)]}${chars[n % chars.length]}`;
  const size = chars.length * chars.length;
  return [word((i * 7919) % size), word((i * 104729 + 13) % size)];
}

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Plans?: PlanNode[];
}

function nodesOf(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodesOf)];
}

describe.each(TEST_ENGINES)("company search plan on 50,000 companies (%s)", (engine) => {
  let t: TestDb;
  let desk: Actor;

  beforeAll(async () => {
    t = await createTestDb(engine);
    const f = await createFixtures(t.db);
    desk = await f.user(await f.organization({ party: "inpit", prefecture: 17, name: "INPIT 石川県知財総合支援窓口" }));
    expect([...POOL]).toHaveLength(40);
    expect(new Set(POOL).size).toBe(40);
    // One statement, as a bulk load would be: the generated search columns are filled by the database itself.
    await t.raw(
      `insert into companies (name, normalized_name, prefecture_code, is_provisional)
       select '株式会社' || w1 || w2 || suffix, w1 || w2 || suffix, 1 + (i % 47), true
       from (
         select i,
           substr($1::text, 1 + a / 40, 1) || substr($1::text, 1 + a % 40, 1) as w1,
           substr($1::text, 1 + b / 40, 1) || substr($1::text, 1 + b % 40, 1) as w2,
           ($2::text[])[1 + i % 6] || i as suffix
         from (
           select i, ((i::bigint * 7919) % 1600)::int as a, ((i::bigint * 104729 + 13) % 1600)::int as b
           from generate_series(1, ${COMPANY_COUNT}) as i
         ) as numbers
       ) as generated`,
      [POOL, SUFFIXES],
    );
    await t.raw("analyze companies");
  });
  afterAll(() => t?.cleanup());

  async function planOf(q: string) {
    const query = companyListQuery(t.db, desk, { q }).toSQL();
    const [row] = await t.raw<{ "QUERY PLAN": unknown }>(`explain (analyze, format json) ${query.sql}`, query.params);
    const raw = row!["QUERY PLAN"];
    const [explained] = (typeof raw === "string" ? JSON.parse(raw) : raw) as [{ Plan: PlanNode; "Execution Time": number }];
    return { nodes: nodesOf(explained.Plan), executionMs: explained["Execution Time"] };
  }

  it("has the companies it was given", async () => {
    const [row] = await t.raw<{ count: number | string }>("select count(*)::int as count from companies");
    expect(Number(row!.count)).toBe(COMPANY_COUNT);
  });

  it("serves a 2-character query from the bigram index, without a sequential scan of companies", async () => {
    const [word] = wordsOf(1);
    const { nodes, executionMs } = await planOf(word);
    const indexScans = nodes.filter((n) => n["Node Type"] === "Bitmap Index Scan").map((n) => n["Index Name"]);
    expect(indexScans).toContain("companies_search_bigrams");
    expect(nodes.filter((n) => n["Node Type"] === "Seq Scan" && n["Relation Name"] === "companies")).toEqual([]);
    console.log(`[${engine}] 2-character search "${word}" over ${COMPANY_COUNT} companies: ${executionMs.toFixed(1)} ms`);

    // And it finds what it should: every hit contains the word, and the desk sees only its prefecture's.
    const page = await findCompaniesForActor(t.db, desk, { q: word, limit: 200 });
    expect(page.items.length).toBeGreaterThan(0);
    for (const company of page.items) {
      expect(company.name).toContain(word);
      expect(company.prefectureCode).toBe(17);
    }
  });

  it("serves a 4-character query from the trigram index, without a sequential scan of companies", async () => {
    const [first, second] = wordsOf(1);
    const { nodes, executionMs } = await planOf(first + second);
    const indexScans = nodes.filter((n) => n["Node Type"] === "Bitmap Index Scan").map((n) => n["Index Name"]);
    expect(indexScans).toContain("companies_search_trgm");
    expect(nodes.filter((n) => n["Node Type"] === "Seq Scan" && n["Relation Name"] === "companies")).toEqual([]);
    console.log(`[${engine}] 4-character search "${first + second}" over ${COMPANY_COUNT} companies: ${executionMs.toFixed(1)} ms`);

    const page = await findCompaniesForActor(t.db, desk, { q: first + second, limit: 200 });
    for (const company of page.items) expect(company.name).toContain(first + second);
  });

  // Last, because it changes the schema: without the indexes the same assertions would fail, so they are not vacuous.
  it("would notice: without the search indexes neither plan uses one", async () => {
    await t.raw("drop index companies_search_bigrams");
    await t.raw("drop index companies_search_trgm");
    const [first, second] = wordsOf(1);
    for (const q of [first, first + second]) {
      const { nodes } = await planOf(q);
      const searchIndexScans = nodes.filter((n) => n["Index Name"] === "companies_search_bigrams" || n["Index Name"] === "companies_search_trgm");
      expect(searchIndexScans).toEqual([]);
      // The companies are then read whole: sequentially, or by walking the name index with the search as a filter.
      expect(nodes.some((n) => n["Relation Name"] === "companies" && /^(Seq Scan|Index Scan|Index Only Scan)$/.test(n["Node Type"]))).toBe(true);
    }
  });
});
