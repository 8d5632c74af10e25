import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { and, eq, sql } from "drizzle-orm";
import { auditLog, referrals, type Company } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { TRUNCATED_HEADER } from "@/lib/exports/handle-export-request";
import { InvalidCursorError } from "@/lib/pagination";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { createFixtures, seedNetwork, type Fixtures } from "@/lib/test/fixtures";
import { handleProvisionExportRequest } from "./provision-export";
import { collectProvisionsForCompany, findProvisionsForCompany } from "./provisions";

describe.each(TEST_ENGINES)("the record of provision, a page at a time (%s)", (engine) => {
  let t: TestDb;
  let f: Fixtures;
  let admin: Actor;
  let sender: Actor;
  let receiver: Actor;
  /** Another chamber of the same prefecture: finds the company, took part in none of its provisions. */
  let bystander: Actor;
  /** A desk of another block: does not find the company at all. */
  let outsider: Actor;
  let company: Company;
  let created: string[];

  beforeAll(async () => {
    t = await createTestDb(engine);
    f = await createFixtures(t.db);
    admin = (await seedNetwork(f)).actors.admin;
    sender = await f.user(await f.organization({ party: "jcci", prefecture: 4, name: "仙台商工会議所" }), "coordinator", "仙台 経営指導員");
    const receiverOrg = await f.organization({ party: "inpit", prefecture: 4, name: "INPIT 宮城県知財総合支援窓口" });
    receiver = await f.user(receiverOrg, "coordinator", "宮城 支援員");
    bystander = await f.user(await f.organization({ party: "jcci", prefecture: 4, name: "石巻商工会議所" }));
    outsider = await f.user(await f.organization({ party: "inpit", prefecture: 43 }));
    company = await f.company({ name: "株式会社仙台精工", prefecture: 4 });
    const consent = await f.consent(company, sender, { consultationSummary: true });
    // 120 provisions in one instant: only the id tells them apart, and no page boundary may lose or repeat one.
    const sentAt = new Date("2025-07-01T01:02:03.456Z");
    created = [];
    for (let i = 0; i < 120; i += 1) created.push((await f.referral({ from: sender, to: receiverOrg, company, consent, sentAt })).id);
  });
  afterAll(() => t?.cleanup());

  async function walk(actor: Actor, limit: number) {
    const pages: string[][] = [];
    const totals: number[] = [];
    let cursor: string | undefined;
    do {
      const page = (await findProvisionsForCompany(t.db, actor, company.id, { cursor, limit }))!;
      pages.push(page.items.map((p) => p.referralId));
      totals.push(page.total);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return { pages, totals };
  }

  it("walks 120 provisions sent in the same instant in pages of 50, without gaps or duplicates, each page knowing the total", async () => {
    const { pages, totals } = await walk(sender, 50);
    expect(pages.map((p) => p.length)).toEqual([50, 50, 20]);
    expect(totals).toEqual([120, 120, 120]);
    expect(new Set(pages.flat()).size).toBe(120);
    // Ties on sent_at fall back to the id, descending.
    expect(pages.flat()).toEqual([...created].sort().reverse());
  });

  it("keeps microseconds in the cursor: provisions a microsecond apart are neither skipped nor repeated", async () => {
    const [first, second, third] = [...created].sort().reverse();
    try {
      await t.db.update(referrals).set({ sentAt: sql`'2025-07-01T01:02:03.456789Z'::timestamptz` }).where(eq(referrals.id, first!));
      await t.db.update(referrals).set({ sentAt: sql`'2025-07-01T01:02:03.456788Z'::timestamptz` }).where(eq(referrals.id, second!));
      await t.db.update(referrals).set({ sentAt: sql`'2025-07-01T01:02:03.456001Z'::timestamptz` }).where(eq(referrals.id, third!));
      const { pages } = await walk(sender, 1);
      expect(pages.slice(0, 3).flat()).toEqual([first, second, third]);
      expect(new Set(pages.flat()).size).toBe(120);
    } finally {
      await t.db.update(referrals).set({ sentAt: new Date("2025-07-01T01:02:03.456Z") }).where(eq(referrals.companyId, company.id));
    }
  });

  it("is the same record for the receiving organization", async () => {
    const { pages, totals } = await walk(receiver, 200);
    expect(pages).toHaveLength(1);
    expect(totals).toEqual([120]);
    expect(pages[0]).toEqual([...created].sort().reverse());
  });

  it("shows nothing of other organizations' provisions to one that finds the company but took part in none", async () => {
    expect(await findProvisionsForCompany(t.db, bystander, company.id, { limit: 10 })).toMatchObject({ items: [], nextCursor: null, total: 0 });
  });

  it("is not found for a company outside the actor's scope, for an administrator, and for a malformed id", async () => {
    expect(await findProvisionsForCompany(t.db, outsider, company.id)).toBeNull();
    expect(await findProvisionsForCompany(t.db, admin, company.id)).toBeNull();
    expect(await findProvisionsForCompany(t.db, sender, "not-a-uuid")).toBeNull();
    expect(await collectProvisionsForCompany(t.db, outsider, company.id, 1000)).toBeNull();
  });

  it("refuses a tampered cursor", async () => {
    const wrongKind = Buffer.from(JSON.stringify(["株式会社", "3f2504e0-4f89-41d3-9a0c-0305e82c3301"])).toString("base64url");
    await expect(findProvisionsForCompany(t.db, sender, company.id, { cursor: wrongKind })).rejects.toBeInstanceOf(InvalidCursorError);
  });

  it("collects the whole record for the export, and says when it was cut", async () => {
    const all = (await collectProvisionsForCompany(t.db, sender, company.id, 1000))!;
    expect(all.truncated).toBe(false);
    expect(all.items.map((p) => p.referralId)).toEqual([...created].sort().reverse());
    const cut = (await collectProvisionsForCompany(t.db, sender, company.id, 100))!;
    expect(cut).toMatchObject({ truncated: true });
    expect(cut.items).toHaveLength(100);
    expect((await collectProvisionsForCompany(t.db, bystander, company.id, 1000))!).toEqual({ items: [], truncated: false });
  });

  describe("the export", () => {
    async function download(query: string, as: Actor | null, companyId = company.id) {
      const request = new Request(`http://localhost/companies/${companyId}/provisions/export?${query}`);
      const response = await handleProvisionExportRequest(request, { actorUserId: as?.userId ?? null, db: t.db, now: new Date("2026-05-12T01:00:00Z") }, companyId);
      return { response, body: await response.arrayBuffer() };
    }

    it("is a CSV with a BOM and Japanese headers holding every provision, and the download is audited", async () => {
      const { response, body } = await download("format=csv", sender);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(response.headers.get("content-disposition")).toContain(`filename="provisions-20260512-1000.csv"`);
      expect(response.headers.get(TRUNCATED_HEADER)).toBeNull();
      const bytes = new Uint8Array(body);
      expect([...bytes.slice(0, 3)], "UTF-8 BOM").toEqual([0xef, 0xbb, 0xbf]);
      const lines = new TextDecoder().decode(bytes.slice(3)).split("\r\n").filter((line) => line !== "");
      expect(lines[0]!.split(",")).toEqual([
        "提供日時",
        "依頼番号",
        "提供元の機関",
        "提供元の担当者",
        "提供先",
        "依頼内容",
        "状況",
        "同意取得日",
        "同意の取得方法",
        "同意の範囲",
        "同意を記録した機関",
        "同意の撤回日時",
      ]);
      expect(lines).toHaveLength(121);
      expect(lines[1]!.split(",")).toEqual([
        "2025-07-01 10:02",
        expect.stringMatching(/^TR7-\d{5}$/),
        "仙台商工会議所",
        "仙台 経営指導員",
        "INPIT 宮城県知財総合支援窓口",
        "先行技術調査",
        "依頼中",
        expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        "書面",
        "基本情報、相談内容の概要",
        "仙台商工会議所",
        "",
      ]);
      const [audited] = await t.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "export.provisions"), eq(auditLog.actorUserId, sender.userId)));
      expect(audited).toMatchObject({ entityType: "company", entityId: company.id, meta: { format: "csv", rows: 120, truncated: false } });
    });

    it("is an .xlsx workbook with the same rows", async () => {
      const { response, body } = await download("format=xlsx", receiver);
      expect(response.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(body);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.name).toBe("提供記録");
      expect(sheet.rowCount).toBe(121);
      expect(sheet.getRow(2).getCell(3).value).toBe("仙台商工会議所");
    });

    it("holds no row of another organization's provisions", async () => {
      const { response, body } = await download("format=csv", bystander);
      expect(response.status).toBe(200);
      expect(new TextDecoder().decode(new Uint8Array(body).slice(3)).split("\r\n").filter((line) => line !== "")).toHaveLength(1);
    });

    it("answers 401 signed out, 403 to an administrator, 404 for a company outside the scope, 400 for an unknown format", async () => {
      expect((await download("format=csv", null)).response.status).toBe(401);
      expect((await download("format=csv", admin)).response.status).toBe(403);
      const outside = await download("format=csv", outsider);
      expect(outside.response.status).toBe(404);
      expect(new TextDecoder().decode(outside.body)).not.toContain("株式会社仙台精工");
      expect((await download("format=csv", sender, "not-a-uuid")).response.status).toBe(404);
      expect((await download("format=pdf", sender)).response.status).toBe(400);
      const audited = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "export.provisions"), eq(auditLog.actorUserId, outsider.userId)));
      expect(audited).toHaveLength(0);
    });
  });
});
