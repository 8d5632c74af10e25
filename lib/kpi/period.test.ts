import { describe, expect, it } from "vitest";
import { fiscalYearLabel } from "@/lib/format/fiscal-year";
import { addDays, isWholeYear, kpiPeriod, parseFiscalYearParam, samePointOfPreviousYear, selectableFiscalYears, yearElapsedShare } from "./period";

describe("the KPI period of a fiscal year", () => {
  it("runs from April 1 to today for the current year, ending at midnight JST after today", () => {
    expect(kpiPeriod(2025, "2025-11-20")).toEqual({
      fiscalYear: 2025,
      start: "2025-04-01",
      asOf: "2025-11-20",
      days: 234,
      yearDays: 365,
      startInstant: "2025-04-01T00:00:00+09:00",
      endInstant: "2025-11-21T00:00:00+09:00",
    });
  });

  it("covers the whole year once it is over, up to March 31 inclusive", () => {
    const period = kpiPeriod(2024, "2026-01-15");
    expect(period).toMatchObject({ start: "2024-04-01", asOf: "2025-03-31", endInstant: "2025-04-01T00:00:00+09:00", days: 365 });
    expect(isWholeYear(period)).toBe(true);
  });

  it("counts 366 days in a fiscal year with February 29", () => {
    expect(kpiPeriod(2023, "2024-06-01")).toMatchObject({ asOf: "2024-03-31", days: 366, yearDays: 366 });
  });

  it("is one day on April 1 and empty for a year that has not begun", () => {
    expect(kpiPeriod(2026, "2026-04-01")).toMatchObject({ days: 1, asOf: "2026-04-01", endInstant: "2026-04-02T00:00:00+09:00" });
    const future = kpiPeriod(2026, "2026-03-31");
    expect(future).toMatchObject({ days: 0, asOf: "2026-03-31", startInstant: "2026-04-01T00:00:00+09:00", endInstant: "2026-04-01T00:00:00+09:00" });
    expect(yearElapsedShare(future)).toBe(0);
  });

  it("tells how much of the year has passed", () => {
    expect(yearElapsedShare(kpiPeriod(2025, "2025-09-30"))).toBeCloseTo(183 / 365);
    expect(yearElapsedShare(kpiPeriod(2024, "2030-01-01"))).toBe(1);
  });
});

describe("the same point of the previous year", () => {
  it("is the same day of the fiscal year, one year earlier", () => {
    expect(samePointOfPreviousYear(kpiPeriod(2025, "2025-11-20"))).toMatchObject({
      fiscalYear: 2024,
      start: "2024-04-01",
      asOf: "2024-11-20",
      days: 234,
    });
  });

  it("counts days, so February 29 does not shift it", () => {
    // FY2023 has February 29: day 337 of FY2023 is 2024-03-02; day 337 of FY2022 is 2023-03-03.
    expect(samePointOfPreviousYear(kpiPeriod(2023, "2024-03-02"))).toMatchObject({ asOf: "2023-03-03", days: 337 });
  });

  it("is capped at March 31 when this year is one day longer", () => {
    const previous = samePointOfPreviousYear(kpiPeriod(2023, "2024-03-31"));
    expect(previous).toMatchObject({ fiscalYear: 2022, asOf: "2023-03-31", days: 365 });
    expect(isWholeYear(previous)).toBe(true);
  });

  it("is empty when this year's period is", () => {
    expect(samePointOfPreviousYear(kpiPeriod(2026, "2026-01-10"))).toMatchObject({ fiscalYear: 2025, days: 0 });
  });
});

describe("choosing a fiscal year", () => {
  it("offers next year down to 令和元年度, newest first", () => {
    const years = selectableFiscalYears("2026-11-25");
    expect(years[0]).toBe(2027);
    expect(years.at(-1)).toBe(2019);
    expect(years.map((fy) => fiscalYearLabel(fy, "ja")).slice(0, 3)).toEqual(["令和9年度", "令和8年度", "令和7年度"]);
    expect(fiscalYearLabel(2019, "ja")).toBe("令和元年度");
  });

  it("takes the current fiscal year of Japan on January to March dates", () => {
    expect(selectableFiscalYears("2026-03-31")[0]).toBe(2026);
    expect(selectableFiscalYears("2026-04-01")[0]).toBe(2027);
  });

  it("reads ?fy= within the offered range and falls back otherwise", () => {
    expect(parseFiscalYearParam("2024", "2026-11-25")).toBe(2024);
    expect(parseFiscalYearParam("2027", "2026-11-25")).toBe(2027);
    expect(parseFiscalYearParam("2028", "2026-11-25")).toBe(2026);
    expect(parseFiscalYearParam("2018", "2026-11-25")).toBe(2026);
    expect(parseFiscalYearParam("R8", "2026-11-25")).toBe(2026);
    expect(parseFiscalYearParam(undefined, "2026-02-01")).toBe(2025);
  });

  it("moves calendar days across month and year ends", () => {
    expect(addDays("2026-03-31", 1)).toBe("2026-04-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
  });
});
