import { z } from "zod";

/**
 * zod building blocks for fields that arrive from HTML forms. FormData gives strings (or arrays of strings),
 * so every builder here accepts the string form as well as the typed one a programmatic caller sends.
 * Text is NFKC-normalized where people type digits (full-width ０-９ are common in Japanese IMEs).
 *
 * Optional fields follow one convention: a blank value ("" or only spaces) is `null` — "clear this field" —
 * and an absent key stays `undefined` — "not sent, leave it as it is" — so that an update can be partial.
 * Custom messages are i18n keys under `validation.` (lib/i18n/messages), translated by the action wrapper.
 */

function blankToNull(value: unknown): unknown {
  if (typeof value === "string" && value.trim() === "") return null;
  return value;
}

/** The last of repeated values: a hidden "false" before a checked box posts ["false", "on"]. */
function lastOf(value: unknown): unknown {
  return Array.isArray(value) ? value[value.length - 1] : value;
}

/** A required line of text, trimmed. */
export function requiredText(max: number) {
  return z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(max);
}

/** Optional text, trimmed; blank → null. */
export function optionalText(max: number) {
  return z.preprocess(blankToNull, z.string().trim().max(max).nullable().optional());
}

function toNumber(value: unknown): unknown {
  if (typeof value !== "string") return value;
  // 1,000 / １，０００ / 1 000 are how people write amounts.
  const cleaned = value.normalize("NFKC").replace(/[,\s]/g, "");
  return cleaned === "" ? null : Number(cleaned);
}

/** Optional whole number within bounds; blank → null. */
export function optionalInteger(min: number, max: number) {
  return z.preprocess(
    (v) => toNumber(blankToNull(v)),
    z
      .number({ error: "validation.integer" })
      .int("validation.integer")
      .min(min, min === 0 ? "validation.nonNegative" : undefined)
      .max(max)
      .nullable()
      .optional(),
  );
}

/** A required whole number within bounds. */
export function requiredInteger(min: number, max: number, requiredKey = "validation.required") {
  return z.preprocess(
    (v) => toNumber(blankToNull(v)) ?? undefined,
    z.number({ error: (issue) => (issue.input === undefined ? requiredKey : "validation.integer") }).int("validation.integer").min(min).max(max),
  );
}

/** A checkbox: "on" / "true" / true is checked; absent, "", "off", "false" are not. */
export function checkbox() {
  return z.preprocess((v) => {
    const last = lastOf(v);
    if (typeof last === "boolean") return last;
    return last === "on" || last === "true" || last === "1";
  }, z.boolean());
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written as YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function normalizeDate(value: unknown): unknown {
  if (typeof value !== "string") return value;
  // 2026/1/5 and full-width digits are how dates get typed; the stored form is 2026-01-05.
  const match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(value.normalize("NFKC").trim());
  return match ? `${match[1]}-${match[2]!.padStart(2, "0")}-${match[3]!.padStart(2, "0")}` : value;
}

const calendarDate = z.string({ error: "validation.date" }).refine(isCalendarDate, "validation.date");

/** A calendar day (a `date` column) as 'YYYY-MM-DD'. */
export function requiredDate() {
  return z.preprocess((v) => normalizeDate(blankToNull(v) ?? undefined), calendarDate);
}

/** An optional calendar day; blank → null. */
export function optionalDate() {
  return z.preprocess((v) => normalizeDate(blankToNull(v)), calendarDate.nullable().optional());
}

/** A record id chosen in a form (a select or a hidden field). */
export function recordId() {
  return z.guid({ error: "validation.choose" });
}

/** An optional record id; blank → null. */
export function optionalRecordId() {
  return z.preprocess(blankToNull, recordId().nullable().optional());
}

/** Ids from a multi-select or repeated checkboxes (`memberIds[]`): one value becomes a list, blanks drop out. */
export function recordIdList() {
  return z.preprocess((v) => {
    if (v === undefined || v === null) return [];
    const list = Array.isArray(v) ? v : [v];
    return list.filter((item) => !(typeof item === "string" && item.trim() === ""));
  }, z.array(recordId()).max(200));
}

/** Keys from a multi-select (theme keys and the like), deduplicated. */
export function keyList(maxItems: number) {
  return z.preprocess((v) => {
    if (v === undefined || v === null) return [];
    const list = Array.isArray(v) ? v : [v];
    return [...new Set(list.filter((item) => !(typeof item === "string" && item.trim() === "")))];
  }, z.array(z.string().trim().min(1).max(64)).max(maxItems));
}

/**
 * The one-time key of a create or log request (a UUID): a second submit of the same form carries the same
 * key and finds the first record instead of creating another. Required, so that protection never depends on
 * the caller remembering it: forms get theirs rendered by the server (lib/validation/idempotency-key.ts),
 * API clients send one per record they mean to create.
 */
export function idempotencyKey() {
  return z.preprocess(
    (v) => blankToNull(v) ?? undefined,
    z.guid({ error: (issue) => (issue.input === undefined ? "validation.idempotencyKey.required" : "validation.idempotencyKey.invalid") }),
  );
}

/**
 * The one-time key of a form that creates a record when it has no `id` and edits the record when it has one
 * (a contact, an IP right, an organization): checked when given, required by `creatingHasKey` only to create.
 */
export function idempotencyKeyToCreate() {
  return z.preprocess((v) => blankToNull(v) ?? undefined, z.guid({ error: "validation.idempotencyKey.invalid" }).optional());
}

/** With idempotencyKeyToCreate(): `.refine(creatingHasKey, CREATING_NEEDS_KEY)` on the form's schema. */
export function creatingHasKey(input: { id?: unknown; idempotencyKey?: string }): boolean {
  return input.id !== undefined || input.idempotencyKey !== undefined;
}
export const CREATING_NEEDS_KEY = { path: ["idempotencyKey"], message: "validation.idempotencyKey.required" };

/** The version an edit form read, for optimistic concurrency. */
export function versionField() {
  return requiredInteger(1, 2_147_483_647, "validation.version");
}

/** One of a fixed set of values (a select); blank is "nothing chosen". */
export function choice<const T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess((v) => blankToNull(v) ?? undefined, z.enum(values, { error: "validation.choose" }));
}

/** An optional choice; blank → null. */
export function optionalChoice<const T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess(blankToNull, z.enum(values, { error: "validation.choose" }).nullable().optional());
}
