import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, kpiTargets, type ProducerTeam } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { runAction } from "@/lib/authz/action";
import { fiscalYearOf, todayInJst } from "@/lib/format/fiscal-year";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { createFixtures, seedNetwork, type Fixtures } from "@/lib/test/fixtures";
import { setKpiTarget } from "./set-kpi-target";

describe.each(TEST_ENGINES)("setting a KPI target (%s)", (engine) => {
  let t: TestDb;
  let f: Fixtures;
  let people: Awaited<ReturnType<typeof seedNetwork>>["actors"];
  let orgs: Awaited<ReturnType<typeof seedNetwork>>["orgs"];
  let team: ProducerTeam;
  let producer: Actor;
  const fy = fiscalYearOf(todayInJst());

  beforeAll(async () => {
    t = await createTestDb(engine);
    f = await createFixtures(t.db);
    ({ actors: people, orgs } = await seedNetwork(f));
    producer = await f.user(orgs.chubuBureau, "producer", "石川 プロデューサー");
    team = await f.team({ lead: producer, modelRegion: "ishikawa", fiscalYear: fy });
    producer = await f.reload(producer);
  });
  afterAll(() => t.cleanup());

  const set = (actor: Actor, input: Record<string, unknown>) =>
    runAction(setKpiTarget, { fiscalYear: String(fy), scopeKind: "block", scopeRef: "chubu", version: "0", ...input }, { actorUserId: actor.userId, db: t.db });
  const targetOf = async (metric: string, scopeRef = "chubu") =>
    (await t.db.select().from(kpiTargets).where(and(eq(kpiTargets.scopeRef, scopeRef), eq(kpiTargets.metric, metric as "consultations"))))[0];

  it("creates a target for the manager's block, as typed in a form, and audits it", async () => {
    const result = await set(people.bureauManager, { metric: "consultations", targetValue: "３２０" });
    expect(result).toMatchObject({ ok: true, data: { targetValue: 320, version: 1 } });
    expect(await targetOf("consultations")).toMatchObject({ targetValue: 320, version: 1, setByUserId: people.bureauManager.userId, fiscalYear: fy });
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, "kpi_target.set"));
    expect(audit).toMatchObject({ actorUserId: people.bureauManager.userId, before: null, after: { targetValue: 320, version: 1 } });
    expect(audit!.meta).toEqual({ fiscalYear: fy, scopeKind: "block", scopeRef: "chubu", metric: "consultations" });
  });

  it("updates against the version it read, and refuses a stale edit with the current value", async () => {
    await set(people.bureauManager, { metric: "ip_filings", targetValue: "12" });
    const colleague = await f.user(orgs.chubuBureau, "manager", "中部局 課長補佐");
    expect(await set(colleague, { metric: "ip_filings", targetValue: "15", version: "1" })).toMatchObject({ ok: true, data: { version: 2 } });

    const stale = await set(people.bureauManager, { metric: "ip_filings", targetValue: "10", version: "1" });
    expect(stale).toMatchObject({ ok: false, code: "conflict", current: { targetValue: 15, version: 2 }, values: { targetValue: "10" } });
    expect(await targetOf("ip_filings")).toMatchObject({ targetValue: 15, version: 2 });
  });

  it("refuses a first save when someone else created the target meanwhile", async () => {
    await set(people.bureauManager, { metric: "referrals_sent", targetValue: "36" });
    const second = await set(people.bureauCoordinator, { metric: "referrals_sent", targetValue: "40" });
    expect(second).toMatchObject({ ok: false, code: "forbidden" });
    const colleague = await f.user(orgs.chubuBureau, "manager", "中部局 係長");
    expect(await set(colleague, { metric: "referrals_sent", targetValue: "40", version: "0" })).toMatchObject({
      ok: false,
      code: "conflict",
      current: { targetValue: 36, version: 1 },
    });
  });

  it("changes nothing on a double submit of the same value", async () => {
    await set(people.bureauManager, { metric: "companies_discovered", targetValue: "25" });
    const before = await t.db.select().from(auditLog).where(eq(auditLog.action, "kpi_target.set"));
    expect(await set(people.bureauManager, { metric: "companies_discovered", targetValue: "25" })).toMatchObject({ ok: true, data: { version: 1 } });
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, "kpi_target.set"))).toHaveLength(before.length);
  });

  it("shows the field's error for a value the metric cannot take, and keeps what was typed", async () => {
    const rate = await set(people.bureauManager, { metric: "referral_completion_rate", targetValue: "120" });
    expect(rate).toMatchObject({ ok: false, code: "invalid", fieldErrors: { targetValue: ["100以下の値を入力してください（%）。"] }, values: { targetValue: "120" } });
    const count = await set(people.bureauManager, { metric: "companies_supported", targetValue: "12.5" });
    expect(count).toMatchObject({ ok: false, fieldErrors: { targetValue: ["整数で入力してください。"] } });
    const blank = await set(people.bureauManager, { metric: "companies_supported", targetValue: "" });
    expect(blank).toMatchObject({ ok: false, fieldErrors: { targetValue: ["入力してください。"] } });
    expect(await targetOf("companies_supported")).toBeUndefined();
  });

  it("refuses a year beyond next", async () => {
    const result = await set(people.bureauManager, { metric: "companies_supported", targetValue: "40", fiscalYear: String(fy + 2) });
    expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { fiscalYear: [expect.stringContaining("翌年度")] } });
  });

  describe("is refused", () => {
    it("to a coordinator, who holds no kpi:set: forbidden", async () => {
      const result = await set(people.ishikawaCoordinator, { scopeKind: "organization", scopeRef: orgs.ishikawaInpit.id, metric: "consultations", targetValue: "100" });
      expect(result).toMatchObject({ ok: false, code: "forbidden" });
    });

    it("to a producer, whose role sets no targets: forbidden", async () => {
      expect(await set(producer, { scopeKind: "team", scopeRef: team.id, metric: "consultations", targetValue: "100" })).toMatchObject({ ok: false, code: "forbidden" });
    });

    it("for another block, which does not exist for the manager: not found", async () => {
      expect(await set(people.bureauManager, { scopeRef: "kinki", metric: "consultations", targetValue: "100" })).toMatchObject({ ok: false, code: "not_found" });
      expect(await targetOf("consultations", "kinki")).toBeUndefined();
    });

    it("for the national scope, which does not exist for a block's manager: not found", async () => {
      expect(await set(people.bureauManager, { scopeKind: "national", scopeRef: "", metric: "consultations", targetValue: "1000" })).toMatchObject({ ok: false, code: "not_found" });
      expect(await targetOf("consultations", "")).toBeUndefined();
    });

    it("for the national scope, to the national level's coordinator, who sees it but sets nothing: forbidden", async () => {
      const jpoCoordinator = await f.user(await f.nationalBody("特許庁 企画調査課"), "coordinator", "特許庁 係員");
      expect(await set(jpoCoordinator, { scopeKind: "national", scopeRef: "", metric: "consultations", targetValue: "1000" })).toMatchObject({ ok: false, code: "forbidden" });
      expect(await targetOf("consultations", "")).toBeUndefined();
    });

    it("for a desk manager on a team they are not in: not found", async () => {
      expect(await set(people.ishikawaManager, { scopeKind: "team", scopeRef: team.id, metric: "consultations", targetValue: "100" })).toMatchObject({ ok: false, code: "not_found" });
    });
  });

  it("lets the national level (特許庁) set a national target, audited like any other", async () => {
    const jpoManager = await f.user(await f.nationalBody(), "manager", "特許庁 課長補佐");
    const result = await set(jpoManager, { scopeKind: "national", scopeRef: "", metric: "companies_supported", targetValue: "1,200" });
    expect(result).toMatchObject({ ok: true, data: { targetValue: 1200, version: 1 } });
    expect(await targetOf("companies_supported", "")).toMatchObject({ scopeKind: "national", targetValue: 1200, setByUserId: jpoManager.userId });
    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "kpi_target.set"), eq(auditLog.actorUserId, jpoManager.userId)));
    expect(audits.map((a) => a.meta)).toEqual([{ fiscalYear: fy, scopeKind: "national", scopeRef: "", metric: "companies_supported" }]);
    // The national target is not a block's: 中部's companies_supported stays unset.
    expect(await targetOf("companies_supported")).toBeUndefined();
  });

  it("lets a desk manager set their own organization's targets", async () => {
    const result = await set(people.ishikawaManager, { scopeKind: "organization", scopeRef: orgs.ishikawaInpit.id, metric: "consultations", targetValue: "150" });
    expect(result).toMatchObject({ ok: true });
    expect(await targetOf("consultations", orgs.ishikawaInpit.id)).toMatchObject({ targetValue: 150, scopeKind: "organization" });
  });
});
