"use server";

import { refresh } from "next/cache";
import { invokeAction } from "@/lib/auth/invoke-action";
import type { ActionResult } from "@/lib/authz/action";
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
 * re-renders the page it came from in the same round trip (refresh()); sending navigates to the new referral
 * instead. The client also invalidates its TanStack Query counts, so the badges follow at once.
 */

async function refreshed<T>(pending: Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  const result = await pending;
  if (result.ok) refresh();
  return result;
}

export async function sendReferralAction(_previous: unknown, formData: FormData) {
  return invokeAction(sendReferral, formData);
}

export async function acceptReferralAction(_previous: unknown, formData: FormData) {
  return refreshed(invokeAction(acceptReferral, formData));
}

export async function declineReferralAction(_previous: unknown, formData: FormData) {
  return refreshed(invokeAction(declineReferral, formData));
}

export async function startReferralAction(_previous: unknown, formData: FormData) {
  return refreshed(invokeAction(startReferral, formData));
}

export async function completeReferralAction(_previous: unknown, formData: FormData) {
  return refreshed(invokeAction(completeReferral, formData));
}

export async function withdrawReferralAction(_previous: unknown, formData: FormData) {
  return refreshed(invokeAction(withdrawReferral, formData));
}

export async function revokeReferralAction(_previous: unknown, formData: FormData) {
  return refreshed(invokeAction(revokeReferral, formData));
}

export async function closeLoggedReferralAction(_previous: unknown, formData: FormData) {
  return refreshed(invokeAction(closeLoggedReferral, formData));
}

export async function assignReferralHandlerAction(_previous: unknown, formData: FormData) {
  return refreshed(invokeAction(assignReferralHandler, formData));
}
