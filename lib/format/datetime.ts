import { translate } from "@/lib/i18n/messages";
import type { Locale } from "@/lib/i18n/config";

/**
 * The one place dates and times become text. Timestamps are stored in UTC and always shown in Japan time,
 * whatever the server's or the browser's zone; `date` columns ("2026-11-25") are calendar days and are never
 * shifted. The patterns are built here rather than left to Intl's locale data, so that the output is the
 * same on every Node/ICU version (ICU 72+ writes "Sept" for en-GB, for example).
 * Today's date in Japan and fiscal years live beside this in ./fiscal-year.ts (todayInJst, fiscalYearLabel).
 */

export const TIME_ZONE = "Asia/Tokyo";

/** A timestamp (Date or ISO string) or a calendar day as "YYYY-MM-DD". */
export type DateInput = Date | string;

interface CalendarParts {
  year: number;
  month: number;
  day: number;
  /** 0 = Sunday. */
  weekday: number;
  hour: number;
  minute: number;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const JA_WEEKDAYS = ["日", "月", "火", "水", "木", "金", "土"] as const;
const EN_WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

const tokyoParts = new Intl.DateTimeFormat("en-US", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  hourCycle: "h23",
});

function partsOf(value: DateInput): CalendarParts {
  if (typeof value === "string") {
    const match = DATE_ONLY.exec(value);
    if (match) {
      const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
      return { year, month, day, weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(), hour: 0, minute: 0 };
    }
  }
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a date: ${String(value)}`);
  const parts = tokyoParts.formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  const [year, month, day] = [get("year"), get("month"), get("day")];
  return {
    year,
    month,
    day,
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
    hour: get("hour"),
    minute: get("minute"),
  };
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** ja: 2026年11月25日(水) — en: 25 Nov 2026 */
export function formatDate(value: DateInput, locale: Locale): string {
  const p = partsOf(value);
  return locale === "ja" ? `${p.year}年${p.month}月${p.day}日(${JA_WEEKDAYS[p.weekday]})` : `${p.day} ${EN_MONTHS[p.month - 1]} ${p.year}`;
}

/** For dense tables — ja: 11/25(水) — en: Wed 25 Nov. The year is left out: use formatDate when it matters. */
export function formatShortDate(value: DateInput, locale: Locale): string {
  const p = partsOf(value);
  return locale === "ja"
    ? `${p.month}/${p.day}(${JA_WEEKDAYS[p.weekday]})`
    : `${EN_WEEKDAYS[p.weekday]} ${p.day} ${EN_MONTHS[p.month - 1]}`;
}

/** 14:05, in Japan time; the same in both languages (the locale is taken for a uniform call shape). */
export function formatTime(value: Date | string, _locale?: Locale): string {
  const p = partsOf(value);
  return `${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** ja: 2026年11月25日(水) 14:05 — en: 25 Nov 2026, 14:05 */
export function formatDateTime(value: Date | string, locale: Locale): string {
  return locale === "ja" ? `${formatDate(value, locale)} ${formatTime(value, locale)}` : `${formatDate(value, locale)}, ${formatTime(value, locale)}`;
}

function dayNumber(value: DateInput): number {
  const p = partsOf(value);
  return Date.UTC(p.year, p.month - 1, p.day) / 86_400_000;
}

/**
 * Whole calendar days (in Japan) by which `dueOn` has passed: 0 on the due day itself, negative before it.
 * A due date is met until the end of that day, so 1 means "due yesterday".
 */
export function daysOverdue(dueOn: DateInput, now: Date = new Date()): number {
  return dayNumber(now) - dayNumber(dueOn);
}

/** ja: 3日超過 — en: 3 days overdue. Only for positive day counts. */
export function formatOverdue(days: number, locale: Locale): string {
  return translate(locale, days === 1 ? "format.overdueOneDay" : "format.overdueDays", { days });
}

/**
 * The state of a due date as people say it: 「3日超過」, 「今日まで」, 「あと2日」 (en: 3 days overdue, due today,
 * 2 days left), with whether it is overdue so that the caller can colour it.
 */
export function describeDue(dueOn: DateInput, locale: Locale, now: Date = new Date()): { label: string; overdue: boolean; dueToday: boolean } {
  const days = daysOverdue(dueOn, now);
  if (days > 0) return { label: formatOverdue(days, locale), overdue: true, dueToday: false };
  if (days === 0) return { label: translate(locale, "format.dueToday"), overdue: false, dueToday: true };
  const left = -days;
  return {
    label: translate(locale, left === 1 ? "format.daysLeftOne" : "format.daysLeft", { days: left }),
    overdue: false,
    dueToday: false,
  };
}
