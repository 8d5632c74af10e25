import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { Queryable } from "@/db/client";
import { auditLog, cases, type Case, type Referral } from "@/db/schema";
import { logActivity } from "@/lib/activities/log-activity";
import { runAction } from "@/lib/authz/action";
import type { Actor } from "@/lib/authz/actor";
import { addConfidentialNote } from "@/lib/cases/add-confidential-note";
import { getCaseForActor } from "@/lib/cases/queries";
import { updateCase } from "@/lib/cases/update-case";
import { changeUserRole } from "@/lib/admin/change-user-role";
import { expectAuditLogRefusal } from "@/lib/test/audit-log";
import { createFixtures, seedNetwork, type Fixtures } from "@/lib/test/fixtures";
import { keyed } from "@/lib/test/keyed";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { handleAuditExportRequest } from "./export";
import {
  contentAnchorOf,
  diffAuditRecords,
  findAuditRowsForActor,
  listAuditFilterOptions,
  parseAuditFilters,
  presentAuditRow,
  withheldReasonsFor,
  type AuditItem,
  type StoredAuditRow,
} from "./queries";

describe("what changed, field by field", () => {
  it("lists the fields whose values differ, leaving out the bookkeeping", () => {
    expect(diffAuditRecords({ title: "a", stage: "x", version: 1 }, { title: "b", stage: "x", version: 2 })).toEqual([{ field: "title", before: "a", after: "b" }]);
  });

  it("lists every field of a creation and of a removal", () => {
    expect(diffAuditRecords(null, { a: 1, b: null })).toEqual([{ field: "a", before: null, after: 1 }]);
    expect(diffAuditRecords({ a: 1 }, null)).toEqual([{ field: "a", before: 1, after: null }]);
    expect(diffAuditRecords(null, null)).toEqual([]);
  });

  it("never shows a secret-looking field, and of a withheld row only the changed fields' names and its ids and counts", () => {
    const stored = { before: { title: "秘密の案件", passwordHash: "x" }, after: { title: "新", passwordHash: "y" }, meta: { caseId: "c1", reason: "理由", count: 2 } };
    const shown = presentAuditRow(stored, null);
    expect(shown.changes).toEqual([{ field: "title", before: "秘密の案件", after: "新" }]);
    expect(JSON.stringify(shown)).not.toContain("passwordHash");

    for (const reason of ["role", "scope", "confidential"] as const) {
      const withheld = presentAuditRow(stored, reason);
      expect(withheld).toEqual({ withheld: reason, changes: [{ field: "title" }], before: null, after: null, meta: { caseId: "c1", count: 2 } });
      expect(JSON.stringify(withheld)).not.toContain("秘密");
      expect(JSON.stringify(withheld)).not.toContain("理由");
    }
  });
});

