import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditLog, type ProducerTeam } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { runAction } from "@/lib/authz/action";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { createFixtures, seedNetwork, type Fixtures } from "@/lib/test/fixtures";
import { listPdcaNotes } from "./queries";
import { savePdcaNote } from "./save-pdca-note";

describe.each(TEST_ENGINES)("PDCA notes (%s)", (engine) => {
  let t: TestDb;
  let f: Fixtures;
  let people: Awaited<ReturnType<typeof seedNetwork>>["actors"];
  let team: ProducerTeam;
  let producer: Actor;
  let otherProducer: Actor;

  beforeAll(async () => {
    t = await createTestDb(engine);
    f = await createFixtures(t.db);
    const net = await seedNetwork(f);
    people = net.actors;
    producer = await f.user(net.orgs.chubuBureau, "producer", "石川 プロデューサー");
    team = await f.team({ lead: producer, modelRegion: "ishikawa", fiscalYear: 2025 });
    producer = await f.reload(producer);
    const tohoku = await f.organization({ party: "meti", prefecture: 2, bureau: true });
    otherProducer = await f.user(tohoku, "producer", "青森 プロデューサー");
  });
  afterAll(() => t.cleanup());

  const teamScope = () => ({ scopeKind: "team", scopeRef: team.id, fiscalYear: "2025" });
  const save = (actor: Actor, input: Record<string, unknown>) =>
    runAction(savePdcaNote, { ...teamScope(), quarter: "2", baseRevision: "0", ...input }, { actorUserId: actor.userId, db: t.db });
  const history = async (quarter: number) => (await listPdcaNotes(t.db, { kind: "team", ref: team.id }, 2025))[quarter - 1]!.revisions;

  it("keeps every revision and lists the history newest first", async () => {
    expect(await save(producer, { plan: "伴走先を10社に", do: "", check: "", act: "" })).toMatchObject({ ok: true, data: { revision: 1 } });
    expect(await save(people.bureauManager, { baseRevision: "1", plan: "伴走先を10社に", do: "7社を訪問", check: "出願準備が遅れ気味", act: "弁理士との面談を前倒し" })).toMatchObject({
      ok: true,
      data: { revision: 2 },
    });

    const revisions = await history(2);
    expect(revisions.map((r) => [r.revision, r.authorName, r.do])).toEqual([
      [2, "中部局 室長", "7社を訪問"],
      [1, "石川 プロデューサー", ""],
    ]);
    expect(await history(1)).toEqual([]);
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, "pdca_note.save"));
    expect(audits.map((a) => (a.after as { revision: number }).revision).sort()).toEqual([1, 2]);
  });

  it("refuses a save based on an older revision, with the current text", async () => {
    await save(producer, { quarter: "3", plan: "第3四半期の計画" });
    await save(people.bureauManager, { quarter: "3", baseRevision: "1", plan: "第3四半期の計画（改訂）" });
    const stale = await save(producer, { quarter: "3", baseRevision: "1", plan: "古い画面からの改訂" });
    expect(stale).toMatchObject({ ok: false, code: "conflict", current: { revision: 2, plan: "第3四半期の計画（改訂）" }, values: { plan: "古い画面からの改訂" } });
    expect((await history(3)).map((r) => r.plan)).toEqual(["第3四半期の計画（改訂）", "第3四半期の計画"]);
  });

  it("adds no revision for a double submit of the same text", async () => {
    await save(producer, { quarter: "4", plan: "同じ内容" });
    expect(await save(producer, { quarter: "4", plan: "同じ内容" })).toMatchObject({ ok: true, data: { revision: 1 } });
    expect(await history(4)).toHaveLength(1);
  });

  it("refuses an empty note next to the plan field", async () => {
    const result = await save(producer, { quarter: "1", plan: " ", do: "", check: "", act: "" });
    expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { plan: [expect.stringContaining("いずれか")] } });
  });

  it("is forbidden to a coordinator, and not found for another region's producer", async () => {
    expect(await save(people.ishikawaCoordinator, { quarter: "1", plan: "計画" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await save(otherProducer, { quarter: "1", plan: "計画" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await history(1)).toEqual([]);
  });

  it("is forbidden to a producer for the block, which only its managers write", async () => {
    const result = await save(producer, { scopeKind: "block", scopeRef: "chubu", quarter: "1", plan: "ブロックの計画" });
    expect(result).toMatchObject({ ok: false, code: "forbidden" });
  });
});
