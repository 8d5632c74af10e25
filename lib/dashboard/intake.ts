import type { ReferralService } from "@/lib/referrals/services";

/**
 * 知財ニーズの気づき (IP need spotted): the 商工会議所 advisor's checklist. Advisors are management advisors, not
 * IP experts; they notice signs during a business visit. Each sign points to the body that usually takes it
 * on and what to ask for, so the advisor can start a referral without knowing the IP system. The suggestion is
 * advice only: the referral form (/referrals/new) lets them choose anything, and the receiver can refer on.
 *
 * The mapping follows the network's division of labour (DOMAIN.md): the INPIT desk is the one-stop first
 * contact for IP questions; 弁理士会 takes what needs an attorney (infringement, contracts); the 経産局 runs the
 * subsidy and funding programmes.
 */

export const IP_NEED_SIGNALS = [
  "brand_unregistered", // a name, shop name or logo in use without a trademark registration
  "new_product", // a new product, technique or process developed or under development
  "design_renewal", // a new product design or packaging
  "know_how", // know-how or a process to keep secret (staff leaving, suppliers)
  "overseas_sales", // selling abroad, or planning to export
  "imitations_seen", // look-alike products, or the name copied
  "licensing", // joint development, technology provision, licence talks with another company
  "business_succession", // succession or a change of generation coming
  "funding", // subsidies or finance tied to IP
] as const;

export type IpNeedSignal = (typeof IP_NEED_SIGNALS)[number];

export interface ReferralSuggestion {
  /** The party kind to refer to (its nearest organization is suggested by the referral form). */
  toParty: "inpit" | "jpaa" | "meti";
  service: ReferralService;
  /** The signs behind this suggestion, in checklist order. */
  signals: IpNeedSignal[];
  /** Case themes (themes table keys) the signs point to, for the case the receiver may open. */
  themes: string[];
}

const SIGNAL_TARGETS: Record<IpNeedSignal, { toParty: ReferralSuggestion["toParty"]; service: ReferralService; theme: string }> = {
  brand_unregistered: { toParty: "inpit", service: "ip_consultation", theme: "trademark_brand" },
  new_product: { toParty: "inpit", service: "ip_consultation", theme: "patent" },
  design_renewal: { toParty: "inpit", service: "ip_consultation", theme: "design" },
  know_how: { toParty: "inpit", service: "ip_consultation", theme: "trade_secret" },
  overseas_sales: { toParty: "inpit", service: "overseas_expansion", theme: "overseas" },
  imitations_seen: { toParty: "jpaa", service: "anti_counterfeit", theme: "counterfeit" },
  licensing: { toParty: "jpaa", service: "licensing", theme: "licensing" },
  business_succession: { toParty: "inpit", service: "ip_consultation", theme: "succession" },
  funding: { toParty: "meti", service: "subsidy_funding", theme: "financing" },
};

/** Ties go to the one-stop desk first: it can always refer on. */
const PARTY_ORDER: readonly ReferralSuggestion["toParty"][] = ["inpit", "jpaa", "meti"];

export function isIpNeedSignal(value: unknown): value is IpNeedSignal {
  return typeof value === "string" && (IP_NEED_SIGNALS as readonly string[]).includes(value);
}

/**
 * The referrals the checked signs suggest, the most supported first (then INPIT, 弁理士会, 経産局); empty when
 * nothing is checked. Each (party, service) pair appears once, with every sign that led to it.
 */
export function suggestReferrals(checked: readonly IpNeedSignal[]): ReferralSuggestion[] {
  const bySuggestion = new Map<string, ReferralSuggestion>();
  for (const signal of IP_NEED_SIGNALS) {
    if (!checked.includes(signal)) continue;
    const target = SIGNAL_TARGETS[signal];
    const key = `${target.toParty}/${target.service}`;
    const suggestion = bySuggestion.get(key) ?? { toParty: target.toParty, service: target.service, signals: [], themes: [] };
    suggestion.signals.push(signal);
    if (!suggestion.themes.includes(target.theme)) suggestion.themes.push(target.theme);
    bySuggestion.set(key, suggestion);
  }
  return [...bySuggestion.values()].sort(
    (a, b) => b.signals.length - a.signals.length || PARTY_ORDER.indexOf(a.toParty) - PARTY_ORDER.indexOf(b.toParty),
  );
}
