/**
 * The key for duplicate-company warnings: two spellings of one company should produce the same string.
 * Pure and deliberately modest — it folds the differences that clerks actually type (width, spaces, where
 * and how the legal form is written), not reading or synonyms, so that a match stays a likely duplicate.
 */

/**
 * Legal-form words, after NFKC (which turns ㈱ into "(株)", （有） into "(有)" and ㍿ into "株式会社").
 * Longest first is not needed — none is a prefix of another — but the abbreviations need their brackets.
 */
const LEGAL_FORMS = new RegExp(
  [
    "株式会社",
    "有限会社",
    "合同会社",
    "合資会社",
    "合名会社",
    "一般社団法人",
    "一般財団法人",
    "公益社団法人",
    "公益財団法人",
    "特定非営利活動法人",
    "\\((?:株|有|同|資|名|社|財|一社|一財|特非)\\)",
  ].join("|"),
  "g",
);

/** ヶ and ヵ are written interchangeably with ケ and カ in names (霞ヶ関 / 霞ケ関, 一ヵ所 / 一カ所). */
const SMALL_KANA = new Map([
  ["ヶ", "ケ"],
  ["ゖ", "ケ"],
  ["ヵ", "カ"],
  ["ゕ", "カ"],
]);

export function normalizeCompanyName(name: string): string {
  const compact = name.normalize("NFKC").replace(/\s+/gu, "");
  const withoutForm = compact.replace(LEGAL_FORMS, "");
  // A name that is nothing but a legal form keeps it, rather than matching every other such name.
  const base = withoutForm.length > 0 ? withoutForm : compact;
  return base.toLowerCase().replace(/[ヶゖヵゕ]/g, (ch) => SMALL_KANA.get(ch) ?? ch);
}
