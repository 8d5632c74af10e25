import { fiscalYearOf } from "@/lib/format/fiscal-year";
import type { KpiMetricSpec } from "./metrics";

/**
 * Parses a target as a manager types it (1,200 / １，２００ / 66.5) for one metric: counts of companies,
 * consultations, referrals and filings are whole numbers; a rate is 0–100 %; a median is days with at most
 * one decimal. Returns the value, or the message key (under kpi.validation) for the field.
 */
export function parseTargetValue(raw: string, spec: KpiMetricSpec): { ok: true; value: number } | { ok: false; messageKey: string } {
  const cleaned = raw.normalize("NFKC").replace(/[,\s]/g, "");
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return { ok: false, messageKey: "kpi.validation.number" };
  const value = Number(cleaned);
  if (!Number.isFinite(value)) return { ok: false, messageKey: "kpi.validation.number" };
  if (spec.decimals === 0 && !Number.isInteger(value)) return { ok: false, messageKey: "kpi.validation.wholeNumber" };
  if (spec.decimals === 1 && Math.round(value * 10) !== value * 10) return { ok: false, messageKey: "kpi.validation.oneDecimal" };
  if (value > spec.maxTarget) return { ok: false, messageKey: spec.unit === "percent" ? "kpi.validation.percentMax" : "kpi.validation.tooLarge" };
  return { ok: true, value };
}

/** Targets are set for a past year (late corrections), the current year, or next year ahead of April. */
export function isTargetYearAllowed(fiscalYear: number, today: string): boolean {
  return fiscalYear <= fiscalYearOf(today) + 1;
}
