import type { LoadResult } from "../load";
import type { QueryPlan } from "./explain";

/** `info` rows are shown and not judged (e.g. a search measured with one connection). */
export type PathKind = "baseline" | "read" | "search" | "write" | "info";
/** Pages are compared with the page baseline (the app shell), JSON routes with the API baseline. */
export type Surface = "page" | "api";

export interface PathResult {
  name: string;
  account: string;
  method: "GET" | "POST";
  path: string;
  kind: PathKind;
  surface: Surface;
  load: LoadResult;
  peakRssBytes: number;
}

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memory: string;
  /** 1, 5 and 15-minute load averages: other work on the machine shows here. */
  loadAtStart: number[];
  loadAtEnd?: number[];
  node: string;
  postgres: string;
  os: string;
}

export interface BenchResult {
  startedAt: string;
  machine: MachineInfo;
  database: { name: string; size: string; rows: Record<string, number> };
  settings: { connections: number; durationS: number; warmupS: number; port: number; maxOldSpaceMb?: number };
  paths: PathResult[];
  peakRssBytes: number;
  plans: QueryPlan[];
  /** pg_stat_user_tables: sequential scans of large tables while the load ran (all paths together). */
  observedSeqScans: { table: string; scans: number; rowsRead: number; tableRows: number }[];
  notes: string[];
}

export const TARGETS = {
  readRatio: 3,
  writeRatio: 4,
  searchP95Ms: 50,
  rssBytes: 500 * 1024 * 1024,
} as const;

export interface Verdict {
  path: PathResult;
  /** p95 over the p95 of the baseline of the same surface, measured in the same run. */
  ratio: number | null;
  checks: { label: string; met: boolean }[];
  met: boolean;
}

/** Judges each path against the targets of issue #7; a path that answered with errors meets nothing. */
export function judge(result: BenchResult): Verdict[] {
  const baseline = (surface: Surface) => result.paths.find((p) => p.kind === "baseline" && p.surface === surface);
  return result.paths.map((path) => {
    const base = baseline(path.surface);
    const ratio = path.kind === "baseline" || path.kind === "info" || !base ? null : path.load.latency.p95 / base.load.latency.p95;
    const checks: Verdict["checks"] = [];
    if (path.kind === "read" || path.kind === "search") checks.push({ label: `≤ ${TARGETS.readRatio}× baseline`, met: ratio !== null && ratio <= TARGETS.readRatio });
    if (path.kind === "search") checks.push({ label: `p95 ≤ ${TARGETS.searchP95Ms} ms`, met: path.load.latency.p95 <= TARGETS.searchP95Ms });
    if (path.kind === "write") checks.push({ label: `≤ ${TARGETS.writeRatio}× baseline`, met: ratio !== null && ratio <= TARGETS.writeRatio });
    if (path.load.errors > 0) checks.push({ label: "no errors", met: false });
    return { path, ratio, checks, met: checks.every((c) => c.met) };
  });
}

const ms = (value: number) => (Number.isFinite(value) ? (value < 10 ? value.toFixed(1) : Math.round(value).toString()) : "–");
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const mark = (met: boolean) => (met ? "✅ met" : "❌ not met");

