import { fiscalYearOf, fiscalYearRange, type DateInput } from "@/lib/format/fiscal-year";

/**
 * The stretch of a fiscal year that KPI actuals are counted over: from April 1 to `asOf` (both JST calendar
 * days, inclusive). For a past year `asOf` is March 31; for the current year it is today; a year that has not
 * begun is empty. Pure functions, no I/O — the SQL in ./actuals.ts takes the instants built here.
 */
export interface KpiPeriod {
  fiscalYear: number;
  /** April 1 of the fiscal year, 'YYYY-MM-DD'. */
  start: string;
  /** The last day counted, 'YYYY-MM-DD'; the day before `start` when the period is empty. */
  asOf: string;
  /** Days counted (0 for a year that has not begun). */
  days: number;
  /** The full year's days (365 or 366), for the share of the year that has passed. */
  yearDays: number;
  /** Timestamps are compared as `>= startInstant and < endInstant`: midnight JST at both ends. */
  startInstant: string;
  endInstant: string;
}

const DAY_MS = 86_400_000;

function toUtcDay(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function fromUtcDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** A calendar day moved by whole days ('2026-03-31' + 1 → '2026-04-01'). */
export function addDays(date: string, days: number): string {
  return fromUtcDay(toUtcDay(date) + days);
}

/** Midnight at the start of a JST calendar day, as an ISO instant PostgreSQL reads as timestamptz. */
export function jstMidnight(date: string): string {
  return `${date}T00:00:00+09:00`;
}

function periodBetween(fiscalYear: number, start: string, asOf: string, yearEnd: string): KpiPeriod {
  const days = Math.max(0, toUtcDay(asOf) - toUtcDay(start) + 1);
  const last = days === 0 ? addDays(start, -1) : asOf;
  return {
    fiscalYear,
    start,
    asOf: last,
    days,
    yearDays: toUtcDay(yearEnd) - toUtcDay(start) + 1,
    startInstant: jstMidnight(start),
    endInstant: jstMidnight(addDays(last, 1)),
  };
}

/** The period of a fiscal year as of `today` (JST 'YYYY-MM-DD'). */
export function kpiPeriod(fiscalYear: number, today: string): KpiPeriod {
  const { start, end } = fiscalYearRange(fiscalYear);
  const asOf = today < end ? today : end;
  return periodBetween(fiscalYear, start, asOf, end);
}

/**
 * "The same point of the previous year": the previous fiscal year up to the same day of the fiscal year
 * (the same number of days after April 1). Counting days rather than matching month and day keeps
 * February 29 from shifting the comparison; the last day is capped at the previous year's March 31.
 */
export function samePointOfPreviousYear(period: KpiPeriod): KpiPeriod {
  const fiscalYear = period.fiscalYear - 1;
  const { start, end } = fiscalYearRange(fiscalYear);
  if (period.days === 0) return periodBetween(fiscalYear, start, addDays(start, -1), end);
  const asOf = addDays(start, period.days - 1);
  return periodBetween(fiscalYear, start, asOf < end ? asOf : end, end);
}

/** Whether the period is the whole fiscal year (a year that has ended). */
export function isWholeYear(period: KpiPeriod): boolean {
  return period.days === period.yearDays;
}

/** The share of the fiscal year that has passed, 0–1: where a target "on pace" would be today. */
export function yearElapsedShare(period: KpiPeriod): number {
  return period.yearDays === 0 ? 0 : period.days / period.yearDays;
}

/** The earliest fiscal year the screens offer (令和元年度); data before it is imported history. */
export const FIRST_KPI_FISCAL_YEAR = 2019;

/**
 * The fiscal years a year switcher offers, newest first: up to next year (targets are set ahead of April)
 * and back to FIRST_KPI_FISCAL_YEAR or `oldest`, whichever is later.
 */
export function selectableFiscalYears(today: DateInput, oldest = FIRST_KPI_FISCAL_YEAR): number[] {
  const current = fiscalYearOf(today);
  const years: number[] = [];
  for (let fy = current + 1; fy >= Math.max(oldest, FIRST_KPI_FISCAL_YEAR); fy -= 1) years.push(fy);
  return years;
}

/** A `?fy=` parameter as a fiscal year the screens offer, or the fallback when absent or out of range. */
export function parseFiscalYearParam(value: string | undefined, today: string, fallback = fiscalYearOf(today)): number {
  if (!value || !/^\d{4}$/.test(value)) return fallback;
  const fy = Number(value);
  return fy >= FIRST_KPI_FISCAL_YEAR && fy <= fiscalYearOf(today) + 1 ? fy : fallback;
}
