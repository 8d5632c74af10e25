import { describe, expect, it } from "vitest";
import type { ReferralBoxCounts, ReferralCounts } from "@/lib/referrals/counts";
import { navBadgeNumbers } from "./nav-count-badge";

const box = (numbers: Partial<Omit<ReferralBoxCounts, "byStatus">>): ReferralBoxCounts => ({
  byStatus: { sent: 0, accepted: 0, declined: 0, in_progress: 0, completed: 0, withdrawn: 0, revoked: 0, logged: 0 },
  total: 0,
  awaitingAnswer: 0,
  overdue: 0,
  followUpDue: 0,
  ...numbers,
});

describe("the numbers on the menu's referral items", () => {
  const counts: ReferralCounts = {
    inbox: box({ total: 9, awaitingAnswer: 3, overdue: 1 }),
    outbox: box({ total: 12, awaitingAnswer: 4, overdue: 2, followUpDue: 1 }),
  };

  it("counts the answers the organization owes on the inbox, red when one is overdue", () => {
    expect(navBadgeNumbers("referralInbox", counts)).toEqual({ count: 3, overdue: 1 });
  });

  it("counts only what needs chasing on the sent referrals: no answer in time, follow-ups due", () => {
    expect(navBadgeNumbers("referralOutbox", counts)).toEqual({ count: 3, overdue: 2 });
  });

  it("adds both up on the one combined item, so an overdue sent referral never shows as a red zero", () => {
    expect(navBadgeNumbers("referrals", counts)).toEqual({ count: 6, overdue: 3 });
    const onlySentOverdue: ReferralCounts = { inbox: box({}), outbox: box({ awaitingAnswer: 1, overdue: 1 }) };
    expect(navBadgeNumbers("referrals", onlySentOverdue)).toEqual({ count: 1, overdue: 1 });
  });
});
