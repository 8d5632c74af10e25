import { describe, expect, it } from "vitest";
import { normalizeKanaReading } from "./normalize-kana";

describe("normalizeKanaReading", () => {
  it("writes hiragana, half-width and full-width katakana readings the same way, in full-width katakana", () => {
    for (const typed of ["かがせんいこうぎょう", "ｶｶﾞｾﾝｲｺｳｷﾞｮｳ", "カガセンイコウギョウ", "かがセンイｺｳｷﾞｮｳ"]) {
      expect(normalizeKanaReading(typed)).toBe("カガセンイコウギョウ");
    }
  });

  it("keeps voiced and semi-voiced marks, small kana, the long vowel mark and iteration marks", () => {
    expect(normalizeKanaReading("ぱーぷる・ぴっちゃー")).toBe("パープル・ピッチャー");
    expect(normalizeKanaReading("ﾊﾟｰﾌﾟﾙ")).toBe("パープル");
    expect(normalizeKanaReading("ゔぁいおりん")).toBe("ヴァイオリン");
    expect(normalizeKanaReading("いすゞ")).toBe("イスヾ");
    expect(normalizeKanaReading("ゕゖ")).toBe("ヵヶ");
  });

  it("collapses full-width, half-width and repeated spaces into one and trims the ends", () => {
    expect(normalizeKanaReading("　かぶしきがいしゃ　　のとせいき ")).toBe("カブシキガイシャ ノトセイキ");
    expect(normalizeKanaReading("ﾂｶﾞﾙ\t\tｼﾞｮｳｿﾞｳ")).toBe("ツガル ジョウゾウ");
  });

  it("leaves what is not kana as NFKC gives it (Latin letters, digits, kanji)", () => {
    expect(normalizeKanaReading("ＡＢＣ　しょうじ１２３")).toBe("ABC ショウジ123");
    expect(normalizeKanaReading("金沢")).toBe("金沢");
    expect(normalizeKanaReading("")).toBe("");
  });

  it("is idempotent: a stored reading normalizes to itself", () => {
    const once = normalizeKanaReading("ｶﾌﾞｼｷｶﾞｲｼｬ　きたまえ");
    expect(normalizeKanaReading(once)).toBe(once);
  });
});
