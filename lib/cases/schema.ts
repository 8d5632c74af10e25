import { z } from "zod";
import { caseStage, ipRightKind, outcomeKind } from "@/db/schema";
import { todayInJst } from "@/lib/format/fiscal-year";
import {
  checkbox,
  choice,
  idempotencyKey,
  keyList,
  optionalChoice,
  optionalInteger,
  optionalRecordId,
  optionalText,
  recordId,
  recordIdList,
  requiredDate,
  requiredText,
  versionField,
} from "@/lib/validation/form-fields";

/** Themes of a case (商標・ブランド, 特許, …): keys of the themes table, checked against it by the action. */
const themesField = keyList(20);

/** 案件の開始: a case opened from a company. */
export const openCaseSchema = z.object({
  companyId: recordId(),
  title: requiredText(200),
  summary: optionalText(4000),
  themes: themesField,
  /** How the company came in: outreach event, business visit, referral, walk-in consultation… */
  source: optionalText(200),
  /** Defaults to the person opening the case. */
  leadUserId: optionalRecordId(),
  /** The lead is always a member, whether listed here or not. */
  memberIds: recordIdList(),
  producerTeamId: optionalRecordId(),
  idempotencyKey: idempotencyKey(),
});

/**
 * 案件の編集. A key that is absent is left as it is. A multi-select posts nothing when nothing is chosen, so
 * the form sends a hidden blank `themes[]` as well: that arrives as an empty list and clears the themes.
 */
export const updateCaseSchema = z.object({
  id: recordId(),
  version: versionField(),
  title: requiredText(200).optional(),
  summary: optionalText(4000),
  themes: themesField.optional(),
  source: optionalText(200),
});

/** 段階の変更. The rules (reason for 中断, explicit reopening) are lib/cases/stage.ts, checked by the action. */
export const changeCaseStageSchema = z.object({
  caseId: recordId(),
  version: versionField(),
  toStage: choice(caseStage.enumValues),
  reason: optionalText(1000),
  /** The user chose 「再開」 on a closed case. */
  reopen: checkbox(),
});

/** 担当者とメンバー: the whole member list as it should be, and the lead (always a member). */
export const setCaseMembersSchema = z.object({
  caseId: recordId(),
  version: versionField(),
  leadUserId: recordId(),
  memberIds: recordIdList(),
});

const IP_OUTCOMES: readonly string[] = ["ip_filing", "ip_registration"];

/** 成果の記録: an IP filing or registration, a contract, a licence, funding obtained. */
export const recordOutcomeSchema = z
  .object({
    caseId: recordId(),
    kind: choice(outcomeKind.enumValues),
    ipKind: optionalChoice(ipRightKind.enumValues),
    applicationNumber: optionalText(50),
    registrationNumber: optionalText(50),
    amountYen: optionalInteger(0, 2_147_483_647),
    description: requiredText(2000),
    achievedOn: requiredDate(),
    idempotencyKey: idempotencyKey(),
  })
  .superRefine((input, ctx) => {
    if (IP_OUTCOMES.includes(input.kind) && !input.ipKind) {
      ctx.addIssue({ code: "custom", path: ["ipKind"], message: "validation.outcome.ipKindRequired" });
    }
    if (input.kind === "ip_filing" && !input.applicationNumber) {
      ctx.addIssue({ code: "custom", path: ["applicationNumber"], message: "validation.outcome.applicationNumberRequired" });
    }
    if (input.kind === "ip_registration" && !input.registrationNumber) {
      ctx.addIssue({ code: "custom", path: ["registrationNumber"], message: "validation.outcome.registrationNumberRequired" });
    }
    // An outcome is something that happened; a planned filing is a next action, not an outcome.
    if (input.achievedOn > todayInJst()) {
      ctx.addIssue({ code: "custom", path: ["achievedOn"], message: "validation.outcome.achievedInFuture" });
    }
  });

/** 秘匿メモ: pre-filing confidential content. */
export const addConfidentialNoteSchema = z.object({
  caseId: recordId(),
  body: requiredText(20_000),
  idempotencyKey: idempotencyKey(),
});
