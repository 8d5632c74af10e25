import holidayJp from "@holiday-jp/holiday_jp";
import type { ReferralStatus } from "@/db/schema";
import { jstDateOf } from "@/lib/format/fiscal-year";

/**
 * Business days for answer deadlines (a referral is answered within 5 business days). Dates are JST calendar
 * dates as 'YYYY-MM-DD' strings, computed with UTC arithmetic so the server's own zone never shifts a day.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;

function toUtcMidnight(isoDate: string): Date {
  const match = ISO_DATE.exec(isoDate);
  if (!match) throw new RangeError(`expected a 'YYYY-MM-DD' date, got "${isoDate}"`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

/** The calendar date `days` days after (or before, when negative) the given one. */
export function addCalendarDays(isoDate: string, days: number): string {
  return new Date(toUtcMidnight(isoDate).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Closed days of the public bodies that answer referrals: weekends, national holidays (祝日・振替休日・国民の休日,
 * from @holiday-jp/holiday_jp, which tracks the Cabinet Office's list — keep the package current, it is the
 * only source of holiday dates here) and the year-end break December 29 – January 3. That break is not a
 * national holiday, but government offices are closed by law (行政機関の休日に関する法律 第1条), and the INPIT
 * desks, 弁理士会 rooms and chambers of commerce close with them; counting those days would make a referral
 * sent just before Christmas "overdue" while every recipient is closed.
 */
export function isBusinessDay(isoDate: string): boolean {
  const date = toUtcMidnight(isoDate);
  const weekday = date.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const month = date.getUTCMonth() + 1;
  const day = date.getUTCDate();
  if ((month === 12 && day >= 29) || (month === 1 && day <= 3)) return false;
  // A keyed lookup of the exact 'YYYY-MM-DD': the library's isHoliday(Date) reads the machine's local zone.
  return !Object.hasOwn(holidayJp.holidays, isoDate);
}

/**
 * The date `count` business days after `from` (a JST date, or an instant read in JST). The start day itself
 * is never counted, so a referral sent on a Friday evening is due on the following Friday, not a day earlier.
 */
export function addBusinessDays(from: string | Date, count: number): string {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  let date = typeof from === "string" ? from : jstDateOf(from);
  toUtcMidnight(date);
  let remaining = count;
  while (remaining > 0) {
    date = addCalendarDays(date, 1);
    if (isBusinessDay(date)) remaining -= 1;
  }
  return date;
}

/** The last business day on or before the given date (a date that is already one comes back unchanged). */
export function previousBusinessDay(isoDate: string): string {
  let date = isoDate;
  while (!isBusinessDay(date)) date = addCalendarDays(date, -1);
  return date;
}

/**
 * Business days after `from` up to and including `to` — the inverse of addBusinessDays: when `to` is a
 * business day, businessDaysBetween(a, addBusinessDays(a, n)) === n. Negative when `to` is before `from`.
 */
export function businessDaysBetween(from: string, to: string): number {
  const start = toUtcMidnight(from).getTime();
  const end = toUtcMidnight(to).getTime();
  if (end < start) return -businessDaysBetween(to, from);
  let count = 0;
  for (let date = addCalendarDays(from, 1); toUtcMidnight(date).getTime() <= end; date = addCalendarDays(date, 1)) {
    if (isBusinessDay(date)) count += 1;
  }
  return count;
}

/** DOMAIN.md: a referral should be answered within 5 business days of being sent. */
export const REFERRAL_ANSWER_BUSINESS_DAYS = 5;

/**
 * The date a referral must be answered by: its JST sending date plus five business days. The sending day
 * never counts, so a referral sent late on a Friday is due on the next Friday, as one sent that morning.
 */
export function respondByFor(sentAt: Date): string {
  return addBusinessDays(jstDateOf(sentAt), REFERRAL_ANSWER_BUSINESS_DAYS);
}

/**
 * Overdue: still unanswered (依頼中) and today in Japan is past the answer date. The answer date itself is
 * not overdue — the receiver has until the end of that day. Logged referrals have no answer date.
 */
export function isOverdue(referral: { status: ReferralStatus; respondBy: string | null }, now: Date = new Date()): boolean {
  return referral.status === "sent" && referral.respondBy !== null && jstDateOf(now) > referral.respondBy;
}
