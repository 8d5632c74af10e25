import type { Sql } from "postgres";

/** A secondary index or a foreign key that is cheaper to build once after the load than to maintain per row. */
export interface DeferredDdl {
  kind: "index" | "foreign key";
  table: string;
  name: string;
  create: string;
  drop: string;
  /** Size hint: bigger tables are rebuilt first, so the two lanes finish together. */
  rows: number;
}

/**
 * Reads, from the catalog, the secondary indexes and foreign keys of the given tables — whatever the
 * migrations made them, so this never drifts from db/schema. Primary keys stay (other tables reference them);
 * indexes that back a constraint stay with it.
 */
export async function readDeferrableDdl(sql: Sql, tables: readonly string[]): Promise<DeferredDdl[]> {
  const indexes = await sql<{ table: string; name: string; def: string; rows: number }[]>`
    select t.relname as table, i.relname as name, pg_get_indexdef(i.oid) as def, greatest(t.reltuples, 0)::float8 as rows
    from pg_index x
    join pg_class i on i.oid = x.indexrelid
    join pg_class t on t.oid = x.indrelid
    join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = 'public' and t.relname = any(${tables as string[]})
      and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)`;
  const foreignKeys = await sql<{ table: string; name: string; def: string }[]>`
    select t.relname as table, c.conname as name, pg_get_constraintdef(c.oid) as def
    from pg_constraint c
    join pg_class t on t.oid = c.conrelid
    join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = 'public' and c.contype = 'f' and t.relname = any(${tables as string[]})`;
  return [
    ...indexes.map((i) => ({ kind: "index" as const, table: i.table, name: i.name, create: i.def, drop: `drop index "${i.name}"`, rows: i.rows })),
    ...foreignKeys.map((f) => ({
      kind: "foreign key" as const,
      table: f.table,
      name: f.name,
      create: `alter table "${f.table}" add constraint "${f.name}" ${f.def}`,
      drop: `alter table "${f.table}" drop constraint "${f.name}"`,
      rows: 0,
    })),
  ];
}

/** Runs statements on `lanes` connections at once, biggest first; returns each one's duration in ms. */
export async function runInLanes(
  lanes: readonly Sql[],
  statements: ReadonlyArray<{ label: string; sql: string; weight: number }>,
  onDone: (label: string, ms: number) => void,
): Promise<void> {
  const queue = [...statements].sort((a, b) => b.weight - a.weight);
  await Promise.all(
    lanes.map(async (lane) => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const started = performance.now();
        await lane.unsafe(next.sql);
        onDone(next.label, performance.now() - started);
      }
    }),
  );
}
