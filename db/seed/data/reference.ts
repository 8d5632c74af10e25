/**
 * Reference data every install needs (DOMAIN.md: parties, regions, themes, model regions). Tables are data,
 * not code: an administrator can add party kinds, themes or model regions later without a release.
 */
import { stableId } from "../stable-id";

export const PARTY_KINDS = [
  { key: "meti", nameJa: "経済産業局・特許庁", nameEn: "Regional Bureau of Economy, Trade and Industry / JPO", sortOrder: 1 },
  { key: "inpit", nameJa: "INPIT 知財総合支援窓口", nameEn: "INPIT IP Comprehensive Support Desk", sortOrder: 2 },
  { key: "jpaa", nameJa: "日本弁理士会", nameEn: "Japan Patent Attorneys Association", sortOrder: 3 },
  { key: "jcci", nameJa: "商工会議所", nameEn: "Chamber of Commerce and Industry", sortOrder: 4 },
] as const;

export const REGIONAL_BLOCKS = [
  { code: "hokkaido", nameJa: "北海道", nameEn: "Hokkaido", sortOrder: 1 },
  { code: "tohoku", nameJa: "東北", nameEn: "Tohoku", sortOrder: 2 },
  { code: "kanto", nameJa: "関東", nameEn: "Kanto", sortOrder: 3 },
  { code: "chubu", nameJa: "中部", nameEn: "Chubu", sortOrder: 4 },
  { code: "kinki", nameJa: "近畿", nameEn: "Kinki", sortOrder: 5 },
  { code: "chugoku", nameJa: "中国", nameEn: "Chugoku", sortOrder: 6 },
  { code: "shikoku", nameJa: "四国", nameEn: "Shikoku", sortOrder: 7 },
  { code: "kyushu", nameJa: "九州", nameEn: "Kyushu", sortOrder: 8 },
  { code: "okinawa", nameJa: "沖縄", nameEn: "Okinawa", sortOrder: 9 },
] as const;

export type BlockCode = (typeof REGIONAL_BLOCKS)[number]["code"];

/**
 * JIS X 0401 codes. Blocks follow the METI bureaus' jurisdictions, not the everyday regions: 新潟・山梨・長野・
 * 静岡 belong to 関東経済産業局, 福井 to 近畿, and 中部 is 富山・石川・岐阜・愛知・三重.
 */
export const PREFECTURES: ReadonlyArray<{ code: number; nameJa: string; nameEn: string; blockCode: BlockCode }> = [
  { code: 1, nameJa: "北海道", nameEn: "Hokkaido", blockCode: "hokkaido" },
  { code: 2, nameJa: "青森県", nameEn: "Aomori", blockCode: "tohoku" },
  { code: 3, nameJa: "岩手県", nameEn: "Iwate", blockCode: "tohoku" },
  { code: 4, nameJa: "宮城県", nameEn: "Miyagi", blockCode: "tohoku" },
  { code: 5, nameJa: "秋田県", nameEn: "Akita", blockCode: "tohoku" },
  { code: 6, nameJa: "山形県", nameEn: "Yamagata", blockCode: "tohoku" },
  { code: 7, nameJa: "福島県", nameEn: "Fukushima", blockCode: "tohoku" },
  { code: 8, nameJa: "茨城県", nameEn: "Ibaraki", blockCode: "kanto" },
  { code: 9, nameJa: "栃木県", nameEn: "Tochigi", blockCode: "kanto" },
  { code: 10, nameJa: "群馬県", nameEn: "Gunma", blockCode: "kanto" },
  { code: 11, nameJa: "埼玉県", nameEn: "Saitama", blockCode: "kanto" },
  { code: 12, nameJa: "千葉県", nameEn: "Chiba", blockCode: "kanto" },
  { code: 13, nameJa: "東京都", nameEn: "Tokyo", blockCode: "kanto" },
  { code: 14, nameJa: "神奈川県", nameEn: "Kanagawa", blockCode: "kanto" },
  { code: 15, nameJa: "新潟県", nameEn: "Niigata", blockCode: "kanto" },
  { code: 16, nameJa: "富山県", nameEn: "Toyama", blockCode: "chubu" },
  { code: 17, nameJa: "石川県", nameEn: "Ishikawa", blockCode: "chubu" },
  { code: 18, nameJa: "福井県", nameEn: "Fukui", blockCode: "kinki" },
  { code: 19, nameJa: "山梨県", nameEn: "Yamanashi", blockCode: "kanto" },
  { code: 20, nameJa: "長野県", nameEn: "Nagano", blockCode: "kanto" },
  { code: 21, nameJa: "岐阜県", nameEn: "Gifu", blockCode: "chubu" },
  { code: 22, nameJa: "静岡県", nameEn: "Shizuoka", blockCode: "kanto" },
  { code: 23, nameJa: "愛知県", nameEn: "Aichi", blockCode: "chubu" },
  { code: 24, nameJa: "三重県", nameEn: "Mie", blockCode: "chubu" },
  { code: 25, nameJa: "滋賀県", nameEn: "Shiga", blockCode: "kinki" },
  { code: 26, nameJa: "京都府", nameEn: "Kyoto", blockCode: "kinki" },
  { code: 27, nameJa: "大阪府", nameEn: "Osaka", blockCode: "kinki" },
  { code: 28, nameJa: "兵庫県", nameEn: "Hyogo", blockCode: "kinki" },
  { code: 29, nameJa: "奈良県", nameEn: "Nara", blockCode: "kinki" },
  { code: 30, nameJa: "和歌山県", nameEn: "Wakayama", blockCode: "kinki" },
  { code: 31, nameJa: "鳥取県", nameEn: "Tottori", blockCode: "chugoku" },
  { code: 32, nameJa: "島根県", nameEn: "Shimane", blockCode: "chugoku" },
  { code: 33, nameJa: "岡山県", nameEn: "Okayama", blockCode: "chugoku" },
  { code: 34, nameJa: "広島県", nameEn: "Hiroshima", blockCode: "chugoku" },
  { code: 35, nameJa: "山口県", nameEn: "Yamaguchi", blockCode: "chugoku" },
  { code: 36, nameJa: "徳島県", nameEn: "Tokushima", blockCode: "shikoku" },
  { code: 37, nameJa: "香川県", nameEn: "Kagawa", blockCode: "shikoku" },
  { code: 38, nameJa: "愛媛県", nameEn: "Ehime", blockCode: "shikoku" },
  { code: 39, nameJa: "高知県", nameEn: "Kochi", blockCode: "shikoku" },
  { code: 40, nameJa: "福岡県", nameEn: "Fukuoka", blockCode: "kyushu" },
  { code: 41, nameJa: "佐賀県", nameEn: "Saga", blockCode: "kyushu" },
  { code: 42, nameJa: "長崎県", nameEn: "Nagasaki", blockCode: "kyushu" },
  { code: 43, nameJa: "熊本県", nameEn: "Kumamoto", blockCode: "kyushu" },
  { code: 44, nameJa: "大分県", nameEn: "Oita", blockCode: "kyushu" },
  { code: 45, nameJa: "宮崎県", nameEn: "Miyazaki", blockCode: "kyushu" },
  { code: 46, nameJa: "鹿児島県", nameEn: "Kagoshima", blockCode: "kyushu" },
  { code: 47, nameJa: "沖縄県", nameEn: "Okinawa", blockCode: "okinawa" },
];

