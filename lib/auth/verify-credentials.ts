import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organizations, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { dummyPasswordHash, verifyPassword } from "./password";

export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MINUTES = 15;

export type CredentialsCheck =
  | { ok: true; userId: string; name: string; email: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; lockedUntil: Date };

/**
 * Checks an e-mail and password. After MAX_FAILED_SIGN_INS failures in a row the account is locked for
 * LOCK_MINUTES; while locked even the right password is refused. Every outcome is audited.
 */
export async function verifyCredentials(db: Db, email: string, password: string, now = new Date()): Promise<CredentialsCheck> {
  const normalizedEmail = email.trim().toLowerCase();
  const [user] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      passwordHash: users.passwordHash,
      isActive: users.isActive,
      orgActive: organizations.isActive,
      organizationId: users.organizationId,
      failedSignInCount: users.failedSignInCount,
      lockedUntil: users.lockedUntil,
    })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(sql`lower(${users.email})`, normalizedEmail))
    .limit(1);

  if (!user || !user.passwordHash) {
    await verifyPassword(await dummyPasswordHash(), password);
    return { ok: false, reason: "invalid" };
  }
  const actor = { userId: user.id, orgId: user.organizationId };

  if (user.lockedUntil && user.lockedUntil > now) {
    await recordAudit(db, actor, { action: "auth.sign_in_refused_locked", entityType: "user", entityId: user.id });
    return { ok: false, reason: "locked", lockedUntil: user.lockedUntil };
  }

  const passwordOk = await verifyPassword(user.passwordHash, password);
  if (!passwordOk || !user.isActive || !user.orgActive) {
    return db.transaction(async (tx) => {
      // Counted in the database (not read-modify-write) so that parallel attempts cannot undercount.
      const [updated] = await tx
        .update(users)
        .set({ failedSignInCount: sql`${users.failedSignInCount} + 1` })
        .where(eq(users.id, user.id))
        .returning({ failed: users.failedSignInCount });
      const failed = updated?.failed ?? MAX_FAILED_SIGN_INS;
      if (failed >= MAX_FAILED_SIGN_INS) {
        const lockedUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000);
        await tx.update(users).set({ lockedUntil, failedSignInCount: 0 }).where(eq(users.id, user.id));
        await recordAudit(tx, actor, {
          action: "auth.locked",
          entityType: "user",
          entityId: user.id,
          after: { lockedUntil },
        });
        return { ok: false as const, reason: "locked" as const, lockedUntil };
      }
      await recordAudit(tx, actor, { action: "auth.sign_in_failed", entityType: "user", entityId: user.id, after: { failed } });
      return { ok: false as const, reason: "invalid" as const };
    });
  }

  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ failedSignInCount: 0, lockedUntil: null, lastSignInAt: now })
      .where(eq(users.id, user.id));
    await recordAudit(tx, actor, { action: "auth.sign_in", entityType: "user", entityId: user.id });
  });
  return { ok: true, userId: user.id, name: user.name, email: user.email };
}
