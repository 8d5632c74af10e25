import { and, asc, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Queryable } from "@/db/client";
import { auditLog, organizations, users } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/can";
import { isCalendarDate } from "@/lib/validation/form-fields";
import { isUuid } from "@/lib/pagination";

/**
 * The audit view (監査ログ): who did what, from which organization, when, to which record, and what changed.
 *
 * Who reads which rows — the rule lives here, as auditScope():
 *   - a manager (audit:read) reads the rows written by their own organization's people;
 *   - an administrator reads every row, but sees the changed *values* only of what administrators manage
 *     (users, organizations, party kinds); for case, company and referral rows they see which fields changed,
 *     never their content — administrators get no case content (DOMAIN.md), and the audit log must not become
 *     a back door to it;
 *   - nobody else reads any.
 * Whatever the viewer, a row of a confidential read (`confidential.read`) says who read which case and which
 * notes by id; the notes' text is never written to the log in the first place.
 */

export const AUDIT_PAGE_SIZE = 50;
/** An export holds at most this many rows (the newest first); it says so when it was cut. */
export const MAX_AUDIT_EXPORT_ROWS = 10_000;

/** Entity types whose before/after an administrator may read: the things administrators manage. */
const ADMIN_VISIBLE_ENTITY_TYPES: ReadonlySet<string> = new Set(["user", "organization", "party_kind", "audit_log"]);

/** Never shown, whoever asks, should a future action put one of these into before/after by mistake. */
const SECRET_FIELD = /password|hash|secret|token/i;

/** Bookkeeping fields left out of the list of changes (the export keeps the full records). */
const BOOKKEEPING_FIELDS: ReadonlySet<string> = new Set(["version", "updatedAt", "createdAt"]);

export function auditScope(actor: Actor): SQL {
  if (!can(actor, "audit:read")) return sql`false`;
  if (actor.role === "admin") return sql`true`;
  return eq(auditLog.actorOrgId, actor.orgId);
}

export interface AuditFilters {
  userId?: string;
  entityType?: string;
  entityId?: string;
  /** Japanese calendar days, inclusive: YYYY-MM-DD. */
  from?: string;
  to?: string;
}

/** Reads the filters from the URL leniently: a malformed value is ignored, never an error. */
export function parseAuditFilters(source: URLSearchParams | Record<string, string | string[] | undefined>): AuditFilters {
  const one = (name: string) => {
    const raw = source instanceof URLSearchParams ? source.get(name) : [source[name]].flat()[0];
    return raw?.trim() || undefined;
  };
  const filters: AuditFilters = {};
  const userId = one("user");
  if (isUuid(userId)) filters.userId = userId;
  const entityType = one("entityType");
  if (entityType && /^[a-z_]{1,40}$/.test(entityType)) filters.entityType = entityType;
  const entityId = one("entityId");
  if (entityId && entityId.length <= 100 && !entityId.includes("\u0000")) filters.entityId = entityId;
  const from = one("from");
  if (from && isCalendarDate(from)) filters.from = from;
  const to = one("to");
  if (to && isCalendarDate(to)) filters.to = to;
  return filters;
}

/** The filters back as URL parameters (for the pager and the export links). */
export function auditFilterParams(filters: AuditFilters): Record<string, string> {
  const out: Record<string, string> = {};
  if (filters.userId) out.user = filters.userId;
  if (filters.entityType) out.entityType = filters.entityType;
  if (filters.entityId) out.entityId = filters.entityId;
  if (filters.from) out.from = filters.from;
  if (filters.to) out.to = filters.to;
  return out;
}

/** Midnight at the start of a Japanese calendar day, as an instant. */
function startOfJstDay(day: string): Date {
  return new Date(`${day}T00:00:00+09:00`);
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

function filterConditions(filters: AuditFilters): (SQL | undefined)[] {
  return [
    filters.userId ? eq(auditLog.actorUserId, filters.userId) : undefined,
    filters.entityType ? eq(auditLog.entityType, filters.entityType) : undefined,
    filters.entityId ? eq(auditLog.entityId, filters.entityId) : undefined,
    filters.from ? gte(auditLog.at, startOfJstDay(filters.from)) : undefined,
    filters.to ? lt(auditLog.at, startOfJstDay(nextDay(filters.to))) : undefined,
  ];
}

export interface AuditChange {
  field: string;
  /** Absent when the viewer may not see values (an administrator on case content). */
  before?: unknown;
  after?: unknown;
}

export interface AuditItem {
  id: number;
  at: Date;
  actor: { id: string; name: string; email: string } | null;
  organization: { id: string; name: string } | null;
  action: string;
  entityType: string;
  entityId: string | null;
  /** The fields that changed; for a creation every field, for a read none. */
  changes: AuditChange[];
  /** True when the values of this row are withheld from the viewer (only the field names are shown). */
  valuesHidden: boolean;
  meta: Record<string, unknown> | null;
  /** The full before/after as the viewer may see them (null when hidden), for the export. */
  before: unknown;
  after: unknown;
}

export interface AuditPage {
  items: AuditItem[];
  /** The id to continue after (keyset: newest first, by the row id, which only grows), or null at the end. */
  nextCursor: string | null;
}

const actorUsers = alias(users, "audit_actor_users");
const actorOrgs = alias(organizations, "audit_actor_orgs");

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function withoutSecrets(value: unknown): unknown {
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !SECRET_FIELD.test(key)).map(([k, v]) => [k, withoutSecrets(v)]));
}

