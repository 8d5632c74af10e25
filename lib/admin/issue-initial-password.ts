import { and, eq, sql } from "drizzle-orm";
import { users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { defineAction } from "@/lib/authz/action";
import { DomainValidationError } from "@/lib/authz/errors";
import { generateInitialPassword } from "./initial-password";
import { issueInitialPasswordSchema } from "./schema";
import { assertUserVersion, loadUserForUpdate } from "./users";

/**
 * パスワード再発行: a new one-time initial password for a user who lost theirs, shown to the administrator once.
 * It replaces the old password at once and lifts a lockout (the user asked for help; the failed attempts were
 * theirs). The audit row says that it was issued and by whom, never the password.
 */
export const issueInitialPassword = defineAction({
  name: "user.issue_initial_password",
  permission: "user:manage",
  schema: issueInitialPasswordSchema,
  handler: async ({ actor, tx, input, audit }) => {
    const user = await loadUserForUpdate(tx, input.userId);
    assertUserVersion(user, input.version);
    // Their own password an administrator changes by signing in with it, not by reading a new one off a screen.
    if (user.id === actor.userId) throw new DomainValidationError({ _form: ["admin.validation.notYourself"] });

    const initialPassword = generateInitialPassword();
    const [after] = await tx
      .update(users)
      .set({
        passwordHash: await hashPassword(initialPassword),
        failedSignInCount: 0,
        lockedUntil: null,
        version: sql`${users.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(users.id, user.id), eq(users.version, user.version)))
      .returning({ version: users.version });
    await audit({
      action: "user.issue_initial_password",
      entityType: "user",
      entityId: user.id,
      before: { lockedUntil: user.lockedUntil, version: user.version },
      after: { lockedUntil: null, version: after!.version },
    });
    return { id: user.id, email: user.email, name: user.name, initialPassword, version: after!.version };
  },
});
