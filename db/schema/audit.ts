import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * 監査ログ — append-only. A trigger (migration 0001) makes the database itself refuse UPDATE and DELETE of
 * these rows on both engines. Every mutation writes one row in the same transaction; so does every read of
 * confidential content (action = 'confidential.read').
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid(),
    actorOrgId: uuid(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text(),
    before: jsonb(),
    after: jsonb(),
    meta: jsonb(),
  },
  (t) => [index().on(t.entityType, t.entityId, t.at), index().on(t.actorUserId, t.at), index().on(t.actorOrgId, t.at), index().on(t.at)],
);
export type AuditRow = typeof auditLog.$inferSelect;
