"use server";

import { refresh } from "next/cache";
import { invokeAction } from "@/lib/auth/invoke-action";
import type { ActionResult } from "@/lib/authz/action";
import { acceptReferral, assignReferralHandler, declineReferral } from "@/lib/referrals/transition-referral";

/**
 * The homes' server functions: the 弁理士会 inbox answers a referral (受付 / 辞退) and assigns an attorney without
 * leaving the home. Each is a public endpoint whose body is invokeAction — the side, state and permission rules
 * of lib/referrals/transition-referral.ts apply exactly as on the referral page — and re-renders the home.
 */

async function refreshed<T>(pending: Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  const result = await pending;
  if (result.ok) refresh();
  return result;
}

export async function acceptReferralFromHome(_previous: unknown, formData: FormData) {
  return refreshed(invokeAction(acceptReferral, formData));
}

export async function declineReferralFromHome(_previous: unknown, formData: FormData) {
  return refreshed(invokeAction(declineReferral, formData));
}

export async function assignReferralHandlerFromHome(_previous: unknown, formData: FormData) {
  return refreshed(invokeAction(assignReferralHandler, formData));
}
