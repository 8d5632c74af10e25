import ExcelJS from "exceljs";
import { formatDate, formatDateTime } from "@/lib/format/datetime";
import { fiscalYearLabel } from "@/lib/format/fiscal-year";
import type { Locale } from "@/lib/i18n/config";
import { translate } from "@/lib/i18n/messages";
import type { KpiReport, PdcaQuarter } from "@/lib/kpi/queries";

/**
 * The KPI table as an .xlsx workbook for Japanese Excel: a "KPI" sheet (target, actual, progress, last year's
 * same point, per metric, as numbers Excel can calculate with) and a "PDCA" sheet (every revision of every
 * quarter, newest first). Text goes in as Unicode strings, which Excel shows as they are; no CSV encoding issues.
 */
export async function buildKpiWorkbook(report: KpiReport, quarters: readonly PdcaQuarter[], locale: Locale): Promise<Uint8Array> {
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
  const scopeName = locale === "ja" ? report.scope.nameJa : report.scope.nameEn;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Renkei";
  workbook.created = new Date();
  // 游ゴシック / Meiryo are on every Japanese Windows; Excel falls back by itself elsewhere.
  const font = { name: locale === "ja" ? "游ゴシック" : "Calibri", size: 11 };

  const sheet = workbook.addWorksheet(t("reports.xlsx.sheetKpi"), { views: [{ state: "frozen", ySplit: 4 }] });
  sheet.columns = [
    { key: "metric", width: 30 },
    { key: "unit", width: 10 },
    { key: "target", width: 12 },
    { key: "actual", width: 12 },
    { key: "progress", width: 12 },
    { key: "status", width: 12 },
    { key: "previous", width: 20 },
    { key: "change", width: 14 },
    { key: "setBy", width: 16 },
  ];
  sheet.addRow([t("reports.xlsx.title", { scope: scopeName, fiscalYear: fiscalYearLabel(report.fiscalYear, locale) })]).font = { ...font, bold: true, size: 14 };
  sheet.addRow([
    `${t("reports.xlsx.asOf", { date: formatDate(report.period.asOf, locale) })} ${t("reports.previousNote", {
      label: fiscalYearLabel(report.previousPeriod.fiscalYear, locale),
      date: formatDate(report.previousPeriod.asOf, locale),
    })}`,
  ]).font = font;
  sheet.addRow([]);
  const header = sheet.addRow([
    t("kpi.columns.metric"),
    t("reports.xlsx.unit"),
    t("kpi.columns.target"),
    t("kpi.columns.actual"),
    `${t("kpi.columns.progress")} (%)`,
    t("reports.xlsx.status"),
    t("reports.xlsx.previousHeader", { date: formatDate(report.previousPeriod.asOf, locale) }),
    t("kpi.columns.change"),
    t("reports.xlsx.targetSetBy"),
  ]);
  header.font = { ...font, bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF7" } };
    cell.border = { bottom: { style: "thin" } };
  });

  for (const row of report.rows) {
    const format = row.spec.decimals === 1 ? "0.0" : "#,##0";
    const change = row.actual !== null && row.previous !== null ? Math.round((row.actual - row.previous) * 10) / 10 : null;
    const added = sheet.addRow([
      t(`kpi.metrics.${row.spec.key}`),
      t(`kpi.metricUnits.${row.spec.key}`),
      row.target?.value ?? null,
      row.actual,
      row.progress.percent,
      t(`kpi.status.${row.progress.status}`),
      row.previous,
      change,
      row.target?.setByName ?? null,
    ]);
    added.font = font;
    for (const column of [3, 4, 7, 8]) added.getCell(column).numFmt = format;
    added.getCell(5).numFmt = "0.0";
  }

  const pdca = workbook.addWorksheet(t("reports.xlsx.sheetPdca"));
  pdca.columns = [
    { key: "quarter", width: 10 },
    { key: "revision", width: 6 },
    { key: "plan", width: 40 },
    { key: "do", width: 40 },
    { key: "check", width: 40 },
    { key: "act", width: 40 },
    { key: "author", width: 16 },
    { key: "savedAt", width: 24 },
  ];
  const pdcaHeader = pdca.addRow([
    t("reports.xlsx.quarter"),
    t("reports.xlsx.revision"),
    t("kpi.pdca.plan"),
    t("kpi.pdca.do"),
    t("kpi.pdca.check"),
    t("kpi.pdca.act"),
    t("reports.xlsx.author"),
    t("reports.xlsx.savedAt"),
  ]);
  pdcaHeader.font = { ...font, bold: true };
  for (const { quarter, revisions } of quarters) {
    for (const revision of revisions) {
      const added = pdca.addRow([
        t("kpi.pdca.quarter", { quarter }),
        revision.revision,
        revision.plan,
        revision.do,
        revision.check,
        revision.act,
        revision.authorName,
        formatDateTime(revision.createdAt, locale),
      ]);
      added.font = font;
      added.alignment = { wrapText: true, vertical: "top" };
    }
  }

  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** 「kpi_中部ブロック_令和8年度.xlsx」: what the file is, readable in a downloads folder. */
export function kpiWorkbookFileName(report: KpiReport, locale: Locale): string {
  const scopeName = (locale === "ja" ? report.scope.nameJa : report.scope.nameEn).replace(/[\\/:*?"<>|\s]+/g, "_");
  return `kpi_${scopeName}_${fiscalYearLabel(report.fiscalYear, locale).replace(/[\s()]+/g, "_")}.xlsx`;
}
