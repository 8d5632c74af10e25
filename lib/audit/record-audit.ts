import type { Queryable } from "@/db/client";
import { auditLog } from "@/db/schema";

export interface AuditEntry {
  /** verb-like name: `case.update`, `referral.accept`, `confidential.read`, `auth.sign_in_failed`… */
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  meta?: Record<string, unknown>;
}

export interface AuditActor {
  userId: string | null;
  orgId: string | null;
}

/** Appends one audit row. Call it inside the mutation's transaction so that both land or neither does. */
export async function recordAudit(db: Queryable, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorUserId: actor.userId,
    actorOrgId: actor.orgId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    before: toJson(entry.before),
    after: toJson(entry.after),
    meta: entry.meta ?? null,
  });
}

function toJson(value: unknown): unknown {
  if (value === undefined) return null;
  // Dates and other non-JSON values become their JSON form, as they would in an API response.
  return JSON.parse(JSON.stringify(value));
}
