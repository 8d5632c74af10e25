import { and, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { caseMembers, cases, organizations, users, type Case } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { ForbiddenError, NotFoundError } from "@/lib/authz/errors";
import { caseScope } from "@/lib/authz/scopes";

/**
 * Who may change a case, beyond seeing it: its members (the lead is one), the owner organization's managers,
 * and — for producers — the producer team's members. Seeing a case (caseScope) is wider on purpose: a live
 * referral's receiver or a desk colleague reads the case without being able to rewrite it.
 */
export function mayEditCase(actor: Actor): SQL {
  const conditions: SQL[] = [
    sql`exists (select 1 from ${caseMembers} where ${caseMembers.caseId} = ${cases.id} and ${caseMembers.userId} = ${actor.userId})`,
    eq(cases.leadUserId, actor.userId),
  ];
  if (actor.role === "manager") conditions.push(eq(cases.ownerOrgId, actor.orgId));
  if (actor.role === "producer" && actor.teamIds.length > 0) {
    conditions.push(inArray(cases.producerTeamId, actor.teamIds));
  }
  return sql`(${sql.join(conditions, sql` or `)})`;
}

/**
 * The case to change, locked for the rest of the transaction. Not visible → not found (its existence does not
 * leak); visible but not editable → forbidden.
 */
export async function loadCaseForEdit(tx: Tx, actor: Actor, caseId: string): Promise<Case> {
  const [row] = await tx
    .select({ case: cases, editable: sql<boolean>`${mayEditCase(actor)}` })
    .from(cases)
    .where(and(eq(cases.id, caseId), caseScope(actor)))
    .for("update");
  if (!row) throw new NotFoundError("case");
  if (!row.editable) throw new ForbiddenError("case:update");
  return row.case;
}

/**
 * A case the actor may see, for changes that need visibility only (logging an activity, a confidential note).
 * Share-locked: the stage cannot change under the caller (no activity lands on a case being closed), while
 * other additions to the same case go ahead in parallel.
 */
export async function loadVisibleCase(tx: Tx, actor: Actor, caseId: string): Promise<Case> {
  const [row] = await tx
    .select()
    .from(cases)
    .where(and(eq(cases.id, caseId), caseScope(actor)))
    .for("share");
  if (!row) throw new NotFoundError("case");
  return row;
}

/** Whether the user is a member of the case (the confidential notes are theirs to read and write). */
export async function isCaseMember(tx: Tx, caseId: string, userId: string): Promise<boolean> {
  const [row] = await tx
    .select({ userId: caseMembers.userId })
    .from(caseMembers)
    .where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.userId, userId)));
  return row !== undefined;
}

/**
 * Of the given user ids, those that cannot take part in a case: unknown, deactivated, in a deactivated
 * organization, or administrators (who get no case content, DOMAIN.md).
 */
export async function findUnavailableUserIds(tx: Tx, userIds: readonly string[]): Promise<string[]> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return [];
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(inArray(users.id, unique), eq(users.isActive, true), eq(organizations.isActive, true), ne(users.role, "admin")));
  const available = new Set(rows.map((r) => r.id));
  return unique.filter((id) => !available.has(id));
}
