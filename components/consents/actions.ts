"use server";

import { invokeAction } from "@/lib/auth/invoke-action";
import { recordConsent } from "@/lib/referrals/record-consent";
import { revokeConsent } from "@/lib/referrals/revoke-consent";

/**
 * Recording a company's consent: a public endpoint whose body is invokeAction. It sits beside the consent form
 * because that form is used on several routes (the company, the case, the new referral); the page it came from
 * is re-rendered in the same round trip so that its list of consents shows the new one.
 */
export async function recordConsentAction(_previous: unknown, formData: FormData) {
  return invokeAction(recordConsent, formData, { refresh: true });
}

/** Recording that the company withdrew a consent; the consent list it came from is re-rendered with the date. */
export async function revokeConsentAction(_previous: unknown, formData: FormData) {
  return invokeAction(revokeConsent, formData, { refresh: true });
}