/** What changed between two stored records, field by field; for a creation or a removal, every field. */
export function diffAuditRecords(before: unknown, after: unknown): { field: string; before: unknown; after: unknown }[] {
  if (before === null && after === null) return [];
  if (!isRecord(before) && !isRecord(after)) {
    return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ field: "value", before, after }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields
    // A field absent on one side and null on the other did not change.
    .filter((field) => !BOOKKEEPING_FIELDS.has(field) && JSON.stringify(b[field] ?? null) !== JSON.stringify(a[field] ?? null))
    .map((field) => ({ field, before: b[field] ?? null, after: a[field] ?? null }));
}

/** Only ids and counts of a hidden row's meta: which records it touched, not what they say. */
function idsAndCountsOf(meta: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(meta).filter(
      ([key, value]) =>
        typeof value === "number" ||
        typeof value === "boolean" ||
        (/Ids?$/.test(key) && (typeof value === "string" || (Array.isArray(value) && value.every((v) => typeof v === "string")))),
    ),
  );
}

/** One stored row as this viewer may see it. */
export function presentAuditRow(
  viewer: Pick<Actor, "role">,
  row: { entityType: string; before: unknown; after: unknown; meta: unknown },
): Pick<AuditItem, "changes" | "valuesHidden" | "meta" | "before" | "after"> {
  const before = withoutSecrets(row.before);
  const after = withoutSecrets(row.after);
  const meta = isRecord(row.meta) ? (withoutSecrets(row.meta) as Record<string, unknown>) : null;
  const valuesHidden = viewer.role === "admin" && !ADMIN_VISIBLE_ENTITY_TYPES.has(row.entityType);
  const diff = diffAuditRecords(before ?? null, after ?? null);
  if (!valuesHidden) return { changes: diff, valuesHidden, meta, before, after };
  return {
    changes: diff.map(({ field }) => ({ field })),
    valuesHidden,
    meta: meta ? idsAndCountsOf(meta) : null,
    before: null,
    after: null,
  };
}

function parseCursor(cursor: string | undefined): number | null {
  if (!cursor || !/^[1-9][0-9]{0,15}$/.test(cursor)) return null;
  return Number(cursor);
}

/**
 * A page of the audit log, newest first, as the viewer may see it. Keyset pagination by the row id (a
 * bigserial, so it follows the order of writing): the cursor is the last id shown, and a tampered cursor is
 * only a position — the scope still decides what is listed.
 */
export async function findAuditRowsForActor(
  db: Queryable,
  actor: Actor,
  options: AuditFilters & { cursor?: string; limit?: number } = {},
): Promise<AuditPage> {
  const limit = Math.min(Math.max(options.limit ?? AUDIT_PAGE_SIZE, 1), 1000);
  const after = parseCursor(options.cursor);
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorUserId: auditLog.actorUserId,
      actorName: actorUsers.name,
      actorEmail: actorUsers.email,
      actorOrgId: auditLog.actorOrgId,
      actorOrgName: actorOrgs.nameJa,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      meta: auditLog.meta,
    })
    .from(auditLog)
    .leftJoin(actorUsers, eq(actorUsers.id, auditLog.actorUserId))
    .leftJoin(actorOrgs, eq(actorOrgs.id, auditLog.actorOrgId))
    .where(and(auditScope(actor), ...filterConditions(options), after === null ? undefined : lt(auditLog.id, after)))
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);

  const page = rows.slice(0, limit);
  return {
    items: page.map((row) => ({
      id: Number(row.id),
      at: row.at,
      actor: row.actorUserId ? { id: row.actorUserId, name: row.actorName ?? "", email: row.actorEmail ?? "" } : null,
      organization: row.actorOrgId ? { id: row.actorOrgId, name: row.actorOrgName ?? "" } : null,
      action: row.action,
      entityType: row.entityType,
      entityId: row.entityId,
      ...presentAuditRow(actor, row),
    })),
    nextCursor: rows.length > limit ? String(page.at(-1)!.id) : null,
  };
}

/** Every row the filters match, newest first, up to MAX_AUDIT_EXPORT_ROWS, for the export. */
export async function collectAuditRowsForExport(
  db: Queryable,
  actor: Actor,
  filters: AuditFilters,
): Promise<{ items: AuditItem[]; truncated: boolean }> {
  const items: AuditItem[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await findAuditRowsForActor(db, actor, { ...filters, cursor, limit: 1000 });
    items.push(...page.items);
    if (items.length >= MAX_AUDIT_EXPORT_ROWS) return { items: items.slice(0, MAX_AUDIT_EXPORT_ROWS), truncated: items.length > MAX_AUDIT_EXPORT_ROWS || page.nextCursor !== null };
    if (!page.nextCursor) return { items, truncated: false };
    cursor = page.nextCursor;
  }
}

export interface AuditFilterOptions {
  users: { id: string; name: string; organizationName: string }[];
  entityTypes: string[];
}

/** What the filter form offers: the people whose rows the viewer may read, and the kinds of record logged. */
export async function listAuditFilterOptions(db: Queryable, actor: Actor): Promise<AuditFilterOptions> {
  if (!can(actor, "audit:read")) return { users: [], entityTypes: [] };
  const [people, types] = await Promise.all([
    db
      .select({ id: users.id, name: users.name, organizationName: organizations.nameJa })
      .from(users)
      .innerJoin(organizations, eq(organizations.id, users.organizationId))
      .where(actor.role === "admin" ? undefined : eq(users.organizationId, actor.orgId))
      .orderBy(asc(organizations.nameJa), asc(users.nameKana), asc(users.name))
      .limit(1000),
    db.selectDistinct({ entityType: auditLog.entityType }).from(auditLog).where(auditScope(actor)).orderBy(asc(auditLog.entityType)),
  ]);
  return { users: people, entityTypes: types.map((t) => t.entityType) };
}
