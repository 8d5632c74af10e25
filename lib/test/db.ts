import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDb, type DbHandle, type Engine } from "@/db/client";
import { migrateDb } from "@/db/migrate";

/**
 * The engines integration tests run on: PGlite always, and a real PostgreSQL server as well when
 * TEST_DATABASE_URL is set (CI sets it). Use with `describe.each(TEST_ENGINES)`.
 */
export const TEST_ENGINES: Engine[] = process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

export interface TestDb extends DbHandle {
  /** Closes the connection and, on PostgreSQL, drops the throwaway database. */
  cleanup: () => Promise<void>;
}

function assertLocal(url: string) {
  // Tests create and drop databases: refuse anything that is not on this machine.
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
    throw new Error(`TEST_DATABASE_URL must point at a local server, not ${host}`);
  }
}

/** A fresh, migrated, empty database on the given engine, private to the calling test file. */
export async function createTestDb(engine: Engine): Promise<TestDb> {
  if (engine === "pglite") {
    const handle = openDb({ pgliteDir: "memory://" });
    await migrateDb(handle);
    return { ...handle, cleanup: handle.close };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  assertLocal(adminUrl);
  const name = `renkei_t_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = openDb({ url: url.toString(), max: 5 });
  try {
    await migrateDb(handle);
  } catch (error) {
    await handle.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
    throw error;
  }
  return {
    ...handle,
    cleanup: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
