import type { Locale } from "@/lib/i18n/config";

/**
 * Fiscal years (年度) run April 1 – March 31 and are named by the calendar year they start in; dates are
 * read in Japan Standard Time whatever the server's zone. JST is UTC+9 all year (no daylight saving since
 * 1951), so a fixed offset is exact and needs no time-zone library; date-fns works in the machine's local
 * zone, which is why it is not used here.
 */

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date ('YYYY-MM-DD', taken as a JST date) or an instant. */
export type DateInput = Date | string;

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

function calendarDateOf(input: DateInput): CalendarDate {
  if (typeof input === "string") {
    const match = ISO_DATE.exec(input);
    if (!match) throw new RangeError(`expected a 'YYYY-MM-DD' date, got "${input}"`);
    return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  }
  if (Number.isNaN(input.getTime())) throw new RangeError("invalid Date");
  const shifted = new Date(input.getTime() + JST_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** The JST calendar date of an instant, as 'YYYY-MM-DD'. */
export function jstDateOf(instant: Date): string {
  const { year, month, day } = calendarDateOf(instant);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Today's date in Japan, as 'YYYY-MM-DD'. */
export function todayInJst(now: Date = new Date()): string {
  return jstDateOf(now);
}

/** The fiscal year a date falls in: 2025-04-01 … 2026-03-31 (JST) is FY2025. */
export function fiscalYearOf(date: DateInput): number {
  const { year, month } = calendarDateOf(date);
  return month >= 4 ? year : year - 1;
}

/** The quarter of the fiscal year: April–June is 1, July–September 2, October–December 3, January–March 4. */
export function fiscalQuarterOf(date: DateInput): 1 | 2 | 3 | 4 {
  const { month } = calendarDateOf(date);
  return (Math.floor(((month + 8) % 12) / 3) + 1) as 1 | 2 | 3 | 4;
}

/** First and last day of a fiscal year, as 'YYYY-MM-DD' (both inclusive). */
export function fiscalYearRange(fiscalYear: number): { start: string; end: string } {
  return { start: `${fiscalYear}-04-01`, end: `${fiscalYear + 1}-03-31` };
}

const REIWA_FIRST_FISCAL_YEAR = 2019;
const HEISEI_FIRST_FISCAL_YEAR = 1989;

/**
 * The 令和 number of a fiscal year. 令和 began on 2019-05-01, a month into FY2019, yet officials call the
 * whole of FY2019 令和元年度 — so the fiscal year, not the calendar, decides: FY2019 → 1, FY2024 → 6.
 */
export function reiwaYear(fiscalYear: number): number {
  if (!Number.isInteger(fiscalYear) || fiscalYear < REIWA_FIRST_FISCAL_YEAR) {
    throw new RangeError(`FY${fiscalYear} is not a 令和 fiscal year`);
  }
  return fiscalYear - REIWA_FIRST_FISCAL_YEAR + 1;
}

/**
 * The 令和 number of a calendar date (used in case and referral codes such as R8-0001): the calendar year
 * minus 2018, from 2019-05-01 on.
 */
export function reiwaYearOfDate(date: DateInput): number {
  const { year, month } = calendarDateOf(date);
  if (year < 2019 || (year === 2019 && month < 5)) throw new RangeError(`${String(date)} is before 令和`);
  return year - 2018;
}

/** 「令和6年度」 / "FY2024 (Reiwa 6)"; the first year of an era is 元年 ("Reiwa 1" in English). */
export function fiscalYearLabel(fiscalYear: number, locale: Locale): string {
  const era =
    fiscalYear >= REIWA_FIRST_FISCAL_YEAR
      ? { ja: "令和", en: "Reiwa", number: reiwaYear(fiscalYear) }
      : // Older data (imports of past years) still gets the name officials used for it: 平成元年度 = FY1989.
        { ja: "平成", en: "Heisei", number: fiscalYear - HEISEI_FIRST_FISCAL_YEAR + 1 };
  if (era.number < 1) throw new RangeError(`FY${fiscalYear} is before 平成`);
  if (locale === "en") return `FY${fiscalYear} (${era.en} ${era.number})`;
  return `${era.ja}${era.number === 1 ? "元" : era.number}年度`;
}
