import { describe, expect, it } from "vitest";
import type { ReferralStatus } from "@/db/schema";
import { availableTransitions, checkTransition, TERMINAL_STATUSES, TRANSITIONS, type ReferralTransition } from "./state-machine";

const ALL: ReferralStatus[] = ["sent", "accepted", "declined", "in_progress", "completed", "withdrawn", "revoked", "logged"];

describe("referral lifecycle", () => {
  it("lets the receiver accept, start and complete with feedback: the closed loop", () => {
    expect(checkTransition({ transition: "accept", status: "sent", side: "receiver", isManager: false })).toEqual({ ok: true, to: "accepted" });
    expect(checkTransition({ transition: "start", status: "accepted", side: "receiver", isManager: false })).toEqual({ ok: true, to: "in_progress" });
    expect(
      checkTransition({ transition: "complete", status: "in_progress", side: "receiver", isManager: false, fields: { outcomeFeedback: "出願済み" } }),
    ).toEqual({ ok: true, to: "completed" });
  });

  it("requires a reason to decline and feedback to complete", () => {
    expect(checkTransition({ transition: "decline", status: "sent", side: "receiver", isManager: false })).toEqual({
      ok: false,
      refusal: "missing_field",
      field: "declineReason",
    });
    expect(checkTransition({ transition: "complete", status: "accepted", side: "receiver", isManager: false, fields: { outcomeFeedback: " " } })).toMatchObject({
      ok: false,
      field: "outcomeFeedback",
    });
  });

  it("never lets the sender answer its own referral, nor the receiver withdraw it", () => {
    expect(checkTransition({ transition: "accept", status: "sent", side: "sender", isManager: true })).toEqual({ ok: false, refusal: "wrong_side" });
    expect(checkTransition({ transition: "withdraw", status: "sent", side: "receiver", isManager: true, fields: { withdrawReason: "x" } })).toEqual({
      ok: false,
      refusal: "wrong_side",
    });
  });

  it("allows withdrawal only before acceptance", () => {
    expect(checkTransition({ transition: "withdraw", status: "sent", side: "sender", isManager: false, fields: { withdrawReason: "重複" } })).toEqual({
      ok: true,
      to: "withdrawn",
    });
    expect(checkTransition({ transition: "withdraw", status: "accepted", side: "sender", isManager: false, fields: { withdrawReason: "重複" } })).toEqual({
      ok: false,
      refusal: "wrong_state",
    });
  });

  it("lets only the sender's manager revoke an open referral", () => {
    const fields = { withdrawReason: "企業の同意撤回" };
    expect(checkTransition({ transition: "revoke", status: "accepted", side: "sender", isManager: false, fields })).toEqual({ ok: false, refusal: "manager_only" });
    expect(checkTransition({ transition: "revoke", status: "accepted", side: "sender", isManager: true, fields })).toEqual({ ok: true, to: "revoked" });
    expect(checkTransition({ transition: "revoke", status: "completed", side: "sender", isManager: true, fields })).toEqual({ ok: false, refusal: "wrong_state" });
  });

  it("answers a repeated transition as already done instead of refusing or changing it twice", () => {
    expect(checkTransition({ transition: "accept", status: "accepted", side: "receiver", isManager: false })).toEqual({ ok: true, to: "accepted", alreadyDone: true });
  });

  it("moves nothing out of a terminal status except by the same transition", () => {
    for (const status of TERMINAL_STATUSES) {
      for (const transition of Object.keys(TRANSITIONS) as ReferralTransition[]) {
        const rule = TRANSITIONS[transition];
        const result = checkTransition({ transition, status, side: rule.side, isManager: true, fields: { declineReason: "x", outcomeFeedback: "x", withdrawReason: "x" } });
        if (rule.to === status) expect(result).toMatchObject({ ok: true, alreadyDone: true });
        else expect(result).toEqual({ ok: false, refusal: "wrong_state" });
      }
    }
  });

  it("offers each side only its own buttons", () => {
    expect(availableTransitions("sent", "receiver", false).sort()).toEqual(["accept", "decline"]);
    expect(availableTransitions("sent", "sender", false)).toEqual(["withdraw"]);
    expect(availableTransitions("sent", "sender", true).sort()).toEqual(["revoke", "withdraw"]);
    expect(availableTransitions("logged", "sender", false).sort()).toEqual(["close_logged", "withdraw"]);
    for (const status of ALL) expect(availableTransitions(status, "receiver", true).every((t) => TRANSITIONS[t].side === "receiver")).toBe(true);
  });
});
