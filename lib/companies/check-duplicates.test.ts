import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { runAction } from "@/lib/authz/action";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { createFixtures, seedNetwork } from "@/lib/test/fixtures";
import { checkCompanyDuplicates } from "./check-duplicates";

describe.each(TEST_ENGINES)("the duplicate check while registering (%s)", (engine) => {
  let t: TestDb;
  let people: Awaited<ReturnType<typeof seedNetwork>>["actors"];
  let kagaId: string;

  beforeAll(async () => {
    t = await createTestDb(engine);
    const f = await createFixtures(t.db);
    people = (await seedNetwork(f)).actors;
    kagaId = (await f.company({ name: "株式会社加賀繊維工業", prefecture: 17, corporateNumber: "1180301018771", createdBy: people.ishikawaCoordinator })).id;
    // Registered by 富山's desk in 石川: 石川's desk finds it by prefecture, but 富山's other companies stay hidden.
    await f.company({ name: "能登精機株式会社", prefecture: 17, corporateNumber: "4011001098993", createdBy: people.toyamaCoordinator });
  });
  afterAll(() => t?.cleanup());

  const check = (actor: Actor | null, input: Record<string, string>) =>
    runAction(checkCompanyDuplicates, input, { actorUserId: actor?.userId ?? null, db: t.db });

  it("names a visible company with the same normalized name in the same prefecture, however the legal form is written", async () => {
    const result = await check(people.ishikawaCoordinator, { name: "加賀繊維工業（株）", prefectureCode: "17", corporateNumber: "" });
    expect(result).toMatchObject({ ok: true, data: [{ visible: true, reason: "name_and_prefecture", id: kagaId, name: "株式会社加賀繊維工業" }] });
  });

  it("puts a same-number match first, typed with full-width digits and hyphens", async () => {
    const result = await check(people.ishikawaCoordinator, { name: "別名", prefectureCode: "13", corporateNumber: "１-１８０３-０１０１-８７７１" });
    expect(result).toMatchObject({ ok: true, data: [{ visible: true, reason: "corporate_number", id: kagaId }] });
  });

  it("tells a desk that cannot see the duplicate only that one exists, without its name or id", async () => {
    const result = await check(people.toyamaCoordinator, { name: "株式会社加賀繊維工業", prefectureCode: "17", corporateNumber: "" });
    expect(result).toEqual({ ok: true, data: [{ visible: false, reason: "name_and_prefecture" }] });
  });

  it("reports a wrong check digit next to the 法人番号 while the user types", async () => {
    const result = await check(people.ishikawaCoordinator, { name: "株式会社新規", prefectureCode: "17", corporateNumber: "1180301018772" });
    expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { corporateNumber: [expect.stringContaining("チェックデジット")] } });
  });

  it("finds nothing for a new company, and writes no audit row: it changes nothing", async () => {
    const before = (await t.db.select().from(auditLog)).length;
    expect(await check(people.ishikawaCoordinator, { name: "株式会社まったく新しい会社", prefectureCode: "17", corporateNumber: "" })).toEqual({ ok: true, data: [] });
    expect((await t.db.select().from(auditLog)).length).toBe(before);
  });

  it("answers only those who may register companies", async () => {
    expect(await check(null, { name: "株式会社加賀繊維工業", prefectureCode: "17", corporateNumber: "" })).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await check(people.attorney, { name: "株式会社加賀繊維工業", prefectureCode: "17", corporateNumber: "" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await check(people.admin, { name: "株式会社加賀繊維工業", prefectureCode: "17", corporateNumber: "" })).toMatchObject({ ok: false, code: "forbidden" });
  });
});
