import { describe, expect, it } from "vitest";
import { normalizeCompanyName } from "./normalize-name";

describe("normalizeCompanyName", () => {
  it("gives one key for the ways a clerk writes 株式会社 山田製作所", () => {
    const spellings = [
      "株式会社 山田製作所",
      "株式会社山田製作所",
      "山田製作所株式会社",
      "山田製作所（株）",
      "山田製作所(株)",
      "（株）山田製作所",
      "㈱山田製作所",
      "㍿山田製作所",
      "　山田製作所　",
    ];
    for (const spelling of spellings) expect(normalizeCompanyName(spelling)).toBe("山田製作所");
  });

  it.each([
    ["有限会社 能登塩田", "能登塩田"],
    ["㈲能登塩田", "能登塩田"],
    ["(有)能登塩田", "能登塩田"],
    ["合同会社ハマナスラボ", "ハマナスラボ"],
    ["ハマナスラボ（同）", "ハマナスラボ"],
    ["合資会社 津軽酒造店", "津軽酒造店"],
    ["合名会社 北前商店", "北前商店"],
    ["一般社団法人 加賀百万石観光推進機構", "加賀百万石観光推進機構"],
    ["一般財団法人神戸産業振興財団", "神戸産業振興財団"],
  ])("removes the legal form from %s", (input, expected) => {
    expect(normalizeCompanyName(input)).toBe(expected);
  });

  it("folds full-width and half-width forms (NFKC)", () => {
    expect(normalizeCompanyName("株式会社ＫＯＢＥ　ＴＥＣＨ")).toBe("kobetech");
    expect(normalizeCompanyName("ｶｶﾞｾﾝｲ株式会社")).toBe("カガセンイ");
  });

  it("lowercases Latin letters and removes every space", () => {
    expect(normalizeCompanyName("Aomori Apple Works 株式会社")).toBe("aomoriappleworks");
  });

  it("writes ヶ and ヵ as ケ and カ", () => {
    expect(normalizeCompanyName("株式会社霞ヶ関商事")).toBe(normalizeCompanyName("霞ケ関商事(株)"));
    expect(normalizeCompanyName("一ヵ所工房")).toBe("一カ所工房");
  });

  it("keeps Japanese otherwise: kana and kanji spellings stay different companies", () => {
    expect(normalizeCompanyName("株式会社かが繊維")).not.toBe(normalizeCompanyName("株式会社加賀繊維"));
    expect(normalizeCompanyName("株式会社加賀繊維工業")).not.toBe(normalizeCompanyName("株式会社加賀繊維"));
  });

  it("leaves brackets alone unless they hold a legal-form abbreviation", () => {
    // (資) is 合資会社, but （資料） is not a legal form.
    expect(normalizeCompanyName("（資料）センター株式会社")).toBe("(資料)センター");
  });

  it("keeps a name that is nothing but a legal form", () => {
    expect(normalizeCompanyName("株式会社")).toBe("株式会社");
  });
});
