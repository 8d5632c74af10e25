import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Queryable } from "@/db/client";
import { auditLog, cases, companies, ipRights, organizations, referrals, users } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/can";
import {
  caseScope,
  companyScope,
  confidentialAuditAccessForCase,
  contactAccessForCompany,
  ipRightScope,
  referralScope,
} from "@/lib/authz/scopes";
import { isCalendarDate } from "@/lib/validation/form-fields";
import { isUuid } from "@/lib/pagination";

/**
 * The audit view (監査ログ): who did what, from which organization, when, to which record, and what changed.
 *
 * Who reads which rows — the rule lives here, as auditScope():
 *   - a manager (audit:read) reads the rows written by their own organization's people;
 *   - an administrator reads every row;
 *   - nobody else reads any.
 * Which *values* of a row the viewer sees — withheldReasonsFor():
 *   - an administrator sees the values only of what administrators manage (users, organizations, party
 *     kinds); of case, company and referral rows only which fields changed — administrators get no case
 *     content (DOMAIN.md), and the audit log must not become a back door to it;
 *   - a manager sees the values of a row about a case, company, contact, IP right, consent or referral only
 *     while the normal scopes of lib/authz/scopes.ts let them see that record *now*. An attorney's activity
 *     on another desk's case under a referral stays in the 弁理士会's trail after the referral closes, but
 *     its summary does not stay readable to the 弁理士会's manager; nor does a 経産局 manager read the content of
 *     cases only member staff may open;
 *   - a 秘匿メモ row's values only for the case's members, whoever else may open the case.
 * Whatever the viewer, a row of a confidential read (`confidential.read`) says who read which case and which
 * notes by id; the notes' text is never written to the log in the first place.
 */

export const AUDIT_PAGE_SIZE = 50;
/** An export holds at most this many rows (the newest first); it says so when it was cut. */
export const MAX_AUDIT_EXPORT_ROWS = 10_000;

/** Entity types whose before/after an administrator may read: the things administrators manage. */
const ADMIN_VISIBLE_ENTITY_TYPES: ReadonlySet<string> = new Set(["user", "organization", "party_kind", "audit_log"]);

/**
 * Entity types that are not the content of a case, company or referral: whoever reads the row reads its
 * values (an administrator only those of ADMIN_VISIBLE_ENTITY_TYPES). Any type not listed here and not
 * mapped to its record by contentAnchorOf() is withheld from everyone: a new kind of row starts hidden.
 */
const NON_CONTENT_ENTITY_TYPES: ReadonlySet<string> = new Set([...ADMIN_VISIBLE_ENTITY_TYPES, "kpi_target", "pdca_note", "notification"]);

/** Why a row's values are not shown to the viewer (the view and the export say which, in the viewer's language). */
export type AuditWithheldReason =
  /** An administrator, on case content. */
  | "role"
  /** The record the row is about is outside what the viewer may see now. */
  | "scope"
  /** A 秘匿メモ row, and the viewer is not a member of its case. */
  | "confidential";

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
  /** Absent when the row's values are withheld from the viewer. */
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
  /** Why the values of this row are withheld from the viewer (only the field names are shown), or null. */
  withheld: AuditWithheldReason | null;
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

/** One stored row as this viewer may see it, given whether (and why) its values are withheld. */
export function presentAuditRow(
  row: { before: unknown; after: unknown; meta: unknown },
  withheld: AuditWithheldReason | null,
): Pick<AuditItem, "changes" | "withheld" | "meta" | "before" | "after"> {
  const before = withoutSecrets(row.before);
  const after = withoutSecrets(row.after);
  const meta = isRecord(row.meta) ? (withoutSecrets(row.meta) as Record<string, unknown>) : null;
  const diff = diffAuditRecords(before ?? null, after ?? null);
  if (!withheld) return { changes: diff, withheld, meta, before, after };
  return {
    changes: diff.map(({ field }) => ({ field })),
    withheld,
    meta: meta ? idsAndCountsOf(meta) : null,
    before: null,
    after: null,
  };
}

/** The stored row, as far as deciding who may see its values goes. */
export interface StoredAuditRow {
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  meta: unknown;
}

/** The record whose visibility decides whether a row's values are shown. */
type ContentAnchor =
  | { kind: "case"; id: string }
  | { kind: "confidential"; caseId: string }
  | { kind: "company"; id: string }
  /** A company's people: its contacts, and its consents (which name who gave them). */
  | { kind: "companyPeople"; companyId: string }
  | { kind: "ipRight"; id: string }
  | { kind: "referral"; id: string };

const uuidOrNull = (value: unknown): string | null => (typeof value === "string" && isUuid(value) ? value : null);

/**
 * The record a row's values belong to: null when they are no case content (or there are none), "unknown" when
 * they are but the row does not say of which record — such values are withheld, never guessed at.
 */
