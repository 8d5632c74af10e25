/**
 * The one way a kana reading (フリガナ) is written: as it is stored, and as the search looks it up.
 * Readings arrive in every form a Japanese IME or an old system produces — hiragana, half-width katakana,
 * full-width spaces — and search_text (db/schema/companies.ts) holds only NFKC, so a reading stored as
 * typed would be found by one script and not the other. Pure: no I/O, unit-tested beside it.
 */

/** Hiragana (ぁ–ゖ, and the iteration marks ゝゞ) sit exactly 0x60 below their katakana. */
const HIRAGANA = /[\u3041-\u3096\u309d\u309e]/g;
const KATAKANA_OFFSET = 0x60;

/** NFKC (half-width ｶﾞ → ガ, full-width spaces → spaces), hiragana → katakana, runs of spaces → one, trimmed. */
export function normalizeKanaReading(text: string): string {
  return text
    .normalize("NFKC")
    .replace(HIRAGANA, (ch) => String.fromCharCode(ch.charCodeAt(0) + KATAKANA_OFFSET))
    .replace(/\s+/gu, " ")
    .trim();
}
