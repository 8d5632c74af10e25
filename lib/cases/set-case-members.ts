import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { caseMembers, cases, organizations, users } from "@/db/schema";
import { defineAction } from "@/lib/authz/action";
import { ConflictError, DomainValidationError } from "@/lib/authz/errors";
import { findUnavailableUserIds, loadCaseForEdit } from "./case-access";
import { setCaseMembersSchema } from "./schema";

async function memberIdsOf(tx: Tx, caseId: string): Promise<string[]> {
  const rows = await tx
    .select({ userId: caseMembers.userId })
    .from(caseMembers)
    .where(eq(caseMembers.caseId, caseId))
    .orderBy(asc(caseMembers.userId));
  return rows.map((r) => r.userId);
}

/** The members as a person reads them: whoever saved first may have added someone the form does not list. */
async function memberNamesOf(tx: Tx, caseId: string): Promise<{ id: string; name: string; orgName: string }[]> {
  return tx
    .select({ id: users.id, name: users.name, orgName: organizations.nameJa })
    .from(caseMembers)
    .innerJoin(users, eq(users.id, caseMembers.userId))
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(caseMembers.caseId, caseId))
    .orderBy(asc(users.name), asc(users.id));
}

/**
 * 担当者・メンバーの設定. Membership decides who reads the confidential notes, so it is versioned with the
 * case: two people editing the list at once cannot silently undo each other. The lead is always a member.
 * Someone already on the case stays even if since deactivated; only newcomers must be able to take part.
 */
export const setCaseMembers = defineAction({
  name: "case.set_members",
  permission: "case:update",
  schema: setCaseMembersSchema,
  handler: async ({ actor, tx, input, audit }) => {
    const before = await loadCaseForEdit(tx, actor, input.caseId);
    const beforeMembers = await memberIdsOf(tx, before.id);
    const beforeView = { leadUserId: before.leadUserId, memberIds: beforeMembers, version: before.version, updatedAt: before.updatedAt };
    // A stale list is refused with the list as stored, named, so that the form can show what changed and
    // start again from it. Only someone who may edit the case gets here (loadCaseForEdit), and the case page
    // shows them its members anyway.
    const conflict = async () => new ConflictError("errors.conflict", { ...beforeView, members: await memberNamesOf(tx, before.id) });
    if (before.version !== input.version) throw await conflict();

    const memberIds = [...new Set([input.leadUserId, ...input.memberIds])].sort();
    const newcomers = memberIds.filter((id) => !beforeMembers.includes(id));
    const unavailable = await findUnavailableUserIds(tx, newcomers);
    if (unavailable.length > 0) {
      throw new DomainValidationError(
        unavailable.includes(input.leadUserId) ? { leadUserId: ["validation.user.unavailable"] } : { memberIds: ["validation.user.unavailable"] },
      );
    }

    const [after] = await tx
      .update(cases)
      .set({ leadUserId: input.leadUserId, version: sql`${cases.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(cases.id, before.id), eq(cases.version, input.version)))
      .returning();
    if (!after) throw await conflict();

    const removed = beforeMembers.filter((id) => !memberIds.includes(id));
    if (removed.length > 0) {
      await tx.delete(caseMembers).where(and(eq(caseMembers.caseId, before.id), inArray(caseMembers.userId, removed)));
    }
    if (newcomers.length > 0) {
      await tx.insert(caseMembers).values(newcomers.map((userId) => ({ caseId: before.id, userId })));
    }

    await audit({
      action: "case.set_members",
      entityType: "case",
      entityId: before.id,
      before: beforeView,
      after: { leadUserId: after.leadUserId, memberIds, version: after.version, updatedAt: after.updatedAt },
      meta: { added: newcomers, removed },
    });
    return { id: after.id, version: after.version, memberIds };
  },
});