export function contentAnchorOf(row: StoredAuditRow): ContentAnchor | null | "unknown" {
  if (NON_CONTENT_ENTITY_TYPES.has(row.entityType)) return null;
  const meta = isRecord(row.meta) ? row.meta : {};
  // A row about no record and without before/after (an export: its filters and row count) shows no record's content.
  if (row.entityId === null && row.before == null && row.after == null) return null;
  const idOf = (field: string) =>
    uuidOrNull(meta[field]) ?? uuidOrNull(isRecord(row.after) ? row.after[field] : null) ?? uuidOrNull(isRecord(row.before) ? row.before[field] : null);
  const entityId = uuidOrNull(row.entityId);
  const anchored = <T,>(id: string | null, anchor: (id: string) => T): T | "unknown" => (id ? anchor(id) : "unknown");
  switch (row.entityType) {
    case "case":
      return anchored(entityId, (id) => ({ kind: "case", id }));
    case "activity":
    case "next_action":
    case "outcome":
      return anchored(idOf("caseId"), (id) => ({ kind: "case", id }));
    case "confidential_note":
      return anchored(idOf("caseId"), (caseId) => ({ kind: "confidential", caseId }));
    case "company":
      return anchored(entityId, (id) => ({ kind: "company", id }));
    case "company_contact":
    case "consent":
      return anchored(idOf("companyId"), (companyId) => ({ kind: "companyPeople", companyId }));
    case "ip_right":
      return anchored(entityId, (id) => ({ kind: "ipRight", id }));
    case "referral":
      return anchored(entityId, (id) => ({ kind: "referral", id }));
    default:
      return "unknown";
  }
}

const anchorId = (anchor: ContentAnchor): string =>
  anchor.kind === "confidential" ? anchor.caseId : anchor.kind === "companyPeople" ? anchor.companyId : anchor.id;

/**
 * Of the given ids of one kind of record, those the viewer may see now, through the same scopes the
 * record's own pages use. One query per kind of record, for a whole page of rows.
 */
async function visibleIdsOf(db: Queryable, actor: Actor, kind: ContentAnchor["kind"], ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  let rows: { id: string }[];
  switch (kind) {
    case "case":
      rows = await db.select({ id: cases.id }).from(cases).where(and(inArray(cases.id, ids), caseScope(actor)));
      break;
    case "confidential":
      rows = await db.select({ id: cases.id }).from(cases).where(and(inArray(cases.id, ids), confidentialAuditAccessForCase(actor, cases.id)));
      break;
    case "company":
      rows = await db.select({ id: companies.id }).from(companies).where(and(inArray(companies.id, ids), companyScope(actor)));
      break;
    case "companyPeople":
      rows = await db
        .select({ id: companies.id })
        .from(companies)
        .where(and(inArray(companies.id, ids), companyScope(actor), contactAccessForCompany(actor, companies.id)));
      break;
    case "ipRight":
      rows = await db
        .select({ id: ipRights.id })
        .from(ipRights)
        .innerJoin(companies, eq(companies.id, ipRights.companyId))
        .where(and(inArray(ipRights.id, ids), ipRightScope(actor), companyScope(actor)));
      break;
    case "referral":
      rows = await db.select({ id: referrals.id }).from(referrals).where(and(inArray(referrals.id, ids), referralScope(actor)));
      break;
  }
  return new Set(rows.map((r) => r.id));
}

/**
 * For each row, why its values are withheld from the viewer, or null when they are shown. The records the
 * rows are about are checked together: at most one query per kind of record for the whole page.
 */
export async function withheldReasonsFor(db: Queryable, actor: Actor, rows: readonly StoredAuditRow[]): Promise<(AuditWithheldReason | null)[]> {
  const anchors = rows.map((row): ContentAnchor | null | AuditWithheldReason => {
    if (actor.role === "admin" && !ADMIN_VISIBLE_ENTITY_TYPES.has(row.entityType)) return "role";
    const anchor = contentAnchorOf(row);
    return anchor === "unknown" ? "scope" : anchor;
  });
  const wanted = new Map<ContentAnchor["kind"], Set<string>>();
  for (const anchor of anchors) {
    if (anchor === null || typeof anchor === "string") continue;
    const ids = wanted.get(anchor.kind) ?? new Set<string>();
    ids.add(anchorId(anchor));
    wanted.set(anchor.kind, ids);
  }
  const visible = new Map(
    await Promise.all([...wanted].map(async ([kind, ids]) => [kind, await visibleIdsOf(db, actor, kind, [...ids])] as const)),
  );
  return anchors.map((anchor) => {
    if (anchor === null || typeof anchor === "string") return anchor;
    if (visible.get(anchor.kind)?.has(anchorId(anchor))) return null;
    return anchor.kind === "confidential" ? "confidential" : "scope";
  });
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
  const withheld = await withheldReasonsFor(db, actor, page);
  return {
    items: page.map((row, index) => ({
      id: Number(row.id),
      at: row.at,
      actor: row.actorUserId ? { id: row.actorUserId, name: row.actorName ?? "", email: row.actorEmail ?? "" } : null,
      organization: row.actorOrgId ? { id: row.actorOrgId, name: row.actorOrgName ?? "" } : null,
      action: row.action,
      entityType: row.entityType,
      entityId: row.entityId,
      ...presentAuditRow(row, withheld[index]!),
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
