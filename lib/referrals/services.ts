/**
 * What a referral asks the receiver to do (依頼内容). Stored as the key; the labels are the message keys
 * `referrals.services.<key>` in lib/i18n/messages. The order is the order of the form's choices: the IP
 * services of INPIT and 弁理士会 first, then the business support of chambers and bureaus, `other` last.
 * Adding a service is adding a key here and its two labels; removing one would orphan stored referrals.
 */
export const REFERRAL_SERVICES = [
  "ip_consultation", // 知財相談 (the INPIT desk's one-stop consultation; what chambers refer most)
  "attorney_consultation", // 弁理士相談
  "prior_art_search", // 先行技術調査
  "filing_support", // 出願支援
  "expert_dispatch", // 専門家派遣
  "overseas_expansion", // 海外展開支援
  "anti_counterfeit", // 模倣品・侵害対策
  "licensing", // ライセンス・知財活用
  "subsidy_funding", // 補助金・資金調達
  "management_consultation", // 経営相談
  "other", // その他
] as const;

export type ReferralService = (typeof REFERRAL_SERVICES)[number];

export function isReferralService(value: unknown): value is ReferralService {
  return typeof value === "string" && (REFERRAL_SERVICES as readonly string[]).includes(value);
}

/** The message key of a service's label; an unknown stored key (a removed service) is shown as "other". */
export function referralServiceMessageKey(service: string): `referrals.services.${ReferralService}` {
  return `referrals.services.${isReferralService(service) ? service : "other"}`;
}
