import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { contentDisposition, exportFileName, neutralizeFormula, renderExport, type ExportColumn } from "./table-export";

interface Row {
  name: string;
  employees: number | null;
  foundedOn: string | null;
  registeredAt: Date;
}

const columns: ExportColumn<Row>[] = [
  { header: "企業名", kind: "text", value: (r) => r.name },
  { header: "従業員数", kind: "number", value: (r) => r.employees },
  { header: "設立日", kind: "date", value: (r) => r.foundedOn },
  { header: "登録日時", kind: "datetime", value: (r) => r.registeredAt },
];
const rows: Row[] = [
  // 15:30 UTC on 1 June is 00:30 on 2 June in Japan.
  { name: "株式会社 加賀繊維工業", employees: 1200, foundedOn: "1962-04-01", registeredAt: new Date("2025-06-01T15:30:00Z") },
  { name: '=HYPERLINK("http://example.invalid","開く")', employees: null, foundedOn: null, registeredAt: new Date("2025-06-02T00:00:00Z") },
];

describe("CSV for Japanese Excel", () => {
  it("starts with a UTF-8 byte-order mark, ends lines with CRLF and writes times in Japan time", async () => {
    const { body, contentType } = await renderExport("csv", "企業一覧", columns, rows);
    expect(contentType).toBe("text/csv; charset=utf-8");
    expect([...body.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(body.slice(3));
    const lines = text.split("\r\n");
    expect(lines[0]).toBe("企業名,従業員数,設立日,登録日時");
    expect(lines[1]).toBe("株式会社 加賀繊維工業,1200,1962-04-01,2025-06-02 00:30");
  });

  it("keeps a cell that looks like a formula as text", async () => {
    const text = new TextDecoder().decode((await renderExport("csv", "x", columns, rows)).body);
    expect(text).toContain(`"'=HYPERLINK(""http://example.invalid"",""開く"")",,,2025-06-02 09:00`);
    expect(neutralizeFormula("+81-76-000-0000")).toBe("'+81-76-000-0000");
    expect(neutralizeFormula("加賀")).toBe("加賀");
  });
});

describe(".xlsx", () => {
  it("writes a sheet with bold headers, numbers as numbers and dates shown in Japan time", async () => {
    const { body, contentType } = await renderExport("xlsx", "企業一覧", columns, rows);
    expect(contentType).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
    const sheet = workbook.getWorksheet("企業一覧")!;
    expect(sheet.getRow(1).values).toEqual([undefined, "企業名", "従業員数", "設立日", "登録日時"]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getCell("A2").value).toBe("株式会社 加賀繊維工業");
    expect(sheet.getCell("B2").value).toBe(1200);
    expect((sheet.getCell("C2").value as Date).toISOString()).toBe("1962-04-01T00:00:00.000Z");
    // Excel has no time zones: the cell holds the Japanese wall-clock time.
    expect((sheet.getCell("D2").value as Date).toISOString()).toBe("2025-06-02T00:30:00.000Z");
    expect(sheet.getCell("A3").value).toBe(`'=HYPERLINK("http://example.invalid","開く")`);
    expect(sheet.getCell("B3").value).toBeNull();
  });
});

describe("file names", () => {
  it("name what and when, in Japan time, with a Japanese display name beside an ASCII one", () => {
    expect(exportFileName("companies", "xlsx", new Date("2026-05-11T23:45:00Z"))).toBe("companies-20260512-0845.xlsx");
    expect(contentDisposition("cases-20260512-0845.csv", "支援案件一覧-20260512-0845.csv")).toBe(
      `attachment; filename="cases-20260512-0845.csv"; filename*=UTF-8''${encodeURIComponent("支援案件一覧-20260512-0845.csv")}`,
    );
  });
});
