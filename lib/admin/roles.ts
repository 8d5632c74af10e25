import type { UserRole } from "@/db/schema";

/**
 * The roles in the order the admin forms offer them. A plain list (not the pgEnum) so that client components
 * can import it without the database schema; lib/admin/admin-actions.test.ts checks it against the enum.
 */
export const USER_ROLES = ["coordinator", "manager", "producer", "admin"] as const satisfies readonly UserRole[];

/** The roles a user of this organization may hold: administrators only in the system organization. */
export function rolesForOrganization(isSystem: boolean): UserRole[] {
  return USER_ROLES.filter((role) => (isSystem ? role === "admin" : role !== "admin"));
}
