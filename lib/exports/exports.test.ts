import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { and, eq } from "drizzle-orm";
import { auditLog, companies, type Company } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { createFixtures, seedNetwork, type Fixtures } from "@/lib/test/fixtures";
import { handleExportRequest, TRUNCATED_HEADER, type ExportKind } from "./handle-export-request";

/** The CSV as a grid of cells (simple quoting only: these fixtures hold no quotes or line breaks). */
function csvRows(body: ArrayBuffer): string[][] {
  const bytes = new Uint8Array(body);
  expect([...bytes.slice(0, 3)], "UTF-8 BOM").toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder().decode(bytes.slice(3));
  return text
    .split("\r\n")
    .filter((line) => line !== "")
    .map((line) => line.split(","));
}

describe.each(TEST_ENGINES)("list exports (%s)", (engine) => {
  let t: TestDb;
  let f: Fixtures;
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  let people: typeof net.actors;
  let registered: Company;
  let neighbour: Company;
  let toyamaCompany: Company;

  beforeAll(async () => {
    t = await createTestDb(engine);
    f = await createFixtures(t.db);
    net = await seedNetwork(f);
    people = net.actors;
    registered = await f.company({ name: "株式会社加賀繊維工業", nameKana: "カガセンイコウギョウ", createdBy: people.ishikawaCoordinator, corporateNumber: "1180301018771" });
    await t.db.update(companies).set({ createdAt: new Date("2025-06-01T15:30:00Z"), industry: "製造業" }).where(eq(companies.id, registered.id));
    await f.contact(registered, "加賀 一郎");
    neighbour = await f.company({ name: "株式会社能登食品", prefecture: 17 });
    await f.contact(neighbour, "能登 花子");
    toyamaCompany = await f.company({ name: "株式会社富山製薬", prefecture: 16, createdBy: people.toyamaCoordinator });
  });
  afterAll(() => t?.cleanup());

  async function download(kind: ExportKind, query: string, as: Actor | null, cookie?: string) {
    const request = new Request(`http://localhost/api/v1/exports/${kind}?${query}`, { headers: cookie ? { cookie } : {} });
    const response = await handleExportRequest(request, { actorUserId: as?.userId ?? null, db: t.db, now: new Date("2026-05-12T01:00:00Z") }, kind);
    return { response, body: await response.arrayBuffer() };
  }

  describe("who may export", () => {
    it("answers 401 when signed out and 403 to an administrator, with no file", async () => {
      expect((await download("companies", "format=csv", null)).response.status).toBe(401);
      const admin = await download("cases", "format=xlsx", people.admin);
      expect(admin.response.status).toBe(403);
      expect(admin.response.headers.get("content-type")).toContain("application/json");
    });

    it("refuses an unknown format as a bad request", async () => {
      expect((await download("companies", "format=pdf", people.ishikawaCoordinator)).response.status).toBe(400);
      expect((await download("companies", "", people.ishikawaCoordinator)).response.status).toBe(400);
    });
  });

  describe("the company list", () => {
    it("is a CSV with a BOM and Japanese headers, holding the companies the list shows, with times in JST", async () => {
      const { response, body } = await download("companies", "format=csv", people.ishikawaCoordinator);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(response.headers.get("content-disposition")).toContain(`filename="companies-20260512-1000.csv"`);
      const [header, ...rows] = csvRows(body);
      expect(header).toEqual(["企業名", "フリガナ", "法人番号", "仮登録", "都道府県", "市区町村", "所在地", "業種", "従業員数", "資本金（円）", "ウェブサイト", "設立日", "担当者・連絡先", "登録日時"]);
      const names = rows.map((r) => r[0]);
      expect(names).toContain("株式会社加賀繊維工業");
      expect(names).toContain("株式会社能登食品");
      expect(names).not.toContain("株式会社富山製薬");
      const kaga = rows.find((r) => r[0] === "株式会社加賀繊維工業")!;
      expect(kaga.slice(0, 5)).toEqual(["株式会社加賀繊維工業", "カガセンイコウギョウ", "1180301018771", "", "石川県"]);
      expect(kaga[13]).toBe("2025-06-02 00:30");
    });

    it("applies the list's filters", async () => {
      const { body } = await download("companies", `format=csv&q=${encodeURIComponent("加賀")}&industry=${encodeURIComponent("製造")}`, people.ishikawaCoordinator);
      expect(csvRows(body).slice(1).map((r) => r[0])).toEqual(["株式会社加賀繊維工業"]);
      const other = await download("companies", "format=csv&prefecture=16", people.ishikawaCoordinator);
      expect(csvRows(other.body).slice(1)).toEqual([]);
    });

    it("includes contact people only where the user may see them", async () => {
      // The registering desk sees its company's contacts; the chamber of the same prefecture finds both companies
      // but may see the contacts of neither (no case, no referral, not registered by it).
      const desk = csvRows((await download("companies", "format=csv", people.ishikawaCoordinator)).body);
      const deskContacts = (name: string) => desk.find((r) => r[0] === name)![12];
      expect(deskContacts("株式会社加賀繊維工業")).toContain("加賀 一郎");
      expect(deskContacts("株式会社加賀繊維工業")).toContain("contact@example.jp");
      expect(deskContacts("株式会社能登食品")).toBe("");

      const chamber = csvRows((await download("companies", "format=csv", people.chamberAdvisor)).body);
      expect(chamber.slice(1).map((r) => r[0]).sort()).toEqual(["株式会社加賀繊維工業", "株式会社能登食品"]);
      expect(chamber.slice(1).map((r) => r[12])).toEqual(["", ""]);
      expect(new TextDecoder().decode((await download("companies", "format=csv", people.chamberAdvisor)).body)).not.toContain("一郎");
    });

    it("gives 弁理士会 nothing it could not find in the list", async () => {
      const { body } = await download("companies", "format=csv", people.attorney);
      expect(csvRows(body).slice(1)).toEqual([]);
    });

    it("speaks English when the user's language is English", async () => {
      const { body } = await download("companies", "format=csv", people.ishikawaCoordinator, "NEXT_LOCALE=en");
      expect(csvRows(body)[0]!.slice(0, 3)).toEqual(["Company name", "Reading (kana)", "Corporate number"]);
    });

    it("is recorded in the audit log with its filters and size, never its content", async () => {
      await download("companies", `format=xlsx&q=${encodeURIComponent("加賀")}`, people.ishikawaCoordinator);
      const rows = await t.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "export.companies"), eq(auditLog.actorUserId, people.ishikawaCoordinator.userId)));
      const last = rows.at(-1)!;
      expect(last).toMatchObject({ actorOrgId: people.ishikawaCoordinator.orgId, entityType: "company" });
      expect(last.meta).toMatchObject({ format: "xlsx", filters: { q: "加賀" }, rows: 1, truncated: false });
      expect(JSON.stringify(last)).not.toContain("加賀 一郎");
    });
  });

  describe("the case list", () => {
    it("is an .xlsx of the cases the user may open, with stage and themes in words and no confidential note", async () => {
      const visible = await f.case({ company: registered, lead: people.ishikawaCoordinator, title: "商標出願の支援", themes: ["trademark_brand", "patent"], stage: "planning" });
      await f.confidentialNote(visible, people.ishikawaCoordinator, "未出願の配合比率は 3:2:1");
      await f.case({ company: toyamaCompany, lead: people.toyamaCoordinator, title: "富山の案件" });

      const { response, body } = await download("cases", "format=xlsx", people.ishikawaCoordinator);
      expect(response.status).toBe(200);
      expect(response.headers.get(TRUNCATED_HEADER)).toBeNull();
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(body);
      const sheet = workbook.getWorksheet("支援案件一覧")!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      expect(header).toEqual(["案件番号", "案件名", "企業名", "法人番号", "都道府県", "ステージ", "支援テーマ", "主担当", "担当機関", "きっかけ", "概要", "開始日", "完了日", "中断理由", "最終更新日時"]);
      const titles: unknown[] = [];
      sheet.eachRow((row, n) => {
        if (n > 1) titles.push(row.getCell(2).value);
      });
      expect(titles).toEqual(["商標出願の支援"]);
      const row = sheet.getRow(2);
      expect(row.getCell(6).value).toBe("支援計画");
      expect(row.getCell(7).value).toBe("商標・ブランド、特許");
      expect((row.getCell(12).value as Date).toISOString()).toBe("2025-04-10T00:00:00.000Z");

      const everything: string[] = [];
      sheet.eachRow((r) => r.eachCell((cell) => everything.push(String(cell.value))));
      expect(everything.join("\n")).not.toContain("配合比率");
    });

    it("applies the list's filters, and a user of another desk gets only their own cases", async () => {
      const byStage = csvRows((await download("cases", "format=csv&stage=closed", people.ishikawaCoordinator)).body);
      expect(byStage.slice(1)).toEqual([]);
      const toyama = csvRows((await download("cases", "format=csv", people.toyamaCoordinator)).body);
      expect(toyama.slice(1).map((r) => r[1])).toEqual(["富山の案件"]);
    });
  });
});
