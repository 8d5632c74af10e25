import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { companies, referralEvents, referrals, users, type Referral, type ReferralStatus } from "@/db/schema";
import { defineAction, type ActionContext } from "@/lib/authz/action";
import type { Actor } from "@/lib/authz/actor";
import { ConflictError, DomainValidationError, ForbiddenError, NotFoundError } from "@/lib/authz/errors";
import type { Permission } from "@/lib/authz/permissions";
import { LIVE_REFERRAL_STATUSES, referralScope } from "@/lib/authz/scopes";
import {
  createNotifications,
  findReferralSideRecipients,
  type NotificationKind,
} from "@/lib/notifications/create-notification";
import {
  acceptReferralInput,
  assignHandlerInput,
  closeLoggedReferralInput,
  completeReferralInput,
  declineReferralInput,
  revokeReferralInput,
  startReferralInput,
  withdrawReferralInput,
  type TransitionInput,
} from "./schema";
import { checkTransition, type ReferralSide, type ReferralTransition } from "./state-machine";

/**
 * The referral lifecycle as actions: 受付 (accept), 辞退 (decline), 対応開始 (start), 完了 (complete), 取下げ
 * (withdraw), 取消 (revoke) and closing a logged referral. Each one:
 *
 * - sees the referral only from its own side: the sending organization is the sender, the receiving one the
 *   receiver, anyone else gets *not found*;
 * - asks the state machine (./state-machine.ts) whether that side may make this move from this state;
 * - writes with `WHERE id = … AND status = <read> AND version = <read>`, so that of two people answering at
 *   once exactly one wins — on PostgreSQL the second UPDATE waits for the first to commit and then matches
 *   nothing — and the other is told who answered (ConflictError `validation.referral.alreadyAnswered`);
 * - is idempotent for the person who made the move: their repeated click (a double submit, a retry after a
 *   timeout) answers ok with no second change, event or audit row. A *colleague* repeating it is told that
 *   it was already done and by whom, because they did not do it and should not believe they did;
 * - records a referral_events row and an audit row (before/after), and notifies the other side.
 */

/** Which permission each transition needs, on top of being on the right side of the referral. */
const TRANSITION_PERMISSIONS: Record<ReferralTransition, Permission> = {
  accept: "referral:respond",
  decline: "referral:respond",
  start: "referral:respond",
  complete: "referral:respond",
  withdraw: "referral:withdraw",
  revoke: "referral:revoke",
  close_logged: "referral:withdraw",
};

/** What the other side is told; a transition without an entry concerns only the side making it. */
const NOTIFY_OTHER_SIDE: Partial<Record<ReferralTransition, NotificationKind>> = {
  accept: "referral.accepted",
  decline: "referral.declined",
  complete: "referral.completed",
  withdraw: "referral.withdrawn",
  revoke: "referral.revoked",
};

const MISSING_FIELD_MESSAGES = {
  declineReason: "validation.referral.declineReasonRequired",
  outcomeFeedback: "validation.referral.outcomeFeedbackRequired",
  withdrawReason: "validation.referral.withdrawReasonRequired",
} as const;

/** The referral as it is now, with who moved it there: what a refused user needs to see. */
export interface ReferralCurrentState extends Record<string, unknown> {
  status: ReferralStatus;
  version: number;
  by: { userId: string; name: string } | null;
  at: string | null;
}

export interface TransitionResult {
  id: string;
  code: string;
  status: ReferralStatus;
  version: number;
  /** False for a repeated move already made by the same person: nothing was written. */
  changed: boolean;
}

/** The referral, and the side the actor is on; not found when the actor's organization is neither. */
async function loadReferralForSide(tx: Tx, actor: Actor, referralId: string): Promise<{ row: Referral; side: ReferralSide }> {
  const [row] = await tx
    .select()
    .from(referrals)
    .where(and(eq(referrals.id, referralId), referralScope(actor)));
  if (!row) throw new NotFoundError("referral");
  if (row.fromOrgId === actor.orgId) return { row, side: "sender" };
  if (row.toOrgId === actor.orgId) return { row, side: "receiver" };
  throw new NotFoundError("referral");
}

