import { describe, expect, it } from "vitest";
import { formatMetricValue, metricSpec, progressAgainstTarget } from "./metrics";
import { isTargetYearAllowed, parseTargetValue } from "./targets";

describe("progress against a target", () => {
  const companies = metricSpec("companies_supported");
  const rate = metricSpec("referral_completion_rate");
  const median = metricSpec("median_days_to_accept");

  it("has no status without a target", () => {
    expect(progressAgainstTarget(companies, 12, null, 0.5)).toEqual({ status: "no_target", percent: null });
  });

  it("is met once a count reaches its target, capped at 100 %", () => {
    expect(progressAgainstTarget(companies, 45, 40, 0.5)).toEqual({ status: "met", percent: 100 });
  });

  it("is on pace when a count keeps up with the share of the year that has passed", () => {
    expect(progressAgainstTarget(companies, 22, 40, 0.5)).toEqual({ status: "on_pace", percent: 55 });
    expect(progressAgainstTarget(companies, 18, 40, 0.5)).toEqual({ status: "behind", percent: 45 });
  });

  it("has no pace for a rate: it is met or behind", () => {
    expect(progressAgainstTarget(rate, 60, 70, 0.2)).toEqual({ status: "behind", percent: 85.7 });
    expect(progressAgainstTarget(rate, 70, 70, 0.2)).toEqual({ status: "met", percent: 100 });
    expect(progressAgainstTarget(rate, null, 70, 0.2)).toEqual({ status: "behind", percent: 0 });
  });

  it("is met while fewer days to accept than the target, since lower is better", () => {
    expect(progressAgainstTarget(median, 3, 5, 0.5)).toEqual({ status: "met", percent: 100 });
    expect(progressAgainstTarget(median, 8, 4, 0.5)).toEqual({ status: "behind", percent: 50 });
    expect(progressAgainstTarget(median, null, 4, 0.5)).toEqual({ status: "behind", percent: 0 });
  });

  it("formats counts as whole numbers and rates with one decimal", () => {
    expect(formatMetricValue(companies, 1200, "ja")).toBe("1,200");
    expect(formatMetricValue(rate, 37.5, "en")).toBe("37.5");
    expect(formatMetricValue(median, 4, "ja")).toBe("4.0");
    expect(formatMetricValue(rate, null, "ja")).toBe("—");
  });
});

describe("a target as a manager types it", () => {
  it("reads full-width digits and thousands separators", () => {
    expect(parseTargetValue("１，２００", metricSpec("consultations"))).toEqual({ ok: true, value: 1200 });
    expect(parseTargetValue(" 40 ", metricSpec("companies_supported"))).toEqual({ ok: true, value: 40 });
  });

  it("wants whole numbers for counts", () => {
    expect(parseTargetValue("12.5", metricSpec("ip_filings"))).toEqual({ ok: false, messageKey: "kpi.validation.wholeNumber" });
  });

  it("takes one decimal for a rate and for days, and at most 100 %", () => {
    expect(parseTargetValue("66.5", metricSpec("referral_completion_rate"))).toEqual({ ok: true, value: 66.5 });
    expect(parseTargetValue("66.55", metricSpec("referral_completion_rate"))).toEqual({ ok: false, messageKey: "kpi.validation.oneDecimal" });
    expect(parseTargetValue("120", metricSpec("referral_completion_rate"))).toEqual({ ok: false, messageKey: "kpi.validation.percentMax" });
    expect(parseTargetValue("4.5", metricSpec("median_days_to_accept"))).toEqual({ ok: true, value: 4.5 });
  });

  it("refuses what is not a non-negative number", () => {
    for (const raw of ["-3", "abc", "1e3", "", "."]) {
      expect(parseTargetValue(raw, metricSpec("consultations"))).toEqual({ ok: false, messageKey: "kpi.validation.number" });
    }
  });

  it("allows targets up to next fiscal year", () => {
    expect(isTargetYearAllowed(2027, "2026-11-25")).toBe(true);
    expect(isTargetYearAllowed(2028, "2026-11-25")).toBe(false);
    expect(isTargetYearAllowed(2027, "2026-03-31")).toBe(false);
  });
});
