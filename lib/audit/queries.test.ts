import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { auditLog } from "@/db/schema";
import { runAction } from "@/lib/authz/action";
import type { Actor } from "@/lib/authz/actor";
import { getCaseForActor } from "@/lib/cases/queries";
import { updateCase } from "@/lib/cases/update-case";
import { changeUserRole } from "@/lib/admin/change-user-role";
import { createFixtures, seedNetwork, type Fixtures } from "@/lib/test/fixtures";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { handleAuditExportRequest } from "./export";
import { diffAuditRecords, findAuditRowsForActor, listAuditFilterOptions, parseAuditFilters, presentAuditRow } from "./queries";

describe("what changed, field by field", () => {
  it("lists the fields whose values differ, leaving out the bookkeeping", () => {
    expect(diffAuditRecords({ title: "a", stage: "x", version: 1 }, { title: "b", stage: "x", version: 2 })).toEqual([{ field: "title", before: "a", after: "b" }]);
  });

  it("lists every field of a creation and of a removal", () => {
    expect(diffAuditRecords(null, { a: 1, b: null })).toEqual([{ field: "a", before: null, after: 1 }]);
    expect(diffAuditRecords({ a: 1 }, null)).toEqual([{ field: "a", before: 1, after: null }]);
    expect(diffAuditRecords(null, null)).toEqual([]);
  });

  it("never shows a secret-looking field, and hides case content from administrators", () => {
    const stored = { entityType: "case", before: { title: "秘密の案件", passwordHash: "x" }, after: { title: "新", passwordHash: "y" }, meta: { caseId: "c1", reason: "理由", count: 2 } };
    const forManager = presentAuditRow({ role: "manager" }, stored);
    expect(forManager.changes).toEqual([{ field: "title", before: "秘密の案件", after: "新" }]);
    expect(JSON.stringify(forManager)).not.toContain("passwordHash");

    const forAdmin = presentAuditRow({ role: "admin" }, stored);
    expect(forAdmin).toMatchObject({ valuesHidden: true, changes: [{ field: "title" }], before: null, after: null, meta: { caseId: "c1", count: 2 } });
    expect(JSON.stringify(forAdmin)).not.toContain("秘密");
    expect(JSON.stringify(forAdmin)).not.toContain("理由");

    expect(presentAuditRow({ role: "admin" }, { entityType: "user", before: { role: "coordinator" }, after: { role: "manager" }, meta: null })).toMatchObject({
      valuesHidden: false,
      changes: [{ field: "role", before: "coordinator", after: "manager" }],
    });
  });
});

describe("the audit view's filters in the URL", () => {
  it("keeps what is well-formed and ignores the rest", () => {
    expect(
      parseAuditFilters({ user: "3f2504e0-4f89-41d3-9a0c-0305e82c3301", entityType: "case", entityId: "abc", from: "2025-06-01", to: "2025-06-31" }),
    ).toEqual({ userId: "3f2504e0-4f89-41d3-9a0c-0305e82c3301", entityType: "case", entityId: "abc", from: "2025-06-01" });
    expect(parseAuditFilters(new URLSearchParams("user=me&entityType=DROP%20TABLE"))).toEqual({});
  });
});

