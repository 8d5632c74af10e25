import type { ReferralStatus } from "@/db/schema";

/** Who is acting on a referral, seen from the referral: the sending or the receiving organization. */
export type ReferralSide = "sender" | "receiver";

export type ReferralTransition = "accept" | "decline" | "start" | "complete" | "withdraw" | "revoke" | "close_logged";

interface TransitionRule {
  from: readonly ReferralStatus[];
  to: ReferralStatus;
  side: ReferralSide;
  /** Only the sending organization's manager may revoke. */
  managerOnly?: boolean;
  /** The field that must be filled for this transition (a decline reason, the outcome feedback…). */
  requires?: "declineReason" | "outcomeFeedback" | "withdrawReason";
}

/**
 * The referral lifecycle of DOMAIN.md: 依頼中 → 受付 | 辞退 → 対応中 → 完了 (with feedback to the sender: the
 * closed loop). The sender may withdraw (取下げ) before acceptance; the sender's manager may revoke (取消) while
 * it is open. A logged referral to a body outside Renkei is closed by its sender once followed up.
 */
export const TRANSITIONS: Record<ReferralTransition, TransitionRule> = {
  accept: { from: ["sent"], to: "accepted", side: "receiver" },
  decline: { from: ["sent"], to: "declined", side: "receiver", requires: "declineReason" },
  start: { from: ["accepted"], to: "in_progress", side: "receiver" },
  complete: { from: ["accepted", "in_progress"], to: "completed", side: "receiver", requires: "outcomeFeedback" },
  withdraw: { from: ["sent", "logged"], to: "withdrawn", side: "sender", requires: "withdrawReason" },
  revoke: { from: ["sent", "accepted", "in_progress"], to: "revoked", side: "sender", managerOnly: true, requires: "withdrawReason" },
  close_logged: { from: ["logged"], to: "completed", side: "sender", requires: "outcomeFeedback" },
};

export const TERMINAL_STATUSES: readonly ReferralStatus[] = ["declined", "completed", "withdrawn", "revoked"];

export type TransitionCheck =
  | { ok: true; to: ReferralStatus }
  /** Already where this transition leads: a repeated click, answered without a second change. */
  | { ok: true; to: ReferralStatus; alreadyDone: true }
  | { ok: false; refusal: "wrong_side" | "manager_only" | "wrong_state" | "missing_field"; field?: TransitionRule["requires"] };

export function checkTransition(input: {
  transition: ReferralTransition;
  status: ReferralStatus;
  side: ReferralSide;
  isManager: boolean;
  fields?: Partial<Record<NonNullable<TransitionRule["requires"]>, string | null | undefined>>;
}): TransitionCheck {
  const rule = TRANSITIONS[input.transition];
  if (rule.side !== input.side) return { ok: false, refusal: "wrong_side" };
  if (rule.managerOnly && !input.isManager) return { ok: false, refusal: "manager_only" };
  if (input.status === rule.to) return { ok: true, to: rule.to, alreadyDone: true };
  if (!rule.from.includes(input.status)) return { ok: false, refusal: "wrong_state" };
  if (rule.requires && !input.fields?.[rule.requires]?.trim()) return { ok: false, refusal: "missing_field", field: rule.requires };
  return { ok: true, to: rule.to };
}

/** The transitions a side may offer in a status (the buttons a user sees). */
export function availableTransitions(status: ReferralStatus, side: ReferralSide, isManager: boolean): ReferralTransition[] {
  return (Object.keys(TRANSITIONS) as ReferralTransition[]).filter((t) => {
    const rule = TRANSITIONS[t];
    return rule.side === side && rule.from.includes(status) && (!rule.managerOnly || isManager);
  });
}