async function readCurrentState(tx: Tx, referralId: string): Promise<ReferralCurrentState> {
  const [row] = await tx
    .select({ status: referrals.status, version: referrals.version })
    .from(referrals)
    .where(eq(referrals.id, referralId));
  if (!row) throw new NotFoundError("referral");
  const last = await findLastMoveTo(tx, referralId, row.status);
  return { ...row, by: last ? { userId: last.userId, name: last.name } : null, at: last ? last.at.toISOString() : null };
}

/** The latest event that brought the referral into `status`, with the person who made it. */
async function findLastMoveTo(tx: Tx, referralId: string, status: ReferralStatus) {
  const [event] = await tx
    .select({ userId: users.id, name: users.name, at: referralEvents.at })
    .from(referralEvents)
    .innerJoin(users, eq(users.id, referralEvents.actorUserId))
    .where(and(eq(referralEvents.referralId, referralId), eq(referralEvents.toStatus, status)))
    .orderBy(desc(referralEvents.at), desc(referralEvents.id))
    .limit(1);
  return event ?? null;
}

/**
 * The message for a move that the referral's state no longer allows. For the receiver's answer it is
 * "already answered" (a colleague answered first, or the sender withdrew meanwhile); otherwise it is the
 * general "the state has changed, look again".
 */
function refusedStateMessage(transition: ReferralTransition): string {
  return transition === "accept" || transition === "decline" ? "validation.referral.alreadyAnswered" : "validation.referral.wrongState";
}

/** An active user of the receiving organization, or a field error: a handler from elsewhere would see nothing. */
async function assertHandlerOfReceiver(tx: Tx, handlerUserId: string, toOrgId: string | null): Promise<void> {
  if (!toOrgId) throw new DomainValidationError({ handlerUserId: ["validation.referral.handlerInvalid"] });
  const [handler] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, handlerUserId), eq(users.organizationId, toOrgId), eq(users.isActive, true)));
  if (!handler) throw new DomainValidationError({ handlerUserId: ["validation.referral.handlerInvalid"] });
}

function changesFor(transition: ReferralTransition, input: TransitionInput, actor: Actor, now: Date): Partial<typeof referrals.$inferInsert> {
  switch (transition) {
    case "accept":
      return { acceptedAt: now, respondedByUserId: actor.userId, handlerUserId: input.handlerUserId ?? null };
    case "decline":
      return { declinedAt: now, respondedByUserId: actor.userId, declineReason: input.declineReason ?? null };
    case "start":
      return { startedAt: now };
    case "complete":
    case "close_logged":
      return { completedAt: now, outcomeFeedback: input.outcomeFeedback ?? null };
    case "withdraw":
    case "revoke":
      return { withdrawnAt: now, withdrawReason: input.withdrawReason ?? null };
  }
}

/** The note the move leaves in the referral's history: the reason or the feedback the user wrote. */
function noteOf(transition: ReferralTransition, input: TransitionInput): string | null {
  if (transition === "decline") return input.declineReason ?? null;
  if (transition === "complete" || transition === "close_logged") return input.outcomeFeedback ?? null;
  if (transition === "withdraw" || transition === "revoke") return input.withdrawReason ?? null;
  return null;
}

