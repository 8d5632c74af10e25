import { describe, expect, it } from "vitest";
import { REFERRAL_SERVICES } from "@/lib/referrals/services";
import { THEMES } from "@/db/seed/data/reference";
import { IP_NEED_SIGNALS, isIpNeedSignal, suggestReferrals } from "./intake";

describe("the IP-need checklist of the 商工会議所 home", () => {
  it("suggests nothing when nothing is checked", () => {
    expect(suggestReferrals([])).toEqual([]);
  });

  it("sends an unregistered brand to the INPIT desk as an IP consultation about trademarks", () => {
    expect(suggestReferrals(["brand_unregistered"])).toEqual([
      { toParty: "inpit", service: "ip_consultation", signals: ["brand_unregistered"], themes: ["trademark_brand"] },
    ]);
  });

  it("sends imitations to 弁理士会 (an attorney is needed) and funding to the bureau", () => {
    expect(suggestReferrals(["imitations_seen"])[0]).toMatchObject({ toParty: "jpaa", service: "anti_counterfeit" });
    expect(suggestReferrals(["funding"])[0]).toMatchObject({ toParty: "meti", service: "subsidy_funding" });
  });

  it("puts the suggestion with the most signs first and gathers their themes", () => {
    const [first, second] = suggestReferrals(["imitations_seen", "brand_unregistered", "new_product", "business_succession"]);
    expect(first).toEqual({
      toParty: "inpit",
      service: "ip_consultation",
      signals: ["brand_unregistered", "new_product", "business_succession"],
      themes: ["trademark_brand", "patent", "succession"],
    });
    expect(second).toMatchObject({ toParty: "jpaa", service: "anti_counterfeit", signals: ["imitations_seen"] });
  });

  it("breaks a tie in favour of the one-stop INPIT desk, whatever the order of checking", () => {
    expect(suggestReferrals(["licensing", "overseas_sales"]).map((s) => s.toParty)).toEqual(["inpit", "jpaa"]);
    expect(suggestReferrals(["funding", "licensing"]).map((s) => s.toParty)).toEqual(["jpaa", "meti"]);
  });

  it("only ever suggests services and themes that exist", () => {
    const all = suggestReferrals([...IP_NEED_SIGNALS]);
    const themeKeys = THEMES.map((t) => t.key as string);
    for (const s of all) {
      expect(REFERRAL_SERVICES).toContain(s.service);
      for (const theme of s.themes) expect(themeKeys).toContain(theme);
    }
    expect(all.flatMap((s) => s.signals).sort()).toEqual([...IP_NEED_SIGNALS].sort());
  });

  it("recognizes its own signs and nothing else", () => {
    expect(isIpNeedSignal("overseas_sales")).toBe(true);
    expect(isIpNeedSignal("hack")).toBe(false);
    expect(isIpNeedSignal(undefined)).toBe(false);
  });
});
