import { boolean, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { organizations } from "./organizations";
import { timestamps, version } from "./_shared";

export const userRole = pgEnum("user_role", ["coordinator", "manager", "producer", "admin"]);
export type UserRole = (typeof userRole.enumValues)[number];

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    name: text().notNull(),
    nameKana: text(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    role: userRole().notNull(),
    passwordHash: text(),
    isActive: boolean().notNull().default(true),
    failedSignInCount: integer().notNull().default(0),
    lockedUntil: timestamp({ withTimezone: true }),
    lastSignInAt: timestamp({ withTimezone: true }),
    locale: text().notNull().default("ja"),
    ...timestamps,
    ...version,
  },
  (t) => [uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`), index().on(t.organizationId)],
);
export type User = typeof users.$inferSelect;
