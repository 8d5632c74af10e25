import { kpiMetric, type KpiMetric } from "@/db/schema";

/**
 * The KPI catalogue: what each metric measures, how it is shown and which way is better. The definitions
 * themselves (what is counted) are the SQL of ./actuals.ts and docs/decisions/007-kpi-computation.md.
 */
export interface KpiMetricSpec {
  key: KpiMetric;
  /** count: whole numbers; percent: 0–100 with one decimal; days: one decimal. */
  unit: "companies" | "count" | "percent" | "days";
  /** Most metrics should rise; the median days to accept a referral should fall. */
  better: "higher" | "lower";
  /** The largest target a manager may set. */
  maxTarget: number;
  /** Decimals a target and an actual are shown (and stored) with. */
  decimals: 0 | 1;
}

export const KPI_METRICS: readonly KpiMetricSpec[] = [
  { key: "companies_supported", unit: "companies", better: "higher", maxTarget: 1_000_000, decimals: 0 },
  { key: "consultations", unit: "count", better: "higher", maxTarget: 10_000_000, decimals: 0 },
  { key: "companies_discovered", unit: "companies", better: "higher", maxTarget: 1_000_000, decimals: 0 },
  { key: "referrals_sent", unit: "count", better: "higher", maxTarget: 1_000_000, decimals: 0 },
  { key: "referrals_accepted", unit: "count", better: "higher", maxTarget: 1_000_000, decimals: 0 },
  { key: "referrals_completed", unit: "count", better: "higher", maxTarget: 1_000_000, decimals: 0 },
  { key: "referral_completion_rate", unit: "percent", better: "higher", maxTarget: 100, decimals: 1 },
  { key: "median_days_to_accept", unit: "days", better: "lower", maxTarget: 365, decimals: 1 },
  { key: "ip_filings", unit: "count", better: "higher", maxTarget: 1_000_000, decimals: 0 },
];

// The catalogue must list every metric of the database enum, in its order (the KPI table follows it).
if (KPI_METRICS.map((m) => m.key).join() !== kpiMetric.enumValues.join()) {
  throw new Error("lib/kpi/metrics.ts: KPI_METRICS is out of step with the kpi_metric enum");
}

export function metricSpec(key: KpiMetric): KpiMetricSpec {
  return KPI_METRICS.find((m) => m.key === key)!;
}

/** One value per metric; null where it cannot be computed (a rate with nothing to divide, no acceptance yet). */
export type KpiValues = Record<KpiMetric, number | null>;

/** Where an actual stands against its target. */
export type KpiProgressStatus = "no_target" | "met" | "on_pace" | "behind";

export interface KpiProgress {
  status: KpiProgressStatus;
  /**
   * How far along the target the actual is, 0–100 (capped): actual ÷ target for "higher is better"; for
   * "lower is better", 100 while at or under the target, else target ÷ actual. Null without a target.
   */
  percent: number | null;
}

/**
 * Progress of an actual against a target. "On pace" compares with the share of the year that has passed
 * (`elapsedShare`): 40 of 100 companies at the end of September (about half the year) is behind; 55 is on
 * pace. Rates and medians are not cumulative, so for them there is only met / behind.
 */
export function progressAgainstTarget(spec: KpiMetricSpec, actual: number | null, target: number | null, elapsedShare: number): KpiProgress {
  if (target === null) return { status: "no_target", percent: null };
  if (spec.better === "lower") {
    if (actual === null) return { status: "behind", percent: 0 };
    const met = actual <= target;
    return { status: met ? "met" : "behind", percent: met ? 100 : actual === 0 ? 0 : round1(Math.min(100, (target / actual) * 100)) };
  }
  const value = actual ?? 0;
  if (target <= 0) return { status: "met", percent: 100 };
  const percent = round1(Math.min(100, (value / target) * 100));
  if (value >= target) return { status: "met", percent };
  const cumulative = spec.unit === "companies" || spec.unit === "count";
  if (cumulative && value >= target * elapsedShare) return { status: "on_pace", percent };
  return { status: "behind", percent };
}

export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** A metric's value as text, without its unit ("12", "66.7"); "—" when there is none. */
export function formatMetricValue(spec: KpiMetricSpec, value: number | null, locale: "ja" | "en"): string {
  if (value === null) return "—";
  return value.toLocaleString(locale === "ja" ? "ja-JP" : "en-GB", {
    minimumFractionDigits: spec.decimals,
    maximumFractionDigits: spec.decimals,
  });
}
