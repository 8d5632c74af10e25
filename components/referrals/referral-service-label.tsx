import { getTranslations } from "next-intl/server";
import { isReferralService, referralServiceMessageKey } from "@/lib/referrals/services";

/**
 * What a referral asks for (依頼内容), in the UI language. A known service key gets its label; anything else
 * (free text from an import or older data) is shown as stored, which says more than a generic 「その他」.
 */
export async function ReferralServiceLabel({ service }: { service: string }) {
  const t = await getTranslations();
  const key = referralServiceMessageKey(service);
  return <>{isReferralService(service) && t.has(key) ? t(key) : service}</>;
}
