import ExcelJS from "exceljs";
import { stringify } from "csv-stringify/sync";
import { formatTime } from "@/lib/format/datetime";
import { jstDateOf } from "@/lib/format/fiscal-year";

/**
 * The one way Renkei writes a table to a file people open in Japanese Excel: .xlsx (exceljs), or CSV in UTF-8
 * with a byte-order mark (csv-stringify) — without the BOM, Excel reads UTF-8 as Shift_JIS and the Japanese
 * turns to mojibake. Headers come translated from the caller; timestamps are written in Japan time.
 */

export type ExportFormat = "csv" | "xlsx";
export const EXPORT_FORMATS = ["csv", "xlsx"] as const satisfies readonly ExportFormat[];

/** How a column's values are written: text; a whole number; a calendar day ('YYYY-MM-DD'); an instant (JST). */
export type ExportColumnKind = "text" | "number" | "date" | "datetime";

export interface ExportColumn<R> {
  header: string;
  kind: ExportColumnKind;
  value: (row: R) => string | number | Date | null | undefined;
  /** Column width in characters for .xlsx (Japanese characters count about two). */
  width?: number;
}

export interface RenderedExport {
  body: Uint8Array;
  contentType: string;
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/**
 * A spreadsheet application runs a cell that starts with = + - @ (or a tab/CR before one) as a formula: an
 * exported company name such as "=HYPERLINK(…)" must stay text. The usual defence is a leading apostrophe.
 */
export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

function asInstant(value: string | number | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

/** A cell as CSV text. */
function csvCell(kind: ExportColumnKind, value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined || value === "") return "";
  switch (kind) {
    case "number":
      return String(value);
    case "date":
      return value instanceof Date ? jstDateOf(value) : String(value);
    case "datetime": {
      const instant = asInstant(value);
      return `${jstDateOf(instant)} ${formatTime(instant)}`;
    }
    default:
      return neutralizeFormula(String(value));
  }
}

/** A cell as an .xlsx value: numbers stay numbers, days and instants become Excel dates shown in Japan time. */
function xlsxCell(kind: ExportColumnKind, value: string | number | Date | null | undefined): ExcelJS.CellValue {
  if (value === null || value === undefined || value === "") return null;
  switch (kind) {
    case "number":
      return typeof value === "number" ? value : Number(value);
    case "date": {
      const day = value instanceof Date ? jstDateOf(value) : String(value);
      // Excel dates have no zone: midnight UTC of the day is shown as that day.
      return new Date(`${day}T00:00:00Z`);
    }
    case "datetime":
      // Shifted so that Excel, which shows the stored UTC clock, shows the Japanese wall-clock time.
      return new Date(asInstant(value).getTime() + JST_OFFSET_MS);
    default:
      return neutralizeFormula(String(value));
  }
}

const NUMBER_FORMATS: Partial<Record<ExportColumnKind, string>> = {
  number: "#,##0",
  date: "yyyy-mm-dd",
  datetime: "yyyy-mm-dd hh:mm",
};

export async function renderExport<R>(
  format: ExportFormat,
  sheetName: string,
  columns: readonly ExportColumn<R>[],
  rows: readonly R[],
): Promise<RenderedExport> {
  if (format === "csv") {
    const text = stringify([columns.map((c) => c.header), ...rows.map((row) => columns.map((c) => csvCell(c.kind, c.value(row))))], {
      bom: true,
      // Excel's own CSV line ending.
      record_delimiter: "windows",
    });
    return { body: new TextEncoder().encode(text), contentType: CONTENT_TYPES.csv };
  }

  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Renkei";
  workbook.created = new Date();
  // Sheet names are at most 31 characters and may not contain []:*?/\ in Excel.
  const sheet = workbook.addWorksheet(sheetName.replace(/[[\]:*?/\\]/g, " ").slice(0, 31), {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  sheet.columns = columns.map((c, i) => ({
    key: String(i),
    header: c.header,
    width: c.width ?? 16,
    style: NUMBER_FORMATS[c.kind] ? { numFmt: NUMBER_FORMATS[c.kind] } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(columns.map((c) => xlsxCell(c.kind, c.value(row))));
  if (columns.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  const buffer = await workbook.xlsx.writeBuffer();
  return { body: new Uint8Array(buffer as ArrayBuffer), contentType: CONTENT_TYPES.xlsx };
}

/** `companies-20260512-1430.xlsx`: what was exported and when (Japan time), safe in every file system. */
export function exportFileName(base: string, format: ExportFormat, now: Date = new Date()): string {
  const stamp = `${jstDateOf(now).replaceAll("-", "")}-${formatTime(now).replace(":", "")}`;
  return `${base}-${stamp}.${format}`;
}

/** Content-Disposition with a Japanese display name (RFC 6266/5987) and an ASCII fallback. */
export function contentDisposition(asciiName: string, displayName: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(displayName)}`;
}
