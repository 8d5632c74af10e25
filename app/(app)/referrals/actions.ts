"use server";

import { invokeAction } from "@/lib/auth/invoke-action";
import { sendReferral } from "@/lib/referrals/send-referral";
import {
  acceptReferral,
  assignReferralHandler,
  closeLoggedReferral,
  completeReferral,
  declineReferral,
  revokeReferral,
  startReferral,
  withdrawReferral,
} from "@/lib/referrals/transition-referral";

/**
 * The referral screens' server functions (consent is recorded through components/consents/actions.ts). Each is
 * a public endpoint whose body is invokeAction: authentication, permission, the side and state rules,
 * validation and the audit row happen there. A change
 * re-renders the page it came from in the same round trip (`{ refresh: true }`); sending navigates to the new referral
 * instead. The client also invalidates its TanStack Query counts, so the badges follow at once.
 */

export async function sendReferralAction(_previous: unknown, formData: FormData) {
  return invokeAction(sendReferral, formData);
}

export async function acceptReferralAction(_previous: unknown, formData: FormData) {
  return invokeAction(acceptReferral, formData, { refresh: true });
}

export async function declineReferralAction(_previous: unknown, formData: FormData) {
  return invokeAction(declineReferral, formData, { refresh: true });
}

export async function startReferralAction(_previous: unknown, formData: FormData) {
  return invokeAction(startReferral, formData, { refresh: true });
}

export async function completeReferralAction(_previous: unknown, formData: FormData) {
  return invokeAction(completeReferral, formData, { refresh: true });
}

export async function withdrawReferralAction(_previous: unknown, formData: FormData) {
  return invokeAction(withdrawReferral, formData, { refresh: true });
}

export async function revokeReferralAction(_previous: unknown, formData: FormData) {
  return invokeAction(revokeReferral, formData, { refresh: true });
}

export async function closeLoggedReferralAction(_previous: unknown, formData: FormData) {
  return invokeAction(closeLoggedReferral, formData, { refresh: true });
}

export async function assignReferralHandlerAction(_previous: unknown, formData: FormData) {
  return invokeAction(assignReferralHandler, formData, { refresh: true });
}
