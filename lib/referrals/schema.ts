import { z } from "zod";
import { consentMethod, referralUrgency } from "@/db/schema";
import { todayInJst } from "@/lib/format/fiscal-year";
import { idempotencyKey } from "@/lib/validation/form-fields";
import { REFERRAL_SERVICES } from "./services";

/**
 * Input of the consent and referral actions, parsed on the server by runAction. Forms post strings: blank
 * fields mean "not given", checkboxes post "on" or nothing. Rules that need the database (is the consent the
 * company's, is the recipient active) live in the actions; message keys are in lib/i18n/messages.
 */

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/** A checkbox: checked is "on" (or true from code); unchecked fields are not posted at all. */
const checkbox = z.preprocess((value) => value === true || value === "on" || value === "true" || value === "1", z.boolean());

// z.guid rather than z.uuid: any 8-4-4-4-12 hex id, as the database stores it (seed ids are not RFC 4122 v4).
const optionalId = z.preprocess(blankToUndefined, z.guid().optional());

const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());

const optionalVersion = z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional());

/** A calendar date 'YYYY-MM-DD' that exists (no 2026-02-30). */
const isoDate = z.iso.date();

export const CONSENT_METHODS = consentMethod.enumValues;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

export const REFERRAL_URGENCIES = referralUrgency.enumValues;
export type ReferralUrgency = (typeof REFERRAL_URGENCIES)[number];

/**
 * 同意記録. The basic profile is always part of a consent (a referral without it could say nothing about the
 * company). The scopes nest: confidential notes are notes of the consultation, so a consent that shares them
 * must share the consultation summary too — a receiver that could read the notes but not the case they
 * belong to would make no sense, and the record should say plainly what the company agreed to.
 */
export const recordConsentInput = z
  .object({
    companyId: z.guid(),
    obtainedOn: isoDate.refine((date) => date <= todayInJst(), { error: "validation.consent.obtainedOnFuture" }),
    method: z.enum(CONSENT_METHODS, { error: "validation.consent.methodRequired" }),
    scopeConsultationSummary: checkbox,
    scopeConfidentialNotes: checkbox,
    /** Who gave consent for the company, e.g. 代表取締役 山田太郎 (personal data). */
    givenBy: optionalText(100),
    notes: optionalText(2000),
    /** The form's one-time key: a double submit finds the first consent instead of recording a second. */
    idempotencyKey: idempotencyKey(),
  })
  .refine((consent) => !consent.scopeConfidentialNotes || consent.scopeConsultationSummary, {
    path: ["scopeConfidentialNotes"],
    error: "validation.consent.confidentialNeedsSummary",
  });
export type RecordConsentInput = z.output<typeof recordConsentInput>;

/**
 * 同意の撤回: the company withdrew its consent. The reason is required — it is what the audit row keeps to
 * explain later why a receiver lost access — and the date is the moment of revocation (revokedAt).
 */
export const revokeConsentInput = z.object({
  consentId: z.guid(),
  reason: z
    .string({ error: "validation.consent.revokeReasonRequired" })
    .trim()
    .min(1, { error: "validation.consent.revokeReasonRequired" })
    .max(2000),
});
export type RevokeConsentInput = z.output<typeof revokeConsentInput>;

/**
 * 連携依頼の送付. From a case (caseId) or from a company (companyId; with a case, the company is the case's).
 * To an organization in Renkei (toOrgId → 依頼中, answered within 5 business days) or, for a body outside
 * Renkei, a logged referral (externalRecipient + followUpOn → 記録のみ).
 */
export const sendReferralInput = z
  .object({
    caseId: optionalId,
    companyId: optionalId,
    consentId: z.guid({ error: "validation.referral.consentRequired" }),
    toOrgId: optionalId,
    externalRecipient: optionalText(200),
    followUpOn: z.preprocess(blankToUndefined, isoDate.optional()),
    service: z.enum(REFERRAL_SERVICES, { error: "validation.referral.serviceRequired" }),
    reason: z
      .string({ error: "validation.referral.reasonRequired" })
      .trim()
      .min(1, { error: "validation.referral.reasonRequired" })
      .max(2000),
    urgency: z.preprocess(blankToUndefined, z.enum(REFERRAL_URGENCIES).default("normal")),
    handoverNotes: optionalText(4000),
    /** The form's one-time key: a double submit finds the first referral instead of sending a second. */
    idempotencyKey: idempotencyKey(),
  })
  .superRefine((input, ctx) => {
    if (!input.caseId && !input.companyId) {
      ctx.addIssue({ code: "custom", path: ["companyId"], message: "validation.referral.companyRequired" });
    }
    if (input.toOrgId && input.externalRecipient) {
      ctx.addIssue({ code: "custom", path: ["externalRecipient"], message: "validation.referral.oneRecipient" });
    } else if (!input.toOrgId && !input.externalRecipient) {
      ctx.addIssue({ code: "custom", path: ["toOrgId"], message: "validation.referral.recipientRequired" });
    }
    if (input.externalRecipient && !input.followUpOn) {
      ctx.addIssue({ code: "custom", path: ["followUpOn"], message: "validation.referral.followUpRequired" });
    }
    if (input.followUpOn && input.followUpOn < todayInJst()) {
      ctx.addIssue({ code: "custom", path: ["followUpOn"], message: "validation.referral.followUpInPast" });
    }
  });
export type SendReferralInput = z.output<typeof sendReferralInput>;

/**
 * A transition names the referral and, optionally, the version the user's screen showed: with it, a change
 * made meanwhile (another handler assigned, say) is a conflict rather than silently acted on. The reason and
 * feedback fields are optional here on purpose — whether a transition needs one is the state machine's rule
 * (lib/referrals/state-machine.ts), checked in the action, so that it is written down once.
 */
const referralRef = { referralId: z.guid(), version: optionalVersion };

export const acceptReferralInput = z.object({
  ...referralRef,
  /** The receiving organization's person who will handle it (e.g. the attorney); can be assigned later. */
  handlerUserId: optionalId,
});
export const declineReferralInput = z.object({ ...referralRef, declineReason: optionalText(2000) });
export const startReferralInput = z.object({ ...referralRef });
export const completeReferralInput = z.object({ ...referralRef, outcomeFeedback: optionalText(4000) });
export const withdrawReferralInput = z.object({ ...referralRef, withdrawReason: optionalText(2000) });
export const revokeReferralInput = z.object({ ...referralRef, withdrawReason: optionalText(2000) });
export const closeLoggedReferralInput = z.object({ ...referralRef, outcomeFeedback: optionalText(4000) });

export const assignHandlerInput = z.object({
  ...referralRef,
  handlerUserId: z.guid({ error: "validation.referral.handlerRequired" }),
});
export type AssignHandlerInput = z.output<typeof assignHandlerInput>;

/** The fields any transition may carry; each action's schema admits the ones its transition uses. */
export interface TransitionInput {
  referralId: string;
  version?: number;
  handlerUserId?: string;
  declineReason?: string;
  outcomeFeedback?: string;
  withdrawReason?: string;
}
