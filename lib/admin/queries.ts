import { and, asc, count, desc, eq, gt, ilike, or, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { organizations, partyKinds, prefectures, regionalBlocks, userRole, users, type UserRole } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/can";

/**
 * What the administration screens read: users, organizations and party kinds — never case, company or
 * referral content (administrators hold none of those permissions). Each function checks the permission
 * itself and returns nothing to an actor without it, whatever page calls it.
 */

/** The users list shows at most this many rows; the filters narrow it (a network has a few hundred users). */
export const ADMIN_LIST_LIMIT = 500;

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

export async function listOrganizationsForAdmin(db: Queryable, actor: Actor): Promise<AdminOrganizationItem[]> {
  // The users screen needs the organizations to place a user in; both permissions read the list.
  if (!can(actor, "organization:manage") && !can(actor, "user:manage")) return [];
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
    })
    .from(organizations)
    .leftJoin(partyKinds, eq(partyKinds.key, organizations.partyKindKey))
    .leftJoin(regionalBlocks, eq(regionalBlocks.code, organizations.blockCode))
    .leftJoin(prefectures, eq(prefectures.code, organizations.prefectureCode))
    .orderBy(desc(organizations.isSystem), asc(partyKinds.sortOrder), asc(regionalBlocks.sortOrder), asc(organizations.prefectureCode), asc(organizations.nameJa));
  return rows;
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

export async function listUsersForAdmin(db: Queryable, actor: Actor, filters: AdminUserFilters = {}, now: Date = new Date()): Promise<AdminUserItem[]> {
  if (!can(actor, "user:manage")) return [];
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
  return db
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
    })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(...conditions))
    .orderBy(desc(organizations.isSystem), asc(organizations.nameJa), asc(users.nameKana), asc(users.name), asc(users.id))
    .limit(ADMIN_LIST_LIMIT);
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
