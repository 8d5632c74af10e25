import { and, eq, sql } from "drizzle-orm";
import { users } from "@/db/schema";
import { defineAction } from "@/lib/authz/action";
import { DomainValidationError } from "@/lib/authz/errors";
import { changeUserRoleSchema } from "./schema";
import { assertAnotherActiveAdmin, assertOrganizationFitsRole, assertUserVersion, auditViewOfUser, loadUserForUpdate } from "./users";

/**
 * 役割の変更 (coordinator, manager, producer; admin only in the system organization). It takes effect on the
 * user's next request, since the role is re-read on every request. An administrator does not change their own
 * role (a slip would lock them out of this screen), and the last active administrator stays one.
 */
export const changeUserRole = defineAction({
  name: "user.change_role",
  permission: "user:manage",
  schema: changeUserRoleSchema,
  handler: async ({ actor, tx, input, audit, declareUnchanged }) => {
    const before = await loadUserForUpdate(tx, input.userId);
    assertUserVersion(before, input.version);
    if (before.role === input.role) {
      declareUnchanged();
      return { id: before.id, role: before.role, version: before.version };
    }
    if (before.id === actor.userId) throw new DomainValidationError({ _form: ["admin.validation.notYourself"] });
    await assertOrganizationFitsRole(tx, before.organizationId, input.role);
    if (before.role === "admin" && before.isActive) await assertAnotherActiveAdmin(tx, before.id);

    const [after] = await tx
      .update(users)
      .set({ role: input.role, version: sql`${users.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(users.id, before.id), eq(users.version, before.version)))
      .returning();
    await audit({
      action: "user.change_role",
      entityType: "user",
      entityId: before.id,
      before: auditViewOfUser(before),
      after: auditViewOfUser(after!),
    });
    return { id: after!.id, role: after!.role, version: after!.version };
  },
});