export function renderMarkdown(result: BenchResult): string {
  const verdicts = judge(result);
  const memoryMet = result.peakRssBytes <= TARGETS.rssBytes;
  const largeScans = result.plans.filter((p) => p.largeSeqScans.length > 0);
  const explained = result.plans.filter((p) => !p.error);
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);

  push(`# Benchmark ${result.startedAt.slice(0, 16).replace("T", " ")} UTC`, "");
  push(
    `\`npm run bench\` against \`next start\` on the national-scale database \`${result.database.name}\` (${result.database.size}), ` +
      `load from a second process on loopback: ${result.settings.connections} connections, ${result.settings.warmupS} s warm-up then ${result.settings.durationS} s per path (closed loop: each connection sends its next request when the last is answered). ` +
      `Latency is measured by the load generator, from sending a request to the last byte of the answer.`,
    "",
  );

  push("## Targets", "");
  const group = (kind: PathKind[]) => verdicts.filter((v) => kind.includes(v.path.kind));
  const allMet = (vs: Verdict[]) => vs.length > 0 && vs.every((v) => v.met);
  push("| target | result |", "|---|---|");
  push(`| every read path p95 ≤ ${TARGETS.readRatio}× the baseline p95 | ${mark(group(["read", "search"]).every((v) => v.checks.some((c) => c.label.includes("baseline") && c.met)))} (${group(["read", "search"]).filter((v) => v.checks.some((c) => c.label.includes("baseline") && c.met)).length} of ${group(["read", "search"]).length} paths within the ratio) |`);
  const search = group(["search"]);
  push(`| company search p95 ≤ ${TARGETS.searchP95Ms} ms at ${(result.database.rows.companies ?? 0).toLocaleString("en-US")} companies | ${mark(search.length > 0 && search.every((v) => v.path.load.latency.p95 <= TARGETS.searchP95Ms && v.path.load.errors === 0))} (p95 ${search.map((v) => `${ms(v.path.load.latency.p95)} ms`).join(", ")}) |`);
  push(`| write paths p95 ≤ ${TARGETS.writeRatio}× the baseline p95 | ${mark(allMet(group(["write"])))} |`);
  push(`| server memory ≤ ${mb(TARGETS.rssBytes)} RSS throughout | ${mark(memoryMet)} (peak ${mb(result.peakRssBytes)}) |`);
  push(`| no key path reads a table of over 10,000 rows sequentially (EXPLAIN) | ${mark(largeScans.length === 0 && explained.length === result.plans.length)} (${largeScans.length} of ${explained.length} statements scan one${explained.length < result.plans.length ? `; ${result.plans.length - explained.length} could not be explained` : ""}) |`, "");

  push("## Paths", "");
  push("| path | account | request | p50 ms | p95 ms | p99 ms | max ms | req/s | errors | p95 × baseline | targets | peak RSS |");
  push("|---|---|---|--:|--:|--:|--:|--:|--:|--:|---|--:|");
  for (const v of verdicts) {
    const l = v.path.load;
    const targets = v.path.kind === "baseline" ? `baseline (${v.path.surface})` : v.path.kind === "info" ? "(not judged)" : v.checks.map((c) => `${c.met ? "✅" : "❌"} ${c.label}`).join("<br>");
    push(
      `| ${v.path.name} | ${v.path.account} | \`${v.path.method} ${v.path.path}\` | ${ms(l.latency.p50)} | ${ms(l.latency.p95)} | ${ms(l.latency.p99)} | ${ms(l.latency.max)} | ${l.rps.toFixed(0)} | ${l.errors} | ${v.ratio === null ? "–" : `${v.ratio.toFixed(2)}×`} | ${targets} | ${mb(v.path.peakRssBytes)} |`,
    );
  }
  push("");
  const failed = verdicts.filter((v) => v.path.load.errorSamples.length > 0);
  if (failed.length > 0) {
    push("Errors seen:", "");
    for (const v of failed) for (const sample of v.path.load.errorSamples) push(`- ${v.path.name}: \`${sample.replace(/`/g, "'").replace(/\s+/g, " ")}\``);
    push("");
  }

  push("## Memory", "");
  push(
    `Peak resident memory of \`next start\` and its child processes, sampled every 100 ms from /proc/<pid>/status (VmRSS): **${mb(result.peakRssBytes)}** — ${mark(memoryMet)}` +
      (result.settings.maxOldSpaceMb ? `, with \`NODE_OPTIONS=--max-old-space-size=${result.settings.maxOldSpaceMb}\` (docs/scaling.md).` : ", with Node's default heap limit."),
    "",
  );

  push("## Query plans", "");
  push(
    `Each path's query functions were called with the same actor and arguments through a drizzle instance that records its SQL; every SELECT was then run as \`EXPLAIN (ANALYZE)\`. A sequential scan of a table over 10,000 rows is flagged.`,
    "",
  );
  push("| path | statements | total execution ms | slowest ms | large tables read sequentially |", "|---|--:|--:|--:|---|");
  for (const path of [...new Set(result.plans.map((p) => p.path))]) {
    const plans = result.plans.filter((p) => p.path === path && !p.error);
    if (plans.length === 0) {
      push(`| ${path} | 0 | – | – | ❌ not explained (see below) |`);
      continue;
    }
    const scans = [...new Set(plans.flatMap((p) => p.largeSeqScans.map((s) => `${s.table} (${Math.round(s.rows).toLocaleString("en-US")} rows)`)))];
    push(`| ${path} | ${plans.length} | ${ms(plans.reduce((a, p) => a + p.executionMs, 0))} | ${ms(Math.max(...plans.map((p) => p.executionMs)))} | ${scans.length === 0 ? "none ✅" : `❌ ${scans.join(", ")}`} |`);
  }
  push("");
  const failedProbes = result.plans.filter((p) => p.error);
  if (failedProbes.length > 0) {
    push("Statements that could not be explained (the path's code failed or changed):", "");
    for (const p of failedProbes) push(`- **${p.path}**: ${p.error}${p.sql ? ` — \`${p.sql.replace(/\s+/g, " ").slice(0, 200)}…\`` : ""}`);
    push("");
  }
  if (largeScans.length > 0) {
    push("Flagged statements:", "");
    for (const p of largeScans) push(`- **${p.path}** (${ms(p.executionMs)} ms, Seq Scan on ${p.largeSeqScans.map((s) => s.table).join(", ")}): \`${p.sql.replace(/\s+/g, " ").slice(0, 400)}${p.sql.length > 400 ? "…" : ""}\``);
    push("");
  }
  push("Sequential scans of tables over 10,000 rows that the server itself ran while the load was on (pg_stat_user_tables, all paths together):", "");
  if (result.observedSeqScans.length === 0) push("none.", "");
  else {
    push("| table | rows | sequential scans | rows read |", "|---|--:|--:|--:|");
    for (const s of result.observedSeqScans) push(`| ${s.table} | ${Math.round(s.tableRows).toLocaleString("en-US")} | ${s.scans} | ${s.rowsRead.toLocaleString("en-US")} |`);
    push("");
  }

  push("## Machine", "");
  push(
    `- CPU: ${result.machine.cpus} × ${result.machine.cpuModel} (the server, PostgreSQL and the load generator share them)`,
    `- Memory: ${result.machine.memory}`,
    `- Load average (1, 5, 15 min): ${result.machine.loadAtStart.join(", ")} at the start${result.machine.loadAtEnd ? `, ${result.machine.loadAtEnd.join(", ")} at the end` : ""}`,
    `- OS: ${result.machine.os}`,
    `- Node ${result.machine.node}; ${result.machine.postgres}`,
    "",
  );
  push("## Database", "");
  push("| table | rows |", "|---|--:|");
  for (const [table, rows] of Object.entries(result.database.rows)) push(`| ${table} | ${rows.toLocaleString("en-US")} |`);
  push("");
  if (result.notes.length > 0) {
    push("## Notes", "");
    for (const note of result.notes) push(`- ${note}`);
    push("");
  }
  return `${lines.join("\n")}\n`;
}
