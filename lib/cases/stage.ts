import type { CaseStage } from "@/db/schema";

/** The main line of a case, in order. 中断 (paused) sits beside it. */
export const MAIN_STAGES = ["discovery", "assessment", "planning", "accompanying", "outcome_review", "closed"] as const satisfies readonly CaseStage[];
export const ALL_STAGES: readonly CaseStage[] = [...MAIN_STAGES, "paused"];
export const OPEN_STAGES: readonly CaseStage[] = ["discovery", "assessment", "planning", "accompanying", "outcome_review"];

export type StageChangeRefusal =
  | "same_stage"
  | "reason_required" // pausing or reopening needs a reason
  | "reopen_required" // a closed case is reopened only explicitly
  | "not_reopen"; // "reopen" was asked for a case that is not closed

export interface StageChangeRequest {
  from: CaseStage;
  to: CaseStage;
  reason?: string | null;
  /** The user chose 「再開」 on a closed case: reopening is never a side effect of a drag. */
  reopen?: boolean;
}

/**
 * Which stage changes DOMAIN.md allows. Within the main line a case may move forward (stages may be skipped)
 * or back (a correction) — except out of 完了, which needs an explicit reopen with a reason. 中断 can be
 * entered from any open stage with a reason, and left to any stage of the main line.
 */
export function checkStageChange(request: StageChangeRequest): { ok: true } | { ok: false; refusal: StageChangeRefusal } {
  const { from, to } = request;
  const reason = request.reason?.trim() ?? "";
  if (from === to) return { ok: false, refusal: "same_stage" };
  if (request.reopen && from !== "closed") return { ok: false, refusal: "not_reopen" };
  if (from === "closed") {
    if (!request.reopen) return { ok: false, refusal: "reopen_required" };
    if (!reason) return { ok: false, refusal: "reason_required" };
    return { ok: true };
  }
  if (to === "paused" && !reason) return { ok: false, refusal: "reason_required" };
  return { ok: true };
}

export function isOpenStage(stage: CaseStage): boolean {
  return OPEN_STAGES.includes(stage);
}
