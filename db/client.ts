import path from "node:path";
import { mkdirSync } from "node:fs";
import postgres from "postgres";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import * as schema from "./schema";

export type Schema = typeof schema;
/** The query surface shared by both engines: code below `lib/` only ever sees this type. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that can run a query: the database or an open transaction. */
export type Queryable = Db | Tx;

export type Engine = "postgres" | "pglite";

export interface DbHandle {
  db: Db;
  engine: Engine;
  close: () => Promise<void>;
  /** Runs raw SQL and returns its rows, whichever engine is underneath. */
  raw: <T = Record<string, unknown>>(query: string, params?: unknown[]) => Promise<T[]>;
}

export function defaultPgliteDir(): string {
  return process.env.PGLITE_DATA_DIR ?? path.join(process.cwd(), ".data", "pglite");
}

/**
 * Opens a database. With a URL it is a real PostgreSQL server through the `postgres` driver; without one it
 * is PGlite (PostgreSQL compiled to WebAssembly, in-process). Both get the same schema, the same migrations
 * and the same query code. See docs/decisions/001-embedded-database.md.
 */
export function openDb(options: { url?: string; pgliteDir?: string; max?: number } = {}): DbHandle {
  if (options.url) {
    const client = postgres(options.url, {
      max: options.max ?? Number(process.env.DB_POOL_MAX ?? 10),
      onnotice: () => {},
      // Timestamps come back as JS Dates; bigint counts as numbers are safe at our sizes.
      types: { bigint: postgres.BigInt },
      // Short OLTP queries only: the planner charges each row for the scope's EXISTS subplans, crosses the
      // JIT thresholds on a 20,000-company list and spends ~0.5 s compiling a query that runs in ~30 ms.
      connection: { jit: "off" },
    });
    const db = drizzlePostgres(client, { schema, casing: "snake_case" }) as unknown as Db;
    return {
      db,
      engine: "postgres",
      close: () => client.end({ timeout: 5 }),
      raw: async <T,>(query: string, params: unknown[] = []) =>
        (await client.unsafe(query, params as postgres.ParameterOrJSON<never>[])) as unknown as T[],
    };
  }
  const dir = options.pgliteDir ?? defaultPgliteDir();
  if (!dir.startsWith("memory://")) mkdirSync(dir, { recursive: true });
  const pg = new PGlite(dir, { extensions: { pg_trgm } });
  const db = drizzlePglite(pg, { schema, casing: "snake_case" }) as unknown as Db;
  return {
    db,
    engine: "pglite",
    close: () => pg.close(),
    raw: async <T,>(query: string, params: unknown[] = []) => (await pg.query<T>(query, params)).rows,
  };
}

const globalForDb = globalThis as unknown as { __renkeiDb?: DbHandle };

/**
 * The application's one database handle, opened lazily on first use (never at import time, so `next build`
 * never opens the PGlite data directory that a running server may hold).
 */
export function getDbHandle(): DbHandle {
  if (!globalForDb.__renkeiDb) {
    globalForDb.__renkeiDb = openDb({ url: process.env.DATABASE_URL || undefined });
  }
  return globalForDb.__renkeiDb;
}

export function getDb(): Db {
  return getDbHandle().db;
}

/**
 * Points the application's handle at another database and returns a function that puts the previous one
 * back. For integration tests that call the real route handlers, which read getDb() exactly as in production
 * (lib/authz/matrix.test.ts); nothing else calls it.
 */
export function swapDbHandle(handle: DbHandle): () => void {
  const previous = globalForDb.__renkeiDb;
  globalForDb.__renkeiDb = handle;
  return () => {
    globalForDb.__renkeiDb = previous;
  };
}