async function applyTransition(ctx: ActionContext<TransitionInput>, transition: ReferralTransition): Promise<TransitionResult> {
  const { actor, tx, input, audit, declareUnchanged } = ctx;
  const { row, side } = await loadReferralForSide(tx, actor, input.referralId);

  const check = checkTransition({
    transition,
    status: row.status,
    side,
    isManager: actor.role === "manager",
    fields: { declineReason: input.declineReason, outcomeFeedback: input.outcomeFeedback, withdrawReason: input.withdrawReason },
  });
  if (!check.ok) {
    // The actor sees the referral, so a move that is not theirs to make is forbidden, not "not found".
    if (check.refusal === "wrong_side" || check.refusal === "manager_only") throw new ForbiddenError(TRANSITION_PERMISSIONS[transition]);
    if (check.refusal === "missing_field" && check.field) {
      throw new DomainValidationError({ [check.field]: [MISSING_FIELD_MESSAGES[check.field]] });
    }
    throw new ConflictError(refusedStateMessage(transition), await readCurrentState(tx, row.id));
  }
  if ("alreadyDone" in check) {
    const current = await readCurrentState(tx, row.id);
    if (current.by?.userId === actor.userId) {
      declareUnchanged();
      return { id: row.id, code: row.code, status: row.status, version: row.version, changed: false };
    }
    throw new ConflictError(refusedStateMessage(transition), current);
  }
  if (input.version !== undefined && input.version !== row.version) {
    throw new ConflictError("errors.conflict", await readCurrentState(tx, row.id));
  }
  if (transition === "accept" && input.handlerUserId) await assertHandlerOfReceiver(tx, input.handlerUserId, row.toOrgId);

  const now = new Date();
  const [updated] = await tx
    .update(referrals)
    .set({ ...changesFor(transition, input, actor, now), status: check.to, updatedAt: now, version: sql`${referrals.version} + 1` })
    .where(and(eq(referrals.id, row.id), eq(referrals.status, row.status), eq(referrals.version, row.version)))
    .returning();
  // Someone else moved it between our read and our write (on PostgreSQL, this UPDATE waited for their commit).
  if (!updated) throw new ConflictError(refusedStateMessage(transition), await readCurrentState(tx, row.id));

  await tx.insert(referralEvents).values({
    referralId: row.id,
    fromStatus: row.status,
    toStatus: check.to,
    actorUserId: actor.userId,
    note: noteOf(transition, input),
    at: now,
  });
  await audit({ action: `referral.${transition}`, entityType: "referral", entityId: row.id, before: row, after: updated });
  await notifyAfterTransition(tx, actor, transition, side, updated);

  return { id: updated.id, code: updated.code, status: updated.status, version: updated.version, changed: true };
}

async function notifyAfterTransition(tx: Tx, actor: Actor, transition: ReferralTransition, side: ReferralSide, referral: Referral) {
  const kind = NOTIFY_OTHER_SIDE[transition];
  const assignedHandler = transition === "accept" ? referral.handlerUserId : null;
  if (!kind && !assignedHandler) return;
  const params = await notificationParams(tx, actor, referral);
  if (kind) {
    const otherSide: ReferralSide = side === "sender" ? "receiver" : "sender";
    const recipients = await findReferralSideRecipients(tx, otherSide, referral);
    await createNotifications(tx, recipients, { kind, params, entityType: "referral", entityId: referral.id }, { except: actor.userId });
  }
  if (assignedHandler) {
    await createNotifications(
      tx,
      [assignedHandler],
      { kind: "referral.assigned", params, entityType: "referral", entityId: referral.id },
      { except: actor.userId },
    );
  }
}

/** Code, company and the acting organization: enough for the message, nothing the consent restricts. */
async function notificationParams(tx: Tx, actor: Actor, referral: Referral) {
  const [company] = await tx.select({ name: companies.name }).from(companies).where(eq(companies.id, referral.companyId));
  return { code: referral.code, companyName: company?.name ?? "", orgName: actor.orgName };
}

export const acceptReferral = defineAction({
  name: "referral.accept",
  permission: TRANSITION_PERMISSIONS.accept,
  schema: acceptReferralInput,
  handler: (ctx) => applyTransition(ctx, "accept"),
});

