import { describe, expect, it } from "vitest";
import { checkStageChange, isOpenStage, MAIN_STAGES } from "./stage";

describe("case stage changes", () => {
  it("moves forward along the main line, skipping stages if the team decides so", () => {
    expect(checkStageChange({ from: "discovery", to: "assessment" })).toEqual({ ok: true });
    expect(checkStageChange({ from: "discovery", to: "planning" })).toEqual({ ok: true });
    expect(checkStageChange({ from: "outcome_review", to: "closed" })).toEqual({ ok: true });
  });

  it("moves back as a correction while the case is open", () => {
    expect(checkStageChange({ from: "accompanying", to: "planning" })).toEqual({ ok: true });
  });

  it("refuses a change to the same stage", () => {
    expect(checkStageChange({ from: "planning", to: "planning" })).toEqual({ ok: false, refusal: "same_stage" });
  });

  it("pauses (中断) only with a reason", () => {
    expect(checkStageChange({ from: "accompanying", to: "paused" })).toEqual({ ok: false, refusal: "reason_required" });
    expect(checkStageChange({ from: "accompanying", to: "paused", reason: "   " })).toEqual({ ok: false, refusal: "reason_required" });
    expect(checkStageChange({ from: "accompanying", to: "paused", reason: "社長の体調不良のため" })).toEqual({ ok: true });
  });

  it("resumes a paused case to any main-line stage", () => {
    for (const to of MAIN_STAGES) expect(checkStageChange({ from: "paused", to })).toEqual({ ok: true });
  });

  it("reopens a closed case only explicitly and with a reason", () => {
    expect(checkStageChange({ from: "closed", to: "accompanying" })).toEqual({ ok: false, refusal: "reopen_required" });
    expect(checkStageChange({ from: "closed", to: "accompanying", reopen: true })).toEqual({ ok: false, refusal: "reason_required" });
    expect(checkStageChange({ from: "closed", to: "accompanying", reopen: true, reason: "追加の出願相談" })).toEqual({ ok: true });
  });

  it("refuses a reopen of a case that is not closed", () => {
    expect(checkStageChange({ from: "planning", to: "accompanying", reopen: true, reason: "x" })).toEqual({ ok: false, refusal: "not_reopen" });
  });

  it("knows which stages are open", () => {
    expect(isOpenStage("accompanying")).toBe(true);
    expect(isOpenStage("closed")).toBe(false);
    expect(isOpenStage("paused")).toBe(false);
  });
});
