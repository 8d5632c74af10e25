/**
 * 法人番号 (corporate number): 13 digits, the first of which is a check digit over the other twelve.
 * Pure rules, no I/O — used by forms, imports and the demo seed alike.
 */

/**
 * Hyphen-like characters people type between digit groups: ASCII and full-width hyphen-minus (NFKC folds
 * the latter), the Unicode hyphens and dashes, the minus sign, and the katakana prolonged sound mark ー that
 * Japanese IMEs produce when the user presses the minus key in kana mode.
 */
const SEPARATORS = /[\s\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\uff70]/g;

/**
 * Cleans user input into a 13-digit string: full-width digits become ASCII (NFKC), spaces and hyphens go.
 * Returns null when what is left is not exactly 13 digits. It does not check the check digit: an input can be
 * well-formed and still wrong, which `isValidCorporateNumber` tells.
 */
export function normalizeCorporateNumber(input: string): string | null {
  const cleaned = input.normalize("NFKC").replace(SEPARATORS, "");
  return /^[0-9]{13}$/.test(cleaned) ? cleaned : null;
}

/**
 * The check digit for the twelve digits that follow it. Number the digits from the right as P1..P12, weight
 * Qn = 1 for odd n and 2 for even n; check = 9 − (Σ Pn·Qn mod 9). The result is always 1..9.
 */
export function computeCheckDigit(twelveDigits: string): number {
  if (!/^[0-9]{12}$/.test(twelveDigits)) {
    throw new RangeError(`computeCheckDigit expects 12 ASCII digits, got "${twelveDigits}"`);
  }
  let sum = 0;
  for (let n = 1; n <= 12; n += 1) {
    const digit = Number(twelveDigits[12 - n]);
    sum += digit * (n % 2 === 1 ? 1 : 2);
  }
  return 9 - (sum % 9);
}

/** True for a 13-ASCII-digit string whose first digit is the check digit of the rest. Normalize input first. */
export function isValidCorporateNumber(value: string): boolean {
  if (!/^[0-9]{13}$/.test(value)) return false;
  return Number(value[0]) === computeCheckDigit(value.slice(1));
}
