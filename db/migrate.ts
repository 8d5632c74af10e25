import path from "node:path";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { DbHandle } from "./client";

export const migrationsFolder = path.join(process.cwd(), "db", "migrations");

/**
 * Applies db/migrations with drizzle's programmatic migrator (not `drizzle-kit migrate`, which hides errors
 * and cannot load PGlite extensions). Idempotent: applied migrations are recorded in drizzle.__drizzle_migrations.
 */
export async function migrateDb(handle: DbHandle): Promise<void> {
  if (handle.engine === "postgres") {
    await migratePostgres(handle.db as unknown as PostgresJsDatabase, { migrationsFolder });
  } else {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
  }
}
