import { describe, expect, it } from "vitest";
import {
  fiscalQuarterOf,
  fiscalYearLabel,
  fiscalYearOf,
  fiscalYearRange,
  jstDateOf,
  reiwaYear,
  reiwaYearOfDate,
  todayInJst,
} from "./fiscal-year";

describe("fiscalYearOf", () => {
  it("starts the fiscal year on April 1 in Japan, not in UTC", () => {
    // 2025-03-31T15:00Z is 2025-04-01 00:00 JST.
    expect(fiscalYearOf(new Date("2025-03-31T15:00:00Z"))).toBe(2025);
    expect(fiscalYearOf(new Date("2025-03-31T14:59:59.999Z"))).toBe(2024);
  });

  it("ends the fiscal year on March 31 JST", () => {
    expect(fiscalYearOf(new Date("2026-03-31T14:59:59Z"))).toBe(2025);
    expect(fiscalYearOf(new Date("2026-03-31T15:00:00Z"))).toBe(2026);
  });

  it("reads 'YYYY-MM-DD' strings as JST calendar dates", () => {
    expect(fiscalYearOf("2025-03-31")).toBe(2024);
    expect(fiscalYearOf("2025-04-01")).toBe(2025);
    expect(fiscalYearOf("2025-12-31")).toBe(2025);
    expect(fiscalYearOf("2026-01-01")).toBe(2025);
  });

  it("refuses strings that are not calendar dates and invalid Dates", () => {
    expect(() => fiscalYearOf("2025/04/01")).toThrow(RangeError);
    expect(() => fiscalYearOf("2025-04-01T00:00:00Z")).toThrow(RangeError);
    expect(() => fiscalYearOf(new Date("not a date"))).toThrow(RangeError);
  });
});

describe("fiscalQuarterOf", () => {
  it.each([
    ["2025-04-01", 1],
    ["2025-06-30", 1],
    ["2025-07-01", 2],
    ["2025-09-30", 2],
    ["2025-10-01", 3],
    ["2025-12-31", 3],
    ["2026-01-01", 4],
    ["2026-03-31", 4],
  ] as const)("puts %s in quarter %i", (date, quarter) => {
    expect(fiscalQuarterOf(date)).toBe(quarter);
  });

  it("changes quarter at midnight JST", () => {
    expect(fiscalQuarterOf(new Date("2025-06-30T14:59:59Z"))).toBe(1);
    expect(fiscalQuarterOf(new Date("2025-06-30T15:00:00Z"))).toBe(2);
  });
});

describe("fiscalYearRange", () => {
  it("runs from April 1 to March 31 of the next calendar year", () => {
    expect(fiscalYearRange(2024)).toEqual({ start: "2024-04-01", end: "2025-03-31" });
    expect(fiscalYearRange(2026)).toEqual({ start: "2026-04-01", end: "2027-03-31" });
  });
});

describe("reiwaYear", () => {
  it("counts FY2019 as 令和 1 although 令和 began on May 1", () => {
    expect(reiwaYear(2019)).toBe(1);
  });

  it("gives 令和 6 for FY2024 and 令和 8 for FY2026", () => {
    expect(reiwaYear(2024)).toBe(6);
    expect(reiwaYear(2026)).toBe(8);
  });

  it("refuses fiscal years before 令和", () => {
    expect(() => reiwaYear(2018)).toThrow(RangeError);
    expect(() => reiwaYear(2024.5)).toThrow(RangeError);
  });
});

describe("reiwaYearOfDate", () => {
  it("follows the calendar year, from 2019-05-01", () => {
    expect(reiwaYearOfDate("2019-05-01")).toBe(1);
    expect(reiwaYearOfDate("2026-01-05")).toBe(8);
    expect(reiwaYearOfDate("2025-12-31")).toBe(7);
  });

  it("reads instants in JST", () => {
    expect(reiwaYearOfDate(new Date("2025-12-31T15:00:00Z"))).toBe(8);
  });

  it("refuses dates of 平成", () => {
    expect(() => reiwaYearOfDate("2019-04-30")).toThrow(RangeError);
  });
});

describe("fiscalYearLabel", () => {
  it("labels fiscal years in 令和 for Japanese readers", () => {
    expect(fiscalYearLabel(2024, "ja")).toBe("令和6年度");
    expect(fiscalYearLabel(2025, "ja")).toBe("令和7年度");
  });

  it("calls FY2019 令和元年度, not 令和1年度", () => {
    expect(fiscalYearLabel(2019, "ja")).toBe("令和元年度");
  });

  it("gives English readers the Western year with the era in brackets", () => {
    expect(fiscalYearLabel(2024, "en")).toBe("FY2024 (Reiwa 6)");
    expect(fiscalYearLabel(2019, "en")).toBe("FY2019 (Reiwa 1)");
  });

  it("labels older fiscal years in 平成", () => {
    expect(fiscalYearLabel(2018, "ja")).toBe("平成30年度");
    expect(fiscalYearLabel(1989, "ja")).toBe("平成元年度");
    expect(fiscalYearLabel(2018, "en")).toBe("FY2018 (Heisei 30)");
    expect(() => fiscalYearLabel(1988, "ja")).toThrow(RangeError);
  });
});

describe("todayInJst and jstDateOf", () => {
  it("is already tomorrow in Japan from 15:00 UTC", () => {
    expect(todayInJst(new Date("2025-03-31T14:59:59Z"))).toBe("2025-03-31");
    expect(todayInJst(new Date("2025-03-31T15:00:00Z"))).toBe("2025-04-01");
  });

  it("crosses the year boundary at 15:00 UTC on December 31", () => {
    expect(jstDateOf(new Date("2025-12-31T15:00:00Z"))).toBe("2026-01-01");
  });

  it("returns a 'YYYY-MM-DD' string for the current moment", () => {
    expect(todayInJst()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
