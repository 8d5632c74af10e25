import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import type { Db } from "@/db/client";
import * as schema from "@/db/schema";

/** A table this big read from end to end is a key path that will not stay fast as the data grows. */
export const LARGE_TABLE_ROWS = 10_000;

export interface ExplainProbe {
  /** The measured path whose queries these are. */
  path: string;
  /** Calls the same query functions (or action) the route calls, with the same actor. */
  run: (db: Db) => Promise<unknown>;
}

export interface QueryPlan {
  path: string;
  sql: string;
  executionMs: number;
  /** Sequential scans of tables over LARGE_TABLE_ROWS rows, with the table's size. */
  largeSeqScans: { table: string; rows: number }[];
  /** Every table read sequentially (small ones are fine: reference data, organizations…). */
  seqScans: string[];
  /** The probe or the EXPLAIN failed: the message, for the report. */
  error?: string;
}

function describeError(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error instanceof Error ? error.message.split("\n")[0]!.slice(0, 200) : String(error)}${cause}`;
}

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  Plans?: PlanNode[];
}

function seqScannedTables(node: PlanNode, out: string[] = []): string[] {
  if (node["Node Type"] === "Seq Scan" && node["Relation Name"]) out.push(node["Relation Name"]);
  for (const child of node.Plans ?? []) seqScannedTables(child, out);
  return out;
}

/**
 * Runs each probe against a drizzle instance whose logger records every statement, then EXPLAIN ANALYZEs
 * each SELECT with its parameters: the plans are those of the exact SQL the routes send, on this database.
 */
export async function explainProbes(url: string, probes: readonly ExplainProbe[]): Promise<QueryPlan[]> {
  const client = postgres(url, { max: 2, onnotice: () => {}, types: { bigint: postgres.BigInt }, connection: { jit: "off" } });
  const captured: { sql: string; params: unknown[] }[] = [];
  const db = drizzle(client, { schema, casing: "snake_case", logger: { logQuery: (sql, params) => void captured.push({ sql, params }) } }) as unknown as Db;
  try {
    const sizes = new Map(
      (await client<{ name: string; rows: number }[]>`
        select c.relname as name, greatest(c.reltuples, 0)::float8 as rows
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r'`).map((r) => [r.name, r.rows]),
    );
    const plans: QueryPlan[] = [];
    for (const probe of probes) {
      captured.length = 0;
      try {
        await probe.run(db);
      } catch (error) {
        // A path whose queries fail is reported with what was captured up to the failure, not skipped silently.
        plans.push({ path: probe.path, sql: "", executionMs: 0, seqScans: [], largeSeqScans: [], error: describeError(error) });
      }
      for (const statement of [...captured]) {
        if (!/^\s*(select|with)\b/i.test(statement.sql)) continue;
        let row: { "QUERY PLAN": [{ Plan: PlanNode; "Execution Time": number }] } | undefined;
        try {
          [row] = await client.unsafe<{ "QUERY PLAN": [{ Plan: PlanNode; "Execution Time": number }] }[]>(
            `explain (analyze, format json) ${statement.sql}`,
            statement.params as postgres.ParameterOrJSON<never>[],
          );
        } catch (error) {
          plans.push({ path: probe.path, sql: statement.sql, executionMs: 0, seqScans: [], largeSeqScans: [], error: describeError(error) });
          continue;
        }
        const plan = row!["QUERY PLAN"][0];
        const seqScans = seqScannedTables(plan.Plan);
        plans.push({
          path: probe.path,
          sql: statement.sql,
          executionMs: plan["Execution Time"],
          seqScans,
          largeSeqScans: [...new Set(seqScans)].filter((t) => (sizes.get(t) ?? 0) > LARGE_TABLE_ROWS).map((table) => ({ table, rows: sizes.get(table)! })),
        });
      }
    }
    return plans;
  } finally {
    await client.end({ timeout: 5 });
  }
}
