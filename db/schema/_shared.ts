import { sql, type SQL } from "drizzle-orm";
import { integer, timestamp, type AnyPgColumn } from "drizzle-orm/pg-core";

/** created_at / updated_at, in UTC; the UI renders them in JST. */
export const timestamps = {
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
};

/** Optimistic concurrency: every edit sends the version it read and bumps it; a stale version is refused. */
export const version = { version: integer().notNull().default(1) };

/**
 * A record code's series and number: R8-0012 is series "R8", number 12; RF-R8-0001 is "RF-R8", 1. The next code
 * of a series is its highest number plus one, read from an index on (series, number) — one entry, however many
 * codes the year holds. The index and the query use these same expressions, so that the planner can match them.
 */
export const codeSeries = (code: AnyPgColumn): SQL => sql`(substring(${code} from '^(.*)-[0-9]+$'))`;
export const codeNumber = (code: AnyPgColumn): SQL => sql`((substring(${code} from '-([0-9]+)$'))::int)`;
