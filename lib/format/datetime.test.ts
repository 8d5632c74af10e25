import { describe, expect, it } from "vitest";
import {
  daysOverdue,
  describeDue,
  formatDate,
  formatDateTime,
  formatOverdue,
  formatShortDate,
  formatTime,
} from "./datetime";

// 2026-11-25 05:05 UTC is 14:05 on Wednesday 25 November in Tokyo.
const wednesdayAfternoon = new Date("2026-11-25T05:05:00Z");
// 2026-11-25 16:30 UTC is already Thursday 26 November 01:30 in Tokyo.
const thursdayNightInTokyo = new Date("2026-11-25T16:30:00Z");

describe("formatDate", () => {
  it("writes Japanese dates with the weekday", () => {
    expect(formatDate(wednesdayAfternoon, "ja")).toBe("2026年11月25日(水)");
  });

  it("writes English dates as day, short month, year", () => {
    expect(formatDate(wednesdayAfternoon, "en")).toBe("25 Nov 2026");
    // Not ICU's en-GB "Sept".
    expect(formatDate("2026-09-01", "en")).toBe("1 Sep 2026");
  });

  it("uses the Japanese calendar day, not the UTC one", () => {
    expect(formatDate(thursdayNightInTokyo, "ja")).toBe("2026年11月26日(木)");
    expect(formatDate(thursdayNightInTokyo.toISOString(), "en")).toBe("26 Nov 2026");
  });

  it("never shifts a calendar day stored as a date column", () => {
    expect(formatDate("2026-11-25", "ja")).toBe("2026年11月25日(水)");
    expect(formatDate("2027-01-01", "ja")).toBe("2027年1月1日(金)");
  });

  it("refuses what is not a date", () => {
    expect(() => formatDate("someday", "ja")).toThrow(RangeError);
  });
});

describe("formatTime and formatDateTime", () => {
  it("shows the time in Japan on a 24-hour clock", () => {
    expect(formatTime(wednesdayAfternoon)).toBe("14:05");
    expect(formatTime(thursdayNightInTokyo)).toBe("01:30");
    expect(formatTime(new Date("2026-11-25T15:00:00Z"))).toBe("00:00");
  });

  it("joins date and time per language", () => {
    expect(formatDateTime(wednesdayAfternoon, "ja")).toBe("2026年11月25日(水) 14:05");
    expect(formatDateTime(wednesdayAfternoon, "en")).toBe("25 Nov 2026, 14:05");
  });

  it("has a short form for dense tables", () => {
    expect(formatShortDate("2026-11-25", "ja")).toBe("11/25(水)");
    expect(formatShortDate("2026-11-25", "en")).toBe("Wed 25 Nov");
  });
});

describe("due dates", () => {
  it("counts calendar days past the due day in Japan", () => {
    expect(daysOverdue("2026-11-22", wednesdayAfternoon)).toBe(3);
    expect(daysOverdue("2026-11-25", wednesdayAfternoon)).toBe(0);
    expect(daysOverdue("2026-11-27", wednesdayAfternoon)).toBe(-2);
    // Just after midnight in Tokyo, yesterday's due date is one day overdue even though UTC is still on the 25th.
    expect(daysOverdue("2026-11-25", thursdayNightInTokyo)).toBe(1);
  });

  it("counts across month and year ends", () => {
    expect(daysOverdue("2026-12-30", new Date("2027-01-02T03:00:00Z"))).toBe(3);
  });

  it("labels overdue days in both languages", () => {
    expect(formatOverdue(3, "ja")).toBe("3日超過");
    expect(formatOverdue(1, "en")).toBe("1 day overdue");
    expect(formatOverdue(12, "en")).toBe("12 days overdue");
  });

  it("describes a due date as overdue, due today or days left", () => {
    expect(describeDue("2026-11-20", "ja", wednesdayAfternoon)).toEqual({ label: "5日超過", overdue: true, dueToday: false });
    expect(describeDue("2026-11-25", "ja", wednesdayAfternoon)).toEqual({ label: "今日まで", overdue: false, dueToday: true });
    expect(describeDue("2026-11-26", "en", wednesdayAfternoon)).toEqual({ label: "1 day left", overdue: false, dueToday: false });
    expect(describeDue("2026-11-28", "ja", wednesdayAfternoon).label).toBe("あと3日");
  });
});
