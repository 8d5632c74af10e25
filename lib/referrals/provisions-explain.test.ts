import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Company } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { createFixtures } from "@/lib/test/fixtures";
import { findProvisionsForCompany, provisionPageQuery } from "./provisions";

/**
 * The record of provision of a busy company, checked against the planner: on 40,000 referrals, 2,000 of them
 * about one company, a page of its record — built by provisionPageQuery, exactly as the company page and
 * /companies/[id]/provisions run it — walks the (company_id, sent_at, id) index from the newest end and stops
 * after the page, instead of joining and sorting every provision of the company (the national-scale benchmark
 * found 401 rows rendered for one such company).
 */

const OTHER_COMPANIES = 3_800;
const PER_OTHER_COMPANY = 10;
const BUSY = 2_000;

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Actual Rows"?: number;
  Plans?: PlanNode[];
}

function nodesOf(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodesOf)];
}

describe.each(TEST_ENGINES)("the record of provision's plan on 40,000 referrals (%s)", (engine) => {
  let t: TestDb;
  let sender: Actor;
  let busy: Company;

  beforeAll(async () => {
    t = await createTestDb(engine);
    const f = await createFixtures(t.db);
    sender = await f.user(await f.organization({ party: "jcci", prefecture: 13, name: "東京商工会議所" }));
    const receiver = await f.organization({ party: "inpit", prefecture: 13, name: "INPIT 東京都知財総合支援窓口" });
    busy = await f.company({ name: "株式会社多忙製作所", prefecture: 13 });
    const consent = await f.consent(busy, sender);
    await t.raw(
      `insert into companies (name, normalized_name, prefecture_code, is_provisional)
       select '株式会社計画' || i, '計画' || i, 13, true from generate_series(1, ${OTHER_COMPANIES}) as i`,
    );
    // The busy company's provisions and ten for every other company, a minute apart, all between the same two bodies.
    const insert = (companies: string, perCompany: number) =>
      t.raw(
        `insert into referrals (code, company_id, from_org_id, from_user_id, to_org_id, service, reason, consent_id, status, sent_at)
         select 'PX-' || c.n || '-' || k, c.id, $1, $2, $3, 'prior_art_search', '計画の確認', $4, 'sent',
                timestamptz '2025-04-01 00:00:00+09' + (k * interval '1 minute') + (c.n * interval '1 second')
         from (${companies}) as c, generate_series(1, ${perCompany}) as k`,
        [sender.orgId, sender.userId, receiver.id, consent.id],
      );
    await insert(`select id, 0 as n from companies where id = '${busy.id}'`, BUSY);
    await insert(`select id, row_number() over (order by id) as n from companies where id <> '${busy.id}'`, PER_OTHER_COMPANY);
    await t.raw("analyze referrals");
    await t.raw("analyze companies");
  });
  afterAll(() => t?.cleanup());

  async function planOf(cursor?: string) {
    const query = provisionPageQuery(t.db, sender, busy.id, { limit: 10, cursor }).toSQL();
    const [row] = await t.raw<{ "QUERY PLAN": unknown }>(`explain (analyze, format json) ${query.sql}`, query.params);
    const raw = row!["QUERY PLAN"];
    const [explained] = (typeof raw === "string" ? JSON.parse(raw) : raw) as [{ Plan: PlanNode }];
    return nodesOf(explained.Plan);
  }

  it("has the referrals it was given", async () => {
    const [row] = await t.raw<{ count: number | string }>("select count(*)::int as count from referrals");
    expect(Number(row!.count)).toBe(BUSY + OTHER_COMPANIES * PER_OTHER_COMPANY);
  });

  it("reads the newest page from the (company_id, sent_at, id) index and sorts nothing", async () => {
    const nodes = await planOf();
    const scans = nodes.filter((n) => n["Relation Name"] === "referrals");
    expect(scans.map((n) => n["Index Name"])).toEqual(["referrals_company_id_sent_at_id_index"]);
    expect(nodes.some((n) => n["Node Type"].includes("Sort"))).toBe(false);
    // It stops after the page and the one row that says there is another: not the company's 2,000.
    expect(scans[0]!["Actual Rows"]).toBeLessThanOrEqual(11);
  });

  it("continues after a cursor the same way", async () => {
    const first = (await findProvisionsForCompany(t.db, sender, busy.id, { limit: 10 }))!;
    expect(first.total).toBe(BUSY);
    const nodes = await planOf(first.nextCursor!);
    const scans = nodes.filter((n) => n["Relation Name"] === "referrals");
    expect(scans.map((n) => n["Index Name"])).toEqual(["referrals_company_id_sent_at_id_index"]);
    expect(nodes.some((n) => n["Node Type"].includes("Sort"))).toBe(false);
    expect(scans[0]!["Actual Rows"]).toBeLessThanOrEqual(11);
  });
});
