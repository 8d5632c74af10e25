import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  addCalendarDays,
  businessDaysBetween,
  isBusinessDay,
  isOverdue,
  previousBusinessDay,
  respondByFor,
} from "./business-days";

describe("isBusinessDay", () => {
  it("counts weekdays that are not holidays", () => {
    expect(isBusinessDay("2025-05-07")).toBe(true); // Wednesday after Golden Week
    expect(isBusinessDay("2026-01-05")).toBe(true); // first working Monday of 2026
  });

  it("excludes Saturdays and Sundays", () => {
    expect(isBusinessDay("2025-05-10")).toBe(false);
    expect(isBusinessDay("2025-05-11")).toBe(false);
  });

  it("excludes national holidays and substitute holidays", () => {
    expect(isBusinessDay("2025-04-29")).toBe(false); // 昭和の日
    expect(isBusinessDay("2025-05-05")).toBe(false); // こどもの日
    expect(isBusinessDay("2025-05-06")).toBe(false); // 振替休日
    expect(isBusinessDay("2026-01-12")).toBe(false); // 成人の日
  });

  it("excludes the year-end break of public offices, December 29 to January 3", () => {
    for (const date of ["2025-12-29", "2025-12-30", "2025-12-31", "2026-01-01", "2026-01-02"]) {
      expect(isBusinessDay(date)).toBe(false);
    }
    expect(isBusinessDay("2025-12-26")).toBe(true);
  });

  it("refuses anything but a 'YYYY-MM-DD' date", () => {
    expect(() => isBusinessDay("2025/05/07")).toThrow(RangeError);
  });
});

describe("addBusinessDays", () => {
  it("gives an answer date a week later for an ordinary Monday", () => {
    expect(addBusinessDays("2025-06-02", 5)).toBe("2025-06-09");
  });

  it("does not count the day of sending", () => {
    expect(addBusinessDays("2025-06-06", 1)).toBe("2025-06-09"); // Friday → Monday
    expect(addBusinessDays("2025-06-06", 0)).toBe("2025-06-06");
  });

  it("skips Golden Week", () => {
    // Sent Friday 2 May 2025: 3–6 May are a weekend and holidays, so the five days are 7, 8, 9, 12 and 13 May.
    expect(addBusinessDays("2025-05-02", 5)).toBe("2025-05-13");
    // Sent on 昭和の日 itself (a Tuesday): 30 April, 1, 2, 7 and 8 May.
    expect(addBusinessDays("2025-04-29", 5)).toBe("2025-05-08");
  });

  it("skips the New Year break and 成人の日", () => {
    // Sent Friday 26 Dec 2025: closed 27 Dec – 4 Jan; 5–9 Jan are the five days.
    expect(addBusinessDays("2025-12-26", 5)).toBe("2026-01-09");
    // Sent 8 Jan 2026: 9, (10–12 weekend and 成人の日), 13, 14, 15, 16.
    expect(addBusinessDays("2026-01-08", 5)).toBe("2026-01-16");
  });

  it("reads an instant as its JST date", () => {
    // 2025-05-01T16:00Z is Friday 2 May 01:00 in Japan.
    expect(addBusinessDays(new Date("2025-05-01T16:00:00Z"), 5)).toBe("2025-05-13");
    // 2025-05-01T14:00Z is still Thursday 1 May in Japan: 2, 7, 8, 9, 12.
    expect(addBusinessDays(new Date("2025-05-01T14:00:00Z"), 5)).toBe("2025-05-12");
  });

  it("refuses a negative or fractional count", () => {
    expect(() => addBusinessDays("2025-06-02", -1)).toThrow(RangeError);
    expect(() => addBusinessDays("2025-06-02", 1.5)).toThrow(RangeError);
  });
});

describe("previousBusinessDay", () => {
  it("keeps a business day and moves a closed day back to the last open one", () => {
    expect(previousBusinessDay("2025-06-04")).toBe("2025-06-04");
    expect(previousBusinessDay("2025-05-06")).toBe("2025-05-02");
    expect(previousBusinessDay("2026-01-04")).toBe("2025-12-26");
  });
});

describe("addCalendarDays", () => {
  it("crosses months, years and leap days", () => {
    expect(addCalendarDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addCalendarDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addCalendarDays("2026-03-01", -1)).toBe("2026-02-28");
  });
});

describe("Golden Week 2026", () => {
  // 4/29 (Wed) 昭和の日; 5/3 (Sun) 憲法記念日, 5/4 みどりの日, 5/5 こどもの日, 5/6 (Wed) its substitute holiday.
  it("closes 4/29 and 5/3–5/6, including the substitute holiday on Wednesday 5/6", () => {
    for (const date of ["2026-04-29", "2026-05-03", "2026-05-04", "2026-05-05", "2026-05-06"]) {
      expect(isBusinessDay(date)).toBe(false);
    }
    for (const date of ["2026-04-28", "2026-04-30", "2026-05-01", "2026-05-07"]) expect(isBusinessDay(date)).toBe(true);
  });

  it("gives a referral sent the day before 昭和の日 until the Monday after Golden Week", () => {
    // Sent Tue 4/28: 4/30, 5/1, 5/7, 5/8, 5/11.
    expect(addBusinessDays("2026-04-28", 5)).toBe("2026-05-11");
    expect(businessDaysBetween("2026-04-28", "2026-05-11")).toBe(5);
  });

  it("gives a referral sent on Friday 5/1 until Wednesday 5/13", () => {
    // 5/2–5/6 closed: 5/7, 5/8, 5/11, 5/12, 5/13.
    expect(addBusinessDays("2026-05-01", 5)).toBe("2026-05-13");
    expect(businessDaysBetween("2026-05-01", "2026-05-07")).toBe(1);
  });
});

