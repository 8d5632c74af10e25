import { and, count, eq, ne, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { organizations, users, type User, type UserRole } from "@/db/schema";
import { ConflictError, DomainValidationError, NotFoundError } from "@/lib/authz/errors";

/**
 * Shared rules of the user administration actions. Administrators belong to the system organization and
 * only they do: the system organization has no party, so a coordinator there would see nothing, and an
 * administrator inside a party's organization would mix user administration with case work.
 */

/** A user as the audit log records it: never the password hash, the lockout counters or anything secret. */
export function auditViewOfUser(user: User) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    nameKana: user.nameKana,
    organizationId: user.organizationId,
    role: user.role,
    isActive: user.isActive,
    version: user.version,
  };
}

/** The user to change, locked for the rest of the transaction. */
export async function loadUserForUpdate(tx: Tx, userId: string): Promise<User> {
  const [user] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
  if (!user) throw new NotFoundError("user");
  return user;
}

/** A stale form (someone changed the user meanwhile) is refused with the user as it is now. */
export function assertUserVersion(user: User, version: number): void {
  if (user.version !== version) {
    throw new ConflictError("errors.conflict", { role: user.role, isActive: user.isActive, version: user.version, updatedAt: user.updatedAt });
  }
}

/** The organization a user is placed in: it must exist and be active, and its kind must fit the role. */
export async function assertOrganizationFitsRole(tx: Tx, organizationId: string, role: UserRole, field = "organizationId"): Promise<void> {
  const [org] = await tx
    .select({ isSystem: organizations.isSystem, isActive: organizations.isActive })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (!org || !org.isActive) throw new DomainValidationError({ [field]: ["admin.validation.organizationInactive"] });
  if (org.isSystem !== (role === "admin")) {
    throw new DomainValidationError({ role: [role === "admin" ? "admin.validation.adminOutsideSystem" : "admin.validation.systemOnlyAdmins"] });
  }
}

/**
 * Refuses a change that would leave no active administrator: nobody could then manage users at all. Counted
 * under a lock on the administrators' rows, so that two administrators demoting each other at once cannot
 * both succeed.
 */
export async function assertAnotherActiveAdmin(tx: Tx, exceptUserId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('renkei.users.admins'))`);
  const [row] = await tx
    .select({ n: count() })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(eq(users.role, "admin"), eq(users.isActive, true), eq(organizations.isActive, true), ne(users.id, exceptUserId)));
  if (Number(row?.n ?? 0) === 0) throw new DomainValidationError({ _form: ["admin.validation.lastAdmin"] });
}
