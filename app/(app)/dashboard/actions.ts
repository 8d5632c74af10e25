"use server";

import { invokeAction } from "@/lib/auth/invoke-action";
import { acceptReferral, assignReferralHandler, declineReferral } from "@/lib/referrals/transition-referral";

/**
 * The homes' server functions: the 弁理士会 inbox answers a referral (受付 / 辞退) and assigns an attorney without
 * leaving the home. Each is a public endpoint whose body is invokeAction — the side, state and permission rules
 * of lib/referrals/transition-referral.ts apply exactly as on the referral page — and re-renders the home.
 */

export async function acceptReferralFromHome(_previous: unknown, formData: FormData) {
  return invokeAction(acceptReferral, formData, { refresh: true });
}

export async function declineReferralFromHome(_previous: unknown, formData: FormData) {
  return invokeAction(declineReferral, formData, { refresh: true });
}

export async function assignReferralHandlerFromHome(_previous: unknown, formData: FormData) {
  return invokeAction(assignReferralHandler, formData, { refresh: true });
}
