import { integer, timestamp } from "drizzle-orm/pg-core";

/** created_at / updated_at, in UTC; the UI renders them in JST. */
export const timestamps = {
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
};

/** Optimistic concurrency: every edit sends the version it read and bumps it; a stale version is refused. */
export const version = { version: integer().notNull().default(1) };