describe("New Year 2026/2027", () => {
  it("closes 12/29 to 1/3 and 成人の日 on 1/11", () => {
    for (const date of ["2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03", "2027-01-11"]) {
      expect(isBusinessDay(date)).toBe(false);
    }
    expect(isBusinessDay("2026-12-28")).toBe(true);
    expect(isBusinessDay("2027-01-04")).toBe(true);
  });

  it("counts the last working Monday of the year and then the first days of January", () => {
    // Sent Fri 12/25: 12/28, then 1/4, 1/5, 1/6, 1/7.
    expect(addBusinessDays("2026-12-25", 5)).toBe("2027-01-07");
    // Sent Mon 12/28: 1/4, 1/5, 1/6, 1/7, 1/8.
    expect(addBusinessDays("2026-12-28", 5)).toBe("2027-01-08");
    // Sent Thu 1/7: 1/8, (1/9–1/11 weekend and 成人の日), 1/12, 1/13, 1/14, 1/15.
    expect(addBusinessDays("2027-01-07", 5)).toBe("2027-01-15");
  });

  it("counts no business day over the whole break", () => {
    expect(businessDaysBetween("2026-12-28", "2027-01-03")).toBe(0);
    expect(businessDaysBetween("2026-12-28", "2027-01-04")).toBe(1);
  });
});

describe("businessDaysBetween", () => {
  it("does not count the first day, counts the last, and is zero for the same day", () => {
    expect(businessDaysBetween("2026-06-01", "2026-06-05")).toBe(4); // Mon → Fri
    expect(businessDaysBetween("2026-06-05", "2026-06-05")).toBe(0);
  });

  it("is negative when the second date comes first", () => {
    expect(businessDaysBetween("2026-06-08", "2026-06-01")).toBe(-5);
  });

  it("is the inverse of addBusinessDays", () => {
    for (const from of ["2026-04-24", "2026-12-24", "2026-09-18", "2027-03-19"]) {
      for (const n of [0, 1, 5, 12]) expect(businessDaysBetween(from, addBusinessDays(from, n))).toBe(n);
    }
  });
});

describe("respondByFor", () => {
  it("is five business days after the JST date of sending", () => {
    expect(respondByFor(new Date("2026-06-01T01:00:00Z"))).toBe("2026-06-08"); // Mon 10:00 JST → next Mon
  });

  it("gives a Friday send until the next Friday, whether sent in the morning or late at night", () => {
    expect(respondByFor(new Date("2026-06-05T00:30:00Z"))).toBe("2026-06-12"); // Fri 09:30 JST
    expect(respondByFor(new Date("2026-06-05T14:50:00Z"))).toBe("2026-06-12"); // Fri 23:50 JST
  });

  it("reads the instant in Japan time: midnight JST starts a new day while UTC is still on the old one", () => {
    // Thursday 23:59 JST is still Thursday: Fri, Mon, Tue, Wed, Thu.
    expect(respondByFor(new Date("2026-06-04T14:59:00Z"))).toBe("2026-06-11");
    // One minute later it is Friday 00:00 in Japan (Thursday 15:00 UTC).
    expect(respondByFor(new Date("2026-06-04T15:00:00Z"))).toBe("2026-06-12");
  });

  it("skips Golden Week for a referral sent on 4/30", () => {
    expect(respondByFor(new Date("2026-04-30T03:00:00Z"))).toBe("2026-05-12"); // 5/1, 5/7, 5/8, 5/11, 5/12
  });
});

describe("isOverdue", () => {
  const sent = { status: "sent" as const, respondBy: "2026-06-12" };

  it("is not overdue on the answer date itself, up to its last minute in Japan", () => {
    expect(isOverdue(sent, new Date("2026-06-12T14:59:00Z"))).toBe(false); // Fri 23:59 JST
  });

  it("is overdue from the next day in Japan, even while it is still the answer date in UTC", () => {
    expect(isOverdue(sent, new Date("2026-06-12T15:00:00Z"))).toBe(true); // Sat 00:00 JST
  });

  it("is never overdue once answered or closed, nor for a logged referral", () => {
    const late = new Date("2026-07-01T00:00:00Z");
    for (const status of ["accepted", "declined", "in_progress", "completed", "withdrawn", "revoked"] as const) {
      expect(isOverdue({ status, respondBy: "2026-06-12" }, late)).toBe(false);
    }
    expect(isOverdue({ status: "logged", respondBy: null }, late)).toBe(false);
  });
});
