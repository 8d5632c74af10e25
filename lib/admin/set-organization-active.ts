import { and, eq, sql } from "drizzle-orm";
import { organizations } from "@/db/schema";
import { defineAction } from "@/lib/authz/action";
import { ConflictError, NotFoundError } from "@/lib/authz/errors";
import { auditViewOfOrganization } from "./save-organization";
import { setOrganizationActiveSchema } from "./schema";

/**
 * 組織の無効化 / 再有効化. A deactivated organization keeps its records, drops out of the recipient lists of
 * new referrals, and its users are signed out on their next request (loadActor requires an active
 * organization) — without deactivating each user, so reactivating the organization brings them back as they
 * were. The system organization of the administrators cannot be deactivated.
 */
export const setOrganizationActive = defineAction({
  name: "organization.set_active",
  permission: "organization:manage",
  schema: setOrganizationActiveSchema,
  handler: async ({ tx, input, audit, declareUnchanged }) => {
    const [before] = await tx.select().from(organizations).where(eq(organizations.id, input.organizationId)).for("update");
    if (!before || before.isSystem) throw new NotFoundError("organization");
    if (before.version !== input.version) throw new ConflictError("errors.conflict", auditViewOfOrganization(before));
    if (before.isActive === input.active) {
      declareUnchanged();
      return { id: before.id, isActive: before.isActive, version: before.version };
    }
    const [after] = await tx
      .update(organizations)
      .set({ isActive: input.active, version: sql`${organizations.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(organizations.id, before.id), eq(organizations.version, before.version)))
      .returning();
    await audit({
      action: input.active ? "organization.reactivate" : "organization.deactivate",
      entityType: "organization",
      entityId: before.id,
      before: auditViewOfOrganization(before),
      after: auditViewOfOrganization(after!),
    });
    return { id: after!.id, isActive: after!.isActive, version: after!.version };
  },
});
