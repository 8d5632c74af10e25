/**
 * The link to the referral form, prefilled. Other screens link here (the company and case pages, the 商工会議所
 * home's "IP need spotted" checklist, a received referral's "refer onward"): every parameter is optional and
 * the form checks each one again on the server.
 */
export function newReferralHref(prefill: { companyId?: string; caseId?: string; toParty?: string; service?: string; toOrgId?: string }): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(prefill)) if (value) query.set(key, value);
  const text = query.toString();
  return text ? `/referrals/new?${text}` : "/referrals/new";
}
