"use server";

import { invokeAction } from "@/lib/auth/invoke-action";
import { logActivity } from "@/lib/activities/log-activity";
import { addConfidentialNote } from "@/lib/cases/add-confidential-note";
import { changeCaseStage } from "@/lib/cases/change-case-stage";
import { openCase } from "@/lib/cases/open-case";
import { recordOutcome } from "@/lib/cases/record-outcome";
import { setCaseMembers } from "@/lib/cases/set-case-members";
import { updateCase } from "@/lib/cases/update-case";

/**
 * The case screens' server functions. Each is a public endpoint whose body is invokeAction: authentication,
 * permission, validation and the audit row happen there. Changes re-render the page they came from in the same
 * round trip (`{ refresh: true }`); opening a case navigates to it instead.
 */

export async function openCaseAction(_previous: unknown, formData: FormData) {
  return invokeAction(openCase, formData);
}

export async function updateCaseAction(_previous: unknown, formData: FormData) {
  return invokeAction(updateCase, formData, { refresh: true });
}

export async function changeCaseStageAction(_previous: unknown, formData: FormData) {
  return invokeAction(changeCaseStage, formData, { refresh: true });
}

export async function setCaseMembersAction(_previous: unknown, formData: FormData) {
  return invokeAction(setCaseMembers, formData, { refresh: true });
}

export async function recordOutcomeAction(_previous: unknown, formData: FormData) {
  return invokeAction(recordOutcome, formData, { refresh: true });
}

export async function addConfidentialNoteAction(_previous: unknown, formData: FormData) {
  return invokeAction(addConfidentialNote, formData, { refresh: true });
}

export async function logActivityAction(_previous: unknown, formData: FormData) {
  return invokeAction(logActivity, formData, { refresh: true });
}
