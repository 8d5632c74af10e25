import { z } from "zod";
import { activityKind } from "@/db/schema";
import {
  choice,
  idempotencyKey,
  optionalInteger,
  optionalText,
  recordId,
  recordIdList,
  requiredDate,
  requiredText,
} from "@/lib/validation/form-fields";

const JST_OFFSET_HOURS = 9;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * An `<input type="datetime-local">` value ("2026-01-15T14:30") read as Japan time, whatever the server's
 * zone; a value with an explicit offset or Z is taken as it says. Returns null for anything else.
 */
export function parseJstDateTime(value: string): Date | null {
  const text = value.normalize("NFKC").trim();
  const local = LOCAL_DATE_TIME.exec(text);
  if (local) {
    const [year, month, day, hour, minute, second] = local.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
    if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
    const date = new Date(Date.UTC(year, month - 1, day, hour - JST_OFFSET_HOURS, minute, second));
    // Date.UTC rolls 02-30 over into March; a day that does not exist is a typo, not a date.
    const back = new Date(date.getTime() + JST_OFFSET_HOURS * 3_600_000);
    return back.getUTCDate() === day ? date : null;
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    const date = new Date(text);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  return null;
}

/** A little grace for clocks that disagree: an activity "now" on a slow laptop is not in the future. */
const FUTURE_GRACE_MS = 5 * 60 * 1000;

const occurredAtField = z
  .preprocess((v) => {
    if (typeof v !== "string") return v;
    if (v.trim() === "") return undefined;
    return parseJstDateTime(v) ?? v;
  }, z.date({ error: "validation.dateTime" }))
  // An activity is something that happened; what is planned is a next action.
  .refine((date) => date.getTime() <= Date.now() + FUTURE_GRACE_MS, "validation.activity.occurredInFuture");

/** The optional 次のアクション of the quick log form; left entirely blank it is simply not there. */
const nextActionField = z.preprocess(
  (v) => {
    if (v === null || v === undefined) return undefined;
    if (typeof v === "object" && Object.values(v).every((field) => field === undefined || field === null || (typeof field === "string" && field.trim() === ""))) {
      return undefined;
    }
    return v;
  },
  z
    .object({
      title: requiredText(200),
      assigneeUserId: recordId(),
      dueOn: requiredDate(),
    })
    .optional(),
);

/**
 * HTML forms post the next action as flat fields named `nextAction.title`, `nextAction.assigneeUserId`,
 * `nextAction.dueOn` (so that field errors, whose paths are joined with dots, land next to the same names);
 * fold them into the nested object the schema describes.
 */
function foldNextActionFields(input: unknown): unknown {
  if (!input || typeof input !== "object" || Array.isArray(input)) return input;
  const entries = Object.entries(input as Record<string, unknown>);
  if (!entries.some(([key]) => key.startsWith("nextAction."))) return input;
  const out: Record<string, unknown> = {};
  const nextAction: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    if (key.startsWith("nextAction.")) nextAction[key.slice("nextAction.".length)] = value;
    else out[key] = value;
  }
  out.nextAction = nextAction;
  return out;
}

/** 支援記録の入力 (quick log form). */
export const logActivitySchema = z.preprocess(
  foldNextActionFields,
  z.object({
    caseId: recordId(),
    kind: choice(activityKind.enumValues),
    /** datetime-local in Japan time, or an ISO instant. */
    occurredAt: occurredAtField,
    durationMinutes: optionalInteger(0, 24 * 60),
    /** Renkei users who took part. */
    participantIds: recordIdList(),
    /** People outside Renkei who took part (company staff, external experts). */
    externalParticipants: optionalText(500),
    summary: requiredText(4000),
    nextAction: nextActionField,
    idempotencyKey: idempotencyKey(),
  }),
);

export const completeNextActionSchema = z.object({
  nextActionId: recordId(),
});
