import { and, eq, sql } from "drizzle-orm";
import { users } from "@/db/schema";
import { defineAction } from "@/lib/authz/action";
import { DomainValidationError } from "@/lib/authz/errors";
import { setUserActiveSchema } from "./schema";
import { assertAnotherActiveAdmin, assertOrganizationFitsRole, assertUserVersion, auditViewOfUser, loadUserForUpdate } from "./users";

/**
 * 無効化 / 再有効化. A deactivated user keeps their history (cases they led, referrals they sent, audit rows)
 * but can no longer sign in, and is signed out on their next request: the session carries only the user id,
 * and every page, action and API call re-reads the user (loadActor requires is_active). Nobody deactivates
 * themselves, and the last active administrator stays.
 */
export const setUserActive = defineAction({
  name: "user.set_active",
  permission: "user:manage",
  schema: setUserActiveSchema,
  handler: async ({ actor, tx, input, audit, declareUnchanged }) => {
    const before = await loadUserForUpdate(tx, input.userId);
    assertUserVersion(before, input.version);
    if (before.isActive === input.active) {
      declareUnchanged();
      return { id: before.id, isActive: before.isActive, version: before.version };
    }
    if (!input.active) {
      if (before.id === actor.userId) throw new DomainValidationError({ _form: ["admin.validation.notYourself"] });
      if (before.role === "admin") await assertAnotherActiveAdmin(tx, before.id);
    } else {
      // Coming back into an organization that has since been deactivated (or reshaped) would sign in nobody.
      await assertOrganizationFitsRole(tx, before.organizationId, before.role);
    }

    const [after] = await tx
      .update(users)
      .set({ isActive: input.active, version: sql`${users.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(users.id, before.id), eq(users.version, before.version)))
      .returning();
    await audit({
      action: input.active ? "user.reactivate" : "user.deactivate",
      entityType: "user",
      entityId: before.id,
      before: auditViewOfUser(before),
      after: auditViewOfUser(after!),
    });
    return { id: after!.id, isActive: after!.isActive, version: after!.version };
  },
});
