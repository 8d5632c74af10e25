import { describe, expect, it } from "vitest";
import { percentile, summarize } from "./stats";

describe("latency percentiles", () => {
  it("takes the nearest rank: the smallest sample with at least p % of all samples at or below it", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 95)).toBe(95);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile([7, 8, 9], 50)).toBe(8);
    expect(percentile([7, 8, 9], 99)).toBe(9);
  });

  it("lets one slow request among twenty set the p99 but not the p95", () => {
    const samples = [...Array.from({ length: 19 }, () => 10), 500];
    expect(summarize(samples)).toMatchObject({ count: 20, p50: 10, p95: 10, p99: 500, max: 500 });
  });

  it("sorts what it is given and says nothing about no samples", () => {
    expect(summarize([30, 10, 20])).toMatchObject({ p50: 20, max: 30, mean: 20 });
    expect(Number.isNaN(summarize([]).p95)).toBe(true);
  });
});
