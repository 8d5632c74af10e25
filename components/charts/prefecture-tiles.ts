/**
 * A tile grid of Japan: one equal square per prefecture, placed so that neighbours stay neighbours (北海道
 * top right, 沖縄 bottom left, the Sea of Japan side above the Pacific side). Equal tiles keep 東京 and 鳥取
 * equally visible, which a real map does not. 13 columns × 11 rows; `col`/`row` start at 0.
 * The short names are what fits on a tile; the table fallback and the links' labels use the full names.
 */
export interface PrefectureTile {
  code: number;
  shortJa: string;
  shortEn: string;
  col: number;
  row: number;
}

export const TILE_GRID = { columns: 13, rows: 11 } as const;

export const PREFECTURE_TILES: readonly PrefectureTile[] = [
  { code: 1, shortJa: "北海道", shortEn: "Hokkaido", col: 12, row: 0 },
  { code: 2, shortJa: "青森", shortEn: "Aomori", col: 12, row: 1 },
  { code: 3, shortJa: "岩手", shortEn: "Iwate", col: 12, row: 2 },
  { code: 4, shortJa: "宮城", shortEn: "Miyagi", col: 12, row: 3 },
  { code: 5, shortJa: "秋田", shortEn: "Akita", col: 11, row: 2 },
  { code: 6, shortJa: "山形", shortEn: "Yamagata", col: 11, row: 3 },
  { code: 7, shortJa: "福島", shortEn: "Fukushima", col: 11, row: 4 },
  { code: 8, shortJa: "茨城", shortEn: "Ibaraki", col: 12, row: 5 },
  { code: 9, shortJa: "栃木", shortEn: "Tochigi", col: 11, row: 5 },
  { code: 10, shortJa: "群馬", shortEn: "Gunma", col: 10, row: 5 },
  { code: 11, shortJa: "埼玉", shortEn: "Saitama", col: 10, row: 6 },
  { code: 12, shortJa: "千葉", shortEn: "Chiba", col: 12, row: 6 },
  { code: 13, shortJa: "東京", shortEn: "Tokyo", col: 11, row: 6 },
  { code: 14, shortJa: "神奈川", shortEn: "Kanagawa", col: 10, row: 7 },
  { code: 15, shortJa: "新潟", shortEn: "Niigata", col: 10, row: 4 },
  { code: 16, shortJa: "富山", shortEn: "Toyama", col: 9, row: 4 },
  { code: 17, shortJa: "石川", shortEn: "Ishikawa", col: 8, row: 4 },
  { code: 18, shortJa: "福井", shortEn: "Fukui", col: 7, row: 4 },
  { code: 19, shortJa: "山梨", shortEn: "Yamanashi", col: 9, row: 6 },
  { code: 20, shortJa: "長野", shortEn: "Nagano", col: 9, row: 5 },
  { code: 21, shortJa: "岐阜", shortEn: "Gifu", col: 8, row: 5 },
  { code: 22, shortJa: "静岡", shortEn: "Shizuoka", col: 9, row: 7 },
  { code: 23, shortJa: "愛知", shortEn: "Aichi", col: 8, row: 6 },
  { code: 24, shortJa: "三重", shortEn: "Mie", col: 7, row: 6 },
  { code: 25, shortJa: "滋賀", shortEn: "Shiga", col: 7, row: 5 },
  { code: 26, shortJa: "京都", shortEn: "Kyoto", col: 6, row: 5 },
  { code: 27, shortJa: "大阪", shortEn: "Osaka", col: 5, row: 6 },
  { code: 28, shortJa: "兵庫", shortEn: "Hyogo", col: 5, row: 5 },
  { code: 29, shortJa: "奈良", shortEn: "Nara", col: 6, row: 6 },
  { code: 30, shortJa: "和歌山", shortEn: "Wakayama", col: 6, row: 7 },
  { code: 31, shortJa: "鳥取", shortEn: "Tottori", col: 4, row: 5 },
  { code: 32, shortJa: "島根", shortEn: "Shimane", col: 3, row: 5 },
  { code: 33, shortJa: "岡山", shortEn: "Okayama", col: 4, row: 6 },
  { code: 34, shortJa: "広島", shortEn: "Hiroshima", col: 3, row: 6 },
  { code: 35, shortJa: "山口", shortEn: "Yamaguchi", col: 2, row: 6 },
  { code: 36, shortJa: "徳島", shortEn: "Tokushima", col: 4, row: 8 },
  { code: 37, shortJa: "香川", shortEn: "Kagawa", col: 4, row: 7 },
  { code: 38, shortJa: "愛媛", shortEn: "Ehime", col: 3, row: 7 },
  { code: 39, shortJa: "高知", shortEn: "Kochi", col: 3, row: 8 },
  { code: 40, shortJa: "福岡", shortEn: "Fukuoka", col: 1, row: 7 },
  { code: 41, shortJa: "佐賀", shortEn: "Saga", col: 0, row: 7 },
  { code: 42, shortJa: "長崎", shortEn: "Nagasaki", col: 0, row: 8 },
  { code: 43, shortJa: "熊本", shortEn: "Kumamoto", col: 1, row: 8 },
  { code: 44, shortJa: "大分", shortEn: "Oita", col: 2, row: 7 },
  { code: 45, shortJa: "宮崎", shortEn: "Miyazaki", col: 2, row: 8 },
  { code: 46, shortJa: "鹿児島", shortEn: "Kagoshima", col: 1, row: 9 },
  { code: 47, shortJa: "沖縄", shortEn: "Okinawa", col: 0, row: 10 },
];

/** Shading steps: 0, then four equal steps up to the largest value. Returns 0–4. */
export function shadeLevel(value: number, max: number): 0 | 1 | 2 | 3 | 4 {
  if (value <= 0 || max <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((value / max) * 4))) as 1 | 2 | 3 | 4;
}

/** The value range of each shading step 1–4 for the legend, for whole-number counts up to `max`. */
export function shadeRanges(max: number): { level: 1 | 2 | 3 | 4; from: number; to: number }[] {
  if (max <= 0) return [];
  const ranges: { level: 1 | 2 | 3 | 4; from: number; to: number }[] = [];
  for (const level of [1, 2, 3, 4] as const) {
    const to = Math.floor((max * level) / 4);
    const from = level === 1 ? 1 : Math.floor((max * (level - 1)) / 4) + 1;
    if (to >= from) ranges.push({ level, from, to });
  }
  return ranges;
}
