/**
 * The demo network: the four parties' bodies around the three FY2024 model regions (青森県, 石川県, 神戸市),
 * and the national level of 経産局・特許庁 above the bureaus. Names follow the real bodies; the people in
 * ./users.ts are invented.
 */
import type { BlockCode } from "./reference";

export type RegionKey = "aomori" | "ishikawa" | "kobe";

export interface DemoOrganization {
  key: string;
  nameJa: string;
  nameEn: string;
  partyKindKey: "meti" | "inpit" | "jpaa" | "jcci";
  /** The national level (特許庁) has none: it oversees every block (lib/kpi/scope-access.ts). */
  blockCode: BlockCode | null;
  /** Bureau-level and national bodies have none. */
  prefectureCode: number | null;
  /** The model region the body works around; none for the national level. */
  region: RegionKey | null;
}

export const DEMO_ORGANIZATIONS = [
  // A meti body without a block is the national level: the national KPI scope and the whole country's tile map.
  { key: "jpo", nameJa: "特許庁 普及支援課", nameEn: "Japan Patent Office, Promotion and Support Division", partyKindKey: "meti", blockCode: null, prefectureCode: null, region: null },
  { key: "meti-tohoku", nameJa: "東北経済産業局 知的財産室", nameEn: "Tohoku Bureau of Economy, Trade and Industry, IP Office", partyKindKey: "meti", blockCode: "tohoku", prefectureCode: null, region: "aomori" },
  { key: "meti-chubu", nameJa: "中部経済産業局 知的財産室", nameEn: "Chubu Bureau of Economy, Trade and Industry, IP Office", partyKindKey: "meti", blockCode: "chubu", prefectureCode: null, region: "ishikawa" },
  { key: "meti-kinki", nameJa: "近畿経済産業局 知的財産室", nameEn: "Kinki Bureau of Economy, Trade and Industry, IP Office", partyKindKey: "meti", blockCode: "kinki", prefectureCode: null, region: "kobe" },
  { key: "inpit-aomori", nameJa: "INPIT 青森県知財総合支援窓口", nameEn: "INPIT Aomori IP Comprehensive Support Desk", partyKindKey: "inpit", blockCode: "tohoku", prefectureCode: 2, region: "aomori" },
  { key: "inpit-ishikawa", nameJa: "INPIT 石川県知財総合支援窓口", nameEn: "INPIT Ishikawa IP Comprehensive Support Desk", partyKindKey: "inpit", blockCode: "chubu", prefectureCode: 17, region: "ishikawa" },
  { key: "inpit-hyogo", nameJa: "INPIT 兵庫県知財総合支援窓口", nameEn: "INPIT Hyogo IP Comprehensive Support Desk", partyKindKey: "inpit", blockCode: "kinki", prefectureCode: 28, region: "kobe" },
  // The 東北会 office is in Sendai (宮城); it serves 青森 as well.
  { key: "jpaa-tohoku", nameJa: "日本弁理士会 東北会", nameEn: "JPAA Tohoku Chapter", partyKindKey: "jpaa", blockCode: "tohoku", prefectureCode: 4, region: "aomori" },
  { key: "jpaa-hokuriku", nameJa: "日本弁理士会 北陸会", nameEn: "JPAA Hokuriku Chapter", partyKindKey: "jpaa", blockCode: "chubu", prefectureCode: 17, region: "ishikawa" },
  { key: "jpaa-kansai", nameJa: "日本弁理士会 関西会", nameEn: "JPAA Kansai Chapter", partyKindKey: "jpaa", blockCode: "kinki", prefectureCode: 28, region: "kobe" },
  { key: "jcci-aomori", nameJa: "青森商工会議所", nameEn: "Aomori Chamber of Commerce and Industry", partyKindKey: "jcci", blockCode: "tohoku", prefectureCode: 2, region: "aomori" },
  { key: "jcci-kanazawa", nameJa: "金沢商工会議所", nameEn: "Kanazawa Chamber of Commerce and Industry", partyKindKey: "jcci", blockCode: "chubu", prefectureCode: 17, region: "ishikawa" },
  { key: "jcci-kobe", nameJa: "神戸商工会議所", nameEn: "Kobe Chamber of Commerce and Industry", partyKindKey: "jcci", blockCode: "kinki", prefectureCode: 28, region: "kobe" },
] as const satisfies readonly DemoOrganization[];

export type DemoOrgKey = (typeof DEMO_ORGANIZATIONS)[number]["key"] | "system";
