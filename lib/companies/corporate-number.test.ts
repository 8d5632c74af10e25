import { describe, expect, it } from "vitest";
import { computeCheckDigit, isValidCorporateNumber, normalizeCorporateNumber } from "./corporate-number";

// Published numbers of real corporations, quoted in DOMAIN.md.
const VALID = ["1180301018771", "4011001098993", "2120901007402"];

describe("computeCheckDigit", () => {
  it.each(VALID)("gives the published check digit of %s", (number) => {
    expect(computeCheckDigit(number.slice(1))).toBe(Number(number[0]));
  });

  it("weights the digits from the right, odd positions 1 and even positions 2", () => {
    // P1 = 1 (rightmost, weight 1) → Σ = 1 → 9 − 1 = 8; P2 = 1 (weight 2) → Σ = 2 → 7.
    expect(computeCheckDigit("000000000001")).toBe(8);
    expect(computeCheckDigit("000000000010")).toBe(7);
  });

  it("gives 9, never 0, when the weighted sum is a multiple of 9", () => {
    expect(computeCheckDigit("000000000000")).toBe(9);
    expect(computeCheckDigit("000000000009")).toBe(9);
  });

  it.each(["12345678901", "1234567890123", "12345678901a", "１２３４５６７８９０１２", ""])(
    "refuses %j, which is not twelve ASCII digits",
    (input) => {
      expect(() => computeCheckDigit(input)).toThrow(RangeError);
    },
  );
});

describe("isValidCorporateNumber", () => {
  it.each(VALID)("accepts %s", (number) => {
    expect(isValidCorporateNumber(number)).toBe(true);
  });

  it.each(VALID)("refuses %s with any other check digit", (number) => {
    const others = "123456789".split("").filter((d) => d !== number[0]);
    for (const digit of others) expect(isValidCorporateNumber(digit + number.slice(1))).toBe(false);
  });

  it("refuses a swapped pair of digits that the check digit catches", () => {
    // 1180301018771 with its last two digits swapped.
    expect(isValidCorporateNumber("1180301018717")).toBe(false);
  });

  it.each(["118030101877", "11803010187710", "", "0"])("refuses %j of the wrong length", (input) => {
    expect(isValidCorporateNumber(input)).toBe(false);
  });

  it("refuses input that has not been normalized (full-width digits, hyphens)", () => {
    expect(isValidCorporateNumber("１１８０３０１０１８７７１")).toBe(false);
    expect(isValidCorporateNumber("1180-3010-18771")).toBe(false);
  });

  it("refuses letters", () => {
    expect(isValidCorporateNumber("118030101877A")).toBe(false);
    expect(isValidCorporateNumber("T180301018771")).toBe(false);
  });
});

describe("normalizeCorporateNumber", () => {
  it("keeps a plain 13-digit number as it is", () => {
    expect(normalizeCorporateNumber("1180301018771")).toBe("1180301018771");
  });

  it.each([
    ["full-width digits and full-width hyphens", "１１８０－３０１０－１８７７１"],
    ["katakana prolonged sound marks typed for hyphens", "１１８０ー３０１０ー１８７７１"],
    ["Unicode hyphens", "1180‐3010‐18771"],
    ["ASCII hyphens", "1180-3010-18771"],
    ["spaces, including the ideographic space", " 1180 3010\u300018771 "],
    ["a minus sign and an en dash", "1180−3010–18771"],
  ])("accepts %s", (_label, input) => {
    expect(normalizeCorporateNumber(input)).toBe("1180301018771");
  });

  it("returns null when the digits are not thirteen", () => {
    expect(normalizeCorporateNumber("1180-3010-1877")).toBeNull();
    expect(normalizeCorporateNumber("11803010187711")).toBeNull();
    expect(normalizeCorporateNumber("")).toBeNull();
  });

  it("returns null for letters and other symbols instead of dropping them", () => {
    expect(normalizeCorporateNumber("T1180301018771")).toBeNull();
    expect(normalizeCorporateNumber("118030101877a")).toBeNull();
    expect(normalizeCorporateNumber("1180.3010.18771")).toBeNull();
  });

  it("only formats: a well-formed number with a wrong check digit still comes back", () => {
    expect(normalizeCorporateNumber("2180301018771")).toBe("2180301018771");
    expect(isValidCorporateNumber("2180301018771")).toBe(false);
  });
});
