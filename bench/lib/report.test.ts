import { describe, expect, it } from "vitest";
import type { LoadResult } from "../load";
import { judge, renderMarkdown, type BenchResult, type PathResult } from "./report";

function load(p95: number, errors = 0): LoadResult {
  return {
    latency: { count: 100, p50: p95 / 2, p95, p99: p95 * 1.2, max: p95 * 2, mean: p95 / 2 },
    requests: 100,
    errors,
    statuses: { 200: 100 - errors },
    errorSamples: errors > 0 ? ["GET / → 500 boom"] : [],
    elapsedMs: 10_000,
    rps: 10,
  };
}

function path(name: string, kind: PathResult["kind"], surface: PathResult["surface"], p95: number, errors = 0): PathResult {
  return { name, account: "a@example.jp", method: kind === "write" ? "POST" : "GET", path: `/${name}`, kind, surface, load: load(p95, errors), peakRssBytes: 200 * 1024 * 1024 };
}

function result(paths: PathResult[], peakRssBytes = 300 * 1024 * 1024): BenchResult {
  return {
    startedAt: "2026-11-25T06:00:00.000Z",
    machine: { cpus: 2, cpuModel: "cpu", memory: "24 GiB", loadAtStart: [0.5, 0.4, 0.3], node: "v20", postgres: "PostgreSQL 15", os: "Debian" },
    database: { name: "renkei_scale", size: "5 GB", rows: { companies: 3_400_000 } },
    settings: { connections: 8, durationS: 10, warmupS: 2, port: 3200 },
    paths,
    peakRssBytes,
    plans: [],
    observedSeqScans: [],
    notes: [],
  };
}

describe("judging a benchmark run against issue #7's targets", () => {
  const baselines = [path("shell", "baseline", "page", 20), path("me", "baseline", "api", 10)];

  it("compares pages with the page baseline and JSON routes with the API baseline", () => {
    const verdicts = judge(result([...baselines, path("dashboard", "read", "page", 60), path("cases-api", "read", "api", 31)]));
    expect(verdicts.find((v) => v.path.name === "dashboard")).toMatchObject({ ratio: 3, met: true });
    expect(verdicts.find((v) => v.path.name === "cases-api")).toMatchObject({ ratio: 3.1, met: false });
    expect(verdicts.find((v) => v.path.name === "me")).toMatchObject({ ratio: null, met: true });
  });

  it("holds company search to 50 ms as well as to the ratio, and writes to 4× the baseline", () => {
    const verdicts = judge(result([...baselines, path("search", "search", "api", 29), path("slow-search", "search", "page", 55), path("write", "write", "api", 40), path("slow-write", "write", "api", 41)]));
    const met = Object.fromEntries(verdicts.map((v) => [v.path.name, v.met]));
    expect(met).toMatchObject({ search: true, "slow-search": false, write: true, "slow-write": false });
    expect(verdicts.find((v) => v.path.name === "slow-search")!.checks).toEqual([
      { label: "≤ 3× baseline", met: true },
      { label: "p95 ≤ 50 ms", met: false },
    ]);
  });

  it("shows informational rows (a search with one connection) without judging them or counting them in the targets", () => {
    const verdicts = judge(result([...baselines, path("search, 1 connection", "info", "api", 500)]));
    expect(verdicts[2]).toMatchObject({ ratio: null, checks: [], met: true });
    expect(renderMarkdown(result([...baselines, path("search alone", "info", "api", 500)]))).toContain("(not judged)");
  });

  it("counts a fast path that answered with errors as not met", () => {
    const [, , fast] = judge(result([...baselines, path("broken", "read", "api", 5, 3)]));
    expect(fast).toMatchObject({ met: false });
    expect(fast!.checks).toContainEqual({ label: "no errors", met: false });
  });

  it("writes every target as met or not, memory included, and lists the errors seen", () => {
    const markdown = renderMarkdown(result([...baselines, path("search", "search", "api", 60), path("broken", "read", "api", 5, 1)], 600 * 1024 * 1024));
    expect(markdown).toContain("| company search p95 ≤ 50 ms at 3,400,000 companies | ❌ not met (p95 60 ms) |");
    expect(markdown).toContain("| server memory ≤ 500 MB RSS throughout | ❌ not met (peak 600 MB) |");
    expect(markdown).toContain("- broken: `GET / → 500 boom`");
    expect(markdown).toMatch(/\| no key path reads a table of over 10,000 rows sequentially \(EXPLAIN\) \| ✅ met/);
  });
});
