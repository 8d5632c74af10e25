import { users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { defineAction } from "@/lib/authz/action";
import { DomainValidationError } from "@/lib/authz/errors";
import { generateInitialPassword } from "./initial-password";
import { inviteUserSchema } from "./schema";
import { assertOrganizationFitsRole, auditViewOfUser } from "./users";

export interface InvitedUser {
  id: string;
  email: string;
  name: string;
  /**
   * Shown to the administrator once, in the result of this action, to hand to the new user (in person, on
   * the phone, in a sealed letter). It is stored nowhere but as its hash, and never written to the audit log.
   */
  initialPassword: string;
}

/**
 * 招待 (invite): creates the account with a one-time initial password. Renkei sends no e-mail, so there is no
 * link to mail; the administrator hands the password over, and can issue a new one if it is lost
 * (./issue-initial-password.ts). docs/decisions/009-user-invitation-and-audit-view.md explains the choice.
 */
export const inviteUser = defineAction({
  name: "user.invite",
  permission: "user:manage",
  schema: inviteUserSchema,
  handler: async ({ tx, input, audit }): Promise<InvitedUser> => {
    await assertOrganizationFitsRole(tx, input.organizationId, input.role);
    const initialPassword = generateInitialPassword();
    const [created] = await tx
      .insert(users)
      .values({
        email: input.email,
        name: input.name,
        nameKana: input.nameKana ?? null,
        organizationId: input.organizationId,
        role: input.role,
        passwordHash: await hashPassword(initialPassword),
      })
      // E-mails are unique without case (users_email_lower_key): a taken one, or a racing twin, inserts nothing.
      .onConflictDoNothing()
      .returning();
    if (!created) throw new DomainValidationError({ email: ["admin.validation.emailTaken"] });

    await audit({ action: "user.invite", entityType: "user", entityId: created.id, after: auditViewOfUser(created) });
    return { id: created.id, email: created.email, name: created.name, initialPassword };
  },
});
