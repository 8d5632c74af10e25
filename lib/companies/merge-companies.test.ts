import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import {
  activities,
  auditLog,
  cases,
  companies,
  companyContacts,
  consents,
  eventAttendees,
  ipRights,
  outcomes,
  outreachEvents,
  referrals,
  type Company,
} from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { runAction } from "@/lib/authz/action";
import { companyScope } from "@/lib/authz/scopes";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { createFixtures, seedNetwork, type Fixtures } from "@/lib/test/fixtures";
import { findDuplicateCandidates } from "./find-duplicates";
import { mergeCompanies } from "./merge-companies";

const DEPENDENT_TABLES = { cases, activities, referrals, consents, contacts: companyContacts, ipRights, outcomes, eventAttendees };

describe.each(TEST_ENGINES)("merging two company records (%s)", (engine) => {
  let t: TestDb;
  let f: Fixtures;
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  let people: typeof net.actors;

  beforeAll(async () => {
    t = await createTestDb(engine);
    f = await createFixtures(t.db);
    net = await seedNetwork(f);
    people = net.actors;
  });
  afterAll(() => t.cleanup());

  const merge = (actor: Actor, source: Company, target: Company, versions: { source?: number; target?: number } = {}) =>
    runAction(
      mergeCompanies,
      { sourceId: source.id, sourceVersion: versions.source ?? source.version, targetId: target.id, targetVersion: versions.target ?? target.version },
      { actorUserId: actor.userId, db: t.db },
    );
  const reread = async (company: Company) => (await t.db.select().from(companies).where(eq(companies.id, company.id)))[0]!;
  const dependentsOf = async (company: Company) => {
    const counts: Record<string, number> = {};
    for (const [key, table] of Object.entries(DEPENDENT_TABLES)) {
      counts[key] = (await t.db.select({ id: table.id }).from(table).where(eq(table.companyId, company.id))).length;
    }
    return counts;
  };
  const visibleTo = async (actor: Actor, company: Company) =>
    (await t.db.select({ id: companies.id }).from(companies).where(and(eq(companies.id, company.id), companyScope(actor)))).length > 0;

  /** A provisional record with a bit of everything hanging off it — the usual duplicate found too late. */
  async function provisionalWithHistory(name: string) {
    const source = await f.company({ name, createdBy: people.ishikawaCoordinator });
    await t.db.update(companies).set({ city: "金沢市", website: "https://example.jp" }).where(eq(companies.id, source.id));
    const kase = await f.case({ company: source, lead: people.ishikawaCoordinator });
    await f.activity(kase, people.ishikawaCoordinator);
    await f.referral({ from: people.ishikawaCoordinator, to: net.orgs.hokurikuJpaa, company: source, case: kase });
    await f.contact(source);
    await f.ipRight(source, { title: "加賀の器", status: "filed", kind: "design" });
    await f.outcome(kase);
    const [event] = await t.db
      .insert(outreachEvents)
      .values({ name: "つながる特許庁 in 金沢", heldOn: "2024-11-20", city: "金沢市", prefectureCode: 17 })
      .returning();
    await t.db.insert(eventAttendees).values({ eventId: event!.id, companyId: source.id, companyName: name });
    return { source: await reread(source), kase };
  }

  it("moves cases, activities, referrals, consents, contacts, IP rights, outcomes and attendances to the record that stays", async () => {
    const { source } = await provisionalWithHistory("加賀木工(個人)");
    const target = await f.company({ name: "株式会社 加賀木工", corporateNumber: "2120901007402", createdBy: people.ishikawaCoordinator });
    await f.case({ company: target, lead: people.ishikawaColleague });
    const expectedMoves = { cases: 1, activities: 1, referrals: 1, consents: 1, contacts: 1, ipRights: 1, outcomes: 1, eventAttendees: 1 };
    expect(await dependentsOf(source)).toEqual(expectedMoves);

    const result = await merge(people.ishikawaManager, source, target);

    expect(result).toEqual({ ok: true, data: { targetId: target.id, targetVersion: target.version + 1, moved: expectedMoves } });
    expect(await dependentsOf(source)).toEqual(Object.fromEntries(Object.keys(expectedMoves).map((k) => [k, 0])));
    expect(await dependentsOf(target)).toMatchObject({ ...expectedMoves, cases: 2 });
  });

  it("fills the target's empty fields from the source, keeps its own, and marks the source merged", async () => {
    const { source } = await provisionalWithHistory("加賀漆工房");
    const target = await f.company({ name: "株式会社 加賀漆工房", corporateNumber: "4011001098993", createdBy: people.ishikawaCoordinator });
    await t.db.update(companies).set({ website: "https://kaga-urushi.example.jp" }).where(eq(companies.id, target.id));

    const result = await merge(people.ishikawaManager, source, await reread(target));

    expect(result.ok).toBe(true);
    expect(await reread(target)).toMatchObject({
      name: "株式会社 加賀漆工房",
      corporateNumber: "4011001098993",
      city: "金沢市", // was empty: taken from the source
      website: "https://kaga-urushi.example.jp", // was set: kept
      isProvisional: false,
      mergedIntoId: null,
    });
    expect(await reread(source)).toMatchObject({ mergedIntoId: target.id, version: source.version + 1 });
  });

  it("gives the target the source's 法人番号 when the target has none", async () => {
    const source = await f.company({ name: "株式会社 能美化成", corporateNumber: "1180301018771", createdBy: people.ishikawaCoordinator });
    const target = await f.company({ name: "能美化成", createdBy: people.ishikawaCoordinator });

    expect((await merge(people.ishikawaManager, source, target)).ok).toBe(true);

    expect(await reread(target)).toMatchObject({ corporateNumber: "1180301018771", isProvisional: false });
  });

  it("leaves one audit row with both records before and after, the counts and the rows moved", async () => {
    const { source, kase } = await provisionalWithHistory("白山織物");
    const target = await f.company({ name: "株式会社 白山織物", createdBy: people.ishikawaCoordinator });

    await merge(people.ishikawaManager, source, target);

    const rows = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "company.merge"), eq(auditLog.entityId, target.id)));
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({ actorUserId: people.ishikawaManager.userId, entityType: "company" });
    expect(row!.before).toMatchObject({ source: { id: source.id, mergedIntoId: null }, target: { id: target.id, city: null } });
    expect(row!.after).toMatchObject({ source: { mergedIntoId: target.id }, target: { city: "金沢市" } });
    expect(row!.meta).toMatchObject({
      sourceId: source.id,
      moved: { cases: 1, activities: 1, referrals: 1, consents: 1, contacts: 1, ipRights: 1, outcomes: 1, eventAttendees: 1 },
      movedIds: { cases: [kase.id] },
      filledFields: expect.arrayContaining(["city", "website"]),
    });
  });

  it("takes the source out of every search: scopes and duplicate detection no longer find it", async () => {
    const { source } = await provisionalWithHistory("小松窯業");
    const target = await f.company({ name: "株式会社 小松窯業", createdBy: people.ishikawaCoordinator });
    expect(await visibleTo(people.ishikawaCoordinator, source)).toBe(true);

    await merge(people.ishikawaManager, source, target);

    for (const actor of [people.ishikawaCoordinator, people.ishikawaManager, people.bureauManager]) {
      expect(await visibleTo(actor, source)).toBe(false);
    }
    const candidates = await findDuplicateCandidates(t.db, people.ishikawaCoordinator, { name: "小松窯業", prefectureCode: 17 });
    expect(candidates).toEqual([expect.objectContaining({ id: target.id, visible: true })]);
  });

  describe("refusals, which change nothing", () => {
    async function twoCompanies(name: string) {
      const source = await f.company({ name: `${name}(仮)`, createdBy: people.ishikawaCoordinator });
      await f.case({ company: source, lead: people.ishikawaCoordinator });
      const target = await f.company({ name: `株式会社 ${name}`, createdBy: people.ishikawaCoordinator });
      return { source, target };
    }
    async function expectUnchanged(source: Company, target: Company) {
      expect(await reread(source)).toMatchObject({ mergedIntoId: null, version: source.version });
      expect(await reread(target)).toMatchObject({ mergedIntoId: null, version: target.version });
      expect((await dependentsOf(source)).cases).toBe(1);
    }

    it("refuses a coordinator: merging is a manager's decision", async () => {
      const { source, target } = await twoCompanies("志賀電機");
      expect(await merge(people.ishikawaCoordinator, source, target)).toMatchObject({ ok: false, code: "forbidden" });
      await expectUnchanged(source, target);
    });

    it("refuses merging a company into itself", async () => {
      const { source, target } = await twoCompanies("七尾精密");
      const result = await merge(people.ishikawaManager, source, source);
      expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { targetId: ["同じ企業どうしは統合できません。統合先に別の企業を選んでください。"] } });
      await expectUnchanged(source, target);
    });

    it("refuses merging into a company that was itself merged away", async () => {
      const { source, target } = await twoCompanies("珠洲窯");
      const survivor = await f.company({ name: "珠洲窯 本店", createdBy: people.ishikawaCoordinator });
      expect((await merge(people.ishikawaManager, target, survivor)).ok).toBe(true);

      const result = await merge(people.ishikawaManager, source, target, { target: target.version + 1 });

      expect(result).toMatchObject({ ok: false, code: "conflict", message: "この企業は既に別の企業に統合されています。最新の状態を確認してください。" });
      expect(await reread(source)).toMatchObject({ mergedIntoId: null, version: source.version });
      expect((await dependentsOf(source)).cases).toBe(1);
    });

    it("refuses when either record changed since the user looked, showing both as they are now", async () => {
      const { source, target } = await twoCompanies("輪島塗");
      await t.db.update(companies).set({ city: "輪島市", version: target.version + 1 }).where(eq(companies.id, target.id));

      const result = await merge(people.ishikawaManager, source, target);

      expect(result).toMatchObject({
        ok: false,
        code: "conflict",
        current: { source: { version: source.version }, target: { city: "輪島市", version: target.version + 1 } },
      });
      expect(await reread(source)).toMatchObject({ mergedIntoId: null });
      expect((await dependentsOf(source)).cases).toBe(1);
    });

    it("answers not found when the manager cannot see one of the two", async () => {
      const { source } = await twoCompanies("高岡銅器");
      const elsewhere = await f.company({ name: "株式会社 高岡銅器", prefecture: 16, createdBy: people.toyamaCoordinator });
      const result = await merge(people.ishikawaManager, source, elsewhere);
      expect(result).toMatchObject({ ok: false, code: "not_found" });
      expect(await reread(source)).toMatchObject({ mergedIntoId: null });
      expect(await reread(elsewhere)).toMatchObject({ version: 1 });
    });
  });
});
