import { and, asc, count, eq, gt, ilike, or, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { organizations, partyKinds, prefectures, regionalBlocks, userRole, users, type UserRole } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/can";
import { afterCursor, clampLimit, decodeCursor, MAX_PAGE_SIZE, toPage, withTotal, type CountedPage } from "@/lib/pagination";

/**
 * What the administration screens read: users, organizations and party kinds — never case, company or
 * referral content (administrators hold none of those permissions). Each function checks the permission
 * itself and returns nothing to an actor without it, whatever page calls it.
 */

/** Rows per page of the users and organizations lists (a national network has some 1,600 users in 600 organizations). */
export const ADMIN_PAGE_SIZE = 50;

export interface AdminPageOptions {
  cursor?: string;
  limit?: number;
}

/**
 * The organizations list's order as one text key for the keyset cursor: the system organization first, then by
 * party kind, regional block and prefecture (each in its reference order, missing ones last) and name.
 * Numbers are zero-padded so that text compares like the numbers; chr(1) separates the parts.
 */
const organizationSortKey = sql<string>`concat_ws(chr(1),
  case when ${organizations.isSystem} then '0' else '1' end,
  lpad(coalesce(${partyKinds.sortOrder}, 999999)::text, 6, '0'),
  lpad(coalesce(${regionalBlocks.sortOrder}, 999999)::text, 6, '0'),
  lpad(coalesce(${organizations.prefectureCode}, 99)::text, 2, '0'),
  ${organizations.nameJa})`;

/** The users list's order as one text key: the system organization's people first, then by organization and name. */
const userSortKey = sql<string>`concat_ws(chr(1),
  case when ${organizations.isSystem} then '0' else '1' end,
  ${organizations.nameJa},
  coalesce(${users.nameKana}, ''),
  ${users.name})`;

export interface AdminOrganizationItem {
  id: string;
  nameJa: string;
  nameEn: string | null;
  partyKindKey: string | null;
  partyNameJa: string | null;
  partyNameEn: string | null;
  blockCode: string | null;
  blockNameJa: string | null;
  blockNameEn: string | null;
  prefectureCode: number | null;
  prefectureNameJa: string | null;
  prefectureNameEn: string | null;
  isSystem: boolean;
  isActive: boolean;
  version: number;
  activeUsers: number;
  users: number;
}

/** The organizations, a keyset page at a time with their total, for the organizations screen. */
export async function listOrganizationsForAdmin(db: Queryable, actor: Actor, options: AdminPageOptions = {}): Promise<CountedPage<AdminOrganizationItem>> {
  if (!can(actor, "organization:manage")) return { items: [], nextCursor: null, total: 0 };
  const limit = Math.min(clampLimit(options.limit ?? ADMIN_PAGE_SIZE), MAX_PAGE_SIZE);
  const cursor = options.cursor ? decodeCursor(options.cursor, "text") : null;
  const rows = await db
    .select({
      id: organizations.id,
      nameJa: organizations.nameJa,
      nameEn: organizations.nameEn,
      partyKindKey: organizations.partyKindKey,
      partyNameJa: partyKinds.nameJa,
      partyNameEn: partyKinds.nameEn,
      blockCode: organizations.blockCode,
      blockNameJa: regionalBlocks.nameJa,
      blockNameEn: regionalBlocks.nameEn,
      prefectureCode: organizations.prefectureCode,
      prefectureNameJa: prefectures.nameJa,
      prefectureNameEn: prefectures.nameEn,
      isSystem: organizations.isSystem,
      isActive: organizations.isActive,
      version: organizations.version,
      activeUsers: sql<number>`(select count(*) from ${users} where ${users.organizationId} = ${organizations.id} and ${users.isActive})`.mapWith(Number),
      users: sql<number>`(select count(*) from ${users} where ${users.organizationId} = ${organizations.id})`.mapWith(Number),
      sortKey: organizationSortKey,
    })
    .from(organizations)
    .leftJoin(partyKinds, eq(partyKinds.key, organizations.partyKindKey))
    .leftJoin(regionalBlocks, eq(regionalBlocks.code, organizations.blockCode))
    .leftJoin(prefectures, eq(prefectures.code, organizations.prefectureCode))
    .where(cursor ? afterCursor(cursor, { sort: organizationSortKey, id: organizations.id, kind: "text", order: "asc" }) : undefined)
    .orderBy(asc(organizationSortKey), asc(organizations.id))
    .limit(limit + 1);
  const page = toPage(rows, limit, (r) => ({ key: r.sortKey, id: r.id }), ({ sortKey: _key, ...item }) => item);
  return withTotal(page, !cursor, async () => {
    const [row] = await db.select({ total: count() }).from(organizations);
    return row?.total ?? 0;
  });
}

export interface AdminOrganizationOption {
  id: string;
  nameJa: string;
  isSystem: boolean;
  isActive: boolean;
}

/**
 * Every organization as a choice (the users screen's filter and the invite dialog place a user in one): names
 * only, in the list's order. As long as the network has organizations — some 600 nationally — which a select
 * needs in full; the rows of the lists themselves are paged.
 */
export async function listOrganizationOptionsForAdmin(db: Queryable, actor: Actor): Promise<AdminOrganizationOption[]> {
  if (!can(actor, "user:manage")) return [];
  return db
    .select({ id: organizations.id, nameJa: organizations.nameJa, isSystem: organizations.isSystem, isActive: organizations.isActive })
    .from(organizations)
    .leftJoin(partyKinds, eq(partyKinds.key, organizations.partyKindKey))
    .leftJoin(regionalBlocks, eq(regionalBlocks.code, organizations.blockCode))
    .orderBy(asc(organizationSortKey), asc(organizations.id));
}

export type UserStatusFilter = "active" | "inactive" | "locked";

export interface AdminUserFilters {
  q?: string;
  organizationId?: string;
  role?: UserRole;
  status?: UserStatusFilter;
}

export interface AdminUserItem {
  id: string;
  email: string;
  name: string;
  nameKana: string | null;
  role: UserRole;
  isActive: boolean;
  lockedUntil: Date | null;
  lastSignInAt: Date | null;
  version: number;
  organization: { id: string; nameJa: string; partyKindKey: string | null; isActive: boolean };
}

/** Reads the users list's filters from the URL leniently: anything unknown is ignored. */
export function parseAdminUserFilters(source: Record<string, string | string[] | undefined>): AdminUserFilters {
  const one = (name: string) => [source[name]].flat()[0]?.trim() || undefined;
  const filters: AdminUserFilters = {};
  const q = one("q");
  if (q) filters.q = q.slice(0, 100);
  const org = one("org");
  if (org && /^[0-9a-f-]{36}$/i.test(org)) filters.organizationId = org;
  const role = one("role");
  if (role && (userRole.enumValues as readonly string[]).includes(role)) filters.role = role as UserRole;
  const status = one("status");
  if (status === "active" || status === "inactive" || status === "locked") filters.status = status;
  return filters;
}

/** The users matching the filters, a keyset page at a time with their total. */
export async function listUsersForAdmin(
  db: Queryable,
  actor: Actor,
  filters: AdminUserFilters = {},
  now: Date = new Date(),
  options: AdminPageOptions = {},
): Promise<CountedPage<AdminUserItem>> {
  if (!can(actor, "user:manage")) return { items: [], nextCursor: null, total: 0 };
  const limit = Math.min(clampLimit(options.limit ?? ADMIN_PAGE_SIZE), MAX_PAGE_SIZE);
  const cursor = options.cursor ? decodeCursor(options.cursor, "text") : null;
  const conditions: (SQL | undefined)[] = [];
  if (filters.q) {
    // Escaped: % and _ typed into the search box are characters, not patterns.
    const pattern = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(users.name, pattern), ilike(users.email, pattern), ilike(users.nameKana, pattern)));
  }
  if (filters.organizationId) conditions.push(eq(users.organizationId, filters.organizationId));
  if (filters.role) conditions.push(eq(users.role, filters.role));
  if (filters.status === "active") conditions.push(eq(users.isActive, true));
  if (filters.status === "inactive") conditions.push(eq(users.isActive, false));
  if (filters.status === "locked") conditions.push(gt(users.lockedUntil, now));
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      nameKana: users.nameKana,
      role: users.role,
      isActive: users.isActive,
      lockedUntil: users.lockedUntil,
      lastSignInAt: users.lastSignInAt,
      version: users.version,
      organization: {
        id: organizations.id,
        nameJa: organizations.nameJa,
        partyKindKey: organizations.partyKindKey,
        isActive: organizations.isActive,
      },
      sortKey: userSortKey,
    })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(...conditions, cursor ? afterCursor(cursor, { sort: userSortKey, id: users.id, kind: "text", order: "asc" }) : undefined))
    .orderBy(asc(userSortKey), asc(users.id))
    .limit(limit + 1);
  const page = toPage(rows, limit, (r) => ({ key: r.sortKey, id: r.id }), ({ sortKey: _key, ...item }) => item);
  return withTotal(page, !cursor, async () => {
    const [row] = await db
      .select({ total: count() })
      .from(users)
      .innerJoin(organizations, eq(organizations.id, users.organizationId))
      .where(and(...conditions));
    return row?.total ?? 0;
  });
}

export interface AdminPartyKindItem {
  key: string;
  nameJa: string;
  nameEn: string;
  sortOrder: number;
  isActive: boolean;
  organizations: number;
}

/** Every party kind (the four founding parties and any added later), with how many organizations each has. */
export async function listPartyKindsForAdmin(db: Queryable, actor: Actor): Promise<AdminPartyKindItem[]> {
  if (!can(actor, "organization:manage") && !can(actor, "user:manage")) return [];
  const rows = await db
    .select({
      key: partyKinds.key,
      nameJa: partyKinds.nameJa,
      nameEn: partyKinds.nameEn,
      sortOrder: partyKinds.sortOrder,
      isActive: partyKinds.isActive,
      organizations: count(organizations.id),
    })
    .from(partyKinds)
    .leftJoin(organizations, eq(organizations.partyKindKey, partyKinds.key))
    .groupBy(partyKinds.key)
    .orderBy(asc(partyKinds.sortOrder), asc(partyKinds.key));
  return rows.map((r) => ({ ...r, organizations: Number(r.organizations) }));
}
