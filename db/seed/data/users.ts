/**
 * Demo accounts, all with the password DEMO_PASSWORD. The first nine are the accounts the README, the demo
 * script and the e2e journeys sign in with; keep their e-mails, organizations and roles as they are.
 */
import type { UserRole } from "@/db/schema";
import type { DemoOrgKey } from "./organizations";

export const DEMO_PASSWORD = "renkei-demo";

export interface DemoUser {
  key: string;
  email: string;
  name: string;
  nameKana: string;
  org: DemoOrgKey;
  role: UserRole;
}

export const DEMO_USERS = [
  // The nine documented demo accounts.
  { key: "admin", email: "admin@example.jp", name: "佐藤 健一", nameKana: "サトウ ケンイチ", org: "system", role: "admin" },
  { key: "meti-chubu", email: "meti.chubu@example.jp", name: "伊藤 直樹", nameKana: "イトウ ナオキ", org: "meti-chubu", role: "manager" },
  { key: "producer-ishikawa", email: "producer.ishikawa@example.jp", name: "北村 誠", nameKana: "キタムラ マコト", org: "meti-chubu", role: "producer" },
  { key: "inpit-ishikawa", email: "inpit.ishikawa@example.jp", name: "松本 由美", nameKana: "マツモト ユミ", org: "inpit-ishikawa", role: "coordinator" },
  { key: "jpaa-hokuriku", email: "jpaa.hokuriku@example.jp", name: "林 大輔", nameKana: "ハヤシ ダイスケ", org: "jpaa-hokuriku", role: "coordinator" },
  { key: "jcci-kanazawa", email: "jcci.kanazawa@example.jp", name: "中川 翔太", nameKana: "ナカガワ ショウタ", org: "jcci-kanazawa", role: "coordinator" },
  { key: "inpit-aomori", email: "inpit.aomori@example.jp", name: "工藤 美咲", nameKana: "クドウ ミサキ", org: "inpit-aomori", role: "coordinator" },
  { key: "jcci-kobe", email: "jcci.kobe@example.jp", name: "藤原 智子", nameKana: "フジワラ トモコ", org: "jcci-kobe", role: "manager" },
  { key: "jpo", email: "jpo@example.jp", name: "小林 直子", nameKana: "コバヤシ ナオコ", org: "jpo", role: "manager" },
  // More staff, so that teams, referrals and "My day" look like a working network.
  { key: "meti-tohoku", email: "meti.tohoku@example.jp", name: "佐々木 隆", nameKana: "ササキ タカシ", org: "meti-tohoku", role: "manager" },
  { key: "producer-aomori", email: "producer.aomori@example.jp", name: "三上 浩二", nameKana: "ミカミ コウジ", org: "meti-tohoku", role: "producer" },
  { key: "meti-kinki", email: "meti.kinki@example.jp", name: "山本 恵", nameKana: "ヤマモト メグミ", org: "meti-kinki", role: "manager" },
  { key: "producer-kobe", email: "producer.kobe@example.jp", name: "西田 和也", nameKana: "ニシダ カズヤ", org: "meti-kinki", role: "producer" },
  { key: "inpit-ishikawa-manager", email: "manager.inpit.ishikawa@example.jp", name: "吉田 雅子", nameKana: "ヨシダ マサコ", org: "inpit-ishikawa", role: "manager" },
  { key: "inpit-ishikawa-sakamoto", email: "sakamoto.inpit.ishikawa@example.jp", name: "坂本 健太", nameKana: "サカモト ケンタ", org: "inpit-ishikawa", role: "coordinator" },
  { key: "inpit-aomori-kimura", email: "kimura.inpit.aomori@example.jp", name: "木村 沙織", nameKana: "キムラ サオリ", org: "inpit-aomori", role: "coordinator" },
  { key: "inpit-hyogo", email: "inpit.hyogo@example.jp", name: "岡田 美穂", nameKana: "オカダ ミホ", org: "inpit-hyogo", role: "coordinator" },
  { key: "inpit-hyogo-ueda", email: "ueda.inpit.hyogo@example.jp", name: "上田 康弘", nameKana: "ウエダ ヤスヒロ", org: "inpit-hyogo", role: "coordinator" },
  { key: "jpaa-tohoku", email: "jpaa.tohoku@example.jp", name: "高橋 亮", nameKana: "タカハシ リョウ", org: "jpaa-tohoku", role: "coordinator" },
  { key: "jpaa-hokuriku-mori", email: "mori.jpaa.hokuriku@example.jp", name: "森 隆之", nameKana: "モリ タカユキ", org: "jpaa-hokuriku", role: "coordinator" },
  { key: "jpaa-kansai", email: "jpaa.kansai@example.jp", name: "村上 彩", nameKana: "ムラカミ アヤ", org: "jpaa-kansai", role: "coordinator" },
  { key: "jcci-aomori", email: "jcci.aomori@example.jp", name: "成田 晃", nameKana: "ナリタ アキラ", org: "jcci-aomori", role: "coordinator" },
  { key: "jcci-kanazawa-tanaka", email: "tanaka.jcci.kanazawa@example.jp", name: "田中 恵子", nameKana: "タナカ ケイコ", org: "jcci-kanazawa", role: "coordinator" },
  { key: "jcci-kobe-inoue", email: "inoue.jcci.kobe@example.jp", name: "井上 拓也", nameKana: "イノウエ タクヤ", org: "jcci-kobe", role: "coordinator" },
] as const satisfies readonly DemoUser[];

export type DemoUserKey = (typeof DEMO_USERS)[number]["key"];

/**
 * Producer teams, one per model region for the fiscal year of `today`: led by the region's 事業プロデューサー,
 * with members from the four parties. 日本弁理士会 北陸会 sends 森 to the 石川 team; 林 (jpaa.hokuriku) works
 * from the referral inbox only, which is what the e2e journeys rely on.
 */
export const DEMO_TEAMS: ReadonlyArray<{ region: "aomori" | "ishikawa" | "kobe"; bureau: DemoOrgKey; lead: DemoUserKey; members: DemoUserKey[] }> = [
  { region: "aomori", bureau: "meti-tohoku", lead: "producer-aomori", members: ["inpit-aomori", "inpit-aomori-kimura", "jpaa-tohoku", "jcci-aomori"] },
  { region: "ishikawa", bureau: "meti-chubu", lead: "producer-ishikawa", members: ["inpit-ishikawa", "inpit-ishikawa-sakamoto", "jpaa-hokuriku-mori", "jcci-kanazawa"] },
  { region: "kobe", bureau: "meti-kinki", lead: "producer-kobe", members: ["inpit-hyogo", "inpit-hyogo-ueda", "jpaa-kansai", "jcci-kobe-inoue"] },
];