describe("which record decides whether a row's values are shown", () => {
  const id = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
  const row = (entityType: string, extra: Partial<StoredAuditRow> = {}): StoredAuditRow => ({ entityType, entityId: id, before: null, after: { x: 1 }, meta: null, ...extra });

  it("is the case for case, activity, next-action and outcome rows, and the company's people for contacts and consents", () => {
    expect(contentAnchorOf(row("case"))).toEqual({ kind: "case", id });
    expect(contentAnchorOf(row("activity", { entityId: randomUUID(), meta: { caseId: id } }))).toEqual({ kind: "case", id });
    expect(contentAnchorOf(row("next_action", { entityId: randomUUID(), after: { caseId: id } }))).toEqual({ kind: "case", id });
    expect(contentAnchorOf(row("outcome", { entityId: randomUUID(), meta: { caseId: id } }))).toEqual({ kind: "case", id });
    expect(contentAnchorOf(row("confidential_note", { entityId: randomUUID(), after: { caseId: id, length: 12 } }))).toEqual({ kind: "confidential", caseId: id });
    expect(contentAnchorOf(row("company"))).toEqual({ kind: "company", id });
    expect(contentAnchorOf(row("company_contact", { entityId: randomUUID(), meta: { companyId: id } }))).toEqual({ kind: "companyPeople", companyId: id });
    expect(contentAnchorOf(row("consent", { entityId: randomUUID(), meta: { companyId: id } }))).toEqual({ kind: "companyPeople", companyId: id });
    expect(contentAnchorOf(row("ip_right"))).toEqual({ kind: "ipRight", id });
    expect(contentAnchorOf(row("referral"))).toEqual({ kind: "referral", id });
  });

  it("is none for what administrators manage, KPI rows, and a row about no record with no values (an export)", () => {
    for (const type of ["user", "organization", "party_kind", "audit_log", "kpi_target", "pdca_note", "notification"]) expect(contentAnchorOf(row(type))).toBeNull();
    expect(contentAnchorOf(row("case", { entityId: null, after: null, meta: { format: "csv", rows: 3 } }))).toBeNull();
  });

  it("withholds content whose record the row does not name, and any kind of row it does not know", () => {
    expect(contentAnchorOf(row("activity", { meta: { caseId: "not-a-uuid" } }))).toBe("unknown");
    expect(contentAnchorOf(row("case", { entityId: "'; drop table cases; --" }))).toBe("unknown");
    expect(contentAnchorOf(row("something_new"))).toBe("unknown");
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

  it("is append-only in the database itself: UPDATE, DELETE and TRUNCATE are refused by its trigger", async () => {
    const before = Number((await t.db.select({ n: count() }).from(auditLog))[0]!.n);
    expect(before).toBeGreaterThan(0);
    await expectAuditLogRefusal(t.db.update(auditLog).set({ action: "tampered" }).where(sql`true`), "UPDATE");
    await expectAuditLogRefusal(t.db.delete(auditLog).where(sql`true`), "DELETE");
    await expectAuditLogRefusal(t.db.execute(sql`truncate audit_log`), "TRUNCATE");
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
    expect(caseUpdate).toMatchObject({ withheld: "role", changes: [{ field: "title" }], before: null, after: null });
    expect(JSON.stringify(rows)).not.toContain("出願前の新製法");
    const roleChange = rows.find((r) => r.action === "user.change_role")!;
    expect(roleChange).toMatchObject({ withheld: null, changes: [{ field: "role", before: "coordinator", after: "manager" }] });
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

  describe("values of rows about records the viewer may not see now", () => {
    const SUMMARY = "請求項1の構成要件を弁理士が整理した";
    let hokurikuManager: Actor;
    let inpitCase: Case;
    let bureauCase: Case;
    let referral: Referral;

    const versionOf = async (id: string) => (await t.db.select({ version: cases.version }).from(cases).where(eq(cases.id, id)))[0]!.version;
    const rowOf = (rows: AuditItem[], action: string, entityId: string | undefined = undefined) =>
      rows.find((r) => r.action === action && (entityId === undefined || r.entityId === entityId));
    const csvAs = async (actor: Actor, query = "", cookie = "") =>
      new TextDecoder().decode(
        new Uint8Array(
          await (
            await handleAuditExportRequest(new Request(`http://localhost/audit/export?format=csv${query}`, { headers: cookie ? { cookie } : {} }), {
              actorUserId: actor.userId,
              db: t.db,
            })
          ).arrayBuffer(),
        ),
      );

    beforeAll(async () => {
      hokurikuManager = await f.user(network.orgs.hokurikuJpaa, "manager", "北陸 会長");
      const company = await f.company({ prefecture: 17, name: "白山精機株式会社" });
      inpitCase = await f.case({ company, lead: a.ishikawaCoordinator, title: "白山精機の支援" });
      // The 石川 desk refers the case to the 弁理士会, whose attorney logs a meeting on it while the referral is live.
      referral = await f.referral({
        from: a.ishikawaCoordinator,
        to: network.orgs.hokurikuJpaa,
        company,
        case: inpitCase,
        status: "in_progress",
        consent: { basicProfile: true, consultationSummary: true, confidentialNotes: true },
      });
      const logged = await runAction(
        logActivity,
        keyed({ caseId: inpitCase.id, kind: "meeting", occurredAt: "2025-06-02T10:00:00+09:00", summary: SUMMARY }),
        { actorUserId: a.attorney.userId, db: t.db },
      );
      if (!logged.ok) throw new Error(logged.message);

      // A member from another organization: the bureau's coordinator works on the desk's case; the bureau's
      // manager is no member of it. The same coordinator also edits the bureau's own case.
      await f.addCaseMember(inpitCase, a.bureauCoordinator);
      const edited = await runAction(
        updateCase,
        { id: inpitCase.id, version: await versionOf(inpitCase.id), title: "白山精機の支援（局と共同）", summary: "局の担当が金型の改良計画を聞き取った" },
        { actorUserId: a.bureauCoordinator.userId, db: t.db },
      );
      if (!edited.ok) throw new Error(edited.message);
      bureauCase = await f.case({ company, lead: a.bureauCoordinator, title: "局の伴走案件" });
      const own = await runAction(updateCase, { id: bureauCase.id, version: 1, title: "局の伴走案件（改）" }, { actorUserId: a.bureauCoordinator.userId, db: t.db });
      if (!own.ok) throw new Error(own.message);

      // A 秘匿メモ written by the desk's coordinator, a member; the desk's manager may open the case but is no member.
      const noted = await runAction(addConfidentialNote, keyed({ caseId: inpitCase.id, body: "金型の未出願の改良点" }), { actorUserId: a.ishikawaCoordinator.userId, db: t.db });
      if (!noted.ok) throw new Error(noted.message);
    });

    it("shows the 弁理士会's manager what their attorney logged while the referral is live, and withholds it once it is closed", async () => {
      const live = rowOf(await all(hokurikuManager), "activity.log")!;
      expect(live).toMatchObject({ withheld: null, actor: { id: a.attorney.userId }, meta: { caseId: inpitCase.id } });
      expect(live.after).toMatchObject({ summary: SUMMARY });
      expect(live.changes).toEqual(expect.arrayContaining([{ field: "summary", before: null, after: SUMMARY }]));

      await f.setReferralStatus(referral, "completed");
      const rows = await all(hokurikuManager);
      const closed = rowOf(rows, "activity.log")!;
      expect(closed).toMatchObject({ withheld: "scope", before: null, after: null, meta: { caseId: inpitCase.id } });
      expect(closed.changes).toEqual(expect.arrayContaining([{ field: "summary" }]));
      // The row is still the 弁理士会's: who did what, when, to which record — only the content is withheld.
      expect(closed).toMatchObject({ actor: { id: a.attorney.userId }, entityType: "activity", organization: { id: network.orgs.hokurikuJpaa.id } });
      expect(JSON.stringify(rows)).not.toContain(SUMMARY);

      const csv = await csvAs(hokurikuManager);
      expect(csv).toContain("activity.log");
      expect(csv).toContain("内容は表示されません（この記録は現在の閲覧範囲の外にあります）");
      expect(csv).not.toContain(SUMMARY);
      expect(await csvAs(hokurikuManager, "", "NEXT_LOCALE=en")).toContain("Content withheld: this record is outside what you may see now");
    });

    it("withholds from the bureau's manager the content of a desk's case only member staff may open, and shows that of the bureau's own case", async () => {
      const rows = await all(a.bureauManager);
      const onDeskCase = rowOf(rows, "case.update", inpitCase.id)!;
      expect(onDeskCase).toMatchObject({ withheld: "scope", before: null, after: null, actor: { id: a.bureauCoordinator.userId } });
      expect(onDeskCase.changes).toEqual(expect.arrayContaining([{ field: "title" }, { field: "summary" }]));
      expect(JSON.stringify(rows)).not.toContain("金型の改良計画");
      expect(JSON.stringify(rows)).not.toContain("局と共同");

      expect(rowOf(rows, "case.update", bureauCase.id)).toMatchObject({
        withheld: null,
        changes: [{ field: "title", before: "局の伴走案件", after: "局の伴走案件（改）" }],
      });

      // The bureau's coordinator, a member, may open the desk's case: were they to read the trail, they would see it.
      expect(await withheldReasonsFor(t.db, a.bureauCoordinator, [onDeskCase])).toEqual([null]);
    });

    it("writes the same into the .xlsx export: withheld where the case is out of sight, the values where it is not", async () => {
      const response = await handleAuditExportRequest(new Request("http://localhost/audit/export?format=xlsx"), { actorUserId: a.bureauManager.userId, db: t.db });
      expect(response.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await response.arrayBuffer());
      const cells = JSON.stringify(workbook.worksheets[0]!.getSheetValues());
      expect(cells).toContain("内容は表示されません（この記録は現在の閲覧範囲の外にあります）");
      expect(cells).not.toContain("金型の改良計画");
      expect(cells).not.toContain("局と共同");
      expect(cells).toContain("局の伴走案件（改）");
    });

    it("withholds a 秘匿メモ row from a manager who is no member of its case, though they may open the case", async () => {
      const rows = await all(a.ishikawaManager, { entityType: "confidential_note" });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ withheld: "confidential", before: null, after: null, actor: { id: a.ishikawaCoordinator.userId } });
      // The same manager sees the values of the case itself, which their organization owns.
      expect(rowOf(await all(a.ishikawaManager, { entityType: "case", entityId: caseId }), "case.update")).toMatchObject({ withheld: null });

      const csv = await csvAs(a.ishikawaManager, "&entityType=confidential_note");
      expect(csv).toContain("内容は表示されません（秘匿メモの記録は案件のメンバーだけが見られます）");

      await f.addCaseMember(inpitCase, a.ishikawaManager);
      const asMember = (await all(a.ishikawaManager, { entityType: "confidential_note" }))[0]!;
      expect(asMember).toMatchObject({ withheld: null, after: { caseId: inpitCase.id, length: "金型の未出願の改良点".length } });
    });

    it("checks a whole page with one query per kind of record, not one per row", async () => {
      const stored = (entityType: string, extra: Partial<StoredAuditRow>): StoredAuditRow => ({ entityType, entityId: randomUUID(), before: null, after: { a: 1 }, meta: null, ...extra });
      const page: StoredAuditRow[] = [
        ...Array.from({ length: 40 }, () => stored("case", {})),
        ...Array.from({ length: 40 }, () => stored("activity", { meta: { caseId: inpitCase.id } })),
        ...Array.from({ length: 20 }, () => stored("referral", {})),
        stored("user", {}),
      ];
      let selects = 0;
      const counting = new Proxy(t.db, {
        get(target, property, receiver) {
          if (property === "select") selects += 1;
          return Reflect.get(target, property, receiver) as unknown;
        },
      }) as Queryable;
      const reasons = await withheldReasonsFor(counting, a.ishikawaManager, page);
      expect(selects).toBe(2);
      expect(reasons.slice(0, 40).every((r) => r === "scope")).toBe(true);
      expect(reasons.slice(40, 80).every((r) => r === null)).toBe(true);
      expect(reasons.slice(80, 100).every((r) => r === "scope")).toBe(true);
      expect(reasons[100]).toBeNull();
    });
  });
});