export const PREFECTURE_CODE = {
  aomori: 2,
  iwate: 3,
  miyagi: 4,
  toyama: 16,
  ishikawa: 17,
  fukui: 18,
  aichi: 23,
  osaka: 27,
  hyogo: 28,
  yamaguchi: 35,
  kumamoto: 43,
} as const;

const THEME_LIST = [
  { key: "trademark_brand", nameJa: "商標・ブランド", nameEn: "Trademarks and branding" },
  { key: "patent", nameJa: "特許", nameEn: "Patents" },
  { key: "design", nameJa: "意匠・デザイン経営", nameEn: "Designs and design-driven management" },
  { key: "trade_secret", nameJa: "営業秘密・ノウハウ", nameEn: "Trade secrets and know-how" },
  { key: "licensing", nameJa: "ライセンス・知財活用", nameEn: "Licensing and IP utilization" },
  { key: "overseas", nameJa: "海外展開", nameEn: "Overseas expansion" },
  { key: "plant_variety_gi", nameJa: "植物新品種・地域ブランド(GI)", nameEn: "Plant varieties and regional brands (GI)" },
  { key: "counterfeit", nameJa: "模倣品対策", nameEn: "Anti-counterfeiting" },
  { key: "succession", nameJa: "事業承継", nameEn: "Business succession" },
  { key: "financing", nameJa: "資金調達・知財金融", nameEn: "Financing and IP finance" },
  { key: "academia", nameJa: "産学連携", nameEn: "Industry–academia collaboration" },
  { key: "startup", nameJa: "スタートアップ", nameEn: "Startups" },
] as const;

export type ThemeKey = (typeof THEME_LIST)[number]["key"];
export const THEMES = THEME_LIST.map((theme, index) => ({ ...theme, sortOrder: index + 1 }));

/** 知財経営支援モデル地域: the FY2024 cohort runs FY2024–2026, the FY2025 cohort FY2025–2027. */
const MODEL_REGION_LIST = [
  { key: "aomori", kind: "prefecture", prefectureCode: 2, cityName: null, nameJa: "青森県", nameEn: "Aomori Prefecture", firstFiscalYear: 2024 },
  { key: "ishikawa", kind: "prefecture", prefectureCode: 17, cityName: null, nameJa: "石川県", nameEn: "Ishikawa Prefecture", firstFiscalYear: 2024 },
  { key: "kobe", kind: "city", prefectureCode: 28, cityName: "神戸市", nameJa: "神戸市", nameEn: "Kobe City", firstFiscalYear: 2024 },
  { key: "aichi", kind: "prefecture", prefectureCode: 23, cityName: null, nameJa: "愛知県", nameEn: "Aichi Prefecture", firstFiscalYear: 2025 },
  { key: "yamaguchi", kind: "prefecture", prefectureCode: 35, cityName: null, nameJa: "山口県", nameEn: "Yamaguchi Prefecture", firstFiscalYear: 2025 },
  { key: "kumamoto", kind: "city", prefectureCode: 43, cityName: "熊本市", nameJa: "熊本市", nameEn: "Kumamoto City", firstFiscalYear: 2025 },
] as const;

export type ModelRegionKey = (typeof MODEL_REGION_LIST)[number]["key"];

export const MODEL_REGIONS = MODEL_REGION_LIST.map((region) => ({
  ...region,
  // Named, so that a re-run finds the same row: model regions have no natural unique key.
  id: modelRegionId(region.key),
  lastFiscalYear: region.firstFiscalYear + 2,
}));

export function modelRegionId(key: ModelRegionKey): string {
  const region = MODEL_REGION_LIST.find((r) => r.key === key)!;
  return stableId("reference", `model-region/${region.key}/${region.firstFiscalYear}`);
}

/** The one organization of administrators: no party kind, no region (DOMAIN.md: Roles). */
export const SYSTEM_ORGANIZATION = {
  id: stableId("reference", "organization/system"),
  nameJa: "Renkei 運営事務局",
  nameEn: "Renkei Secretariat",
  isSystem: true,
} as const;