describe.each(TEST_ENGINES)("the audit trail (%s)", (engine) => {
  let t: TestDb;
  let f: Fixtures;
  let network: Awaited<ReturnType<typeof seedNetwork>>;
  let a: Awaited<ReturnType<typeof seedNetwork>>["actors"];
  let caseId: string;

  beforeAll(async () => {
    t = await createTestDb(engine);
    f = await createFixtures(t.db);
    network = await seedNetwork(f);
    a = network.actors;
    const kase = await f.case({ company: await f.company(), lead: a.ishikawaCoordinator, title: "出願前の新製法" });
    caseId = kase.id;
    await f.confidentialNote(kase, a.ishikawaCoordinator, "未出願の製法の温度条件は 412 度");
    // A change by the 石川 desk, a confidential read by the 石川 desk, a change by the administrator, a change by 富山.
    const updated = await runAction(updateCase, { id: kase.id, version: 1, title: "出願前の新製法（改）" }, { actorUserId: a.ishikawaCoordinator.userId, db: t.db });
    if (!updated.ok) throw new Error(updated.message);
    await getCaseForActor(t.db, a.ishikawaCoordinator, kase.id);
    const toyamaCase = await f.case({ company: await f.company({ prefecture: 16 }), lead: a.toyamaCoordinator });
    await runAction(updateCase, { id: toyamaCase.id, version: 1, title: "富山の案件" }, { actorUserId: a.toyamaCoordinator.userId, db: t.db });
    const promoted = await f.user(network.orgs.toyamaInpit);
    await runAction(changeUserRole, { userId: promoted.userId, version: 1, role: "manager" }, { actorUserId: a.admin.userId, db: t.db });
  });
  afterAll(() => t?.cleanup());

  const all = async (actor: Actor, filters = {}) => (await findAuditRowsForActor(t.db, actor, { ...filters, limit: 1000 })).items;

  it("is append-only in the database itself: UPDATE, DELETE and TRUNCATE are refused", async () => {
    const before = Number((await t.db.select({ n: count() }).from(auditLog))[0]!.n);
    await expect(t.db.update(auditLog).set({ action: "tampered" }).where(sql`true`)).rejects.toThrow();
    await expect(t.db.delete(auditLog).where(sql`true`)).rejects.toThrow();
    await expect(t.db.execute(sql`truncate audit_log`)).rejects.toThrow();
    expect(Number((await t.db.select({ n: count() }).from(auditLog))[0]!.n)).toBe(before);
  });

  it("shows a manager the rows of their own organization's people only", async () => {
    const rows = await all(a.ishikawaManager);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.every((r) => r.organization?.id === network.orgs.ishikawaInpit.id)).toBe(true);
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(["case.update", "confidential.read"]));
    expect(rows.some((r) => r.action === "user.change_role")).toBe(false);
  });

  it("records who read which case's confidential notes, and never the notes' text", async () => {
    const [read] = await all(a.ishikawaManager, { entityType: "case", entityId: caseId }).then((rows) => rows.filter((r) => r.action === "confidential.read"));
    expect(read).toMatchObject({ actor: { id: a.ishikawaCoordinator.userId, name: "石川 支援員" }, entityId: caseId, meta: { noteIds: [expect.any(String)] } });
    const everything = JSON.stringify(await t.db.select().from(auditLog));
    expect(everything).not.toContain("412 度");
  });

  it("shows a manager the values that changed", async () => {
    const [update] = await all(a.ishikawaManager, { entityType: "case", entityId: caseId }).then((rows) => rows.filter((r) => r.action === "case.update"));
    expect(update!.changes).toEqual([{ field: "title", before: "出願前の新製法", after: "出願前の新製法（改）" }]);
  });

  it("shows an administrator every organization's rows, but of case content only the names of the fields", async () => {
    const rows = await all(a.admin);
    expect(new Set(rows.map((r) => r.organization?.id))).toEqual(
      new Set([network.orgs.ishikawaInpit.id, network.orgs.toyamaInpit.id, f.systemOrgId]),
    );
    const caseUpdate = rows.find((r) => r.action === "case.update" && r.entityId === caseId)!;
    expect(caseUpdate).toMatchObject({ valuesHidden: true, changes: [{ field: "title" }], before: null, after: null });
    expect(JSON.stringify(rows)).not.toContain("出願前の新製法");
    const roleChange = rows.find((r) => r.action === "user.change_role")!;
    expect(roleChange).toMatchObject({ valuesHidden: false, changes: [{ field: "role", before: "coordinator", after: "manager" }] });
  });

  it("shows a coordinator nothing", async () => {
    expect(await all(a.ishikawaCoordinator)).toEqual([]);
    expect(await listAuditFilterOptions(t.db, a.ishikawaCoordinator)).toEqual({ users: [], entityTypes: [] });
  });

  it("filters by user, entity and Japanese calendar day", async () => {
    const byUser = await all(a.admin, { userId: a.toyamaCoordinator.userId });
    expect(byUser.length).toBeGreaterThan(0);
    expect(byUser.every((r) => r.actor?.id === a.toyamaCoordinator.userId)).toBe(true);
    expect((await all(a.admin, { entityType: "user" })).every((r) => r.entityType === "user")).toBe(true);

    // 00:30 JST on 1 June is still 31 May in UTC: it belongs to 1 June.
    await t.db.insert(auditLog).values({
      actorUserId: a.ishikawaManager.userId,
      actorOrgId: a.ishikawaManager.orgId,
      action: "test.boundary",
      entityType: "test",
      at: new Date("2025-05-31T15:30:00Z"),
    });
    const june1 = await all(a.ishikawaManager, { from: "2025-06-01", to: "2025-06-01" });
    expect(june1.map((r) => r.action)).toEqual(["test.boundary"]);
    expect(await all(a.ishikawaManager, { from: "2025-05-31", to: "2025-05-31" })).toEqual([]);
  });

  it("pages newest first without gaps or repeats, and treats a tampered cursor as the first page", async () => {
    const every = await all(a.admin);
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await findAuditRowsForActor(t.db, a.admin, { cursor, limit: 2 });
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(every.map((r) => r.id));
    expect([...seen].sort((x, y) => y - x)).toEqual(seen);
    expect((await findAuditRowsForActor(t.db, a.admin, { cursor: "1 or 1=1", limit: 2 })).items.map((r) => r.id)).toEqual(seen.slice(0, 2));
  });

  it("offers a manager their organization's people as filter choices, an administrator everyone", async () => {
    const forManager = await listAuditFilterOptions(t.db, a.ishikawaManager);
    expect(forManager.users.every((u) => u.organizationName === "INPIT 石川県知財総合支援窓口")).toBe(true);
    expect(forManager.entityTypes).toEqual(expect.arrayContaining(["case"]));
    expect(forManager.entityTypes).not.toContain("user");
    expect((await listAuditFilterOptions(t.db, a.admin)).users.length).toBeGreaterThan(forManager.users.length);
  });

  describe("the export", () => {
    const exportAs = (actor: Actor | null, query: string) =>
      handleAuditExportRequest(new Request(`http://localhost/audit/export?${query}`), { actorUserId: actor?.userId ?? null, db: t.db });

    it("writes CSV with a byte-order mark for Japanese Excel, holding what the view shows, and audits the export", async () => {
      const response = await exportAs(a.ishikawaManager, "format=csv&entityType=case");
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("text/csv");
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder().decode(bytes);
      expect(text).toContain("日時,利用者");
      expect(text).toContain("confidential.read");
      expect(text).not.toContain("富山の案件");
      const [exported] = await t.db.select().from(auditLog).where(eq(auditLog.action, "audit.export"));
      expect(exported).toMatchObject({ actorUserId: a.ishikawaManager.userId, meta: { format: "csv", filters: { entityType: "case" } } });
    });

    it("writes .xlsx that an administrator receives without case content", async () => {
      const response = await exportAs(a.admin, "format=xlsx");
      expect(response.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await response.arrayBuffer());
      const sheet = workbook.worksheets[0]!;
      expect(sheet.getRow(1).getCell(1).value).toBe("日時");
      const cells = JSON.stringify(sheet.getSheetValues());
      expect(cells).toContain("case.update");
      expect(cells).not.toContain("出願前の新製法");
      expect(cells).toContain("内容は表示されません");
    });

    it("does not exist for a coordinator (404), asks a signed-out caller to sign in (401), refuses an unknown format (400)", async () => {
      expect((await exportAs(a.ishikawaCoordinator, "format=csv")).status).toBe(404);
      expect((await exportAs(null, "format=csv")).status).toBe(401);
      expect((await exportAs(a.ishikawaManager, "format=pdf")).status).toBe(400);
    });
  });
});