export const declineReferral = defineAction({
  name: "referral.decline",
  permission: TRANSITION_PERMISSIONS.decline,
  schema: declineReferralInput,
  handler: (ctx) => applyTransition(ctx, "decline"),
});

export const startReferral = defineAction({
  name: "referral.start",
  permission: TRANSITION_PERMISSIONS.start,
  schema: startReferralInput,
  handler: (ctx) => applyTransition(ctx, "start"),
});

export const completeReferral = defineAction({
  name: "referral.complete",
  permission: TRANSITION_PERMISSIONS.complete,
  schema: completeReferralInput,
  handler: (ctx) => applyTransition(ctx, "complete"),
});

export const withdrawReferral = defineAction({
  name: "referral.withdraw",
  permission: TRANSITION_PERMISSIONS.withdraw,
  schema: withdrawReferralInput,
  handler: (ctx) => applyTransition(ctx, "withdraw"),
});

export const revokeReferral = defineAction({
  name: "referral.revoke",
  permission: TRANSITION_PERMISSIONS.revoke,
  schema: revokeReferralInput,
  handler: (ctx) => applyTransition(ctx, "revoke"),
});

export const closeLoggedReferral = defineAction({
  name: "referral.close_logged",
  permission: TRANSITION_PERMISSIONS.close_logged,
  schema: closeLoggedReferralInput,
  handler: (ctx) => applyTransition(ctx, "close_logged"),
});

/** The action behind each button that availableTransitions() offers. */
export const REFERRAL_TRANSITION_ACTIONS = {
  accept: acceptReferral,
  decline: declineReferral,
  start: startReferral,
  complete: completeReferral,
  withdraw: withdrawReferral,
  revoke: revokeReferral,
  close_logged: closeLoggedReferral,
} as const satisfies Record<ReferralTransition, unknown>;

/**
 * 担当者の変更: the receiver changes who handles a live referral (e.g. hands it to another attorney). Not a
 * state transition, so no referral event; audited, version-checked, and the new handler is notified.
 */
export const assignReferralHandler = defineAction({
  name: "referral.assign_handler",
  permission: "referral:respond",
  schema: assignHandlerInput,
  handler: async ({ actor, tx, input, audit, declareUnchanged }) => {
    const { row, side } = await loadReferralForSide(tx, actor, input.referralId);
    if (side !== "receiver") throw new ForbiddenError("referral:respond");
    if (!(LIVE_REFERRAL_STATUSES as readonly ReferralStatus[]).includes(row.status)) {
      throw new ConflictError("validation.referral.wrongState", await readCurrentState(tx, row.id));
    }
    if (input.version !== undefined && input.version !== row.version) {
      throw new ConflictError("errors.conflict", await readCurrentState(tx, row.id));
    }
    await assertHandlerOfReceiver(tx, input.handlerUserId, row.toOrgId);
    if (row.handlerUserId === input.handlerUserId) {
      declareUnchanged();
      return { id: row.id, code: row.code, status: row.status, version: row.version, changed: false };
    }

    const [updated] = await tx
      .update(referrals)
      .set({ handlerUserId: input.handlerUserId, updatedAt: new Date(), version: sql`${referrals.version} + 1` })
      .where(
        and(eq(referrals.id, row.id), eq(referrals.version, row.version), inArray(referrals.status, [...LIVE_REFERRAL_STATUSES])),
      )
      .returning();
    if (!updated) throw new ConflictError("errors.conflict", await readCurrentState(tx, row.id));

    await audit({ action: "referral.assign_handler", entityType: "referral", entityId: row.id, before: row, after: updated });
    await createNotifications(
      tx,
      [input.handlerUserId],
      { kind: "referral.assigned", params: await notificationParams(tx, actor, updated), entityType: "referral", entityId: row.id },
      { except: actor.userId },
    );
    return { id: updated.id, code: updated.code, status: updated.status, version: updated.version, changed: true };
  },
});
